import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { MAX_DELIVERY_BANDS } from "~/domain/orders";
import { getDeliveryRule, setDeliveryRule } from "~/models/orders/checkout.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, parseForm } from "~/utils/forms";
import { pick } from "~/domain/language";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { refuse } from "~/routes-support/refusals.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

/** Whether the station delivers to the buyer's door, and for what fee (free from an order value on). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "orders:write");
  const { lang, t } = getTranslate(request);
  const rule = await getDeliveryRule(context.db, { stationId: station.station.id });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    saved: new URL(request.url).searchParams.get("saved") === "1",
    rule: rule.offered ? { offered: true, flatFee: rule.flatFee, freeAbove: rule.freeAbove ?? "" } : { offered: false, flatFee: "", freeAbove: "" },
    // Fixed rows (no JavaScript to add one): the saved bands, then empty rows up to the limit.
    bands: Array.from({ length: MAX_DELIVERY_BANDS }, (_, i) => (rule.offered ? rule.bands?.[i] : undefined) ?? { upToKm: "", fee: "" }),
    meta: { title: `${t("orders.rule.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const amount = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d{1,6}(\.\d{1,2})?$/.test(v), "validation.invalid");

const km = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || (/^\d{1,4}(\.\d{1,2})?$/.test(v) && !/^[0.]+$/.test(v)), "orders.rule.error.km");

const ROWS = Array.from({ length: MAX_DELIVERY_BANDS }, (_, i) => i);
const bandFields = Object.fromEntries(ROWS.flatMap((i) => [[`bandKm${i}`, km()], [`bandFee${i}`, amount()]]));

const RuleForm = z
  .object({ offered: z.literal("on").optional(), flatFee: amount(), freeAbove: amount(), bandRows: z.literal(String(MAX_DELIVERY_BANDS)).optional(), ...bandFields })
  .superRefine((form, ctx) => {
    if (form.offered && form.flatFee === "") ctx.addIssue({ code: "custom", path: ["flatFee"], message: "validation.required" });
    const row = (i: number) => ({ km: (form as Record<string, string>)[`bandKm${i}`] ?? "", fee: (form as Record<string, string>)[`bandFee${i}`] ?? "" });
    const seen = new Map<string, number>();
    for (const i of ROWS) {
      const { km, fee } = row(i);
      if (km === "" && fee === "") continue;
      if (km === "") ctx.addIssue({ code: "custom", path: [`bandKm${i}`], message: "validation.required" });
      if (fee === "") ctx.addIssue({ code: "custom", path: [`bandFee${i}`], message: "validation.required" });
      if (!/^\d{1,4}(\.\d{1,2})?$/.test(km) || /^[0.]+$/.test(km)) continue;
      const same = normalKm(km);
      if (seen.has(same)) ctx.addIssue({ code: "custom", path: [`bandKm${i}`], message: "orders.rule.error.duplicateKm" });
      seen.set(same, i);
    }
  });

/** "15", "15.0" and "15.00" are one distance. */
function normalKm(km: string): string {
  const [whole = "0", frac = ""] = km.split(".");
  const f = frac.replace(/0+$/, "");
  return `${whole.replace(/^0+(?=\d)/, "")}${f ? `.${f}` : ""}`;
}

async function keptBands(db: ActionFunctionArgs["context"]["db"], stationId: string) {
  const rule = await getDeliveryRule(db, { stationId });
  return rule.offered ? (rule.bands ?? []) : [];
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { station, user } = await requireStationAccess(request, context, params.code, "orders:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(RuleForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data as typeof parsed.data & Record<string, string | undefined>;
  const posted = formValues(formData);
  // The setter replaces the whole rule: a form without the band rows (an older page) keeps the bands.
  const bands = form.bandRows
    ? ROWS.map((i) => ({ upToKm: form[`bandKm${i}`] ?? "", fee: form[`bandFee${i}`] ?? "" })).filter((b) => b.upToKm !== "" && b.fee !== "")
    : await keptBands(context.db, station.station.id);
  try {
    await setDeliveryRule(context.db, {
      stationId: station.station.id,
      actorUserId: user.id,
      rule: form.offered ? { offered: true, flatFee: form.flatFee, freeAbove: form.freeAbove === "" ? null : form.freeAbove, bands } : { offered: false },
    });
  } catch (error) {
    return refuse(error, { t, lang, values: posted });
  }
  return redirect(`/stations/${station.station.code}/manage/delivery?saved=1`);
}

export default function DeliveryRule() {
  const { station, saved, rule, bands } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const { errors, values } = useFormFeedback({
    flatFee: rule.flatFee,
    freeAbove: rule.freeAbove,
    offered: rule.offered ? "on" : "",
    ...Object.fromEntries(bands.flatMap((b, i) => [[`bandKm${i}`, b.upToKm], [`bandFee${i}`, b.fee]])),
  });
  return (
    <div className="space-y-4">
      <ManageHeader
        stationCode={station.code}
        stationName={station.name}
        title={t("orders.rule.title")}
        back={{ href: `/stations/${station.code}/manage/orders`, label: t("orders.manage.title") }}
      />
      {saved ? <FormAlert tone="success">{t("orders.manage.saved")}</FormAlert> : null}
      <p className="text-stone-700">{t("orders.rule.intro")}</p>
      <Form method="post" className="card space-y-4" noValidate data-testid="delivery-rule-form">
        <label className="flex min-h-[44px] items-center gap-2">
          <input type="checkbox" name="offered" defaultChecked={values.offered === "on"} /> {t("orders.rule.offersDelivery")}
        </label>
        <Field label={t("orders.rule.flatFee")} name="flatFee" inputMode="decimal" defaultValue={values.flatFee} error={errors.flatFee} />
        <Field label={t("orders.rule.freeAbove")} name="freeAbove" inputMode="decimal" defaultValue={values.freeAbove} error={errors.freeAbove} />
        <fieldset className="space-y-2" data-testid="delivery-bands">
          <legend className="font-semibold">{t("orders.rule.bands")}</legend>
          <p className="text-sm text-stone-600">{t("orders.rule.bandsHint")}</p>
          <input type="hidden" name="bandRows" value={bands.length} />
          {bands.map((_, i) => (
            <div key={i} className="grid grid-cols-2 gap-2" role="group" aria-label={t("orders.rule.bandRow", { n: i + 1 })}>
              <Field label={t("orders.rule.bandKm")} name={`bandKm${i}`} inputMode="decimal" defaultValue={values[`bandKm${i}`]} error={errors[`bandKm${i}`]} />
              <Field label={t("orders.rule.bandFee")} name={`bandFee${i}`} inputMode="decimal" defaultValue={values[`bandFee${i}`]} error={errors[`bandFee${i}`]} />
            </div>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary">
          {t("orders.rule.save")}
        </button>
      </Form>
    </div>
  );
}

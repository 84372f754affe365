import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { getDeliveryRule, setDeliveryRule } from "~/models/orders-checkout.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { orderRefusal } from "~/utils/orders.server";

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
    meta: { title: `${t("orders.rule.title")} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

const amount = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d{1,6}(\.\d{1,2})?$/.test(v), "validation.invalid");

const RuleForm = z
  .object({ offered: z.literal("on").optional(), flatFee: amount(), freeAbove: amount() })
  .superRefine((form, ctx) => {
    if (form.offered && form.flatFee === "") ctx.addIssue({ code: "custom", path: ["flatFee"], message: "validation.required" });
  });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "orders:write");
  const { t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(RuleForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  try {
    await setDeliveryRule(context.db, {
      stationId: station.station.id,
      rule: form.offered ? { offered: true, flatFee: form.flatFee, freeAbove: form.freeAbove === "" ? null : form.freeAbove } : { offered: false },
    });
  } catch (error) {
    return orderRefusal(error, t, { flatFee: form.flatFee, freeAbove: form.freeAbove, offered: form.offered ?? "" });
  }
  return redirect(`/stations/${station.station.code}/manage/delivery?saved=1`);
}

export default function DeliveryRule() {
  const { station, saved, rule } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? { ...rule, offered: rule.offered ? "on" : "" };
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
        <button type="submit" className="btn-primary">
          {t("orders.rule.save")}
        </button>
      </Form>
    </div>
  );
}

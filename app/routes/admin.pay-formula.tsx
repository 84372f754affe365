import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { PageHeading } from "~/components/page-chrome";
import { rateToPercent } from "~/domain/catalog";
import { pick } from "~/domain/language";
import { toAmountString } from "~/domain/money";
import { listCounties } from "~/models/stations/geography.server";
import { getPayFormula, setPayFormula } from "~/models/committee/upkeep-rules.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { amountField, percentField } from "~/routes-support/committee/upkeep-forms.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

/** The county's formula for the station keeper's monthly pay; every station's upkeep page shows it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const counties = (await listCounties(context.db)).filter((c) => countyIds.includes(c.id));
  const forms = await Promise.all(
    counties.map(async (c) => {
      const f = await getPayFormula(context.db, { countyId: c.id });
      return {
        id: c.id,
        name: pick(lang, c.nameZh, c.nameEn),
        base: f ? toAmountString(f.base) : "",
        perHousehold: f ? toAmountString(f.perHousehold) : "",
        share: f ? rateToPercent(f.commissionShare) : "",
        cap: f ? toAmountString(f.cap) : "",
      };
    }),
  );
  return { counties: forms, done: new URL(request.url).searchParams.get("done") === "1", meta: { title: t("committee.admin.pay.title") } };
}

export const meta = routeMeta;

const PayForm = z.object({
  countyId: z.string().uuid("validation.invalid"),
  base: amountField(true),
  perHousehold: amountField(true),
  share: percentField(),
  cap: amountField(true),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { t } = getTranslate(request);
  const parsed = parseForm(PayForm, await readFormData(request), t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (!countyIds.includes(parsed.data.countyId)) throw new Response("Forbidden", { status: 403 });
  const f = parsed.data;
  await setPayFormula(context.db, { countyId: f.countyId, formula: { base: f.base, perHousehold: f.perHousehold, commissionShare: f.share, cap: f.cap }, userId: user.id });
  return redirect("/admin/pay-formula?done=1");
}

export default function PayFormulaPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: "/admin", label: t("admin.title") }]} title={t("committee.admin.pay.title")} intro={t("committee.admin.pay.intro")} />
      {d.done ? <FormAlert tone="success">{t("committee.admin.pay.done")}</FormAlert> : null}
      {d.counties.map((c) => (
        <Form key={c.id} method="post" className="card space-y-3" noValidate>
          <h2 className="font-semibold">{c.name}</h2>
          <input type="hidden" name="countyId" value={c.id} />
          <Field label={t("committee.admin.pay.base")} name="base" inputMode="decimal" defaultValue={values.base ?? c.base} error={errors.base} />
          <Field label={t("committee.admin.pay.perHousehold")} name="perHousehold" inputMode="decimal" defaultValue={values.perHousehold ?? c.perHousehold} error={errors.perHousehold} />
          <Field label={t("committee.admin.pay.share")} name="share" inputMode="decimal" defaultValue={values.share ?? c.share} error={errors.share} />
          <Field label={t("committee.admin.pay.cap")} name="cap" inputMode="decimal" defaultValue={values.cap ?? c.cap} error={errors.cap} />
          <button type="submit" className="btn-primary">
            {t("committee.admin.pay.submit")}
          </button>
        </Form>
      ))}
    </div>
  );
}

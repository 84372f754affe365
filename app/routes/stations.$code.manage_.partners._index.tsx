import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField } from "~/components/form";
import { PartnerFields } from "~/components/partner-fields";
import { REMITTANCE_SCHEDULES } from "~/domain/partners";
import { ManageHeader } from "~/components/manage-chrome";
import { formatMoney, toAmountString } from "~/domain/money";
import { listStationBulkOrders } from "~/models/partners/bulk-orders.server";
import { partnerOwed, partnerReceivable } from "~/models/partners/money.server";
import { createPartnerAtStation, listStationPartners } from "~/models/partners/partners.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { PartnerForm, TermsForm } from "~/routes-support/partners/forms";
import { BULK_ORDER_STATUS_LABELS, PARTNER_KIND_LABELS, PARTNER_MODE_LABELS, SCHEDULE_LABELS, termsSummary } from "~/routes-support/partners/labels";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

/** 合作企业 at this station: what each is owed and owes, overdue flags, and the bulk orders. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  const db = context.db;
  const orders = await listStationBulkOrders(db, { stationId: station.id });
  const partners = await Promise.all(
    (await listStationPartners(db, { stationId: station.id })).map(async ({ partner, terms }) => ({
      id: partner.id,
      name: pick(lang, partner.nameZh, partner.nameEn || partner.nameZh),
      kind: t(PARTNER_KIND_LABELS[partner.kind]),
      mode: t(PARTNER_MODE_LABELS[partner.mode]),
      inactive: partner.status === "inactive",
      terms: termsSummary(t, terms),
      owed: toAmountString(await partnerOwed(db, { partnerId: partner.id, stationId: station.id })),
      outstanding: toAmountString(await partnerReceivable(db, { partnerId: partner.id, stationId: station.id })),
      overdue: orders.some((o) => o.partnerId === partner.id && o.overdue),
    })),
  );
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    partners,
    orders: orders.map((o) => ({
      number: o.number,
      partner: pick(lang, o.partnerNameZh, o.partnerNameEn || o.partnerNameZh),
      status: t(BULK_ORDER_STATUS_LABELS[o.status]),
      placed: o.status === "placed",
      items: o.lines.map((l) => pick(lang, l.nameZh, l.nameEn)).join(t("common.listSeparator")),
      total: o.total,
      outstanding: o.outstanding,
      overdue: o.overdue,
      deliveryDate: o.deliveryDate,
    })),
    meta: { title: `${t("partners.title")} · ${pick(lang, station.nameZh, station.nameEn)} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

/** An operator registers a partner their station works with (in the station's county) with this station's terms. */
const NewPartner = PartnerForm.extend({ ratePercent: TermsForm.shape.ratePercent, days: TermsForm.shape.days, schedule: TermsForm.shape.schedule }).omit({ status: true });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(NewPartner, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { station } = access.station;
  const { ratePercent: commissionRate, days, schedule, ...input } = parsed.data;
  try {
    const partner = await createPartnerAtStation(context.db, {
      stationId: station.id,
      input,
      terms: { commissionRate, paymentTermsDays: Number(days), remittanceSchedule: schedule, prices: [] },
      actorUserId: access.user.id,
    });
    return redirect(`/stations/${station.code}/manage/partners/${partner.id}`);
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
}

export default function StationPartners() {
  const { station, partners, orders } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage/partners`;
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("partners.title")} />
      {partners.length === 0 ? <p>{t("partners.noneAtStation")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2" data-testid="station-partners">
        {partners.map((p) => (
          <li key={p.id} className="card space-y-1">
            <a href={`${base}/${p.id}`} className="text-lg font-semibold">
              {p.name}
            </a>
            <p className="text-sm text-stone-600">
              {p.kind} · {p.mode}
              {p.inactive ? ` · ${t("partners.status.inactive")}` : ""}
            </p>
            <p className="text-sm">{p.terms}</p>
            <p className="text-sm">
              {t("partners.col.owed")} {formatMoney(p.owed, lang)} · {t("partners.col.outstanding")} {formatMoney(p.outstanding, lang)}
              {p.overdue ? <strong className="ml-2 text-red-700">{t("partners.overdue")}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.orders.title")}</h2>
        {orders.length === 0 ? (
          <p>{t("partners.orders.none")}</p>
        ) : (
          <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="bulk-orders">
            <thead>
              <tr className="border-b text-left">
                <th>{t("partners.col.number")}</th>
                <th>{t("partners.col.partner")}</th>
                <th>{t("partners.col.product")}</th>
                <th>{t("partners.col.status")}</th>
                <th className="text-right">{t("partners.col.amount")}</th>
                <th className="text-right">{t("partners.col.outstanding")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.number} className="border-b border-stone-100">
                  <td>
                    <a href={`${base}/orders/${o.number}`}>{o.number}</a>
                  </td>
                  <td>{o.partner}</td>
                  <td>{o.items}</td>
                  <td className={o.placed ? "font-semibold" : ""}>{o.status}</td>
                  <td className="text-right">{formatMoney(o.total, lang)}</td>
                  <td className="text-right">
                    {formatMoney(o.outstanding, lang)}
                    {o.overdue ? <strong className="ml-1 text-red-700">{t("partners.overdue")}</strong> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("partners.create")}</h2>
        <FormAlert>{errors.form}</FormAlert>
        <Form method="post" className="space-y-3" noValidate data-testid="new-partner-form">
          <PartnerFields values={values} errors={errors} />
          <div className="grid gap-3 sm:grid-cols-3">
            <Field label={t("partners.field.rate")} name="ratePercent" inputMode="decimal" defaultValue={values.ratePercent ?? "8"} error={errors.ratePercent} required />
            <Field label={t("partners.field.days")} name="days" inputMode="numeric" defaultValue={values.days ?? "30"} error={errors.days} required />
            <SelectField label={t("partners.field.schedule")} name="schedule" defaultValue={values.schedule ?? "monthly"} error={errors.schedule}>
              {REMITTANCE_SCHEDULES.map((r) => (
                <option key={r} value={r}>
                  {t(SCHEDULE_LABELS[r])}
                </option>
              ))}
            </SelectField>
          </div>
          <button type="submit" className="btn-primary">
            {t("partners.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

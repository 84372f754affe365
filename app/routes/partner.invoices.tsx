import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerHeader } from "~/components/partner-chrome";
import { formatMoney } from "~/domain/money";
import { listPartnerDeliveries } from "~/models/partners/deliveries.server";
import { partnerAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** Invoices: each delivery note, with its due date and what of it is paid (oldest invoice settled first). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, t } = await partnerPage(request, context);
  const deliveries = await listPartnerDeliveries(context.db, { partnerId: partner.id });
  return {
    partnerName,
    invoices: deliveries.map((d) => ({
      id: d.id,
      title: t("partnerPortal.deliveries.number", { station: d.stationCode, number: d.number }),
      date: d.businessDate,
      due: d.dueDate,
      amount: d.amount,
      paid: d.paid,
      unpaid: d.unpaid,
      overdue: d.overdue,
    })),
    meta: { title: `${t("partnerPortal.nav.invoices")} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerInvoices() {
  const { partnerName, invoices } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const cny = (amount: string) => formatMoney(amount, lang);
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.nav.invoices")} />
      <p className="text-stone-600">{t("partnerPortal.invoices.intro")}</p>
      {invoices.length === 0 ? <p className="text-stone-500">{t("partnerPortal.deliveries.none")}</p> : null}
      <table className="w-full text-left text-sm" data-testid="partner-invoices">
        <thead>
          <tr>
            <th>{t("partnerPortal.nav.deliveries")}</th>
            <th>{t("partnerPortal.deliveries.date")}</th>
            <th>{t("partnerPortal.invoices.amount")}</th>
            <th>{t("partnerPortal.invoices.due")}</th>
            <th>{t("partnerPortal.invoices.paid")}</th>
            <th>{t("partnerPortal.invoices.unpaid")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id}>
              <td>
                <a href={`/partner/deliveries/${i.id}`}>{i.title}</a>
              </td>
              <td>{i.date}</td>
              <td>{cny(i.amount)}</td>
              <td>
                {i.due}
                {i.overdue ? ` · ${t("partnerPortal.invoices.overdue")}` : ""}
              </td>
              <td>{cny(i.paid)}</td>
              <td>{cny(i.unpaid)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

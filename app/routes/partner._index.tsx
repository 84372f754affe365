import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerHeader } from "~/components/partner-chrome";
import { D, formatMoney, toAmountString } from "~/domain/money";
import { listBulkOrders } from "~/models/partners/bulk-orders.server";
import { partnerAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { ORDER_STATUS_LABELS, partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** /partner: where a partner user lands: their company's orders and what is still to pay. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context);
  const orders = await listBulkOrders(context.db, { partnerId: partner.id });
  const outstanding = orders.reduce((s, o) => s.plus(o.outstanding), new D(0));
  return {
    partnerName,
    outstanding: toAmountString(outstanding),
    overdue: orders.some((o) => o.overdue),
    orders: orders.map((o) => ({
      id: o.id,
      title: t("partnerPortal.orders.number", { station: o.stationCode, number: o.number }),
      station: lang === "en" && o.stationNameEn ? o.stationNameEn : o.stationNameZh,
      status: t(ORDER_STATUS_LABELS[o.status]),
      deliveryDate: o.deliveryDate,
      total: o.total,
      invoiced: o.delivered,
      outstanding: o.outstanding,
      overdue: o.overdue,
    })),
    meta: { title: `${partnerName} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function PartnerHome() {
  const { partnerName, outstanding, overdue, orders } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const cny = (amount: string) => formatMoney(amount, lang);
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.nav.orders")} />
      <p className="font-semibold">{t("partnerPortal.home.outstanding", { amount: cny(outstanding) })}</p>
      {overdue ? <p className="text-red-700">{t("partnerPortal.home.overdue")}</p> : null}
      <p>
        <a href="/partner/orders/new" className="btn-primary inline-block">
          {t("partnerPortal.nav.newOrder")}
        </a>
      </p>
      {orders.length === 0 ? <p className="text-stone-500">{t("partnerPortal.orders.none")}</p> : null}
      <ul className="space-y-2" data-testid="partner-orders">
        {orders.map((o) => (
          <li key={o.id} className="card space-y-1">
            <a href={`/partner/orders/${o.id}`} className="font-semibold">
              {o.title}
            </a>{" "}
            · {o.station}
            <p className="text-sm" data-testid="order-status">
              {o.status}
              {o.overdue ? ` · ${t("partnerPortal.invoices.overdue")}` : ""}
            </p>
            <p className="text-sm text-stone-600">
              {t("partnerPortal.orders.deliveryDate")} {o.deliveryDate} · {t("partnerPortal.orders.total")} {cny(o.total)} · {t("partnerPortal.orders.invoiced")} {cny(o.invoiced)} ·{" "}
              {t("partnerPortal.orders.outstanding")} {cny(o.outstanding)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

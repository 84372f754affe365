import { pick } from "~/domain/language";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PartnerHeader } from "~/components/partner-chrome";
import { formatMoney } from "~/domain/money";
import { listPartnerDeliveries } from "~/models/partners/deliveries.server";
import { getBulkOrder } from "~/models/partners/bulk-orders.server";
import { partnerAccess } from "~/utils/access";
import { formatQty } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { ALREADY_PARAM } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { ORDER_STATUS_LABELS, partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** One of the company's bulk orders: its lines, what was delivered and invoiced, and its delivery notes. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context);
  const { id } = parseParams(params, { id: param.uuid });
  const order = found(await getBulkOrder(context.db, { partnerId: partner.id, orderId: id }));
  const deliveries = await listPartnerDeliveries(context.db, { partnerId: partner.id, orderId: order.id });
  const title = t("partnerPortal.orders.number", { station: order.stationCode, number: order.number });
  return {
    partnerName,
    title,
    already: new URL(request.url).searchParams.get(ALREADY_PARAM) === "1",
    order: {
      status: t(ORDER_STATUS_LABELS[order.status]),
      station: lang === "en" && order.stationNameEn ? order.stationNameEn : order.stationNameZh,
      deliveryDate: order.deliveryDate,
      total: order.total,
      invoiced: order.delivered,
      paid: order.paid,
      outstanding: order.outstanding,
      overdue: order.overdue,
      lines: order.lines.map((l) => ({
        id: l.id,
        name: pick(lang, l.nameZh, l.nameEn),
        quantity: formatQty(l.quantity, l.unit, lang),
        delivered: formatQty(l.deliveredQuantity, l.unit, lang),
        unitPrice: l.unitPrice,
        amount: l.amount,
      })),
    },
    deliveries: deliveries.map((d) => ({
      id: d.id,
      title: t("partnerPortal.deliveries.number", { station: d.stationCode, number: d.number }),
      date: d.businessDate,
      amount: d.amount,
      due: d.dueDate,
      unpaid: d.unpaid,
      overdue: d.overdue,
    })),
    meta: { title: `${title} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerOrder() {
  const { partnerName, title, order, deliveries, already } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const cny = (amount: string) => formatMoney(amount, lang);
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={title} back={{ href: "/partner", label: t("partnerPortal.nav.orders") }} />
      {already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}
      <section className="card space-y-1">
        <p className="font-semibold" data-testid="order-status">
          {order.status}
        </p>
        <p>
          {t("partnerPortal.orders.station")}: {order.station} · {t("partnerPortal.orders.deliveryDate")}: {order.deliveryDate}
        </p>
        <dl className="grid grid-cols-2 gap-x-4 text-sm sm:grid-cols-4" data-testid="order-money">
          <dt>{t("partnerPortal.orders.total")}</dt>
          <dd>{cny(order.total)}</dd>
          <dt>{t("partnerPortal.orders.invoiced")}</dt>
          <dd data-testid="order-invoiced">{cny(order.invoiced)}</dd>
          <dt>{t("partnerPortal.orders.paid")}</dt>
          <dd>{cny(order.paid)}</dd>
          <dt>{t("partnerPortal.orders.outstanding")}</dt>
          <dd>
            {cny(order.outstanding)}
            {order.overdue ? ` · ${t("partnerPortal.invoices.overdue")}` : ""}
          </dd>
        </dl>
      </section>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th>{t("partnerPortal.orders.produce")}</th>
            <th>{t("partnerPortal.orders.quantity")}</th>
            <th>{t("partnerPortal.orders.delivered")}</th>
            <th>{t("partnerPortal.orders.unitPrice")}</th>
            <th>{t("partnerPortal.orders.lineTotal")}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.name}</td>
              <td>{l.quantity}</td>
              <td data-testid="line-delivered">{l.delivered}</td>
              <td>{cny(l.unitPrice)}</td>
              <td>{cny(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("partnerPortal.orders.deliveriesTitle")}</h2>
        {deliveries.length === 0 ? <p className="text-stone-500">{t("partnerPortal.deliveries.none")}</p> : null}
        <ul className="space-y-1" data-testid="order-deliveries">
          {deliveries.map((d) => (
            <li key={d.id}>
              <a href={`/partner/deliveries/${d.id}`}>{d.title}</a> · {d.date} · {cny(d.amount)} · {t("partnerPortal.invoices.due")} {d.due} · {t("partnerPortal.invoices.unpaid")} {cny(d.unpaid)}
              {d.overdue ? ` · ${t("partnerPortal.invoices.overdue")}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerHeader } from "~/components/partner-chrome";
import { formatMoney } from "~/domain/money";
import { getPartnerDelivery } from "~/models/partners/deliveries.server";
import { partnerAccess } from "~/utils/access";
import { formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** One of the company's delivery notes (发货单, also its invoice), printable, with the households that supplied it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context);
  const { id } = parseParams(params, { id: param.uuid });
  const doc = found(await getPartnerDelivery(context.db, { partnerId: partner.id, deliveryId: id }));
  const title = t("partnerPortal.deliveries.number", { station: doc.station.code, number: doc.delivery.number });
  return {
    partnerName,
    title,
    station: pick(lang, doc.station.nameZh, doc.station.nameEn),
    order: { id: doc.orderId, title: t("partnerPortal.orders.number", { station: doc.station.code, number: doc.orderNumber }) },
    date: doc.delivery.businessDate,
    due: doc.delivery.dueDate,
    amount: doc.delivery.amount,
    lines: doc.lines.map((l) => ({
      id: l.id,
      name: pick(lang, l.nameZh, l.nameEn),
      household: l.villageGroup ? t("common.parenthesized", { text: l.headName, inner: l.villageGroup }) : l.headName,
      quantity: formatQty(l.quantity, l.unit, lang),
      unitPrice: l.unitPrice,
      amount: l.amount,
    })),
    meta: { title: `${title} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerDelivery() {
  const { partnerName, title, station, order, date, due, amount, lines } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <div className="space-y-4">
      <PartnerHeader partnerName={partnerName} title={title} back={{ href: "/partner/deliveries", label: t("partnerPortal.nav.deliveries") }} />
      <p>
        {station} · <a href={`/partner/orders/${order.id}`}>{order.title}</a>
      </p>
      <p>
        {t("partnerPortal.deliveries.date")}: {date} · {t("partnerPortal.invoices.due")}: {due} · {t("partnerPortal.invoices.amount")}: {formatMoney(amount, lang)}
      </p>
      <table className="w-full text-left text-sm" data-testid="delivery-lines">
        <thead>
          <tr>
            <th>{t("partnerPortal.orders.produce")}</th>
            <th>{t("partnerPortal.deliveries.household")}</th>
            <th>{t("partnerPortal.orders.quantity")}</th>
            <th>{t("partnerPortal.orders.unitPrice")}</th>
            <th>{t("partnerPortal.orders.lineTotal")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{l.name}</td>
              <td>{l.household}</td>
              <td>{l.quantity}</td>
              <td>{formatMoney(l.unitPrice, lang)}</td>
              <td>{formatMoney(l.amount, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

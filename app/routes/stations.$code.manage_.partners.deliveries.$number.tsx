import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { PrintedNote } from "~/components/printed-note";
import { formatMoney } from "~/domain/money";
import { getDelivery } from "~/models/partners/deliveries.server";
import { stationAccess } from "~/utils/access";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { getTranslate } from "~/utils/i18n.server";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

/** A printable delivery note (发货单): the partner's invoice, each household named on its line. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { access, doc } = await requireStationDocument({ request, params, context }, "orders:write", getDelivery);
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  const { delivery } = doc;
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn), address: pick(lang, station.addressZh, station.addressEn) },
    partner: { name: pick(lang, doc.partner.nameZh, doc.partner.nameEn || doc.partner.nameZh), contact: `${doc.partner.contactName} ${doc.partner.contactPhone}`.trim(), address: doc.partner.addressZh },
    delivery: { number: delivery.number, date: delivery.businessDate, due: delivery.dueDate, total: delivery.amount, orderNumber: doc.orderNumber },
    lines: doc.lines.map((l) => ({
      product: pick(lang, l.nameZh, l.nameEn),
      household: l.villageGroup ? t("common.parenthesized", { text: l.headName, inner: l.villageGroup }) : l.headName,
      quantity: formatQty(l.quantity, l.unit, lang),
      unit: l.unit,
      price: l.unitPrice,
      amount: l.amount,
    })),
    meta: { title: `${t("partners.delivery.title", { number: delivery.number })} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function DeliveryNote() {
  const { station, partner, delivery, lines } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <div className="space-y-4">
      <div className="no-print">
        <ManageHeader
          stationCode={station.code}
          stationName={station.name}
          title={t("partners.delivery.title", { number: delivery.number })}
          back={{ href: `/stations/${station.code}/manage/partners/orders/${delivery.orderNumber}`, label: t("partners.delivery.order", { number: delivery.orderNumber }) }}
        />
      </div>
      <PrintedNote
        testId="delivery-note"
        title={t("partners.delivery.title", { number: String(delivery.number).padStart(6, "0") })}
        station={station}
        reference={
          <>
            {delivery.date} · {t("partners.delivery.order", { number: delivery.orderNumber })}
          </>
        }
        signatures={[t("partners.delivery.receiverSign"), t("partners.note.operatorSign")]}
      >
        <p>
          {t("partners.col.partner")}{t("common.colon")}{partner.name} {partner.contact} {partner.address}
        </p>
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th>{t("partners.col.product")}</th>
              <th>{t("partners.col.household")}</th>
              <th className="text-right">{t("partners.col.quantity")}</th>
              <th className="text-right">{t("partners.col.price")}</th>
              <th className="text-right">{t("partners.col.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} className="border-b border-stone-100" data-testid="delivery-line">
                <td>{l.product}</td>
                <td>{l.household}</td>
                <td className="text-right">{l.quantity}</td>
                <td className="text-right">{formatPrice(l.price, l.unit, lang)}</td>
                <td className="text-right">{formatMoney(l.amount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-right text-lg font-semibold" data-testid="delivery-total">
          {t("partners.delivery.total", { amount: formatMoney(delivery.total, lang) })}
        </p>
        <p>{t("partners.delivery.due", { date: delivery.due })}</p>
      </PrintedNote>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { PrintedNote } from "~/components/printed-note";
import { formatMoney } from "~/domain/money";
import { getConsignmentNote } from "~/models/partners/consignment.server";
import { stationAccess } from "~/utils/access";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { getTranslate } from "~/utils/i18n.server";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

/** A printable consignment receiving or return note (寄售收货单 / 退货单), signed by both sides. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { access, doc } = await requireStationDocument({ request, params, context }, "goods:write", getConsignmentNote);
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn), address: pick(lang, station.addressZh, station.addressEn) },
    partner: { id: doc.partner.id, name: pick(lang, doc.partner.nameZh, doc.partner.nameEn || doc.partner.nameZh), contact: `${doc.partner.contactName} ${doc.partner.contactPhone}`.trim() },
    note: { number: doc.note.number, kind: doc.note.kind, date: doc.note.businessDate, text: doc.note.note },
    lines: doc.lines.map((l) => ({ name: pick(lang, l.nameZh, l.nameEn), quantity: formatQty(l.quantity, l.unit, lang), unit: l.unit, price: l.unitPrice, amount: l.amount })),
    value: doc.value,
    meta: { title: `${t(doc.note.kind === "received" ? "partners.note.received" : "partners.note.returned")} ${doc.note.number} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function ConsignmentNote() {
  const { station, partner, note, lines, value } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const title = t(note.kind === "received" ? "partners.note.received" : "partners.note.returned");
  return (
    <div className="space-y-4">
      <div className="no-print">
        <ManageHeader stationCode={station.code} stationName={station.name} title={title} back={{ href: `/stations/${station.code}/manage/partners/${partner.id}`, label: partner.name }} />
      </div>
      <PrintedNote
        testId="consignment-note"
        title={title}
        station={station}
        reference={
          <>
            {t("partners.col.number")} <strong data-testid="note-number">{String(note.number).padStart(6, "0")}</strong> · {note.date}
          </>
        }
        signatures={[t("partners.note.partnerSign"), t("partners.note.operatorSign")]}
      >
        <p>
          {t("partners.col.partner")}{t("common.colon")}{partner.name} {partner.contact}
        </p>
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th>{t("partners.col.product")}</th>
              <th className="text-right">{t("partners.col.quantity")}</th>
              <th className="text-right">{t("partners.col.price")}</th>
              <th className="text-right">{t("partners.col.amount")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={i} className="border-b border-stone-100">
                <td>{l.name}</td>
                <td className="text-right">{l.quantity}</td>
                <td className="text-right">{formatPrice(l.price, l.unit, lang)}</td>
                <td className="text-right">{formatMoney(l.amount, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-right font-semibold">{t("partners.delivery.total", { amount: formatMoney(value, lang) })}</p>
        {note.text ? <p className="text-sm">{note.text}</p> : null}
      </PrintedNote>
    </div>
  );
}

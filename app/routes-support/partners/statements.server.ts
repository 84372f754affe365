import { pick } from "~/domain/language";
import type { PartnerStatement } from "~/models/partners/statements.server";
import { formatQty } from "~/routes-support/goods/format";
import type { Lang, Translate } from "~/utils/i18n";
import { ENTRY_LABELS } from "./labels";

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value;
}

/** The statement as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese): figures, then entries. */
export function statementCsv(s: PartnerStatement, t: Translate, lang: Lang): string {
  const rows: string[][] = [
    [t("partners.statement.title"), pick(lang, s.partner.nameZh, s.partner.nameEn), t("partners.statement.period", { from: s.from, to: s.to })],
    [],
    [t("partners.statement.consignment")],
    [t("partners.statement.opening"), s.consignment.opening],
    [t("partners.statement.sold"), s.consignment.sold],
    [t("partners.statement.commission"), s.consignment.commission],
    [t("partners.statement.share"), s.consignment.partnerShare],
    [t("partners.statement.remitted"), s.consignment.remitted],
    [t("partners.statement.owed"), s.consignment.owed],
    [],
    [t("partners.statement.orders")],
    [t("partners.statement.opening"), s.orders.opening],
    [t("partners.statement.delivered"), s.orders.delivered],
    [t("partners.statement.paid"), s.orders.paid],
    [t("partners.statement.outstanding"), s.orders.outstanding],
    [t("partners.statement.net"), s.net],
    [],
    [t("partners.statement.goods"), t("partners.statement.station"), t("partners.statement.received"), t("partners.statement.returned"), t("partners.statement.soldQty")],
    ...s.consignment.goods.map((g) => [pick(lang, g.nameZh, g.nameEn), g.stationCode, formatQty(g.received, g.unit, lang), formatQty(g.returned, g.unit, lang), formatQty(g.sold, g.unit, lang)]),
    [],
    [t("partners.col.date"), t("partners.statement.station"), t("partners.statement.entries"), t("partners.col.reference"), t("partners.col.amount")],
    ...s.entries.map((e) => [e.date, e.stationCode, entryLabel(e, t), e.reference, e.amount ?? ""]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function entryLabel(e: PartnerStatement["entries"][number], t: Translate): string {
  return t(ENTRY_LABELS[e.kind], { number: e.number, order: e.orderNumber ?? "" });
}

/**
 * What the statement page shows, labelled; amounts stay decimal strings ("9600.00", ADR 019) for
 * the page to format.
 */
export function statementView(s: PartnerStatement, t: Translate, lang: Lang) {
  const row = (label: string, amount: string): [label: string, amount: string] => [label, amount];
  return {
    partner: pick(lang, s.partner.nameZh, s.partner.nameEn),
    from: s.from,
    to: s.to,
    reconciled: s.reconciled,
    consignment: [
      row(t("partners.statement.opening"), s.consignment.opening),
      row(t("partners.statement.sold"), s.consignment.sold),
      row(t("partners.statement.commission"), s.consignment.commission),
      row(t("partners.statement.share"), s.consignment.partnerShare),
      row(t("partners.statement.remitted"), s.consignment.remitted),
      row(t("partners.statement.owed"), s.consignment.owed),
    ],
    orders: [
      row(t("partners.statement.opening"), s.orders.opening),
      row(t("partners.statement.delivered"), s.orders.delivered),
      row(t("partners.statement.paid"), s.orders.paid),
      row(t("partners.statement.outstanding"), s.orders.outstanding),
    ],
    net: s.net,
    goods: s.consignment.goods.map((g) => ({ name: pick(lang, g.nameZh, g.nameEn), station: g.stationCode, received: formatQty(g.received, g.unit, lang), returned: formatQty(g.returned, g.unit, lang), sold: formatQty(g.sold, g.unit, lang) })),
    entries: s.entries.map((e) => ({ date: e.date, station: e.stationCode, label: entryLabel(e, t), reference: e.reference, amount: e.amount })),
  };
}

export type StatementView = ReturnType<typeof statementView>;

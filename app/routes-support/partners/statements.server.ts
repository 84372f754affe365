import { data } from "@remix-run/node";
import { LedgerError } from "~/domain/ledger";
import { D, formatCNY } from "~/domain/money";
import { PartnerError, type PartnerErrorCode } from "~/domain/partners";
import type { PartnerStatement } from "~/models/partners/statements.server";
import { formatQty } from "~/routes-support/goods/format";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";
import { ledgerErrorMessage } from "~/routes-support/ledger/format";

/** Refusals that depend on the state of things (stock, balances, the order's status): 409; the rest 422. */
const CONFLICTS: readonly PartnerErrorCode[] = [
  "PARTNER_INACTIVE",
  "ORDER_NOT_PLACED",
  "ORDER_NOT_OPEN",
  "ORDER_HAS_DELIVERIES",
  "OVER_ORDERED",
  "OVER_AVAILABLE",
  "NOT_ENOUGH_AVAILABLE",
  "NOT_ENOUGH_STOCK",
  "ABOVE_OWED",
  "ABOVE_OUTSTANDING",
  "PARTNER_NAME_TAKEN",
];

export function partnerErrorKey(code: PartnerErrorCode): MessageKey {
  return `partners.error.${code}` as MessageKey;
}

/** A partner-rule refusal as a response with a plain message (nothing was written); null when the error is not one. */
export function partnerRefusal(error: unknown, t: Translate, values: Record<string, string>) {
  let message: string | null = null;
  let status = 422;
  if (error instanceof PartnerError) {
    message = t(partnerErrorKey(error.code));
    status = CONFLICTS.includes(error.code) ? 409 : error.code === "ORDER_NOT_FOUND" || error.code === "PARTNER_NOT_FOUND" ? 404 : 422;
  } else if (error instanceof LedgerError) {
    message = ledgerErrorMessage(t, error.code);
    status = error.code === "PERIOD_CLOSED" ? 409 : 422;
  }
  if (!message) return null;
  return data({ errors: { form: message } as Record<string, string>, values }, { status });
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : value;
}

/** The statement as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese): figures, then entries. */
export function statementCsv(s: PartnerStatement, t: Translate, lang: Lang): string {
  const rows: string[][] = [
    [t("partners.statement.title"), s.partner.nameZh, t("partners.statement.period", { from: s.from, to: s.to })],
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
    ...s.consignment.goods.map((g) => [g.nameZh, g.stationCode, formatQty(g.received, g.unit, lang), formatQty(g.returned, g.unit, lang), formatQty(g.sold, g.unit, lang)]),
    [],
    [t("partners.col.date"), t("partners.statement.station"), t("partners.statement.entries"), t("partners.col.reference"), t("partners.col.amount")],
    ...s.entries.map((e) => [e.date, e.stationCode, entryLabel(e, t), e.reference, e.amount ?? ""]),
  ];
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function entryLabel(e: PartnerStatement["entries"][number], t: Translate): string {
  return t(`partners.entry.${e.kind}` as MessageKey, { number: e.number, order: e.orderNumber ?? "" });
}

/** A statement's money figures formatted for display. */
export function statementView(s: PartnerStatement, t: Translate, lang: Lang) {
  const m = (v: string) => formatCNY(new D(v), lang);
  return {
    partner: s.partner.nameZh,
    from: s.from,
    to: s.to,
    reconciled: s.reconciled,
    consignment: [
      [t("partners.statement.opening"), m(s.consignment.opening)],
      [t("partners.statement.sold"), m(s.consignment.sold)],
      [t("partners.statement.commission"), m(s.consignment.commission)],
      [t("partners.statement.share"), m(s.consignment.partnerShare)],
      [t("partners.statement.remitted"), m(s.consignment.remitted)],
      [t("partners.statement.owed"), m(s.consignment.owed)],
    ],
    orders: [
      [t("partners.statement.opening"), m(s.orders.opening)],
      [t("partners.statement.delivered"), m(s.orders.delivered)],
      [t("partners.statement.paid"), m(s.orders.paid)],
      [t("partners.statement.outstanding"), m(s.orders.outstanding)],
    ],
    net: m(s.net),
    goods: s.consignment.goods.map((g) => ({ name: g.nameZh, station: g.stationCode, received: formatQty(g.received, g.unit, lang), returned: formatQty(g.returned, g.unit, lang), sold: formatQty(g.sold, g.unit, lang) })),
    entries: s.entries.map((e) => ({ date: e.date, station: e.stationCode, label: entryLabel(e, t), reference: e.reference, amount: e.amount ? m(e.amount) : "" })),
  };
}

export type StatementView = ReturnType<typeof statementView>;

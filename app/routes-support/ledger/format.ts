import type { JournalMemo, LedgerErrorCode, SourceType } from "~/domain/ledger";
import { formatMoney } from "~/domain/money";
import type { MessageKey, Translate } from "~/utils/i18n";
import { LEDGER_ERROR_KEYS } from "./refusals";

/**
 * How the ledger screens show amounts and name things. Amounts arrive as decimal strings from
 * the loaders ("-1234.50"); they are only grouped here, never turned into JS numbers.
 */

/**
 * What a journal says, in the reader's language (ADR 022): a journal the system posted is worded
 * from its kind and values; a memo a person typed is shown as typed.
 */
export function journalMemo(t: Translate, j: { memo: string; description: JournalMemo | null }): string {
  return j.description ? t(`ledger.memo.${j.description.kind}`, j.description.vars) : j.memo;
}

/** "1234.50" → "1,234.50"; "-3.20" → "-3.20": formatMoney without the currency sign. */
export function groupAmount(amount: string): string {
  return formatMoney(amount, "zh-CN", { symbol: false });
}

/** A balance the way a Chinese ledger writes it: direction (借/贷/平) and the absolute amount. */
export function sidedBalance(t: Translate, amount: string): string {
  if (/^-?0(\.0+)?$/.test(amount)) return `${t("ledger.side.zero")} 0.00`;
  return amount.startsWith("-") ? `${t("ledger.side.credit")} ${groupAmount(amount.slice(1))}` : `${t("ledger.side.debit")} ${groupAmount(amount)}`;
}

/**
 * The sentence for a refused journal, for the few screens that still word a LedgerError
 * themselves; a route hands the error to refuse(), which reads the same table.
 */
export function ledgerErrorMessage(t: Translate, code: LedgerErrorCode, line?: number): string {
  const message = t(LEDGER_ERROR_KEYS[code]);
  return line === undefined ? message : `${t("ledger.drafts.line", { n: line + 1 })}: ${message}`;
}

const SOURCE_KEYS: Record<SourceType, MessageKey> = {
  sale: "ledger.source.sale",
  order: "ledger.source.order",
  payout: "ledger.source.payout",
  expense: "ledger.source.expense",
  adjustment: "ledger.source.adjustment",
  opening: "ledger.source.opening",
  remittance: "ledger.source.remittance",
  cash_count: "ledger.source.cash_count",
  delivery: "ledger.source.delivery",
  allocation: "ledger.source.allocation",
  reversal: "ledger.source.reversal",
  partner_payment: "reports.source.type.partner_payment",
};

export function sourceLabel(t: Translate, type: string): string {
  const key = (SOURCE_KEYS as Record<string, MessageKey | undefined>)[type];
  return key ? t(key) : type;
}

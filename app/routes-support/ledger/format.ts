import type { LedgerErrorCode, SourceType } from "~/domain/ledger";
import { formatMoney } from "~/domain/money";
import type { MessageKey, Translate } from "~/utils/i18n";

/**
 * How the ledger screens show amounts and name things. Amounts arrive as decimal strings from
 * the loaders ("-1234.50"); they are only grouped here, never turned into JS numbers.
 */

/** "1234.50" → "1,234.50"; "-3.20" → "-3.20": formatMoney without the currency sign. */
export function groupAmount(amount: string): string {
  return formatMoney(amount, "zh-CN", { symbol: false });
}

/** A balance the way a Chinese ledger writes it: direction (借/贷/平) and the absolute amount. */
export function sidedBalance(t: Translate, amount: string): string {
  if (/^-?0(\.0+)?$/.test(amount)) return `${t("ledger.side.zero")} 0.00`;
  return amount.startsWith("-") ? `${t("ledger.side.credit")} ${groupAmount(amount.slice(1))}` : `${t("ledger.side.debit")} ${groupAmount(amount)}`;
}

const ERROR_KEYS: Record<LedgerErrorCode, MessageKey> = {
  UNBALANCED: "ledger.error.UNBALANCED",
  TOO_FEW_LINES: "ledger.error.TOO_FEW_LINES",
  ZERO_LINE: "ledger.error.ZERO_LINE",
  TOO_MANY_DECIMALS: "ledger.error.TOO_MANY_DECIMALS",
  INVALID_AMOUNT: "ledger.error.INVALID_AMOUNT",
  OUT_OF_RANGE: "ledger.error.OUT_OF_RANGE",
  UNKNOWN_ACCOUNT: "ledger.error.UNKNOWN_ACCOUNT",
  NOT_POSTABLE: "ledger.error.NOT_POSTABLE",
  SUBLEDGER_REQUIRED: "ledger.error.SUBLEDGER_REQUIRED",
  SUBLEDGER_NOT_ALLOWED: "ledger.error.SUBLEDGER_NOT_ALLOWED",
  SUBLEDGER_MISMATCH: "ledger.error.SUBLEDGER_MISMATCH",
  BAD_SUBLEDGER_ID: "ledger.error.BAD_SUBLEDGER_ID",
  CURRENCY: "ledger.error.CURRENCY",
  BAD_DATE: "ledger.error.BAD_DATE",
  BAD_SOURCE: "ledger.error.BAD_SOURCE",
  BAD_KEY: "ledger.error.BAD_KEY",
  BAD_MEMO: "ledger.error.BAD_MEMO",
  BAD_STATION: "ledger.error.BAD_STATION",
  CROSS_STATION: "ledger.error.CROSS_STATION",
  IDEMPOTENCY_CONFLICT: "ledger.error.IDEMPOTENCY_CONFLICT",
  BAD_HASH: "ledger.error.BAD_HASH",
  PERIOD_CLOSED: "ledger.error.PERIOD_CLOSED",
  UNKNOWN_JOURNAL: "ledger.error.UNKNOWN_JOURNAL",
  ALREADY_REVERSED: "ledger.error.ALREADY_REVERSED",
  CHAIN_CONFLICT: "ledger.error.CHAIN_CONFLICT",
  APPEND_ONLY: "ledger.error.APPEND_ONLY",
  SELF_APPROVAL: "ledger.error.SELF_APPROVAL",
  UNKNOWN_DRAFT: "ledger.error.UNKNOWN_DRAFT",
  DRAFT_DECIDED: "ledger.error.DRAFT_DECIDED",
  BAD_REASON: "ledger.error.BAD_REASON",
};

/** The sentence a person reads for a refused journal; a new code without one does not compile. */
export function ledgerErrorMessage(t: Translate, code: LedgerErrorCode, line?: number): string {
  const message = t(ERROR_KEYS[code]);
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

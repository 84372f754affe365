import type { ChartErrorCode } from "~/domain/chart-of-accounts";
import type { LedgerErrorCode } from "~/domain/ledger";
import type { MessageKey } from "~/utils/i18n";
import type { Refusal, RefusalTable } from "~/utils/refusal";

/** The sentence a person reads for each refused journal; a new code without one does not compile. */
export const LEDGER_ERROR_KEYS: Record<LedgerErrorCode, MessageKey> = {
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

function entries<C extends string>(keys: Record<C, MessageKey>, extra: Partial<Record<C, Partial<Refusal>>> = {}): Partial<Record<string, Refusal>> {
  return Object.fromEntries(Object.entries<MessageKey>(keys).map(([code, key]) => [code, { key, ...extra[code as C] }]));
}

/**
 * A chart that breaks the standard is the template's mistake or a sub-account being added; the
 * person can only report it, so every code says the same with the code beside it.
 */
const CHART_REFUSAL: Refusal = { key: "ledger.error.chart", vars: (error) => ({ code: error.code }) };
const CHART_CODES: readonly ChartErrorCode[] = ["BAD_CODE", "DUPLICATE_CODE", "MISSING_PARENT", "NOT_STANDARD", "CATEGORY_MISMATCH", "SUBLEDGER_ON_PARENT", "BAD_NAME"];

/** The words for this feature's refused rules, by error feature and code (ADR 017). */
export const LEDGER_REFUSALS: RefusalTable = {
  ledger: entries(LEDGER_ERROR_KEYS),
  chart: Object.fromEntries(CHART_CODES.map((code) => [code, CHART_REFUSAL])),
};

/**
 * The drafts screen puts a refusal beside the field it is about (memo, reason, date) and, as it
 * always has, answers a draft or journal the station does not have with the message (422), not 404.
 */
export const DRAFT_REFUSALS: RefusalTable = {
  ledger: entries(LEDGER_ERROR_KEYS, {
    BAD_MEMO: { field: "memo" },
    BAD_REASON: { field: "reason" },
    BAD_DATE: { field: "date" },
    PERIOD_CLOSED: { field: "date" },
    UNKNOWN_DRAFT: { kind: "rule" },
    UNKNOWN_JOURNAL: { kind: "rule" },
  }),
};

import type { CloseErrorCode } from "~/domain/period-close";
import type { ReceiptErrorCode, UpkeepErrorCode } from "~/domain/upkeep";
import type { MessageKey } from "~/utils/i18n";
import type { Refusal, RefusalTable } from "~/utils/refusal";

const CLOSE_KEYS: Record<CloseErrorCode, MessageKey> = {
  BAD_PERIOD: "committee.close.error.BAD_PERIOD",
  NOT_ENDED: "committee.close.error.NOT_ENDED",
  BLOCKED: "committee.close.error.BLOCKED",
  ALREADY_CLOSED: "committee.close.error.ALREADY_CLOSED",
  NOT_PREPARED: "committee.close.error.NOT_PREPARED",
  ALREADY_SIGNED: "committee.close.error.ALREADY_SIGNED",
  OPERATOR_FIRST: "committee.close.error.OPERATOR_FIRST",
  OWN_CLOSE: "committee.close.error.OWN_CLOSE",
  STALE: "committee.close.error.STALE",
  NOT_SEALED: "committee.close.error.NOT_SEALED",
  REASON_REQUIRED: "committee.close.error.REASON_REQUIRED",
  NO_LEDGER: "committee.close.error.NO_LEDGER",
};

const UPKEEP_KEYS: Record<UpkeepErrorCode | ReceiptErrorCode, MessageKey> = {
  RECEIPT_REQUIRED: "committee.upkeep.error.RECEIPT_REQUIRED",
  BAD_DATE: "committee.upkeep.error.BAD_DATE",
  FUTURE_DATE: "committee.upkeep.error.FUTURE_DATE",
  NOT_AWAITING: "committee.upkeep.error.NOT_AWAITING",
  OWN_EXPENSE: "committee.upkeep.error.OWN_EXPENSE",
  NOT_FOUND: "committee.upkeep.error.NOT_FOUND",
  NOT_AN_IMAGE: "committee.upkeep.error.NOT_AN_IMAGE",
  TOO_LARGE: "committee.upkeep.error.TOO_LARGE",
};

function entries<C extends string>(keys: Record<C, MessageKey>, extra: (code: C) => Partial<Refusal> = () => ({})): Partial<Record<string, Refusal>> {
  return Object.fromEntries((Object.keys(keys) as C[]).map((code) => [code, { key: keys[code], ...extra(code) }]));
}

/** The words for this feature's refused rules, by error feature and code (ADR 017). */
export const COMMITTEE_REFUSALS: RefusalTable = {
  close: entries(CLOSE_KEYS),
  upkeep: entries(UPKEEP_KEYS),
};

/**
 * The reopening form (admin): a refusal lands beside the month, and answers 409 as it always
 * has, except a missing reason, which is bad input beside the reason.
 */
export const REOPEN_REFUSALS: RefusalTable = {
  close: entries(CLOSE_KEYS, (code) => (code === "REASON_REQUIRED" ? {} : { field: "period", kind: "conflict" })),
};

/** The upkeep screens word a closed month for an expense: date it in an open month (beside the date on the expense form). */
export const UPKEEP_EXPENSE_REFUSALS: RefusalTable = {
  ledger: { PERIOD_CLOSED: { key: "committee.upkeep.error.PERIOD_CLOSED", field: "date" } },
};

/** Deciding an expense: a closed month is said in the upkeep's words, beside the expense decided. */
export const UPKEEP_DECISION_REFUSALS: RefusalTable = {
  ledger: { PERIOD_CLOSED: { key: "committee.upkeep.error.PERIOD_CLOSED" } },
};

import { ACCOUNTS, UPKEEP_EXPENSE_ACCOUNTS, type UpkeepExpenseKind } from "./chart-of-accounts";
import { DomainError, type ErrorKind } from "./errors";
import type { JournalMemo } from "./ledger";
import { D, type Dec, roundFen, toAmountString, ZERO } from "./money";

/**
 * The station upkeep fund (站点运维基金, ADR 006 and 014): the close sets aside a share of the
 * month's commission income (Dr 32201 / Cr 31101); spending is an expense by kind that
 * releases the same amount from the reserve (Dr 31101 / Cr 32202), never more than the
 * reserve holds; the part above it needs the committee's recorded approval.
 */

/**
 * Why an upkeep expense was refused. A month already closed is the ledger's PERIOD_CLOSED
 * (LedgerError), the one code for it everywhere.
 */
export type UpkeepErrorCode = "RECEIPT_REQUIRED" | "BAD_DATE" | "FUTURE_DATE" | "NOT_AWAITING" | "OWN_EXPENSE" | "NOT_FOUND";

const UPKEEP_SPEC: Record<UpkeepErrorCode, { kind: ErrorKind; field?: string }> = {
  RECEIPT_REQUIRED: { kind: "rule", field: "photo" },
  BAD_DATE: { kind: "rule", field: "date" },
  FUTURE_DATE: { kind: "rule", field: "date" },
  NOT_AWAITING: { kind: "conflict" },
  OWN_EXPENSE: { kind: "conflict" },
  NOT_FOUND: { kind: "not_found" },
};

export class UpkeepError extends DomainError<UpkeepErrorCode> {
  static override readonly errorName = "UpkeepError";
  constructor(code: UpkeepErrorCode, message: string) {
    super({ feature: "upkeep", code, ...UPKEEP_SPEC[code] }, message);
  }
}

/** A receipt photo that cannot be kept: not an image, or too large. Bad input beside the photo. */
export type ReceiptErrorCode = "NOT_AN_IMAGE" | "TOO_LARGE";

export class ReceiptError extends DomainError<ReceiptErrorCode> {
  static override readonly errorName = "ReceiptError";
  constructor(code: ReceiptErrorCode) {
    super({ feature: "upkeep", code, kind: "invalid", field: "photo" });
  }
}

export const UPKEEP_KIND_LIST = Object.keys(UPKEEP_EXPENSE_ACCOUNTS) as UpkeepExpenseKind[];
export type { UpkeepExpenseKind };

export function isUpkeepKind(value: unknown): value is UpkeepExpenseKind {
  return typeof value === "string" && (UPKEEP_KIND_LIST as string[]).includes(value);
}

/**
 * The month's allocation: rate × commission income (50101 + 50102), rounded half-up to the
 * fen once. A month whose commission is zero or negative (returns) sets nothing aside.
 */
export function upkeepAllocation(commission: Dec, rate: Dec): Dec {
  if (rate.isNeg() || rate.gt(1)) throw new RangeError("an upkeep rate lies between 0 and 1");
  if (!commission.gt(0)) return ZERO;
  return roundFen(commission.times(rate));
}

/** The part of an expense above the reserve's balance (a negative balance counts as zero). */
export function overReserve(amount: Dec, reserveBalance: Dec): Dec {
  const available = D.max(reserveBalance, ZERO);
  return amount.gt(available) ? amount.minus(available) : ZERO;
}

/**
 * The journal of one upkeep payment: the expense by kind paid from cash or bank, and the
 * release from the reserve of as much as it holds (up to the amount).
 */
export function expenseJournalLines({ kind, amount, paidFrom, reserveBalance }: { kind: UpkeepExpenseKind; amount: Dec; paidFrom: "cash" | "bank"; reserveBalance: Dec }) {
  if (!amount.gt(0)) throw new RangeError("an expense is a positive amount");
  const release = amount.minus(overReserve(amount, reserveBalance));
  const lines: { accountCode: string; amount: string }[] = [
    { accountCode: UPKEEP_EXPENSE_ACCOUNTS[kind], amount: toAmountString(amount) },
    { accountCode: paidFrom === "cash" ? ACCOUNTS.cash : ACCOUNTS.bank, amount: toAmountString(amount.neg()) },
  ];
  if (release.gt(0)) {
    lines.push({ accountCode: ACCOUNTS.upkeepReserve, amount: toAmountString(release) }, { accountCode: ACCOUNTS.upkeepRelease, amount: toAmountString(release.neg()) });
  }
  return lines;
}

/**
 * What the allocation journal says (ADR 022): its month, the commission and the rate as a percent
 * with two decimals ("30.00"), so its Chinese memo reads as it always has — the memo is inside
 * each journal's hash.
 */
export function allocationMemo(month: string, commission: string, rate: string | Dec): JournalMemo {
  return { kind: "allocation", vars: { month, commission, rate: toAmountString(new D(rate).times(100)) } };
}

/** The allocation journal's lines (Dr 32201 / Cr 31101), or none for a zero allocation. */
export function allocationJournalLines(allocation: Dec) {
  if (allocation.isZero()) return [];
  return [
    { accountCode: ACCOUNTS.upkeepAppropriation, amount: toAmountString(allocation) },
    { accountCode: ACCOUNTS.upkeepReserve, amount: toAmountString(allocation.neg()) },
  ];
}

export interface KeeperPayFormula {
  base: Dec;
  perHousehold: Dec;
  commissionShare: Dec;
  cap: Dec;
}

/**
 * The station keeper's pay for a month by the county's formula:
 * min(cap, base + perHousehold × households served + round(share × commission income)).
 */
export function keeperPay(formula: KeeperPayFormula, { households, commission }: { households: number; commission: Dec }): Dec {
  const share = commission.gt(0) ? roundFen(commission.times(formula.commissionShare)) : ZERO;
  const pay = formula.base.plus(formula.perHousehold.times(households)).plus(share);
  return D.min(pay, formula.cap);
}

/** Budget against actual, per kind, in the order of the kinds. */
export function budgetVsActual(budgets: ReadonlyMap<UpkeepExpenseKind, Dec>, actual: ReadonlyMap<UpkeepExpenseKind, Dec>) {
  return UPKEEP_KIND_LIST.map((kind) => {
    const budget = budgets.get(kind) ?? ZERO;
    const spent = actual.get(kind) ?? ZERO;
    return { kind, budget, actual: spent, remaining: budget.minus(spent), over: spent.gt(budget) };
  });
}

/** The share a station sets aside until its committee fixes its own rule (the county's usual 30%). */
export const DEFAULT_UPKEEP_RATE = "0.3000";

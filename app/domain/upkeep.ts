import { ACCOUNTS, UPKEEP_EXPENSE_ACCOUNTS, type UpkeepExpenseKind } from "./chart-of-accounts";
import { D, type Dec, roundFen, ZERO } from "./money";

/**
 * The station upkeep fund (站点运维基金, ADR 006 and 014): the close sets aside a share of the
 * month's commission income (Dr 32201 / Cr 31101); spending is an expense by kind that
 * releases the same amount from the reserve (Dr 31101 / Cr 32202), never more than the
 * reserve holds; the part above it needs the committee's recorded approval.
 */

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
    { accountCode: UPKEEP_EXPENSE_ACCOUNTS[kind], amount: amount.toFixed(2) },
    { accountCode: paidFrom === "cash" ? ACCOUNTS.cash : ACCOUNTS.bank, amount: amount.neg().toFixed(2) },
  ];
  if (release.gt(0)) {
    lines.push({ accountCode: ACCOUNTS.upkeepReserve, amount: release.toFixed(2) }, { accountCode: ACCOUNTS.upkeepRelease, amount: release.neg().toFixed(2) });
  }
  return lines;
}

/** The allocation journal's lines (Dr 32201 / Cr 31101), or none for a zero allocation. */
export function allocationJournalLines(allocation: Dec) {
  if (allocation.isZero()) return [];
  return [
    { accountCode: ACCOUNTS.upkeepAppropriation, amount: allocation.toFixed(2) },
    { accountCode: ACCOUNTS.upkeepReserve, amount: allocation.neg().toFixed(2) },
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

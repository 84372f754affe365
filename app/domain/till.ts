import { ACCOUNTS } from "./chart-of-accounts";
import type { OwnerKind } from "./catalog";
import { DomainError, type ErrorKind } from "./errors";
import { D, type Dec, ZERO, lineTotal, splitByRate, sum, toAmountString } from "./money";

/**
 * The till's rules, pure: how a sale's lines are priced and split, which accounts its journal
 * touches, what a cash count adds up to. Models call these inside their transactions.
 */

export const PAYMENT_KINDS = ["cash", "mobile"] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const PAYOUT_METHODS = ["cash", "bank", "mobile"] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** Yuan notes and coins, then jiao: what the closing count asks for, largest first. */
export const DENOMINATIONS = ["100", "50", "20", "10", "5", "1", "0.5", "0.1"] as const;
export type Denomination = (typeof DENOMINATIONS)[number];

export type TillErrorCode =
  | "EMPTY_SALE"
  | "PRODUCT_UNAVAILABLE"
  | "PARTNER_UNSUPPORTED"
  | "TENDER_TOO_LOW"
  | "REFERENCE_REQUIRED"
  | "SESSION_REQUIRED"
  | "SESSION_OPEN"
  | "SESSION_CLOSED"
  | "SESSION_NOT_FOUND"
  | "SALE_NOT_FOUND"
  | "VOID_SAME_DAY"
  | "NOTHING_TO_RETURN"
  | "RETURN_TOO_LARGE"
  | "REASON_REQUIRED"
  | "PAYOUT_ABOVE_OWED"
  | "DRAWER_SHORT"
  | "HOUSEHOLD_NOT_FOUND"
  | "KEY_REUSED";

/**
 * conflict: the state of the till forbids it now (no session, a closed session, what is still
 * owed or returnable); rule: the request itself breaks a rule; not_found: the target is gone.
 */
const TILL_KINDS: Record<TillErrorCode, ErrorKind> = {
  EMPTY_SALE: "rule",
  PRODUCT_UNAVAILABLE: "rule",
  PARTNER_UNSUPPORTED: "rule",
  TENDER_TOO_LOW: "rule",
  REFERENCE_REQUIRED: "rule",
  SESSION_REQUIRED: "conflict",
  SESSION_OPEN: "conflict",
  SESSION_CLOSED: "conflict",
  SESSION_NOT_FOUND: "not_found",
  SALE_NOT_FOUND: "not_found",
  VOID_SAME_DAY: "conflict",
  NOTHING_TO_RETURN: "conflict",
  RETURN_TOO_LARGE: "conflict",
  REASON_REQUIRED: "rule",
  PAYOUT_ABOVE_OWED: "conflict",
  DRAWER_SHORT: "conflict",
  HOUSEHOLD_NOT_FOUND: "not_found",
  KEY_REUSED: "rule",
};

export class TillError extends DomainError<TillErrorCode> {
  static override readonly errorName = "TillError";
  constructor(code: TillErrorCode, message: string = code, details?: Record<string, unknown>) {
    super({ feature: "till", code, kind: TILL_KINDS[code], ...(details ? { details } : {}) }, message);
  }
}

/**
 * Cash never leaves the drawer beyond what it should hold: `expected` is what the open session
 * should hold now (float + cash in − cash out). A payout or cash refund of more is refused,
 * naming what is available (`details.available`, a decimal string; null when unknown).
 * @throws TillError DRAWER_SHORT
 */
export function assertDrawerCovers(expected: Dec, outgoing: Dec): void {
  if (outgoing.gt(expected)) throw drawerShort(expected);
}

/** The DRAWER_SHORT refusal for a drawer that should hold `expected` (never names less than zero). */
export function drawerShort(expected: Dec): TillError {
  const available = expected.gt(0) ? expected : ZERO;
  return new TillError("DRAWER_SHORT", `drawer holds ${toAmountString(expected)}`, { available: toAmountString(available) });
}

export interface PricedProduct {
  id: string;
  price: string;
  ownerKind: OwnerKind;
  householdId: string | null;
  partnerId: string | null;
  /** The effective rate (product's own, else the station's default), as a decimal fraction. */
  commissionRate: Dec;
}

export interface PricedLine {
  productId: string;
  quantity: Dec;
  unitPrice: Dec;
  amount: Dec;
  /** The station's commission: zero for the collective's own goods. */
  commission: Dec;
  /** What belongs to the owner: amount − commission for consigned goods; amount for own goods. */
  ownerShare: Dec;
  ownerKind: OwnerKind;
  householdId: string | null;
  partnerId: string | null;
  rate: Dec;
}

/**
 * Prices one line at the product's current price: amount = lineTotal(qty, price), split by
 * splitByRate so commission + owner share = amount to the fen. The collective's own goods have
 * no commission: the whole amount is sales income.
 */
export function priceLine(product: PricedProduct, quantity: Dec): PricedLine {
  const unitPrice = new D(product.price);
  const amount = lineTotal(quantity, unitPrice);
  const consigned = product.ownerKind !== "collective";
  const { rateShare, remainder } = consigned ? splitByRate(amount, product.commissionRate) : { rateShare: ZERO, remainder: amount };
  return {
    productId: product.id,
    quantity,
    unitPrice,
    amount,
    commission: rateShare,
    ownerShare: remainder,
    ownerKind: product.ownerKind,
    householdId: product.householdId,
    partnerId: product.partnerId,
    rate: consigned ? product.commissionRate : ZERO,
  };
}

/**
 * A priced line as a sale line or an order line stores it (line numbers from 1): quantities to
 * three places, amounts to the fen, the rate to four places, the partner only on a partner's goods.
 */
export function storedLines(lines: readonly PricedLine[]) {
  return lines.map((l, i) => ({
    lineNo: i + 1,
    productId: l.productId,
    quantity: l.quantity.toFixed(3),
    unitPrice: toAmountString(l.unitPrice),
    amount: toAmountString(l.amount),
    commission: toAmountString(l.commission),
    commissionRate: l.rate.toFixed(4),
    ownerKind: l.ownerKind,
    householdId: l.householdId,
    partnerId: l.ownerKind === "partner" ? l.partnerId : null,
  }));
}

export interface JournalLineDraft {
  accountCode: string;
  amount: string;
  subledger?: { kind: "household" | "partner"; id: string };
}

/** Which account money comes in through: cash into the drawer, mobile pay into clearing (ADR 006: 10202). */
export function moneyAccount(kind: PaymentKind | PayoutMethod): string {
  if (kind === "cash") return ACCOUNTS.cash;
  if (kind === "bank") return ACCOUNTS.bank;
  return ACCOUNTS.paymentClearing;
}

/**
 * A sale's journal lines (sign +1) or a return's (sign −1): Dr money / Cr household payable and
 * commission income per household, Cr own-sales income. Lines of the same account and party are
 * summed, zero sums dropped; the result balances because every line's parts add up to its amount.
 */
export function saleJournalLines(lines: readonly PricedLine[], payment: PaymentKind, sign: 1 | -1 = 1): JournalLineDraft[] {
  const totals = new Map<string, { accountCode: string; amount: Dec; subledger?: JournalLineDraft["subledger"] }>();
  const add = (accountCode: string, amount: Dec, subledger?: JournalLineDraft["subledger"]) => {
    const key = `${accountCode}|${subledger?.id ?? ""}`;
    const entry = totals.get(key) ?? { accountCode, amount: ZERO, subledger };
    entry.amount = entry.amount.plus(amount);
    totals.set(key, entry);
  };
  add(moneyAccount(payment), sum(lines.map((l) => l.amount)));
  for (const l of lines) {
    if (l.ownerKind === "collective") {
      add(ACCOUNTS.ownSalesIncome, l.amount.neg());
    } else if (l.ownerKind === "household") {
      add(ACCOUNTS.householdPayable, l.ownerShare.neg(), { kind: "household", id: l.householdId! });
      add(ACCOUNTS.commissionIncomeProduce, l.commission.neg());
    } else {
      add(ACCOUNTS.partnerPayable, l.ownerShare.neg(), { kind: "partner", id: l.partnerId! });
      add(ACCOUNTS.commissionIncomePartner, l.commission.neg());
    }
  }
  return [...totals.values()]
    .filter((t) => !t.amount.isZero())
    .map((t) => ({ accountCode: t.accountCode, amount: toAmountString(t.amount.times(sign)), ...(t.subledger ? { subledger: t.subledger } : {}) }));
}

/** Change for a cash sale; a tender below the total is refused. */
export function changeDue(total: Dec, tendered: Dec): Dec {
  if (tendered.lt(total)) throw new TillError("TENDER_TOO_LOW", `tendered ${toAmountString(tendered)} is less than ${toAmountString(total)}`);
  return tendered.minus(total);
}

/**
 * Why a sale can no longer be voided, or null while it can: a void undoes a sale on its own
 * business day only, and only while nothing of it has been returned (after that, refund).
 */
export function voidRefusal(sale: { businessDate: string; returned: boolean }, today: string): "VOID_SAME_DAY" | "NOTHING_TO_RETURN" | null {
  if (sale.businessDate !== today) return "VOID_SAME_DAY";
  if (sale.returned) return "NOTHING_TO_RETURN";
  return null;
}

/** Whether the receipt offers a void: the same rule the model enforces. */
export function isVoidable(sale: { businessDate: string; returned: boolean }, today: string): boolean {
  return voidRefusal(sale, today) === null;
}

/** @throws TillError VOID_SAME_DAY | NOTHING_TO_RETURN, per voidRefusal */
export function assertVoidable(sale: { businessDate: string; returned: boolean }, today: string): void {
  const refusal = voidRefusal(sale, today);
  if (refusal === "NOTHING_TO_RETURN") throw new TillError(refusal, "a sale with a refund can no longer be voided");
  if (refusal) throw new TillError(refusal);
}

/** The value of a count by denomination (counts are whole pieces). */
export function countTotal(counts: Partial<Record<Denomination, number>>): Dec {
  return sum(DENOMINATIONS.map((d) => new D(d).times(counts[d] ?? 0)));
}

export interface ReturnedSoFar {
  quantity: Dec;
  amount: Dec;
  commission: Dec;
}

/**
 * The part of a sold line that is given back: a partial quantity is priced as its own line
 * (lineTotal, splitByRate); returning everything still open takes exactly what is left, so a
 * line returned in several steps gives back its amount and commission to the fen.
 */
export function returnPart(line: PricedLine, done: ReturnedSoFar, quantity: Dec): PricedLine {
  const open = line.quantity.minus(done.quantity);
  if (quantity.lte(0)) throw new TillError("NOTHING_TO_RETURN");
  if (quantity.gt(open)) throw new TillError("RETURN_TOO_LARGE", `only ${open.toString()} can still be returned`);
  if (quantity.eq(open)) {
    const amount = line.amount.minus(done.amount);
    const commission = line.commission.minus(done.commission);
    if (amount.lte(0)) throw new TillError("NOTHING_TO_RETURN", "nothing left to refund");
    return { ...line, quantity, amount, commission, ownerShare: amount.minus(commission) };
  }
  const left = line.amount.minus(done.amount);
  const priced = lineTotal(quantity, line.unitPrice);
  const amount = priced.gt(left) ? left : priced;
  if (amount.lte(0)) throw new TillError("NOTHING_TO_RETURN", "too little to refund");
  const { rateShare, remainder } = line.ownerKind === "collective" ? { rateShare: ZERO, remainder: amount } : splitByRate(amount, line.rate);
  return { ...line, quantity, amount, commission: rateShare, ownerShare: remainder };
}

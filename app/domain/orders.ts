import { ACCOUNTS } from "./chart-of-accounts";
import { DomainError, type ErrorSpec, specOf } from "./errors";
import { D, type Dec, ZERO, allocate, sum, toAmountString } from "./money";
import { type JournalLineDraft, type PricedLine, saleJournalLines } from "./till";

/**
 * Online orders (issue 7), pure: the order lifecycle as a state machine (who may make each
 * transition), the pickup code, the delivery fee rule, and how an order's money is posted —
 * held in payment clearing / customer prepayments until completion, then recognised exactly
 * as a till sale, and refunded pro rata over what was recognised.
 */

export const ORDER_STATUSES = ["pending_payment", "placed", "paid", "packed", "ready_for_pickup", "shipped", "completed", "cancelled", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CHECKOUT_STATUSES = ["pending_payment", "paid", "placed", "cancelled", "expired"] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const ORDER_PAYMENTS = ["online", "at_pickup"] as const;
export type OrderPayment = (typeof ORDER_PAYMENTS)[number];

export const FULFILMENT_KINDS = ["pickup", "delivery"] as const;
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];

/** How an at-pickup order is paid at the counter. */
export const PAID_WITH = ["cash", "mobile"] as const;
export type PaidWith = (typeof PAID_WITH)[number];

export const ORDER_EVENTS = ["place", "pay", "pack", "ready", "ship", "handover", "complete", "cancel", "expire", "refund"] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export const NOTIFICATION_CHANNELS = ["email", "page"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NOTIFICATION_STATUSES = ["pending", "sent", "failed"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Who acts: the buyer (signed in or holding the token), the station's staff, or the system (payments, the sweeper). */
export type OrderActor = { kind: "buyer" } | { kind: "station" } | { kind: "system" };

/** An unpaid online checkout keeps its reservation this long; then the sweeper releases it. */
export const PAYMENT_WINDOW_MINUTES = 60;

/**
 * Why the order model refused, each code with its kind (the status it answers, ADR 017) and the
 * form field at fault where there is one.
 */
const ORDER_ERRORS = {
  EMPTY_CART: { kind: "rule" },
  PRICE_CHANGED: { kind: "conflict" },
  INSUFFICIENT_STOCK: { kind: "conflict" },
  PRODUCT_UNAVAILABLE: { kind: "conflict" },
  DELIVERY_NOT_OFFERED: { kind: "rule", field: "fulfilment" },
  PAYMENT_NOT_OFFERED: { kind: "invalid", field: "payment" },
  // A quantity the cart held that the unit no longer allows: the cart changed under the buyer.
  BAD_QUANTITY: { kind: "conflict" },
  BAD_CONTACT: { kind: "invalid", field: "phone" },
  BAD_ADDRESS: { kind: "invalid", field: "address" },
  BAD_IDEMPOTENCY_KEY: { kind: "invalid" },
  TRANSITION_NOT_ALLOWED: { kind: "conflict" },
  FORBIDDEN: { kind: "forbidden" },
  NOT_FOUND: { kind: "not_found" },
  WRONG_PICKUP_CODE: { kind: "invalid", field: "pickupCode" },
  PAID_WITH_REQUIRED: { kind: "invalid", field: "paidWith" },
  PAID_REFERENCE_REQUIRED: { kind: "invalid", field: "paidReference" },
  SESSION_REQUIRED: { kind: "conflict", field: "paidWith" },
  TRACKING_REQUIRED: { kind: "invalid", field: "trackingNumber" },
  REFUND_TOO_LARGE: { kind: "invalid", field: "amount" },
  NOT_REFUNDABLE: { kind: "conflict" },
  BAD_DELIVERY_RULE: { kind: "invalid", field: "flatFee" },
  BAD_DELIVERY_BAND: { kind: "invalid" },
  PICKUP_CODE_LOCKED: { kind: "limited", field: "pickupCode" },
  PERIOD_CLOSED: { kind: "rule" },
} as const satisfies ErrorSpec<string>;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;

/**
 * For PRICE_CHANGED / INSUFFICIENT_STOCK / PRODUCT_UNAVAILABLE: the products concerned; for
 * WRONG_PICKUP_CODE / PICKUP_CODE_LOCKED: the wrong codes still allowed and the lock's end.
 */
export type OrderErrorDetails = {
  productIds?: string[];
  attemptsLeft?: number;
  lockedUntil?: Date | null;
};

export class OrderError extends DomainError<OrderErrorCode> {
  static override readonly errorName = "OrderError";
  declare readonly details: OrderErrorDetails;
  constructor(code: OrderErrorCode, message: string = code, details: OrderErrorDetails = {}) {
    super({ feature: "orders", code, ...specOf<OrderErrorCode>(ORDER_ERRORS, code), details: { ...details } }, message);
  }
}

export interface MachineOrder {
  status: OrderStatus;
  payment: OrderPayment;
  fulfilment: FulfilmentKind;
}

type Rule = { from: readonly OrderStatus[]; to: OrderStatus; who: readonly OrderActor["kind"][]; when?: (o: MachineOrder) => boolean };

/**
 * The machine. Online: pending_payment →pay→ paid →pack→ packed →ready→ ready_for_pickup
 * →handover→ completed, or packed →ship→ shipped →complete→ completed. At pickup: placed →pack→
 * packed →ready→ ready_for_pickup →handover (paid there)→ completed, or, delivered and paid on
 * delivery (货到付款), placed →pack→ packed →ship→ shipped →complete (paid to the courier, who
 * checks the pickup code)→ completed: only the station completes those, since it records the
 * money. The buyer may cancel until the order is packed; the station may cancel until it leaves the station; the system pays and
 * expires. "refunded" is reached only by refunds (recordOrderRefund), never by an event here.
 */
const RULES: Record<Exclude<OrderEvent, "refund" | "place">, Rule> = {
  pay: { from: ["pending_payment"], to: "paid", who: ["system"] },
  expire: { from: ["pending_payment"], to: "cancelled", who: ["system"] },
  pack: { from: ["paid", "placed"], to: "packed", who: ["station"] },
  ready: { from: ["packed"], to: "ready_for_pickup", who: ["station"], when: (o) => o.fulfilment === "pickup" },
  ship: { from: ["packed"], to: "shipped", who: ["station"], when: (o) => o.fulfilment === "delivery" },
  handover: { from: ["ready_for_pickup"], to: "completed", who: ["station"] },
  complete: { from: ["shipped"], to: "completed", who: ["station", "buyer"] },
  cancel: { from: ["pending_payment", "placed", "paid", "packed", "ready_for_pickup"], to: "cancelled", who: ["buyer", "station"] },
};

/** Statuses in which the buyer may still cancel (before packing). */
const BUYER_CANCELLABLE: readonly OrderStatus[] = ["pending_payment", "placed", "paid"];

/**
 * The status an event leads to from the order's current one, if `actor` may make it.
 * @throws OrderError TRANSITION_NOT_ALLOWED (not from this status) | FORBIDDEN (not this actor)
 */
export function transition(order: MachineOrder, event: Exclude<OrderEvent, "refund" | "place">, actor: OrderActor): OrderStatus {
  const rule = RULES[event];
  if (!rule || !rule.from.includes(order.status) || (rule.when && !rule.when(order))) {
    throw new OrderError("TRANSITION_NOT_ALLOWED", `cannot ${event} an order that is ${order.status}`);
  }
  if (!rule.who.includes(actor.kind)) throw new OrderError("FORBIDDEN", `${actor.kind} may not ${event} an order`);
  if (event === "complete" && actor.kind === "buyer" && order.payment === "at_pickup") {
    throw new OrderError("FORBIDDEN", "an order paid on delivery is completed by the station, which records the money");
  }
  if (event === "cancel" && actor.kind === "buyer" && !BUYER_CANCELLABLE.includes(order.status)) {
    throw new OrderError("FORBIDDEN", "the buyer may cancel only before the order is packed");
  }
  return rule.to;
}

/** Whether the transition is allowed (for showing buttons); never throws. */
export function canTransition(order: MachineOrder, event: Exclude<OrderEvent, "refund" | "place">, actor: OrderActor): boolean {
  try {
    transition(order, event, actor);
    return true;
  } catch {
    return false;
  }
}

/** Statuses in which the goods are still reserved at the station. */
export function holdsReservation(status: OrderStatus): boolean {
  return status === "pending_payment" || status === "placed" || status === "paid" || status === "packed" || status === "ready_for_pickup";
}

// ---------------------------------------------------------------------------------------------
// Pickup code

/** A 6-digit pickup code from a random 32-bit value (uniform enough: bias < 1e-3 %). */
export function pickupCodeFrom(random32: number): string {
  return String(random32 % 1_000_000).padStart(6, "0");
}

/** Normalises what the operator typed (spaces, full-width digits) and compares in constant time. */
export function pickupCodeMatches(expected: string, typed: string): boolean {
  const clean = typed.replace(/[\s-]/g, "").replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{6}$/.test(clean) || !/^\d{6}$/.test(expected)) return false;
  let diff = 0;
  for (let i = 0; i < 6; i++) diff |= clean.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

// ---------------------------------------------------------------------------------------------
// Delivery fee

/**
 * A distance band: deliveries farther than the previous band's limit and up to `upToKm` cost
 * `fee`. Distances are the buyer's declaration (the band they pick at checkout, by road from the
 * station); the operator sees it beside the address.
 */
export interface DeliveryBand {
  upToKm: string;
  fee: string;
}

/**
 * A station's delivery rule: no delivery, or a flat fee waived from an order value on (null:
 * never waived), optionally with distance bands. The flat fee is what a delivery costs beyond
 * every band or when the buyer names no band; `freeAbove` waives every fee, banded or flat.
 */
export type DeliveryRule = { offered: false } | { offered: true; flatFee: string; freeAbove: string | null; bands?: DeliveryBand[] };

/** At most this many distance bands per station (a select on an old phone). */
export const MAX_DELIVERY_BANDS = 8;

const KM = /^\d{1,4}(\.\d{1,2})?$/;

/**
 * The band a distance falls in: the nearest band whose limit is at least `km` (a distance equal
 * to a limit belongs to that band); null beyond every band. `bands` must be ascending (as
 * checkDeliveryRule stores them).
 */
export function bandForDistance(bands: readonly DeliveryBand[], km: Dec): DeliveryBand | null {
  return bands.find((b) => km.lte(b.upToKm)) ?? null;
}

/**
 * The delivery fee for goods worth `goodsTotal`: nothing once goods reach `freeAbove`; else the
 * fee of the band the buyer's distance `band` (km, normally the upper limit of the band picked)
 * falls in; else (no band named, no bands, or beyond them) the flat fee.
 * @throws OrderError DELIVERY_NOT_OFFERED | BAD_DELIVERY_BAND (not a distance)
 */
export function deliveryFee(rule: DeliveryRule, goodsTotal: Dec, band?: string | null): Dec {
  if (!rule.offered) throw new OrderError("DELIVERY_NOT_OFFERED");
  const km = band === undefined || band === null || band.trim() === "" ? null : band.trim();
  if (km !== null && (!KM.test(km) || new D(km).lte(0))) throw new OrderError("BAD_DELIVERY_BAND", `${band} is not a distance in km`);
  if (rule.freeAbove !== null && goodsTotal.gte(rule.freeAbove)) return ZERO;
  const chosen = km === null ? null : bandForDistance(rule.bands ?? [], new D(km));
  return new D(chosen ? chosen.fee : rule.flatFee);
}

/** @throws OrderError BAD_DELIVERY_RULE (negative, more than 2 decimals, absurd, bands repeated, zero or too many) */
export function checkDeliveryRule(rule: DeliveryRule): DeliveryRule {
  if (!rule.offered) return rule;
  for (const v of [rule.flatFee, rule.freeAbove, ...(rule.bands ?? []).map((b) => b.fee)]) {
    if (v === null) continue;
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(v)) throw new OrderError("BAD_DELIVERY_RULE", `${v} is not an amount`);
  }
  const bands = [...(rule.bands ?? [])];
  if (bands.length > MAX_DELIVERY_BANDS) throw new OrderError("BAD_DELIVERY_RULE", `at most ${MAX_DELIVERY_BANDS} distance bands`);
  for (const b of bands) {
    if (typeof b.upToKm !== "string" || !KM.test(b.upToKm) || new D(b.upToKm).lte(0)) throw new OrderError("BAD_DELIVERY_RULE", `${b.upToKm} is not a distance in km`);
  }
  bands.sort((a, b) => new D(a.upToKm).comparedTo(b.upToKm));
  if (bands.some((b, i) => i > 0 && new D(b.upToKm).eq(bands[i - 1]!.upToKm))) throw new OrderError("BAD_DELIVERY_RULE", "two bands with the same distance");
  return {
    offered: true,
    flatFee: toAmountString(new D(rule.flatFee)),
    freeAbove: rule.freeAbove === null ? null : toAmountString(new D(rule.freeAbove)),
    bands: bands.map((b) => ({ upToKm: new D(b.upToKm).toString(), fee: toAmountString(new D(b.fee)) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Wrong pickup codes

/** Wrong pickup codes allowed in a row before the handover of that order is locked. */
export const PICKUP_CODE_MAX_ATTEMPTS = 5;
/** How long the handover stays locked after the last allowed wrong code. */
export const PICKUP_CODE_LOCK_MINUTES = 15;

/** An order's wrong-code state as stored: wrong codes since the last lock, and the lock's end. */
export interface PickupGuard {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** Whether the handover is locked at `now` (a lock ends exactly at `lockedUntil`). */
export function pickupLocked(guard: PickupGuard | null, now: Date): boolean {
  return guard?.lockedUntil != null && guard.lockedUntil.getTime() > now.getTime();
}

/** How many wrong codes the operator may still type before the lock (0 while locked). */
export function pickupAttemptsLeft(guard: PickupGuard | null, now: Date): number {
  if (!guard) return PICKUP_CODE_MAX_ATTEMPTS;
  if (pickupLocked(guard, now)) return 0;
  return Math.max(0, PICKUP_CODE_MAX_ATTEMPTS - guard.failedAttempts);
}

/**
 * The state after one more wrong code at `now`: counted; the 5th in a row locks the handover for
 * 15 minutes and starts a new count (so after the lock another 5 are allowed).
 */
export function afterWrongPickupCode(guard: PickupGuard | null, now: Date): PickupGuard & { locked: boolean } {
  const failed = (guard?.failedAttempts ?? 0) + 1;
  if (failed >= PICKUP_CODE_MAX_ATTEMPTS) return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + PICKUP_CODE_LOCK_MINUTES * 60_000), locked: true };
  return { failedAttempts: failed, lockedUntil: guard?.lockedUntil ?? null, locked: false };
}

// ---------------------------------------------------------------------------------------------
// Journals

/** Payment received online for one order: Dr payment clearing (10202) / Cr customer prepayments (21103). */
export function paymentJournalLines(total: Dec): JournalLineDraft[] {
  return [
    { accountCode: ACCOUNTS.paymentClearing, amount: toAmountString(total) },
    { accountCode: ACCOUNTS.customerPrepayments, amount: toAmountString(total.neg()) },
  ];
}

/**
 * The credit side of a completed order, as a till sale would post it (household payable with
 * its household, commission income, own-sales income, partner payable) plus the delivery fee as
 * service income: each part as a positive amount. These are the weights refunds are split by.
 */
export function recognisedParts(lines: readonly PricedLine[], deliveryFeeAmount: Dec): JournalLineDraft[] {
  const credits = saleJournalLines(lines, "mobile")
    .filter((l) => l.accountCode !== ACCOUNTS.paymentClearing)
    .map((l) => ({ ...l, amount: toAmountString(new D(l.amount).neg()) }));
  if (deliveryFeeAmount.gt(0)) credits.push({ accountCode: ACCOUNTS.serviceIncome, amount: toAmountString(deliveryFeeAmount) });
  return credits;
}

/**
 * How much of each part `refunded` takes, pro rata by largest remainder (allocate), so the parts
 * of any refund total add up to it exactly and refunding everything takes every part whole.
 */
export function refundSplit(parts: readonly JournalLineDraft[], refunded: Dec): Dec[] {
  if (parts.length === 0) return [];
  return allocate(
    refunded,
    parts.map((p) => new D(p.amount))
  );
}

function signedLines(parts: readonly JournalLineDraft[], amounts: readonly Dec[], sign: 1 | -1): JournalLineDraft[] {
  return parts
    .map((p, i) => ({ ...p, amount: amounts[i]!.times(sign) }))
    .filter((p) => !p.amount.isZero())
    .map((p) => ({ ...p, amount: toAmountString(p.amount) }));
}

/**
 * Completion: Dr the money account (customer prepayments for online orders, cash or clearing for
 * money taken at the counter) for what is left after earlier refunds; Cr each recognised part
 * less its share of those refunds. Balanced by construction: the shares add up to `refundedBefore`.
 * @throws OrderError NOT_REFUNDABLE when nothing is left to recognise
 */
export function completionJournalLines(lines: readonly PricedLine[], deliveryFeeAmount: Dec, moneyAccountCode: string, refundedBefore: Dec = ZERO): JournalLineDraft[] {
  const parts = recognisedParts(lines, deliveryFeeAmount);
  const total = sum(parts.map((p) => new D(p.amount)));
  const net = total.minus(refundedBefore);
  if (net.lte(0)) throw new OrderError("NOT_REFUNDABLE", "nothing is left to recognise");
  const taken = refundSplit(parts, refundedBefore);
  const credits = signedLines(
    parts,
    parts.map((p, i) => new D(p.amount).minus(taken[i]!)),
    -1
  );
  return [{ accountCode: moneyAccountCode, amount: toAmountString(net) }, ...credits];
}

/**
 * A refund paid back through the payment provider (Cr payment clearing). Before completion it
 * comes out of customer prepayments; after completion it reverses the recognised parts by the
 * difference between the cumulative splits before and after, so refunds in steps reverse every
 * part exactly once in total.
 */
export function refundJournalLines(
  args: { completed: false; amount: Dec } | { completed: true; amount: Dec; parts: readonly JournalLineDraft[]; refundedBefore: Dec }
): JournalLineDraft[] {
  const clearing = { accountCode: ACCOUNTS.paymentClearing, amount: toAmountString(args.amount.neg()) };
  if (!args.completed) return [{ accountCode: ACCOUNTS.customerPrepayments, amount: toAmountString(args.amount) }, clearing];
  const before = refundSplit(args.parts, args.refundedBefore);
  const after = refundSplit(args.parts, args.refundedBefore.plus(args.amount));
  const debits = signedLines(
    args.parts,
    after.map((a, i) => a.minus(before[i]!)),
    1
  );
  return [...debits, clearing];
}

/**
 * What may still be refunded: only money taken online, up to the order's total.
 */
export function refundable(order: { payment: OrderPayment; status: OrderStatus; total: string; refundedAmount: string; paidAt: Date | null }): Dec {
  if (order.payment !== "online" || order.paidAt === null) return ZERO;
  const left = new D(order.total).minus(order.refundedAmount);
  return left.isNeg() ? ZERO : left;
}

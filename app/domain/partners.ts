import { addDays } from "./dates";
import { DomainError, type ErrorKind } from "./errors";
import { D, type Dec, allocate, lineTotal, splitByRate, sum, toAmountString, ZERO } from "./money";
import { UNITS, type UnitCode } from "./units";

/**
 * Partner companies (村企合作, 村社合作, 村商合作): what they are, the terms a station agrees with
 * them, and the pure rules of bulk orders, deliveries, payments and statements. ADR 012.
 */

export const PARTNER_KINDS = ["processor", "input_supplier", "retail_chain", "cooperative", "logistics"] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** 村企 / 村社 / 村商. */
export const PARTNER_MODES = ["village_enterprise", "village_cooperative", "village_merchant"] as const;
export type PartnerMode = (typeof PARTNER_MODES)[number];

export const PARTNER_STATUSES = ["active", "inactive"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const REMITTANCE_SCHEDULES = ["weekly", "biweekly", "monthly", "on_request"] as const;
export type RemittanceSchedule = (typeof REMITTANCE_SCHEDULES)[number];

/**
 * placed → confirmed → (deliveries) → delivered (all ordered quantity delivered) or closed
 * (short: the operator ends it with less); placed or confirmed without deliveries → cancelled.
 */
export const BULK_ORDER_STATUSES = ["placed", "confirmed", "delivered", "closed", "cancelled"] as const;
export type BulkOrderStatus = (typeof BULK_ORDER_STATUSES)[number];

export const CONSIGNMENT_NOTE_KINDS = ["received", "returned"] as const;
export type ConsignmentNoteKind = (typeof CONSIGNMENT_NOTE_KINDS)[number];

export const PARTNER_MONEY_METHODS = ["bank"] as const;
export type PartnerMoneyMethod = (typeof PARTNER_MONEY_METHODS)[number];

export const MAX_PAYMENT_TERMS_DAYS = 365;

export type PartnerErrorCode =
  | "PARTNER_NOT_FOUND"
  | "PARTNER_INACTIVE"
  | "PARTNER_NAME_TAKEN"
  | "NO_TERMS"
  | "UNKNOWN_PRODUCE"
  | "MIXED_UNITS"
  | "EMPTY_ORDER"
  | "DUPLICATE_LINE"
  | "BAD_QUANTITY"
  | "BAD_PRICE"
  | "BAD_DATE"
  | "DELIVERY_DATE_PAST"
  | "ORDER_NOT_FOUND"
  | "ORDER_NOT_PLACED"
  | "ORDER_NOT_OPEN"
  | "ORDER_HAS_DELIVERIES"
  | "OVER_ORDERED"
  | "OVER_AVAILABLE"
  | "NOT_ENOUGH_AVAILABLE"
  | "EMPTY_DELIVERY"
  | "WRONG_PRODUCE"
  | "PRODUCT_NOT_FOUND"
  | "NOT_PARTNER_GOODS"
  | "NOT_ENOUGH_STOCK"
  | "ABOVE_OWED"
  | "ABOVE_OUTSTANDING"
  | "REFERENCE_REQUIRED"
  | "IDEMPOTENCY_KEY_REUSED"
  | "STATION_NOT_FOUND"
  | "DELIVERY_NOT_FOUND";

/**
 * What a refusal of each code lets a person do (ADR 017): a state that changed under them (the
 * order moved on, stock or balances shrank, the partner stopped, the name was taken meanwhile)
 * is a conflict (409); a partner, order, station or document that is not there is not found;
 * every other code is a rule the request breaks (422).
 */
const PARTNER_KINDS_BY_CODE: Record<PartnerErrorCode, ErrorKind> = {
  PARTNER_NOT_FOUND: "not_found",
  PARTNER_INACTIVE: "conflict",
  PARTNER_NAME_TAKEN: "conflict",
  NO_TERMS: "rule",
  UNKNOWN_PRODUCE: "rule",
  MIXED_UNITS: "rule",
  EMPTY_ORDER: "rule",
  DUPLICATE_LINE: "rule",
  BAD_QUANTITY: "rule",
  BAD_PRICE: "rule",
  BAD_DATE: "rule",
  DELIVERY_DATE_PAST: "rule",
  ORDER_NOT_FOUND: "not_found",
  ORDER_NOT_PLACED: "conflict",
  ORDER_NOT_OPEN: "conflict",
  ORDER_HAS_DELIVERIES: "conflict",
  OVER_ORDERED: "conflict",
  OVER_AVAILABLE: "conflict",
  NOT_ENOUGH_AVAILABLE: "conflict",
  EMPTY_DELIVERY: "rule",
  WRONG_PRODUCE: "rule",
  PRODUCT_NOT_FOUND: "not_found",
  NOT_PARTNER_GOODS: "rule",
  NOT_ENOUGH_STOCK: "conflict",
  ABOVE_OWED: "conflict",
  ABOVE_OUTSTANDING: "conflict",
  REFERENCE_REQUIRED: "rule",
  IDEMPOTENCY_KEY_REUSED: "conflict",
  STATION_NOT_FOUND: "not_found",
  DELIVERY_NOT_FOUND: "not_found",
};

/** A rule of the partner business broken; the words are in app/routes-support/partners/refusals.ts. */
export class PartnerError extends DomainError<PartnerErrorCode> {
  static override readonly errorName = "PartnerError";
  constructor(code: PartnerErrorCode, message: string = code) {
    super({ feature: "partners", code, kind: PARTNER_KINDS_BY_CODE[code] }, message);
  }
}

/**
 * The station-level name of a produce a partner orders ("金银花 from this station"): the product
 * name shared by households' products, trimmed, inner whitespace removed, Latin letters lower-cased.
 * Households that list "金银花" and " 金银花 " sell the same produce.
 */
export function produceKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** Quantities in this unit are multiples of this grain (0.001 斤, 1 个). */
export function quantityGrain(unit: UnitCode): Dec {
  return new D(1).div(new D(10).pow(UNITS[unit].decimals));
}

export interface Holding {
  /** Who holds it: a household's product at the station. */
  productId: string;
  householdId: string;
  /** What can be delivered now: on hand minus reserved. */
  available: Dec;
}

export interface Allotment {
  productId: string;
  householdId: string;
  quantity: Dec;
}

/**
 * Splits `quantity` across households in proportion to what each has available, with the money
 * core's largest-remainder `allocate` run on grains of the unit (0.001 斤, 1 个). Invariants: the
 * parts add up to `quantity` exactly, each is a multiple of the grain, each ≤ its household's
 * available (a part rounded up by one grain stays within, because available is itself in
 * grains), ties go to the earlier holding. Zero parts are left out.
 * @throws PartnerError BAD_QUANTITY (not positive / not in grains) | NOT_ENOUGH_AVAILABLE
 */
export function allocateProRata(quantity: Dec, holdings: readonly Holding[], unit: UnitCode): Allotment[] {
  const grain = quantityGrain(unit);
  if (!quantity.isFinite() || quantity.lte(0) || !quantity.mod(grain).isZero()) {
    throw new PartnerError("BAD_QUANTITY", `${quantity.toString()} is not a quantity in ${unit}`);
  }
  const usable = holdings.filter((h) => h.available.gt(0));
  const total = sum(usable.map((h) => h.available));
  if (usable.length === 0 || total.lt(quantity)) {
    throw new PartnerError("NOT_ENOUGH_AVAILABLE", `only ${total.toString()} available, ${quantity.toString()} asked`);
  }
  // allocate() splits fen; a grain is scaled onto one fen and back.
  const toFenScale = new D("0.01").div(grain);
  const parts = allocate(quantity.times(toFenScale), usable.map((h) => h.available.toString()));
  return usable
    .map((h, i) => ({ productId: h.productId, householdId: h.householdId, quantity: parts[i]!.div(toFenScale) }))
    .filter((a) => a.quantity.gt(0));
}

export interface DeliveryLinePrice {
  amount: Dec;
  commission: Dec;
  householdShare: Dec;
}

/**
 * Prices one order line's part of a delivery, filled from several households: the line is
 * priced once (lineTotal of the quantity delivered), so the partner is invoiced exactly
 * quantity × price, and that amount is split between the households in proportion to the
 * quantity each gave (allocate, largest remainder); each part is then split into commission
 * and household share. Parts add up to the line to the fen.
 */
export function priceDeliveryParts(quantities: readonly Dec[], unitPrice: Dec, commissionRate: Dec): DeliveryLinePrice[] {
  const amount = lineTotal(quantities.reduce((a, q) => a.plus(q), new D(0)), unitPrice);
  return allocate(amount, quantities).map((part) => {
    const { rateShare, remainder } = splitByRate(part, commissionRate);
    return { amount: part, commission: rateShare, householdShare: remainder };
  });
}

/** The day a delivery's invoice falls due: the delivery date plus the partner's payment terms. */
export function dueDate(deliveredOn: string, paymentTermsDays: number): string {
  return addDays(deliveredOn, paymentTermsDays);
}

export interface Invoice {
  id: string;
  amount: Dec;
  dueOn: string;
}

export interface InvoiceStatus {
  id: string;
  amount: Dec;
  paid: Dec;
  unpaid: Dec;
  dueOn: string;
  overdue: boolean;
}

/**
 * Which deliveries are paid, oldest first: payments settle the earliest invoice first (FIFO).
 * A delivery is overdue when part of it is unpaid and today is after its due date (the due day
 * itself is still on time). Invariant: Σ paid = min(paidTotal, Σ amount).
 */
export function invoiceStatuses(invoices: readonly Invoice[], paidTotal: Dec, today: string): InvoiceStatus[] {
  let left = paidTotal;
  return [...invoices]
    .sort((a, b) => (a.dueOn === b.dueOn ? 0 : a.dueOn < b.dueOn ? -1 : 1))
    .map((inv) => {
      const paid = D.min(inv.amount, D.max(left, ZERO));
      left = left.minus(paid);
      const unpaid = inv.amount.minus(paid);
      return { id: inv.id, amount: inv.amount, paid, unpaid, dueOn: inv.dueOn, overdue: unpaid.gt(0) && today > inv.dueOn };
    });
}

export interface StatementFigures {
  /** Consignment: what the partner was owed at the start, its share of goods sold (price minus commission), remitted. */
  consignmentOpening: Dec;
  consignmentSold: Dec;
  consignmentCommission: Dec;
  remitted: Dec;
  /** Bulk orders: outstanding at the start, delivered (= invoiced) in the period, paid. */
  ordersOpening: Dec;
  delivered: Dec;
  paid: Dec;
}

export interface StatementTotals {
  /** consignmentSold − consignmentCommission: what the sales added to the payable. */
  partnerShare: Dec;
  /** opening + share − remitted. */
  owed: Dec;
  /** opening + delivered − paid. */
  outstanding: Dec;
  /** outstanding − owed: positive, the partner owes the station on balance. */
  net: Dec;
}

/** A 对账单's closing figures from its movements; the model checks them against the ledger's balances. */
export function statementTotals(f: StatementFigures): StatementTotals {
  const partnerShare = f.consignmentSold.minus(f.consignmentCommission);
  const owed = f.consignmentOpening.plus(partnerShare).minus(f.remitted);
  const outstanding = f.ordersOpening.plus(f.delivered).minus(f.paid);
  return { partnerShare, owed, outstanding, net: outstanding.minus(owed) };
}

/**
 * A money amount paid or remitted must be positive and no more than what is due.
 * @throws PartnerError ABOVE_OWED | ABOVE_OUTSTANDING | BAD_PRICE
 */
export function checkSettlement(amount: Dec, due: Dec, kind: "remittance" | "payment"): void {
  if (amount.lte(0)) throw new PartnerError("BAD_PRICE", "amount must be positive");
  if (amount.gt(due)) throw new PartnerError(kind === "remittance" ? "ABOVE_OWED" : "ABOVE_OUTSTANDING", `at most ${toAmountString(due)}`);
}

import { DomainError, type ErrorSpec, specOf } from "./errors";
import { D, type Dec, lineTotal, sum } from "./money";
import { checkQuantity, type UnitCode } from "./units";

/**
 * The cart's rules. A cart is a wish list with quantities, not a promise: nothing is reserved
 * until checkout (placeCheckout re-checks price and stock). Each line keeps the price the buyer
 * saw when they added it, so a changed price is caught at checkout instead of charged silently.
 */

/** Why a cart write was refused, with its kind (ADR 017) and the form field at fault. */
const CART_ERRORS = {
  PRODUCT_UNAVAILABLE: { kind: "conflict" },
  INSUFFICIENT_STOCK: { kind: "conflict", field: "quantity" },
  SOLD_OUT: { kind: "conflict", field: "quantity" },
  NOT_IN_CART: { kind: "not_found" },
  QUANTITY_TOO_LARGE: { kind: "invalid", field: "quantity" },
} as const satisfies ErrorSpec<string>;

export type CartErrorCode = keyof typeof CART_ERRORS;

export class CartError extends DomainError<CartErrorCode> {
  static override readonly errorName = "CartError";
  constructor(code: CartErrorCode, message: string = code, details?: CartErrorDetails) {
    super({ feature: "cart", code, ...specOf<CartErrorCode>(CART_ERRORS, code), details: details ? { ...details } : {} }, message);
  }
}

/** What a refused quantity is measured against, so the message can say how much is left: decimal strings in `unit`. */
export interface CartErrorDetails {
  unit: UnitCode;
  available: string;
  inCart: string;
}

/** More than this of one product in a cart is a typing slip, not a household's order. */
export const MAX_CART_LINE_QUANTITY = "10000";

/**
 * The quantity a line holds after adding `added` to what it had (`current`, or none).
 * Invariants: > 0, within the unit's decimals, at most MAX_CART_LINE_QUANTITY, and never more
 * than `available` (what the station can still sell now). A refusal for stock carries
 * `CartErrorDetails` (how much is left and already in the cart).
 * @throws CartError QUANTITY_TOO_LARGE | SOLD_OUT (nothing left) | INSUFFICIENT_STOCK; UnitError from checkQuantity
 */
export function cartLineQuantity(current: Dec | null, added: Dec, unit: UnitCode, available: Dec): Dec {
  const total = checkQuantity((current ?? new D(0)).plus(added), unit);
  if (total.gt(MAX_CART_LINE_QUANTITY)) throw new CartError("QUANTITY_TOO_LARGE");
  if (total.gt(available)) {
    const details = { unit, available: D.max(available, 0).toFixed(), inCart: (current ?? new D(0)).toFixed() };
    throw new CartError(available.gt(0) ? "INSUFFICIENT_STOCK" : "SOLD_OUT", `only ${details.available} ${unit} left`, details);
  }
  return total;
}

/** Two carts' lines of one product meeting at sign-in: quantities add up, the later-seen price wins. */
export function mergeCartLine(
  mine: { quantity: Dec; seenUnitPrice: Dec; updatedAt: Date },
  theirs: { quantity: Dec; seenUnitPrice: Dec; updatedAt: Date },
): { quantity: Dec; seenUnitPrice: Dec } {
  const later = theirs.updatedAt.getTime() >= mine.updatedAt.getTime() ? theirs : mine;
  return { quantity: mine.quantity.plus(theirs.quantity), seenUnitPrice: later.seenUnitPrice };
}

export interface PricedLine {
  stationId: string;
  quantity: Dec;
  unitPrice: Dec;
}

/**
 * The cart as checkout will split it: one group per station (each station fulfils its own
 * order), in the order stations first appear, each with the sum of its rounded line totals.
 */
export function groupByStation<L extends PricedLine>(lines: readonly L[]): { stationId: string; lines: L[]; subtotal: Dec }[] {
  const groups = new Map<string, L[]>();
  for (const line of lines) {
    const group = groups.get(line.stationId);
    if (group) group.push(line);
    else groups.set(line.stationId, [line]);
  }
  return [...groups].map(([stationId, grouped]) => ({
    stationId,
    lines: grouped,
    subtotal: sum(grouped.map((l) => lineTotal(l.quantity, l.unitPrice))),
  }));
}

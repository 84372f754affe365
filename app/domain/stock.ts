import { DomainError, type ErrorSpec, specOf } from "./errors";
import { type Dec, toAsciiDigits, ZERO } from "./money";
import { checkQuantity, parseQuantity, type UnitCode } from "./units";

/**
 * Stock as movements. Every change to what a station holds of a product is one movement; the
 * product's on-hand and reserved quantities are the sums of the movements' deltas, kept in the
 * same transaction (and guarded by CHECKs in the database). Pure rules here; the stock model
 * applies them with a conditional UPDATE.
 *
 * on_hand  — what is physically at the station, reserved goods included;
 * reserved — the part of on_hand promised to online orders;
 * available = on_hand − reserved: what can still be sold or reserved.
 */

export const MOVEMENT_KINDS = ["received", "sold", "reserved", "released", "returned", "spoiled", "counted"] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Kinds that need a written reason (a stock-take difference, spoilage, goods handed back). */
export const KINDS_NEEDING_REASON: readonly MovementKind[] = ["counted", "spoiled"];

/** More than this in one movement is a typing slip (50 t of 斤, 100,000 eggs), not a village delivery. */
export const MAX_MOVEMENT_QUANTITY = "100000";

export interface StockLevel {
  onHand: Dec;
  reserved: Dec;
}

export interface StockDelta {
  onHand: Dec;
  reserved: Dec;
}

export type StockErrorCode = "INSUFFICIENT_STOCK" | "INSUFFICIENT_RESERVED" | "BELOW_RESERVED" | "QUANTITY_TOO_LARGE" | "REASON_REQUIRED";

/** Too little on the shelf is a conflict (the level changed under the person); the rest is the input's fault. */
const STOCK_SPEC: ErrorSpec<StockErrorCode> = {
  INSUFFICIENT_STOCK: { kind: "conflict", field: "quantity" },
  INSUFFICIENT_RESERVED: { kind: "conflict", field: "quantity" },
  BELOW_RESERVED: { kind: "rule", field: "quantity" },
  QUANTITY_TOO_LARGE: { kind: "invalid", field: "quantity" },
  REASON_REQUIRED: { kind: "invalid", field: "reason" },
};

export class StockError extends DomainError<StockErrorCode> {
  static override readonly errorName = "StockError";
  constructor(code: StockErrorCode, message: string) {
    super({ feature: "stock", code, ...specOf(STOCK_SPEC, code) }, message);
  }
}

/**
 * What a movement does, as signed deltas. `quantity` is positive, already checked against the
 * unit. `returned` takes a direction: goods a buyer brings back come in (+), unsold goods handed
 * back to their household go out (−). `sold` may consume a reservation (an online order picked
 * up), in which case reserved falls with on_hand.
 */
export type MovementInput =
  | { kind: "received"; quantity: Dec }
  | { kind: "sold"; quantity: Dec; fromReservation?: boolean }
  | { kind: "reserved"; quantity: Dec }
  | { kind: "released"; quantity: Dec }
  | { kind: "returned"; quantity: Dec; direction: "in" | "out" }
  | { kind: "spoiled"; quantity: Dec };

export function deltaFor(input: MovementInput): StockDelta {
  const q = input.quantity;
  switch (input.kind) {
    case "received":
      return { onHand: q, reserved: ZERO };
    case "sold":
      return { onHand: q.neg(), reserved: input.fromReservation ? q.neg() : ZERO };
    case "reserved":
      return { onHand: ZERO, reserved: q };
    case "released":
      return { onHand: ZERO, reserved: q.neg() };
    case "returned":
      return { onHand: input.direction === "in" ? q : q.neg(), reserved: ZERO };
    case "spoiled":
      return { onHand: q.neg(), reserved: ZERO };
  }
}

/**
 * A stock-take: the delta that brings on_hand to what was counted. Counting fewer than are
 * reserved is refused (those goods are promised; release the orders first).
 * @throws StockError BELOW_RESERVED
 */
export function countedDelta(level: StockLevel, counted: Dec): StockDelta {
  if (counted.lt(level.reserved)) {
    throw new StockError("BELOW_RESERVED", `counted ${counted.toString()} is below the ${level.reserved.toString()} reserved`);
  }
  return { onHand: counted.minus(level.onHand), reserved: ZERO };
}

/**
 * The level after a movement, or the reason it cannot happen. Invariant of every result:
 * 0 ≤ reserved ≤ onHand — the same rule the database's CHECKs hold.
 * @throws StockError INSUFFICIENT_STOCK | INSUFFICIENT_RESERVED
 */
export function applyDelta(level: StockLevel, delta: StockDelta): StockLevel {
  const onHand = level.onHand.plus(delta.onHand);
  const reserved = level.reserved.plus(delta.reserved);
  if (reserved.isNeg() && !reserved.isZero()) {
    throw new StockError("INSUFFICIENT_RESERVED", `only ${level.reserved.toString()} reserved`);
  }
  if (onHand.lt(reserved)) {
    throw new StockError("INSUFFICIENT_STOCK", `only ${level.onHand.minus(level.reserved).toString()} available`);
  }
  return { onHand: normalizeZero(onHand), reserved: normalizeZero(reserved) };
}

/** The level a list of movements adds up to from nothing: what on_hand and reserved must equal. */
export function replay(deltas: readonly StockDelta[]): StockLevel {
  return deltas.reduce<StockLevel>((level, delta) => applyDelta(level, delta), { onHand: ZERO, reserved: ZERO });
}

/**
 * A quantity for a movement: valid in the unit (2.5 个 is refused) and not absurd.
 * @throws UnitError (from checkQuantity) | StockError QUANTITY_TOO_LARGE
 */
export function checkMovementQuantity(quantity: Dec, unit: UnitCode): Dec {
  checkQuantity(quantity, unit);
  if (quantity.gt(MAX_MOVEMENT_QUANTITY)) throw new StockError("QUANTITY_TOO_LARGE", `${quantity.toString()} is more than one movement can be`);
  return quantity;
}

/**
 * A stock-take count typed by a person: zero (the shelf is empty) or a quantity in the unit.
 * @throws UnitError | StockError QUANTITY_TOO_LARGE
 */
export function parseCountedQuantity(input: string, unit: UnitCode): Dec {
  if (/^\s*0+(\.0+)?\s*$/.test(toAsciiDigits(input))) return ZERO;
  return checkMovementQuantity(parseQuantity(input, unit), unit);
}

export function needsReason(kind: MovementKind): boolean {
  return KINDS_NEEDING_REASON.includes(kind);
}

function normalizeZero(d: Dec): Dec {
  return d.isZero() ? ZERO : d;
}

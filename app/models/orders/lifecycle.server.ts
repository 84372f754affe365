import { and, eq } from "drizzle-orm";
import { LedgerError } from "~/domain/ledger";
import { type OrderActor, type OrderEvent, OrderError, type OrderStatus, type PaidWith, pickupCodeMatches, transition } from "~/domain/orders";
import type { Db } from "../../../db/client.server";
import { checkouts, orders } from "../../../db/schema/orders";
import { lockOpenSession } from "~/models/till/cash-sessions.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { withLedgerRetry } from "~/models/ledger/journals.server";
import { postCompletion } from "./money.server";
import { assertPickupOpen, recordWrongPickupCode } from "./pickup.server";
import {
  actorFor,
  type Checkout,
  checkIdempotencyKey,
  findEvent,
  loadLines,
  lockCheckoutOrders,
  lockOrder,
  moveOrderStock,
  type Order,
  type OrderScope,
  recordEvent,
  type TransitionInput,
  type TransitionResult,
} from "./shared.server";
import { systemUserId } from "~/models/identity/users.server";

/**
 * The order lifecycle's transitions (issue 7). Each runs in one transaction: lock checkout and
 * order, replay a request key already used, ask the domain's machine whether this actor may make
 * this move, do what it entails (stock, journal), change the status with a conditional update,
 * and write the order_events row and the outbox row. Nothing is written when a rule refuses.
 */

type StationInput = TransitionInput & { stationId: string };
type MachineEvent = Exclude<OrderEvent, "refund" | "place">;

const STAMP: Partial<Record<OrderStatus, keyof Order>> = {
  packed: "packedAt",
  ready_for_pickup: "readyAt",
  shipped: "shippedAt",
  completed: "completedAt",
  cancelled: "cancelledAt",
};

interface Effect {
  /**
   * A refusal whose record must be kept (a wrong pickup code): the transaction commits what the
   * effect wrote, the order is left as it was (no status change, no event), then this is thrown.
   */
  refuse?: OrderError;
  patch?: Partial<Order>;
  journalId?: string | null;
  data?: Record<string, unknown>;
}

async function run(
  db: Db,
  scope: OrderScope,
  input: TransitionInput,
  event: MachineEvent,
  effect: (tx: Db, ctx: { order: Order; checkout: Checkout; to: OrderStatus; actor: OrderActor; at: Date }) => Promise<Effect>
): Promise<TransitionResult> {
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  const at = input.at ?? new Date();
  const actor = actorFor(scope);
  try {
    const outcome = await withLedgerRetry(db, async (tx): Promise<TransitionResult | { refused: OrderError }> => {
      const { checkout, order } = await lockOrder(tx, scope, input.orderId);
      if (await findEvent(tx, order.id, idempotencyKey)) return { order, replayed: true };
      const to = transition(order, event, actor);
      const done = await effect(tx, { order, checkout, to, actor, at });
      if (done.refuse) return { refused: done.refuse };
      const stamp = STAMP[to];
      const [updated] = await tx
        .update(orders)
        .set({ ...done.patch, status: to, ...(stamp ? { [stamp]: at } : {}), updatedAt: at })
        .where(and(eq(orders.id, order.id), eq(orders.status, order.status)))
        .returning();
      if (!updated) throw new OrderError("TRANSITION_NOT_ALLOWED", "the order changed meanwhile");
      await recordEvent(tx, {
        order: updated,
        checkout,
        event,
        from: order.status,
        to,
        actor,
        actorUserId: input.actorUserId,
        idempotencyKey,
        journalId: done.journalId,
        data: done.data,
        at,
      });
      return { order: updated, replayed: false };
    });
    if ("refused" in outcome) throw outcome.refused;
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error, "order_events_idempotency_key")) {
      const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
      if (order) return { order, replayed: true };
    }
    // The books of that month are closed: a rule the operator can understand, not a crash.
    if (error instanceof LedgerError && error.code === "PERIOD_CLOSED") throw new OrderError("PERIOD_CLOSED", error.message);
    throw error;
  }
}

/** The station packs a paid (or at-pickup) order. @throws OrderError TRANSITION_NOT_ALLOWED | FORBIDDEN | NOT_FOUND */
export async function packOrder(db: Db, input: StationInput): Promise<TransitionResult> {
  return run(db, { stationId: input.stationId }, input, "pack", async () => ({}));
}

/** A packed pickup order is ready at the station. */
export async function markReadyForPickup(db: Db, input: StationInput): Promise<TransitionResult> {
  return run(db, { stationId: input.stationId }, input, "ready", async () => ({}));
}

/**
 * A packed delivery order leaves with its tracking number; its goods leave the stock ("sold"
 * from the reservation). @throws OrderError TRACKING_REQUIRED | TRANSITION_NOT_ALLOWED
 */
export async function shipOrder(db: Db, input: StationInput & { trackingNumber: string }): Promise<TransitionResult> {
  const tracking = input.trackingNumber?.trim() ?? "";
  if (tracking.length < 1 || tracking.length > 64) throw new OrderError("TRACKING_REQUIRED");
  return run(db, { stationId: input.stationId }, input, "ship", async (tx, { order }) => {
    await moveOrderStock(tx, order, await loadLines(tx, order.id), "sold", input.actorUserId);
    return { patch: { trackingNumber: tracking }, data: { trackingNumber: tracking } };
  });
}

/** What the hand-over of an order paid there takes: how it was paid and, for mobile pay away from the counter, its reference. */
export type HandOverPayment = { paidWith?: PaidWith; paidReference?: string | null };

/**
 * The hand-over's checks and money, inside its transaction: the pickup code (a wrong one counted
 * and, the 5th in a row, locking the hand-over), then for an order paid there how it was paid —
 * cash into the open till session's drawer (the courier brings it back to the same drawer), or
 * mobile pay into clearing with its reference where one is required.
 */
async function collectAtHandOver(
  tx: Db,
  order: Order,
  input: { actorUserId: string | null; pickupCode: string; referenceRequired: boolean } & HandOverPayment,
  at: Date,
): Promise<{ refuse: OrderError } | { paidWith: PaidWith | null; paidReference: string | null; sessionId: string | null }> {
  await assertPickupOpen(tx, order.id, at);
  if (!pickupCodeMatches(order.pickupCode, input.pickupCode ?? "")) {
    return { refuse: await recordWrongPickupCode(tx, { orderId: order.id, stationId: order.stationId, actorUserId: input.actorUserId, at }) };
  }
  if (order.payment !== "at_pickup") return { paidWith: null, paidReference: null, sessionId: null };
  const paidWith = input.paidWith ?? null;
  if (!paidWith) throw new OrderError("PAID_WITH_REQUIRED");
  const reference = paidWith === "mobile" ? (input.paidReference ?? "").trim() : "";
  if (reference !== "" && (reference.length < 4 || reference.length > 64)) throw new OrderError("PAID_REFERENCE_REQUIRED");
  if (paidWith === "mobile" && input.referenceRequired && reference === "") throw new OrderError("PAID_REFERENCE_REQUIRED");
  const session = paidWith === "cash" ? await lockOpenSession(tx, { stationId: order.stationId }) : null;
  if (paidWith === "cash" && !session) throw new OrderError("SESSION_REQUIRED");
  return { paidWith, paidReference: reference || null, sessionId: session?.id ?? null };
}

/**
 * The buyer collects at the station with the 6-digit pickup code: the goods leave the stock and
 * the sale is recognised (one journal). An at-pickup order is paid here (`paidWith`: cash into
 * the open till session's drawer, or mobile pay into clearing, its reference kept when typed).
 * A wrong code is counted (order_pickup_attempts, committed; the order untouched); the 5th wrong
 * code in a row locks the handover for PICKUP_CODE_LOCK_MINUTES. details.attemptsLeft says how
 * many wrong codes are still allowed.
 * @throws OrderError WRONG_PICKUP_CODE | PICKUP_CODE_LOCKED (details.lockedUntil) | PAID_WITH_REQUIRED | PAID_REFERENCE_REQUIRED | SESSION_REQUIRED | TRANSITION_NOT_ALLOWED
 */
export async function handOverOrder(db: Db, input: StationInput & { pickupCode: string } & HandOverPayment): Promise<TransitionResult> {
  return run(db, { stationId: input.stationId }, input, "handover", async (tx, { order, at }) => {
    const collected = await collectAtHandOver(tx, order, { ...input, referenceRequired: false }, at);
    if ("refuse" in collected) return { refuse: collected.refuse };
    await moveOrderStock(tx, order, await loadLines(tx, order.id), "sold", input.actorUserId);
    const createdBy = input.actorUserId ?? (await systemUserId(tx));
    const journalId = await postCompletion(tx, order, { paidWith: collected.paidWith, createdBy, at });
    return {
      patch: { paidWith: collected.paidWith, paidReference: collected.paidReference, cashSessionId: collected.sessionId },
      journalId,
      data: collected.paidWith ? { paidWith: collected.paidWith } : {},
    };
  });
}

/**
 * A shipped order arrived: the sale is recognised. The station, or the buyer with the link,
 * confirms an order paid online. An order paid on delivery (货到付款) is completed by the station
 * only, like a hand-over at the counter: the courier checks the buyer's pickup code and takes the
 * money, cash (into the open till session's drawer) or mobile pay (its reference required, as it
 * was not taken at the counter).
 * @throws OrderError FORBIDDEN | WRONG_PICKUP_CODE | PICKUP_CODE_LOCKED | PAID_WITH_REQUIRED | PAID_REFERENCE_REQUIRED | SESSION_REQUIRED | TRANSITION_NOT_ALLOWED
 */
export async function completeDelivery(db: Db, input: TransitionInput & OrderScope & { pickupCode?: string } & HandOverPayment): Promise<TransitionResult> {
  const scope: OrderScope = input.stationId ? { stationId: input.stationId } : { token: input.token! };
  return run(db, scope, input, "complete", async (tx, { order, at }) => {
    const createdBy = input.actorUserId ?? (await systemUserId(tx));
    if (order.payment !== "at_pickup") return { journalId: await postCompletion(tx, order, { paidWith: null, createdBy, at }) };
    const collected = await collectAtHandOver(tx, order, { ...input, pickupCode: input.pickupCode ?? "", referenceRequired: true }, at);
    if ("refuse" in collected) return { refuse: collected.refuse };
    const journalId = await postCompletion(tx, order, { paidWith: collected.paidWith, createdBy, at });
    return {
      patch: { paidWith: collected.paidWith, paidReference: collected.paidReference, cashSessionId: collected.sessionId },
      journalId,
      data: { paidWith: collected.paidWith },
    };
  });
}

export type CancelInput = TransitionInput & { by: "buyer" | "station"; reason: string } & OrderScope;

/**
 * Cancels an order and releases its goods. The buyer may cancel until packing, the station until
 * the goods leave. An unpaid online order is paid together with the rest of its checkout, so
 * cancelling it cancels the whole checkout (every order of it). Money already paid stays in
 * customer prepayments until the refund (recordOrderRefund) is confirmed.
 * @throws OrderError TRANSITION_NOT_ALLOWED | FORBIDDEN | NOT_FOUND
 */
export async function cancelOrder(db: Db, input: CancelInput): Promise<TransitionResult> {
  if ((input.by === "station") !== Boolean(input.stationId)) throw new OrderError("FORBIDDEN", "the station cancels from its desk, the buyer with the order link");
  const reason = (input.reason ?? "").trim().slice(0, 200);
  const scope: OrderScope = input.stationId ? { stationId: input.stationId } : { token: input.token! };
  return run(db, scope, input, "cancel", async (tx, { order, checkout, actor, at }) => {
    // Siblings are locked before any product (lock order: orders, then products).
    const siblings = order.status === "pending_payment" ? await lockCheckoutOrders(tx, checkout.id) : [];
    await moveOrderStock(tx, order, await loadLines(tx, order.id), "released", input.actorUserId);
    if (order.status === "pending_payment") {
      for (const sibling of siblings) {
        if (sibling.id === order.id || sibling.status !== "pending_payment") continue;
        await cancelSibling(tx, { sibling, checkout, actor, reason, at, idempotencyKey: input.idempotencyKey, actorUserId: input.actorUserId });
      }
      await tx.update(checkouts).set({ status: "cancelled", updatedAt: at }).where(eq(checkouts.id, checkout.id));
    }
    return { patch: { cancelReason: reason || null, cancelledBy: input.by }, data: { by: input.by, reason } };
  });
}

async function cancelSibling(
  tx: Db,
  a: { sibling: Order; checkout: Checkout; actor: OrderActor; reason: string; at: Date; idempotencyKey: string; actorUserId: string | null }
): Promise<void> {
  await moveOrderStock(tx, a.sibling, await loadLines(tx, a.sibling.id), "released", a.actorUserId);
  const [updated] = await tx
    .update(orders)
    .set({ status: "cancelled", cancelledAt: a.at, cancelReason: a.reason || null, cancelledBy: a.actor.kind, updatedAt: a.at })
    .where(and(eq(orders.id, a.sibling.id), eq(orders.status, "pending_payment")))
    .returning();
  await recordEvent(tx, {
    order: updated!,
    checkout: a.checkout,
    event: "cancel",
    from: "pending_payment",
    to: "cancelled",
    actor: a.actor,
    actorUserId: a.actorUserId,
    idempotencyKey: a.idempotencyKey,
    data: { reason: a.reason, withCheckout: true },
    at: a.at,
  });
}

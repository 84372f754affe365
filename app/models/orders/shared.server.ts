import { and, asc, eq, inArray } from "drizzle-orm";
import { chinaToday } from "~/domain/dates";
import { effectiveCommissionRate } from "~/domain/catalog";
import { isUuid } from "~/domain/ids";
import { D } from "~/domain/money";
import { type OrderActor, type OrderEvent, OrderError, type OrderStatus } from "~/domain/orders";
import { deltaFor } from "~/domain/stock";
import type { PricedLine } from "~/domain/till";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { checkouts, notifications, orderEvents, orderLines, orders } from "../../../db/schema/orders";
import { getDefaultCommissionRate } from "~/models/catalog/settings.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * What the order models share (ADR 010): row types, the lock order, the event + outbox rows every
 * transition writes, and stock moves for an order's lines.
 *
 * Lock order, the same in every order operation: checkout → its orders (by id) → open cash
 * session (share) → products (by station, id) → the station's catalogue row → the station's
 * order settings row → the ledger's chain head.
 */

export type Checkout = typeof checkouts.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

/** Where a transition comes from: the station's desk (staff) or the buyer's tracking link. */
export type OrderScope = { stationId: string; token?: never } | { token: string; stationId?: never };

export interface TransitionInput {
  orderId: string;
  actorUserId: string | null;
  /** Issued when the form was rendered: the same key again changes nothing and returns the same order. */
  idempotencyKey: string;
  /** For the seeded history; otherwise now. */
  at?: Date;
}

export interface TransitionResult {
  order: Order;
  /** True when the request key had already made this transition: nothing new was written. */
  replayed: boolean;
}

export function checkIdempotencyKey(key: string): string {
  if (typeof key !== "string" || key.length < 8 || key.length > 100 || key.trim() !== key) {
    throw new OrderError("BAD_IDEMPOTENCY_KEY", "a request needs the key its form was issued (8–100 characters)");
  }
  return key;
}

export function actorFor(scope: OrderScope): OrderActor {
  return scope.stationId ? { kind: "station" } : { kind: "buyer" };
}

export function businessDate(at: Date): string {
  return chinaToday(at);
}

/**
 * Locks an order for a transition: its checkout first, then the order, both FOR UPDATE, scoped
 * to the station (staff) or to the checkout's token (buyer).
 * @throws OrderError NOT_FOUND
 */
export async function lockOrder(tx: Db, scope: OrderScope, orderId: string): Promise<{ checkout: Checkout; order: Order }> {
  if (!isUuid(orderId)) throw new OrderError("NOT_FOUND");
  const [ref] = await tx.select({ checkoutId: orders.checkoutId, stationId: orders.stationId }).from(orders).where(eq(orders.id, orderId));
  if (!ref || (scope.stationId && ref.stationId !== scope.stationId)) throw new OrderError("NOT_FOUND");
  const [checkout] = await tx.select().from(checkouts).where(eq(checkouts.id, ref.checkoutId)).for("update");
  if (!checkout || (scope.token !== undefined && checkout.token !== scope.token)) throw new OrderError("NOT_FOUND");
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return { checkout, order: order! };
}

/** The checkout's orders, locked in id order (after the checkout itself). */
export async function lockCheckoutOrders(tx: Db, checkoutId: string): Promise<Order[]> {
  return tx.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(asc(orders.id)).for("update");
}

export async function findEvent(tx: Db, orderId: string, idempotencyKey: string): Promise<OrderEventRow | null> {
  const [row] = await tx
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

export const TEMPLATE_BY_STATUS: Record<OrderStatus, string> = {
  pending_payment: "orders.notify.placed",
  placed: "orders.notify.placed",
  paid: "orders.notify.paid",
  packed: "orders.notify.packed",
  ready_for_pickup: "orders.notify.ready",
  shipped: "orders.notify.shipped",
  completed: "orders.notify.completed",
  cancelled: "orders.notify.cancelled",
  refunded: "orders.notify.refunded",
};

export interface EventRecord {
  order: Order;
  checkout: Checkout;
  event: OrderEvent;
  from: OrderStatus | null;
  to: OrderStatus;
  actor: OrderActor;
  actorUserId: string | null;
  idempotencyKey: string;
  journalId?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to the template of the status reached. */
  templateKey?: string;
  at: Date;
}

/** The order_events row and the outbox row of one transition, in the caller's transaction. */
export async function recordEvent(tx: Db, r: EventRecord): Promise<void> {
  await tx
    .insert(orderEvents)
    .values({
      orderId: r.order.id,
      stationId: r.order.stationId,
      event: r.event,
      fromStatus: r.from,
      toStatus: r.to,
      actorKind: r.actor.kind,
      actorUserId: r.actorUserId,
      idempotencyKey: r.idempotencyKey,
      journalId: r.journalId ?? null,
      data: r.data ?? {},
      createdAt: r.at,
    });
  await tx
    .insert(notifications)
    .values({
      orderId: r.order.id,
      channel: r.checkout.contactEmail ? "email" : "page",
      recipient: r.checkout.contactEmail ?? r.checkout.contactPhone,
      templateKey: r.templateKey ?? TEMPLATE_BY_STATUS[r.to],
      vars: { number: r.order.number, stationId: r.order.stationId, token: r.checkout.token, total: r.order.total, status: r.to, ...(r.data ?? {}) },
      createdAt: r.at,
    });
}

export async function loadLines(tx: Db, orderId: string): Promise<OrderLine[]> {
  return tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNo));
}

/** An order's stored lines as the till's priced lines (the split fixed at checkout). */
export function pricedFromLines(lines: readonly OrderLine[]): PricedLine[] {
  return lines.map((l) => ({
    productId: l.productId,
    quantity: new D(l.quantity),
    unitPrice: new D(l.unitPrice),
    amount: new D(l.amount),
    commission: new D(l.commission),
    ownerShare: new D(l.amount).minus(l.commission),
    ownerKind: l.ownerKind,
    householdId: l.householdId,
    partnerId: l.partnerId,
    rate: new D(l.commissionRate),
  }));
}

/**
 * Moves an order's reserved goods: "released" back to available (cancel, expiry) or "sold" out of
 * the station from the reservation (handover, shipping). Product rows are locked first in id
 * order, then each conditional update runs (applyMovement), so two orders never deadlock.
 */
export async function moveOrderStock(tx: Db, order: Order, lines: readonly OrderLine[], kind: "released" | "sold", actorUserId: string | null): Promise<void> {
  const sorted = [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  if (sorted.length === 0) return;
  await tx
    .select({ id: products.id })
    .from(products)
    .where(
      and(
        eq(products.stationId, order.stationId),
        inArray(
          products.id,
          sorted.map((l) => l.productId)
        )
      )
    )
    .orderBy(asc(products.id))
    .for("update");
  for (const line of sorted) {
    const quantity = new D(line.quantity);
    const delta = kind === "sold" ? deltaFor({ kind: "sold", quantity, fromReservation: true }) : deltaFor({ kind: "released", quantity });
    await applyMovement(tx, {
      stationId: order.stationId,
      productId: line.productId,
      kind,
      delta,
      unitPrice: kind === "sold" ? line.unitPrice : null,
      createdBy: actorUserId,
      source: { type: "order", id: order.id },
    });
  }
}

/** The station's commission rate for products without their own (for pricing at checkout). */
export async function stationRate(tx: Db, stationId: string): Promise<string> {
  return getDefaultCommissionRate(tx, { stationId });
}

export { effectiveCommissionRate };

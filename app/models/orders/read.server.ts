import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { isUuid } from "~/domain/ids";
import { D, sum, toAmountString } from "~/domain/money";
import { type OrderStatus, refundable } from "~/domain/orders";
import type { UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { checkouts, notifications, orderEvents, orderLines, orders } from "../../../db/schema/orders";
import { stations } from "../../../db/schema/stations";
import { type PickupAttempts, pickupAttempts } from "./pickup.server";
import type { Checkout, Notification, Order, OrderEventRow } from "./shared.server";

/** What the order screens read (H3): the buyer's tracking page, my orders, the station's queue and packing list. */

export interface OrderLineView {
  productId: string;
  nameZh: string;
  nameEn: string;
  quantity: string;
  unit: UnitCode;
  unitPrice: string;
  amount: string;
}

export interface OrderView extends Order {
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  lines: OrderLineView[];
  /** What may still be refunded online ("0.00" for at-pickup orders). */
  refundable: string;
}

export interface OrderDetail extends OrderView {
  events: OrderEventRow[];
  notifications: Notification[];
}

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

async function views(db: Db, rows: readonly Order[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const lines = await db
    .select({ line: orderLines, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
    .from(orderLines)
    .innerJoin(products, and(eq(products.id, orderLines.productId), eq(products.stationId, orderLines.stationId)))
    .where(inArray(orderLines.orderId, ids))
    .orderBy(asc(orderLines.lineNo));
  const stationRows = await db
    .select({ id: stations.id, code: stations.code, nameZh: stations.nameZh, nameEn: stations.nameEn })
    .from(stations)
    .where(inArray(stations.id, [...new Set(rows.map((o) => o.stationId))]));
  const byStation = new Map(stationRows.map((s) => [s.id, s]));
  return rows.map((o) => {
    const s = byStation.get(o.stationId)!;
    return {
      ...o,
      stationCode: s.code,
      stationNameZh: s.nameZh,
      stationNameEn: s.nameEn,
      lines: lines
        .filter((l) => l.line.orderId === o.id)
        .map((l) => ({
          productId: l.line.productId,
          nameZh: l.nameZh,
          nameEn: l.nameEn,
          quantity: l.line.quantity,
          unit: l.unit,
          unitPrice: l.line.unitPrice,
          amount: l.line.amount,
        })),
      refundable: toAmountString(refundable(o)),
    };
  });
}

async function details(db: Db, rows: readonly Order[]): Promise<OrderDetail[]> {
  const base = await views(db, rows);
  if (base.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const events = await db.select().from(orderEvents).where(inArray(orderEvents.orderId, ids)).orderBy(asc(orderEvents.id));
  const notes = await db.select().from(notifications).where(inArray(notifications.orderId, ids)).orderBy(asc(notifications.createdAt));
  return base.map((o) => ({ ...o, events: events.filter((e) => e.orderId === o.id), notifications: notes.filter((n) => n.orderId === o.id) }));
}

export interface CheckoutForPayment {
  id: string;
  token: string;
  total: string;
  /** False once paid, cancelled or expired (or past its payment window). */
  payable: boolean;
  expiresAt: Date | null;
  contactPhone: string;
  contactEmail: string | null;
  orders: {
    id: string;
    number: number;
    stationNameZh: string;
    total: string;
    deliveryFee: string;
    lines: { nameZh: string; quantity: string; unit: UnitCode; unitPrice: string; amount: string }[];
  }[];
}

/** What the payment page and the payment provider's session need (H2). */
export async function getCheckoutForPayment(db: Db, { checkoutId, now = new Date() }: { checkoutId: string; now?: Date }): Promise<CheckoutForPayment | null> {
  if (!isUuid(checkoutId)) return null;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!checkout) return null;
  const list = await views(db, await db.select().from(orders).where(eq(orders.checkoutId, checkout.id)).orderBy(asc(orders.stationId)));
  return {
    id: checkout.id,
    token: checkout.token,
    total: checkout.total,
    payable: checkout.payment === "online" && checkout.status === "pending_payment" && (checkout.expiresAt === null || checkout.expiresAt > now),
    expiresAt: checkout.expiresAt,
    contactPhone: checkout.contactPhone,
    contactEmail: checkout.contactEmail,
    orders: list.map((o) => ({
      id: o.id,
      number: o.number,
      stationNameZh: o.stationNameZh,
      total: o.total,
      deliveryFee: o.deliveryFee,
      lines: o.lines.map((l) => ({ nameZh: l.nameZh, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, amount: l.amount })),
    })),
  };
}

export interface CheckoutView {
  checkout: Checkout;
  orders: OrderDetail[];
}

/** The buyer's tracking page /orders/<token>: a malformed or unknown token is simply not found. */
export async function getCheckoutByToken(db: Db, { token }: { token: string }): Promise<CheckoutView | null> {
  if (!TOKEN.test(token)) return null;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.token, token));
  if (!checkout) return null;
  return { checkout, orders: await details(db, await db.select().from(orders).where(eq(orders.checkoutId, checkout.id)).orderBy(asc(orders.stationId))) };
}

/** A signed-in buyer's orders, newest first, each with its checkout's token for the tracking link. */
export async function listBuyerOrders(db: Db, { buyerUserId, limit = 50 }: { buyerUserId: string; limit?: number }): Promise<(OrderView & { token: string })[]> {
  const rows = await db
    .select({ order: orders, token: checkouts.token })
    .from(orders)
    .innerJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(eq(checkouts.buyerUserId, buyerUserId))
    .orderBy(desc(orders.placedAt), asc(orders.id))
    .limit(limit);
  const list = await views(
    db,
    rows.map((r) => r.order)
  );
  return list.map((o, i) => ({ ...o, token: rows[i]!.token }));
}

export interface StationOrderView extends OrderView {
  contactName: string;
  contactPhone: string;
  deliveryAddress: string | null;
}

async function withContact(db: Db, list: OrderView[]): Promise<StationOrderView[]> {
  if (list.length === 0) return [];
  const rows = await db
    .select({ id: checkouts.id, contactName: checkouts.contactName, contactPhone: checkouts.contactPhone, deliveryAddress: checkouts.deliveryAddress })
    .from(checkouts)
    .where(inArray(checkouts.id, [...new Set(list.map((o) => o.checkoutId))]));
  const by = new Map(rows.map((r) => [r.id, r]));
  return list.map((o) => {
    const c = by.get(o.checkoutId)!;
    return { ...o, contactName: c.contactName, contactPhone: c.contactPhone, deliveryAddress: c.deliveryAddress };
  });
}

/** The station's order queue, newest first, optionally of one status. */
export async function listStationOrders(db: Db, { stationId, status, limit = 100 }: { stationId: string; status?: OrderStatus; limit?: number }): Promise<StationOrderView[]> {
  const rows = await db
    .select()
    .from(orders)
    .where(status ? and(eq(orders.stationId, stationId), eq(orders.status, status)) : eq(orders.stationId, stationId))
    .orderBy(desc(orders.number))
    .limit(limit);
  return withContact(db, await views(db, rows));
}

/**
 * One order of the station by its number, with its history and messages, and (for the handover
 * form) how many wrong pickup codes are still allowed; null when the station has no such order.
 */
export async function getStationOrder(
  db: Db,
  { stationId, number, now = new Date() }: { stationId: string; number: number; now?: Date }
): Promise<(StationOrderView & OrderDetail & { pickup: PickupAttempts }) | null> {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const rows = await db
    .select()
    .from(orders)
    .where(and(eq(orders.stationId, stationId), eq(orders.number, number)));
  const [detail] = await details(db, rows);
  if (!detail) return null;
  const [withC] = await withContact(db, [detail]);
  return { ...detail, ...withC!, pickup: await pickupAttempts(db, { stationId, orderId: detail.id, now }) };
}

export interface PackingList {
  orders: StationOrderView[];
  /** Per product, what to take from the shelf for all these orders. */
  totals: { productId: string; nameZh: string; nameEn: string; unit: UnitCode; quantity: string }[];
}

/** What to pack: the given orders (of this station only) or all of one status (default: paid and placed). */
export async function packingList(db: Db, { stationId, orderIds, status }: { stationId: string; orderIds?: string[]; status?: OrderStatus }): Promise<PackingList> {
  const ids = (orderIds ?? []).filter((id) => isUuid(id));
  const where = orderIds
    ? and(eq(orders.stationId, stationId), inArray(orders.id, ids.length > 0 ? ids : ["00000000-0000-0000-0000-000000000000"]))
    : and(eq(orders.stationId, stationId), inArray(orders.status, status ? [status] : ["paid", "placed"]));
  const list = await withContact(db, await views(db, await db.select().from(orders).where(where).orderBy(asc(orders.number))));
  const totals = new Map<string, PackingList["totals"][number]>();
  for (const o of list) {
    for (const l of o.lines) {
      const t = totals.get(l.productId);
      totals.set(l.productId, { productId: l.productId, nameZh: l.nameZh, nameEn: l.nameEn, unit: l.unit, quantity: sum([new D(t?.quantity ?? 0), new D(l.quantity)]).toFixed(3) });
    }
  }
  return { orders: list, totals: [...totals.values()] };
}

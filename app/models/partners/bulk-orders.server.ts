import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { ProductCategory } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { isUuid } from "~/domain/ids";
import { D, type Dec, lineTotal, parseAmount, sum, toAmountString, ZERO } from "~/domain/money";
import { type BulkOrderStatus, invoiceStatuses, PartnerError, produceKey } from "~/domain/partners";
import { parseQuantity, type UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { bulkDeliveries, bulkOrderLines, bulkOrders, partnerCompanies, partnerPayments } from "../../../db/schema/partners";
import { stations } from "../../../db/schema/stations";
import { lockTerms, nextNumber } from "./shared.server";

/**
 * Bulk purchase orders (issue 8, ADR 012): a partner orders produce from one station at agreed
 * prices; the operator confirms it and fills it in deliveries (bulk-deliveries.server.ts).
 */

export interface BulkOrderLineInput {
  /** Shown on documents; defaults to the households' product name. */
  productName?: string;
  category?: string;
  /** The station-level produce (ADR 012): the product name households' goods share, e.g. "金银花". */
  productKey: string;
  quantity: string;
  unitPrice: string;
}

export interface CreateBulkOrderInput {
  partnerId: string;
  stationId: string;
  lines: BulkOrderLineInput[];
  deliveryDate: string;
  placedByUserId: string | null;
  /** Unique per partner: the same key places one order (a retried form or API call). */
  idempotencyKey: string;
  /** When it was placed; now by default (the demo seed backdates its year). */
  at?: Date;
}

export interface BulkOrderLineView {
  id: string;
  lineNo: number;
  productKey: string;
  nameZh: string;
  /** The goods' English name when the partner ordered them by the station's own name; else "" (ADR 022). */
  nameEn: string;
  category: ProductCategory;
  unit: UnitCode;
  quantity: string;
  unitPrice: string;
  deliveredQuantity: string;
  remainingQuantity: string;
  amount: string;
}

export interface BulkOrderView {
  id: string;
  number: number;
  status: BulkOrderStatus;
  stationId: string;
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  partnerId: string;
  partnerNameZh: string;
  partnerNameEn: string;
  deliveryDate: string;
  commissionRate: string;
  paymentTermsDays: number;
  placedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  endReason: string;
  idempotencyKey: string;
  lines: BulkOrderLineView[];
  /** Σ lines at the agreed prices. */
  total: string;
  /** Σ deliveries: what was invoiced. */
  delivered: string;
  paid: string;
  outstanding: string;
  /** Some delivery is unpaid past its due date. */
  overdue: boolean;
  currency: "CNY";
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function toDec(value: string, what: "quantity" | "price", unit: UnitCode): Dec {
  try {
    return what === "quantity" ? parseQuantity(value, unit) : parseAmount(value);
  } catch {
    throw new PartnerError(what === "quantity" ? "BAD_QUANTITY" : "BAD_PRICE", `${what}: ${JSON.stringify(value)}`);
  }
}

/**
 * Places a bulk order. Each line names a produce of the station by its key; its unit is the unit
 * the station's households sell it in (the one with most stock when they differ). Quantities need
 * not be in stock yet: deliveries check what households hold. A request key already used by the
 * partner returns that order and writes nothing.
 * @throws PartnerError PARTNER_NOT_FOUND | PARTNER_INACTIVE | NO_TERMS | EMPTY_ORDER | DUPLICATE_LINE | UNKNOWN_PRODUCE | BAD_QUANTITY | BAD_PRICE | BAD_DATE
 */
/** The order a partner's key (the portal form's entry, or the API's header) already placed, if any: its id. */
export async function getBulkOrderIdByKey(db: Db, { partnerId, idempotencyKey }: { partnerId: string; idempotencyKey: string }): Promise<string | null> {
  const [row] = await db.select({ id: bulkOrders.id }).from(bulkOrders).where(and(eq(bulkOrders.partnerId, partnerId), eq(bulkOrders.idempotencyKey, idempotencyKey)));
  return row?.id ?? null;
}

export async function createBulkOrder(db: Db, input: CreateBulkOrderInput): Promise<BulkOrderView> {
  const { partnerId, stationId } = input;
  if (input.lines.length === 0) throw new PartnerError("EMPTY_ORDER");
  if (input.lines.length > 20) throw new PartnerError("EMPTY_ORDER", "at most 20 lines");
  const keys = input.lines.map((l) => produceKey(l.productKey));
  if (keys.some((k) => !k)) throw new PartnerError("UNKNOWN_PRODUCE");
  if (new Set(keys).size !== keys.length) throw new PartnerError("DUPLICATE_LINE");
  if (!DATE_RE.test(input.deliveryDate) || Number.isNaN(Date.parse(input.deliveryDate))) throw new PartnerError("BAD_DATE");
  // Goods cannot be delivered yesterday: today (China time) at the earliest.
  if (input.deliveryDate < chinaToday(input.at ?? new Date())) throw new PartnerError("DELIVERY_DATE_PAST", `${input.deliveryDate} is before today`);
  const id = await db.transaction(async (tx) => {
    const { terms, partner } = await lockTerms(tx, { partnerId, stationId });
    const [known] = await tx.select({ id: bulkOrders.id }).from(bulkOrders).where(and(eq(bulkOrders.partnerId, partnerId), eq(bulkOrders.idempotencyKey, input.idempotencyKey)));
    if (known) return known.id;
    if (partner.status !== "active") throw new PartnerError("PARTNER_INACTIVE");
    const goods = await tx
      .select({ nameZh: products.nameZh, nameEn: products.nameEn, category: products.category, unit: products.unit, available: sql<string>`(${products.onHand} - ${products.reserved})::text` })
      .from(products)
      .where(and(eq(products.stationId, stationId), eq(products.ownerKind, "household"), ne(products.status, "archived")));
    const lines = input.lines.map((l, i) => {
      const matches = goods.filter((g) => produceKey(g.nameZh) === keys[i]);
      if (matches.length === 0) throw new PartnerError("UNKNOWN_PRODUCE", `no household at this station sells ${l.productKey}`);
      const byUnit = new Map<UnitCode, Dec>();
      for (const m of matches) byUnit.set(m.unit, (byUnit.get(m.unit) ?? ZERO).plus(m.available));
      const unit = [...byUnit.entries()].sort((a, b) => b[1].comparedTo(a[1]))[0]![0];
      const first = matches.find((m) => m.unit === unit)!;
      const quantity = toDec(l.quantity, "quantity", unit);
      const unitPrice = toDec(l.unitPrice, "price", unit);
      if (unitPrice.lte(0)) throw new PartnerError("BAD_PRICE");
      return { lineNo: i + 1, produceKey: keys[i]!, nameZh: (l.productName?.trim() || first.nameZh.trim()).slice(0, 60), nameEn: l.productName?.trim() ? "" : first.nameEn.trim().slice(0, 100), category: first.category, unit, quantity: quantity.toFixed(3), unitPrice: toAmountString(unitPrice) };
    });
    const number = await nextNumber(tx, "bulk_orders", stationId);
    const [order] = await tx
      .insert(bulkOrders)
      .values({ stationId, partnerId, number, deliveryDate: input.deliveryDate, commissionRate: terms.commissionRate, paymentTermsDays: terms.paymentTermsDays, idempotencyKey: input.idempotencyKey, placedBy: input.placedByUserId, ...(input.at ? { placedAt: input.at } : {}) })
      .onConflictDoNothing({ target: [bulkOrders.partnerId, bulkOrders.idempotencyKey] })
      .returning({ id: bulkOrders.id });
    if (!order) {
      const [raced] = await tx.select({ id: bulkOrders.id }).from(bulkOrders).where(and(eq(bulkOrders.partnerId, partnerId), eq(bulkOrders.idempotencyKey, input.idempotencyKey)));
      return raced!.id;
    }
    await tx.insert(bulkOrderLines).values(lines.map((l) => ({ ...l, orderId: order.id, stationId })));
    return order.id;
  });
  return (await loadViews(db, { ids: [id] }))[0]!;
}

/** The partner's own order, or null when it is not theirs (the portal and API answer 404). */
export async function getBulkOrder(db: Db, { partnerId, orderId }: { partnerId: string; orderId: string }): Promise<BulkOrderView | null> {
  if (!isUuid(orderId)) return null;
  const [view] = await loadViews(db, { ids: [orderId] });
  return view && view.partnerId === partnerId ? view : null;
}

/** An order of this station by its number, for the operator. */
export async function getStationBulkOrder(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<BulkOrderView | null> {
  const [row] = await db.select({ id: bulkOrders.id }).from(bulkOrders).where(and(eq(bulkOrders.stationId, stationId), eq(bulkOrders.number, number)));
  if (!row) return null;
  return (await loadViews(db, { ids: [row.id] }))[0] ?? null;
}

/** A partner's orders, newest first. */
export async function listBulkOrders(db: Db, { partnerId, stationId }: { partnerId: string; stationId?: string }): Promise<BulkOrderView[]> {
  const rows = await db
    .select({ id: bulkOrders.id })
    .from(bulkOrders)
    .where(and(eq(bulkOrders.partnerId, partnerId), stationId ? eq(bulkOrders.stationId, stationId) : undefined))
    .orderBy(desc(bulkOrders.placedAt), desc(bulkOrders.number));
  return loadViews(db, { ids: rows.map((r) => r.id) });
}

/** A station's orders (every partner), newest first. */
export async function listStationBulkOrders(db: Db, { stationId, limit = 200 }: { stationId: string; limit?: number }): Promise<BulkOrderView[]> {
  const rows = await db.select({ id: bulkOrders.id }).from(bulkOrders).where(eq(bulkOrders.stationId, stationId)).orderBy(desc(bulkOrders.number)).limit(limit);
  return loadViews(db, { ids: rows.map((r) => r.id) });
}

/**
 * The operator accepts a placed order.
 * @throws PartnerError ORDER_NOT_FOUND | ORDER_NOT_PLACED | PARTNER_INACTIVE
 */
export async function confirmBulkOrder(db: Db, { stationId, orderId, actorUserId, at = new Date() }: { stationId: string; orderId: string; actorUserId: string; at?: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, stationId, orderId);
    if (order.status !== "placed") throw new PartnerError("ORDER_NOT_PLACED");
    const [partner] = await tx.select({ status: partnerCompanies.status }).from(partnerCompanies).where(eq(partnerCompanies.id, order.partnerId));
    if (partner?.status !== "active") throw new PartnerError("PARTNER_INACTIVE");
    await tx.update(bulkOrders).set({ status: "confirmed", confirmedAt: at, confirmedBy: actorUserId }).where(eq(bulkOrders.id, orderId));
  });
}

/**
 * Ends an order: with nothing delivered it is cancelled (no stock or money moved); with some
 * deliveries it is closed short — what was delivered stays invoiced, the rest is never delivered.
 * @throws PartnerError ORDER_NOT_FOUND | ORDER_NOT_OPEN
 */
export async function endBulkOrder(
  db: Db,
  { stationId, orderId, actorUserId, reason }: { stationId: string; orderId: string; actorUserId: string; reason: string },
): Promise<BulkOrderStatus> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, stationId, orderId);
    if (order.status !== "placed" && order.status !== "confirmed") throw new PartnerError("ORDER_NOT_OPEN");
    const [d] = await tx.select({ n: sql<number>`count(*)::int` }).from(bulkDeliveries).where(eq(bulkDeliveries.orderId, orderId));
    const status: BulkOrderStatus = (d?.n ?? 0) > 0 ? "closed" : "cancelled";
    await tx.update(bulkOrders).set({ status, endedAt: new Date(), endedBy: actorUserId, endReason: reason.trim().slice(0, 200) }).where(eq(bulkOrders.id, orderId));
    return status;
  });
}

/** Locks an order of this station. @throws PartnerError ORDER_NOT_FOUND */
export async function lockOrder(tx: Db, stationId: string, orderId: string) {
  const [order] = await tx
    .select()
    .from(bulkOrders)
    .where(and(eq(bulkOrders.id, orderId), eq(bulkOrders.stationId, stationId)))
    .for("update");
  if (!order) throw new PartnerError("ORDER_NOT_FOUND");
  return order;
}

/** Orders with their lines, invoiced and paid sums and overdue flag, in the order of `ids`. */
export async function loadViews(db: Db, { ids, today = chinaToday() }: { ids: string[]; today?: string }): Promise<BulkOrderView[]> {
  if (ids.length === 0) return [];
  const orders = await db
    .select({ order: bulkOrders, station: stations, partner: partnerCompanies })
    .from(bulkOrders)
    .innerJoin(stations, eq(stations.id, bulkOrders.stationId))
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, bulkOrders.partnerId))
    .where(inArray(bulkOrders.id, ids));
  const lines = await db.select().from(bulkOrderLines).where(inArray(bulkOrderLines.orderId, ids)).orderBy(asc(bulkOrderLines.lineNo));
  const deliveries = await db
    .select({ id: bulkDeliveries.id, orderId: bulkDeliveries.orderId, amount: bulkDeliveries.amount, dueDate: bulkDeliveries.dueDate })
    .from(bulkDeliveries)
    .where(inArray(bulkDeliveries.orderId, ids));
  const payments = await db
    .select({ orderId: partnerPayments.orderId, paid: sql<string>`sum(${partnerPayments.amount})::text` })
    .from(partnerPayments)
    .where(inArray(partnerPayments.orderId, ids))
    .groupBy(partnerPayments.orderId);
  const paidBy = new Map(payments.map((p) => [p.orderId, new D(p.paid)]));
  const byId = new Map(
    orders.map(({ order, station, partner }) => {
      const own = lines.filter((l) => l.orderId === order.id);
      const invoices = deliveries.filter((d) => d.orderId === order.id).map((d) => ({ id: d.id, amount: new D(d.amount), dueOn: d.dueDate }));
      const delivered = sum(invoices.map((i) => i.amount));
      const paid = paidBy.get(order.id) ?? ZERO;
      const view: BulkOrderView = {
        id: order.id,
        number: order.number,
        status: order.status,
        stationId: station.id,
        stationCode: station.code,
        stationNameZh: station.nameZh,
        stationNameEn: station.nameEn,
        partnerId: partner.id,
        partnerNameZh: partner.nameZh,
        partnerNameEn: partner.nameEn,
        deliveryDate: order.deliveryDate,
        commissionRate: order.commissionRate,
        paymentTermsDays: order.paymentTermsDays,
        placedAt: order.placedAt,
        confirmedAt: order.confirmedAt,
        endedAt: order.endedAt,
        endReason: order.endReason,
        idempotencyKey: order.idempotencyKey,
        lines: own.map((l) => ({
          id: l.id,
          lineNo: l.lineNo,
          productKey: l.produceKey,
          nameZh: l.nameZh,
          nameEn: l.nameEn,
          category: l.category,
          unit: l.unit,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          deliveredQuantity: l.deliveredQuantity,
          remainingQuantity: new D(l.quantity).minus(l.deliveredQuantity).toFixed(3),
          amount: toAmountString(lineTotal(new D(l.quantity), new D(l.unitPrice))),
        })),
        total: toAmountString(sum(own.map((l) => lineTotal(new D(l.quantity), new D(l.unitPrice))))),
        delivered: toAmountString(delivered),
        paid: toAmountString(paid),
        outstanding: toAmountString(delivered.minus(paid)),
        overdue: invoiceStatuses(invoices, paid, today).some((s) => s.overdue),
        currency: "CNY",
      };
      return [order.id, view] as const;
    }),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is BulkOrderView => v !== undefined);
}

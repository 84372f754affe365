import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { chinaToday } from "~/domain/dates";
import { isUuid } from "~/domain/ids";
import { D, type Dec, sum, toAmountString, ZERO } from "~/domain/money";
import { allocateProRata, dueDate, invoiceStatuses, PartnerError, priceDeliveryParts, produceKey } from "~/domain/partners";
import { deltaFor, StockError } from "~/domain/stock";
import { UnitError, type UnitCode, checkQuantity } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { bulkDeliveries, bulkDeliveryLines, bulkOrderLines, bulkOrders, partnerCompanies, partnerPayments } from "../../../db/schema/partners";
import { stations } from "../../../db/schema/stations";
import { lockOrder } from "./bulk-orders.server";
import { type PostLine, postJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { type HoldingRow, listHoldings } from "./partners.server";
import { nextNumber } from "./shared.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * Deliveries (发货单) against bulk orders: households' goods leave the station for the partner.
 * One transaction takes the stock (movement "sold", source "delivery"), raises the order lines'
 * delivered quantities (never above ordered: CHECK + trigger), and posts one journal:
 * Dr 11201 the partner / Cr 21101 each household its share / Cr 50101 the commission.
 */

export type Delivery = typeof bulkDeliveries.$inferSelect;

export interface DeliveryLineInput {
  orderLineId: string;
  productId: string;
  quantity: Dec;
}

export interface RecordDeliveryInput {
  stationId: string;
  orderId: string;
  lines: DeliveryLineInput[];
  /** Business date; today in China by default. */
  date?: string;
  idempotencyKey: string;
  actorUserId: string;
}

/**
 * Records a delivery. Refused, with nothing written, when the order is not confirmed, a line
 * delivers more than remains ordered, or a household holds less than it is to deliver.
 * @throws PartnerError ORDER_NOT_FOUND | ORDER_NOT_OPEN | EMPTY_DELIVERY | WRONG_PRODUCE | OVER_ORDERED | OVER_AVAILABLE | BAD_QUANTITY; LedgerError PERIOD_CLOSED
 */
export async function recordDelivery(db: Db, input: RecordDeliveryInput): Promise<Delivery> {
  const { stationId, orderId } = input;
  const lines = input.lines.filter((l) => l.quantity.gt(0));
  if (lines.length === 0) throw new PartnerError("EMPTY_DELIVERY");
  const pairs = lines.map((l) => `${l.orderLineId}|${l.productId}`);
  if (new Set(pairs).size !== pairs.length) throw new PartnerError("DUPLICATE_LINE");
  const [known] = await db.select().from(bulkDeliveries).where(and(eq(bulkDeliveries.stationId, stationId), eq(bulkDeliveries.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  const date = input.date ?? chinaToday();
  const deliveryId = randomUUID();
  try {
    return await withLedgerRetry(db, async (tx) => {
      const order = await lockOrder(tx, stationId, orderId);
      if (order.status !== "confirmed") throw new PartnerError("ORDER_NOT_OPEN");
      const orderLines = await tx.select().from(bulkOrderLines).where(eq(bulkOrderLines.orderId, orderId)).orderBy(asc(bulkOrderLines.id)).for("update");
      const goods = await tx
        .select()
        .from(products)
        .where(and(eq(products.stationId, stationId), inArray(products.id, [...new Set(lines.map((l) => l.productId))])))
        .orderBy(asc(products.id))
        .for("update");
      const rate = new D(order.commissionRate);
      const checked = lines.map((l) => {
        const line = orderLines.find((o) => o.id === l.orderLineId);
        const product = goods.find((g) => g.id === l.productId);
        if (!line) throw new PartnerError("WRONG_PRODUCE");
        if (!product || product.ownerKind !== "household" || !product.householdId || product.unit !== line.unit || produceKey(product.nameZh) !== line.produceKey) {
          throw new PartnerError("WRONG_PRODUCE");
        }
        checkLineQuantity(l.quantity, line.unit);
        const available = new D(product.onHand).minus(product.reserved);
        if (l.quantity.gt(available)) throw new PartnerError("OVER_AVAILABLE", `${product.nameZh}: ${available.toString()} available`);
        return { input: l, line, product, householdId: product.householdId };
      });
      // Each order line is priced once for all the households that fill it, then split (ADR 012).
      const prices = new Map<(typeof checked)[number], ReturnType<typeof priceDeliveryParts>[number]>();
      for (const line of orderLines) {
        const parts = checked.filter((c) => c.line.id === line.id);
        if (parts.length === 0) continue;
        const split = priceDeliveryParts(parts.map((c) => c.input.quantity), new D(line.unitPrice), rate);
        parts.forEach((c, i) => prices.set(c, split[i]!));
      }
      const priced = checked.map((c) => ({ ...c, ...prices.get(c)! }));
      for (const line of orderLines) {
        const asked = sum(priced.filter((p) => p.line.id === line.id).map((p) => p.input.quantity));
        if (asked.gt(new D(line.quantity).minus(line.deliveredQuantity))) throw new PartnerError("OVER_ORDERED", `${line.nameZh}: ${new D(line.quantity).minus(line.deliveredQuantity).toString()} left to deliver`);
      }
      const amount = sum(priced.map((p) => p.amount));
      const commission = sum(priced.map((p) => p.commission));
      if (amount.lte(0)) throw new PartnerError("BAD_QUANTITY");

      const shares = new Map<string, Dec>();
      for (const p of priced) shares.set(p.householdId, (shares.get(p.householdId) ?? ZERO).plus(p.householdShare));
      const postLines: PostLine[] = [
        { accountCode: ACCOUNTS.partnerReceivable, amount: toAmountString(amount), subledger: { kind: "partner", id: order.partnerId } },
        ...[...shares.entries()].filter(([, s]) => s.gt(0)).map(([id, s]): PostLine => ({ accountCode: ACCOUNTS.householdPayable, amount: toAmountString(s.neg()), subledger: { kind: "household", id } })),
      ];
      if (commission.gt(0)) postLines.push({ accountCode: ACCOUNTS.commissionIncomeProduce, amount: toAmountString(commission.neg()) });
      const number = await nextNumber(tx, "bulk_deliveries", stationId);
      const { journal } = await postJournal(tx, {
        stationId,
        date,
        description: { kind: "bulkDelivery", vars: { number: String(number), order: String(order.number) } },
        source: { type: "delivery", id: deliveryId },
        idempotencyKey: `delivery:${deliveryId}`,
        lines: postLines,
        createdBy: input.actorUserId,
      });
      const [delivery] = await tx
        .insert(bulkDeliveries)
        .values({
          id: deliveryId,
          stationId,
          orderId,
          partnerId: order.partnerId,
          number,
          businessDate: date,
          dueDate: dueDate(date, order.paymentTermsDays),
          amount: toAmountString(amount),
          commission: toAmountString(commission),
          idempotencyKey: input.idempotencyKey,
          journalId: journal.id,
          createdBy: input.actorUserId,
        })
        .returning();
      await tx.insert(bulkDeliveryLines).values(
        priced.map((p) => ({
          deliveryId,
          stationId,
          orderLineId: p.line.id,
          productId: p.product.id,
          householdId: p.householdId,
          quantity: p.input.quantity.toFixed(3),
          unitPrice: p.line.unitPrice,
          amount: toAmountString(p.amount),
          commission: toAmountString(p.commission),
          householdShare: toAmountString(p.householdShare),
        })),
      );
      for (const line of orderLines) {
        const q = sum(priced.filter((p) => p.line.id === line.id).map((p) => p.input.quantity));
        if (q.isZero()) continue;
        const updated = await tx
          .update(bulkOrderLines)
          .set({ deliveredQuantity: sql`${bulkOrderLines.deliveredQuantity} + ${q.toFixed(3)}::numeric` })
          .where(and(eq(bulkOrderLines.id, line.id), sql`${bulkOrderLines.deliveredQuantity} + ${q.toFixed(3)}::numeric <= ${bulkOrderLines.quantity}`))
          .returning({ id: bulkOrderLines.id });
        if (updated.length === 0) throw new PartnerError("OVER_ORDERED");
      }
      for (const p of priced) {
        try {
          await applyMovement(tx, {
            stationId,
            productId: p.product.id,
            kind: "sold",
            delta: deltaFor({ kind: "sold", quantity: p.input.quantity }),
            householdId: p.householdId,
            unitPrice: p.line.unitPrice,
            reason: `发货单 ${number}`,
            createdBy: input.actorUserId,
            source: { type: "delivery", id: deliveryId },
          });
        } catch (error) {
          if (error instanceof StockError) throw new PartnerError("OVER_AVAILABLE", error.message);
          throw error;
        }
      }
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(bulkOrderLines)
        .where(and(eq(bulkOrderLines.orderId, orderId), sql`${bulkOrderLines.deliveredQuantity} < ${bulkOrderLines.quantity}`));
      if ((open?.n ?? 0) === 0) await tx.update(bulkOrders).set({ status: "delivered", endedAt: new Date(), endedBy: input.actorUserId }).where(eq(bulkOrders.id, orderId));
      return delivery!;
    });
  } catch (error) {
    const [replayed] = await db.select().from(bulkDeliveries).where(and(eq(bulkDeliveries.stationId, stationId), eq(bulkDeliveries.idempotencyKey, input.idempotencyKey)));
    if (replayed) return replayed;
    throw error;
  }
}

function checkLineQuantity(quantity: Dec, unit: UnitCode): void {
  try {
    checkQuantity(quantity, unit);
  } catch (error) {
    if (error instanceof UnitError) throw new PartnerError("BAD_QUANTITY", error.message);
    throw error;
  }
}

export interface PlannedLine extends HoldingRow {
  orderLineId: string;
  quantity: Dec;
}

/**
 * A pro-rata plan for delivering `quantity` of one order line: split across the station's
 * households by what each has available (allocateProRata). Nothing is written.
 * @throws PartnerError ORDER_NOT_FOUND | WRONG_PRODUCE | OVER_ORDERED | NOT_ENOUGH_AVAILABLE | BAD_QUANTITY
 */
export async function planProRata(db: Db, { stationId, orderId, orderLineId, quantity }: { stationId: string; orderId: string; orderLineId: string; quantity: Dec }): Promise<PlannedLine[]> {
  const [line] = await db
    .select()
    .from(bulkOrderLines)
    .where(and(eq(bulkOrderLines.id, orderLineId), eq(bulkOrderLines.orderId, orderId), eq(bulkOrderLines.stationId, stationId)));
  if (!line) throw new PartnerError("WRONG_PRODUCE");
  if (quantity.gt(new D(line.quantity).minus(line.deliveredQuantity))) throw new PartnerError("OVER_ORDERED");
  const holdings = await listHoldings(db, { stationId, produceKey: line.produceKey, unit: line.unit });
  const parts = allocateProRata(quantity, holdings, line.unit);
  return parts.map((p) => ({ ...holdings.find((h) => h.productId === p.productId)!, orderLineId, quantity: p.quantity }));
}

export interface DeliveryDocument {
  delivery: Delivery;
  orderNumber: number;
  orderId: string;
  partner: { id: string; nameZh: string; nameEn: string; contactName: string; contactPhone: string; addressZh: string };
  station: { id: string; code: string; nameZh: string; nameEn: string; addressZh: string };
  lines: {
    id: string;
    orderLineId: string;
    nameZh: string;
    nameEn: string;
    unit: UnitCode;
    householdId: string;
    headName: string;
    villageGroup: string;
    quantity: string;
    unitPrice: string;
    amount: string;
    commission: string;
    householdShare: string;
  }[];
}

async function loadDocument(db: Db, delivery: Delivery | undefined): Promise<DeliveryDocument | null> {
  if (!delivery) return null;
  const [head] = await db
    .select({ order: bulkOrders, partner: partnerCompanies, station: stations })
    .from(bulkOrders)
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, bulkOrders.partnerId))
    .innerJoin(stations, eq(stations.id, bulkOrders.stationId))
    .where(eq(bulkOrders.id, delivery.orderId));
  const rows = await db
    .select({ line: bulkDeliveryLines, orderLine: bulkOrderLines, household: households })
    .from(bulkDeliveryLines)
    .innerJoin(bulkOrderLines, eq(bulkOrderLines.id, bulkDeliveryLines.orderLineId))
    .innerJoin(households, eq(households.id, bulkDeliveryLines.householdId))
    .where(eq(bulkDeliveryLines.deliveryId, delivery.id))
    .orderBy(asc(bulkOrderLines.lineNo), asc(households.headName));
  const { order, partner, station } = head!;
  return {
    delivery,
    orderNumber: order.number,
    orderId: order.id,
    partner: { id: partner.id, nameZh: partner.nameZh, nameEn: partner.nameEn, contactName: partner.contactName, contactPhone: partner.contactPhone, addressZh: partner.addressZh },
    station: { id: station.id, code: station.code, nameZh: station.nameZh, nameEn: station.nameEn, addressZh: station.addressZh },
    lines: rows.map(({ line, orderLine, household }) => ({
      id: line.id,
      orderLineId: line.orderLineId,
      nameZh: orderLine.nameZh,
      nameEn: orderLine.nameEn,
      unit: orderLine.unit,
      householdId: household.id,
      headName: household.headName,
      villageGroup: household.villageGroup,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      amount: line.amount,
      commission: line.commission,
      householdShare: line.householdShare,
    })),
  };
}

/** A station's delivery note (发货单) by number. */
export async function getDelivery(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<DeliveryDocument | null> {
  const [row] = await db.select().from(bulkDeliveries).where(and(eq(bulkDeliveries.stationId, stationId), eq(bulkDeliveries.number, number)));
  return loadDocument(db, row);
}

/** A partner's own delivery note, or null when it is not theirs. */
export async function getPartnerDelivery(db: Db, { partnerId, deliveryId }: { partnerId: string; deliveryId: string }): Promise<DeliveryDocument | null> {
  if (!isUuid(deliveryId)) return null;
  const [row] = await db.select().from(bulkDeliveries).where(and(eq(bulkDeliveries.id, deliveryId), eq(bulkDeliveries.partnerId, partnerId)));
  return loadDocument(db, row);
}

export interface DeliverySummary {
  id: string;
  number: number;
  stationId: string;
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  orderId: string;
  orderNumber: number;
  businessDate: string;
  dueDate: string;
  amount: string;
  commission: string;
  /** Of this delivery, by payments on its order settling the oldest invoice first. */
  paid: string;
  unpaid: string;
  overdue: boolean;
  currency: "CNY";
}

/** A partner's deliveries (its invoices), newest first, with what is paid and overdue. */
export async function listPartnerDeliveries(
  db: Db,
  { partnerId, stationId, orderId, today = chinaToday() }: { partnerId: string; stationId?: string; orderId?: string; today?: string },
): Promise<DeliverySummary[]> {
  const rows = await db
    .select({ d: bulkDeliveries, orderNumber: bulkOrders.number, stationCode: stations.code, stationNameZh: stations.nameZh, stationNameEn: stations.nameEn })
    .from(bulkDeliveries)
    .innerJoin(bulkOrders, eq(bulkOrders.id, bulkDeliveries.orderId))
    .innerJoin(stations, eq(stations.id, bulkDeliveries.stationId))
    .where(and(eq(bulkDeliveries.partnerId, partnerId), stationId ? eq(bulkDeliveries.stationId, stationId) : undefined, orderId ? eq(bulkDeliveries.orderId, orderId) : undefined))
    .orderBy(desc(bulkDeliveries.businessDate), desc(bulkDeliveries.number));
  const orderIds = [...new Set(rows.map((r) => r.d.orderId))];
  const paid = orderIds.length
    ? await db
        .select({ orderId: partnerPayments.orderId, paid: sql<string>`sum(${partnerPayments.amount})::text` })
        .from(partnerPayments)
        .where(inArray(partnerPayments.orderId, orderIds))
        .groupBy(partnerPayments.orderId)
    : [];
  const status = new Map<string, ReturnType<typeof invoiceStatuses>[number]>();
  for (const id of orderIds) {
    const invoices = rows.filter((r) => r.d.orderId === id).map((r) => ({ id: r.d.id, amount: new D(r.d.amount), dueOn: r.d.dueDate }));
    const total = new D(paid.find((p) => p.orderId === id)?.paid ?? "0");
    for (const s of invoiceStatuses(invoices, total, today)) status.set(s.id, s);
  }
  return rows.map(({ d, orderNumber, stationCode, stationNameZh, stationNameEn }) => {
    const s = status.get(d.id)!;
    return {
      id: d.id,
      number: d.number,
      stationId: d.stationId,
      stationCode,
      stationNameZh,
      stationNameEn,
      orderId: d.orderId,
      orderNumber,
      businessDate: d.businessDate,
      dueDate: d.dueDate,
      amount: d.amount,
      commission: d.commission,
      paid: toAmountString(s.paid),
      unpaid: toAmountString(s.unpaid),
      overdue: s.overdue,
      currency: "CNY",
    };
  });
}

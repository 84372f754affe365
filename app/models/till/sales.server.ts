import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { GoodsError, effectiveCommissionRate } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, sum, toAmountString } from "~/domain/money";
import { checkMovementQuantity, deltaFor } from "~/domain/stock";
import { type PaymentKind, type PricedLine, TillError, changeDue, priceLine, saleJournalLines, storedLines } from "~/domain/till";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { saleLines, sales } from "../../../db/schema/sales";
import { stations } from "../../../db/schema/stations";
import { lockOpenSession } from "./cash-sessions.server";
import { getDefaultCommissionRate } from "~/models/catalog/settings.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * Walk-in sales (issue 6). One transaction per sale: the sale, its lines, a `sold` movement per
 * product (refused if stock would go negative) and one balanced journal commit together.
 * Lock order, the same in every till operation: cash session (share) → households → products
 * (by id) → the station's catalogue row → the ledger's chain head.
 */

export type Sale = typeof sales.$inferSelect;
export type SaleLine = typeof saleLines.$inferSelect;

export type Payment = { kind: "cash"; tendered: Dec } | { kind: "mobile"; reference: string };

export interface SaleInput {
  stationId: string;
  operatorId: string;
  /** Issued when the sale form was rendered: a resubmitted form records one sale. */
  idempotencyKey: string;
  lines: readonly { productId: string; quantity: Dec; /** The price the form showed. */ seenPrice?: string }[];
  payment: Payment;
  /** For the seed's history; a till always sells today (China time). */
  date?: string;
  at?: Date;
}

export interface SaleResult {
  sale: Sale;
  replayed: boolean;
  /** Products whose price changed since the form was rendered: the sale used the current price. */
  priceChanged: string[];
}

async function findByKey(db: Db, stationId: string, key: string): Promise<Sale | null> {
  const [row] = await db.select().from(sales).where(and(eq(sales.stationId, stationId), eq(sales.idempotencyKey, key)));
  return row ?? null;
}

/** The sale an entry key already recorded at the station, if any: the till shows it instead of the form. */
export async function getSaleByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<Sale | null> {
  return findByKey(db, stationId, idempotencyKey);
}

/** Next document number of the station; call it under the chain-head lock (after postJournal), which serialises the station. */
async function nextSaleNumber(tx: Db, stationId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${sales.number}), 0)::int` }).from(sales).where(eq(sales.stationId, stationId));
  return (row?.n ?? 0) + 1;
}

/**
 * Records a sale, or returns the one its idempotency key already recorded.
 * @throws TillError EMPTY_SALE | SESSION_REQUIRED | TENDER_TOO_LOW | REFERENCE_REQUIRED | PRODUCT_UNAVAILABLE | PARTNER_UNSUPPORTED;
 *   GoodsError PRODUCT_NOT_FOUND; UnitError; StockError INSUFFICIENT_STOCK; LedgerError PERIOD_CLOSED
 */
export async function createSale(db: Db, input: SaleInput): Promise<SaleResult> {
  const { stationId, idempotencyKey } = input;
  if (!idempotencyKey || idempotencyKey.length > 100) throw new TillError("KEY_REUSED", "a sale needs the key its form was issued");
  const existing = await findByKey(db, stationId, idempotencyKey);
  if (existing) return { sale: existing, replayed: true, priceChanged: [] };

  // One line per product, quantities summed, in id order (the lock order).
  const merged = new Map<string, { quantity: Dec; seenPrice?: string }>();
  for (const l of input.lines) {
    if (l.quantity.lte(0)) continue;
    const prev = merged.get(l.productId);
    merged.set(l.productId, { quantity: (prev?.quantity ?? new D(0)).plus(l.quantity), seenPrice: l.seenPrice ?? prev?.seenPrice });
  }
  if (merged.size === 0) throw new TillError("EMPTY_SALE");
  const ids = [...merged.keys()].sort();
  if (input.payment.kind === "mobile" && !input.payment.reference.trim()) throw new TillError("REFERENCE_REQUIRED");

  const saleId = randomUUID();
  const date = input.date ?? chinaToday();
  try {
    return await withLedgerRetry(db, async (tx) => {
      const session = input.payment.kind === "cash" ? await lockOpenSession(tx, { stationId }) : null;
      if (input.payment.kind === "cash" && !session) throw new TillError("SESSION_REQUIRED");
      const rows = await tx
        .select()
        .from(products)
        .where(and(eq(products.stationId, stationId), inArray(products.id, ids)))
        .orderBy(asc(products.id))
        .for("update");
      if (rows.length !== ids.length) throw new GoodsError("PRODUCT_NOT_FOUND");
      const stationRate = await getDefaultCommissionRate(tx, { stationId });
      const priceChanged: string[] = [];
      const priced: PricedLine[] = rows.map((p) => {
        if (p.status === "archived") throw new TillError("PRODUCT_UNAVAILABLE", p.nameZh);
        if (p.ownerKind === "partner" && !p.partnerId) throw new TillError("PARTNER_UNSUPPORTED", p.nameZh);
        const want = merged.get(p.id)!;
        checkMovementQuantity(want.quantity, p.unit);
        if (want.seenPrice !== undefined && !new D(want.seenPrice).eq(p.price)) priceChanged.push(p.id);
        return priceLine({ ...p, commissionRate: effectiveCommissionRate(p.commissionRate, stationRate) }, want.quantity);
      });
      const total = sum(priced.map((l) => l.amount));
      if (input.payment.kind === "cash") changeDue(total, input.payment.tendered);

      for (const line of priced) {
        await applyMovement(tx, {
          stationId,
          productId: line.productId,
          kind: "sold",
          delta: deltaFor({ kind: "sold", quantity: line.quantity }),
          unitPrice: toAmountString(line.unitPrice),
          createdBy: input.operatorId,
          source: { type: "sale", id: saleId },
        });
      }
      const number = await nextSaleNumber(tx, stationId);
      const { journal } = await postJournal(tx, {
        stationId,
        date,
        description: { kind: "sale", vars: { receipt: String(number) } },
        source: { type: "sale", id: saleId },
        idempotencyKey: `sale:${saleId}`,
        lines: saleJournalLines(priced, input.payment.kind as PaymentKind),
        createdBy: input.operatorId,
      });
      const [sale] = await tx
        .insert(sales)
        .values({
          id: saleId,
          stationId,
          number,
          businessDate: date,
          ...(input.at ? { soldAt: input.at } : {}),
          operatorId: input.operatorId,
          payment: input.payment.kind,
          paymentReference: input.payment.kind === "mobile" ? input.payment.reference.trim() : "",
          total: toAmountString(total),
          tendered: input.payment.kind === "cash" ? toAmountString(input.payment.tendered) : null,
          cashSessionId: session?.id ?? null,
          idempotencyKey,
          publicToken: randomBytes(12).toString("base64url"),
          journalId: journal.id,
        })
        .returning();
      await tx.insert(saleLines).values(storedLines(priced).map((l) => ({ saleId, stationId, ...l })));
      return { sale: sale!, replayed: false, priceChanged };
    });
  } catch (error) {
    // Two submits of one form raced: the first one's sale is the sale.
    if (isUniqueViolation(error, "sales_station_key_key")) {
      const winner = await findByKey(db, stationId, idempotencyKey);
      if (winner) return { sale: winner, replayed: true, priceChanged: [] };
    }
    throw error;
  }
}

export interface SaleView {
  sale: Sale;
  lines: (SaleLine & { nameZh: string; nameEn: string; unit: (typeof products.$inferSelect)["unit"] })[];
}

async function withSaleLines(db: Db, sale: Sale | undefined): Promise<SaleView | null> {
  if (!sale) return null;
  const lines = await db
    .select({ line: saleLines, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
    .from(saleLines)
    .innerJoin(products, and(eq(products.id, saleLines.productId), eq(products.stationId, saleLines.stationId)))
    .where(eq(saleLines.saleId, sale.id))
    .orderBy(asc(saleLines.lineNo));
  return { sale, lines: lines.map((l) => ({ ...l.line, nameZh: l.nameZh, nameEn: l.nameEn, unit: l.unit })) };
}

export async function getSale(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<SaleView | null> {
  const [sale] = await db.select().from(sales).where(and(eq(sales.stationId, stationId), eq(sales.number, number)));
  return withSaleLines(db, sale);
}

/** The public receipt: found by its unguessable token only. */
export async function getSaleByToken(db: Db, { token }: { token: string }): Promise<SaleView | null> {
  if (!/^[A-Za-z0-9_-]{16}$/.test(token)) return null;
  const [sale] = await db.select().from(sales).where(eq(sales.publicToken, token));
  return withSaleLines(db, sale);
}

/** The station's latest sales, newest first. */
export async function listRecentSales(db: Db, { stationId, limit = 20 }: { stationId: string; limit?: number }): Promise<Sale[]> {
  return db.select().from(sales).where(eq(sales.stationId, stationId)).orderBy(desc(sales.number)).limit(limit);
}

/** What a public receipt says of its station: names and address only. */
export async function receiptStation(db: Db, { stationId }: { stationId: string }) {
  const [row] = await db
    .select({ nameZh: stations.nameZh, nameEn: stations.nameEn, addressZh: stations.addressZh, addressEn: stations.addressEn })
    .from(stations)
    .where(eq(stations.id, stationId));
  return row ?? null;
}

import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, ZERO, sum, toAmountString } from "~/domain/money";
import { deltaFor } from "~/domain/stock";
import { assertVoidable, type PricedLine, type ReturnedSoFar, TillError, returnPart, saleJournalLines } from "~/domain/till";
import type { Db } from "../../../db/client.server";
import { households } from "../../../db/schema/households";
import { saleLines, saleReturnLines, saleReturns, sales } from "../../../db/schema/sales";
import { assertDrawerHolds, drawerShortNow, lockOpenSession } from "./cash-sessions.server";
import { isCheckViolation } from "~/models/database/errors.server";
import { postJournal, reverseJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * Voids (the whole sale, the same day: the sale's journal is reversed) and refunds (some or
 * all of it, any day: a journal mirroring the returned part, pointing at the sale). Stock comes
 * back with a `returned` in movement; cash goes out through the open session. Nothing is edited.
 */

export type SaleReturn = typeof saleReturns.$inferSelect;

export interface ReturnInput {
  stationId: string;
  saleId: string;
  operatorId: string;
  reason: string;
  idempotencyKey: string;
  /** Refund only: quantities per sale line id; a void returns everything. */
  quantities?: Record<string, Dec>;
  date?: string;
}

/** What has been returned of each line of a sale so far. */
export async function returnedSoFar(db: Db, { saleId }: { saleId: string }): Promise<Map<string, ReturnedSoFar>> {
  const rows = await db
    .select({
      lineId: saleReturnLines.saleLineId,
      quantity: sql<string>`sum(${saleReturnLines.quantity})::text`,
      amount: sql<string>`sum(${saleReturnLines.amount})::text`,
      commission: sql<string>`sum(${saleReturnLines.commission})::text`,
    })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .where(eq(saleReturns.saleId, saleId))
    .groupBy(saleReturnLines.saleLineId);
  return new Map(rows.map((r) => [r.lineId, { quantity: new D(r.quantity), amount: new D(r.amount), commission: new D(r.commission) }]));
}

export async function listReturns(db: Db, { saleId }: { saleId: string }): Promise<SaleReturn[]> {
  return db.select().from(saleReturns).where(eq(saleReturns.saleId, saleId)).orderBy(asc(saleReturns.returnedAt));
}

function asPriced(l: typeof saleLines.$inferSelect): PricedLine {
  const amount = new D(l.amount);
  const commission = new D(l.commission);
  return {
    productId: l.productId,
    quantity: new D(l.quantity),
    unitPrice: new D(l.unitPrice),
    amount,
    commission,
    ownerShare: amount.minus(commission),
    ownerKind: l.ownerKind,
    householdId: l.householdId,
    partnerId: l.partnerId,
    rate: new D(l.commissionRate),
  };
}

/**
 * Voids a sale of today, or refunds part of any sale.
 * Cash given back never exceeds what the drawer should hold (DRAWER_SHORT).
 * @throws TillError SALE_NOT_FOUND | REASON_REQUIRED | VOID_SAME_DAY | NOTHING_TO_RETURN | RETURN_TOO_LARGE | DRAWER_SHORT | SESSION_REQUIRED; LedgerError PERIOD_CLOSED
 */
export async function returnSale(db: Db, kind: "void" | "refund", input: ReturnInput): Promise<SaleReturn> {
  try {
    return await returnSaleOnce(db, kind, input);
  } catch (error) {
    if (isCheckViolation(error, "cash_sessions_drawer_covers")) throw await drawerShortNow(db, { stationId: input.stationId });
    throw error;
  }
}

async function returnSaleOnce(db: Db, kind: "void" | "refund", input: ReturnInput): Promise<SaleReturn> {
  const reason = input.reason.trim();
  if (!reason) throw new TillError("REASON_REQUIRED");
  const date = input.date ?? chinaToday();
  const [known] = await db.select().from(saleReturns).where(and(eq(saleReturns.stationId, input.stationId), eq(saleReturns.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  const returnId = randomUUID();
  return withLedgerRetry(db, async (tx) => {
    const [found] = await tx.select().from(sales).where(and(eq(sales.stationId, input.stationId), eq(sales.id, input.saleId)));
    if (!found) throw new TillError("SALE_NOT_FOUND");
    // The day is known before any lock; whether anything was returned only under the sale's lock (below).
    if (kind === "void") assertVoidable({ businessDate: found.businessDate, returned: false }, date);
    const session = found.payment === "cash" ? await lockOpenSession(tx, { stationId: input.stationId, cashOut: true }) : null;
    if (found.payment === "cash" && !session) throw new TillError("SESSION_REQUIRED");
    // The sale row is never updated; locking it serialises returns of one sale, so what was returned so far is current.
    const [sale] = await tx.select().from(sales).where(eq(sales.id, found.id)).for("update");
    if (!sale) throw new TillError("SALE_NOT_FOUND");
    const lines = await tx.select().from(saleLines).where(eq(saleLines.saleId, sale.id)).orderBy(asc(saleLines.lineNo));
    // Households first (a refund lowers what they are owed; a payout must not race it), in id order.
    const householdIds = [...new Set(lines.map((l) => l.householdId).filter((id): id is string => !!id))].sort();
    if (householdIds.length) await tx.select({ id: households.id }).from(households).where(inArray(households.id, householdIds)).orderBy(asc(households.id)).for("update");
    const done = await returnedSoFar(tx, { saleId: sale.id });
    if (kind === "void") assertVoidable({ businessDate: sale.businessDate, returned: done.size > 0 }, date);
    const parts: { line: typeof saleLines.$inferSelect; part: PricedLine }[] = [];
    for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      const so = done.get(line.id) ?? { quantity: ZERO, amount: ZERO, commission: ZERO };
      const open = new D(line.quantity).minus(so.quantity);
      const want = kind === "void" ? open : (input.quantities?.[line.id] ?? ZERO);
      if (want.isZero()) continue;
      parts.push({ line, part: returnPart(asPriced(line), so, want) });
    }
    if (parts.length === 0) throw new TillError("NOTHING_TO_RETURN");
    for (const { part } of parts) {
      await applyMovement(tx, {
        stationId: input.stationId,
        productId: part.productId,
        kind: "returned",
        delta: deltaFor({ kind: "returned", quantity: part.quantity, direction: "in" }),
        reason,
        createdBy: input.operatorId,
        source: { type: "sale", id: sale.id },
      });
    }
    const amount = sum(parts.map((p) => p.part.amount));
    if (session) await assertDrawerHolds(tx, session, amount);
    const memo = `${kind === "void" ? "作废 void" : "退款 refund"} #${sale.number}: ${reason}`.slice(0, 500);
    const { journal } =
      kind === "void"
        ? await reverseJournal(tx, { stationId: input.stationId, journalId: sale.journalId, date, memo, idempotencyKey: `void:${returnId}`, createdBy: input.operatorId })
        : await postJournal(tx, {
            stationId: input.stationId,
            date,
            memo,
            source: { type: "sale", id: sale.id },
            idempotencyKey: `refund:${returnId}`,
            lines: saleJournalLines(
              parts.map((p) => p.part),
              sale.payment,
              -1,
            ),
            createdBy: input.operatorId,
          });
    const [row] = await tx
      .insert(saleReturns)
      .values({
        id: returnId,
        saleId: sale.id,
        stationId: input.stationId,
        kind,
        businessDate: date,
        amount: toAmountString(amount),
        reason: reason.slice(0, 200),
        cashSessionId: session?.id ?? null,
        createdBy: input.operatorId,
        idempotencyKey: input.idempotencyKey,
        journalId: journal.id,
      })
      .returning();
    await tx.insert(saleReturnLines).values(
      parts.map(({ line, part }) => ({
        returnId,
        saleLineId: line.id,
        quantity: part.quantity.toFixed(3),
        amount: toAmountString(part.amount),
        commission: toAmountString(part.commission),
      })),
    );
    return row!;
  });
}

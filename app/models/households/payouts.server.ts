import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, toAmountString } from "~/domain/money";
import { type PayoutMethod, TillError, moneyAccount } from "~/domain/till";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { ledgerPostings } from "../../../db/schema/ledger";
import { householdPayouts } from "../../../db/schema/payouts";
import { saleLines, saleReturnLines, saleReturns, sales } from "../../../db/schema/sales";
import { assertDrawerHolds, drawerShortNow, lockOpenSession } from "~/models/till/cash-sessions.server";
import { isCheckViolation } from "~/models/database/errors.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";

/**
 * Paying households what their consigned goods earned. "Owed" is the household's credit
 * balance on 21101 (应付款—农户代卖款) in the ledger itself, so the statement, the payout check
 * and the books can never disagree. The household row is locked while paying (refunds lock it
 * too), and a deferred trigger refuses at commit any payout that leaves the balance in debit.
 */

export type Payout = typeof householdPayouts.$inferSelect;

/** What the station owes the household now (≥ 0 unless the books are wrong). */
export async function householdOwed(db: Db, { stationId, householdId }: { stationId: string; householdId: string }): Promise<Dec> {
  const [row] = await db
    .select({ net: sql<string>`coalesce(sum(${ledgerPostings.amount}), 0)::text` })
    .from(ledgerPostings)
    .where(and(eq(ledgerPostings.stationId, stationId), eq(ledgerPostings.accountCode, ACCOUNTS.householdPayable), eq(ledgerPostings.householdId, householdId)));
  return new D(row!.net).neg();
}

export interface PayoutInput {
  stationId: string;
  householdId: string;
  operatorId: string;
  amount: Dec;
  method: PayoutMethod;
  reference: string;
  idempotencyKey: string;
  date?: string;
  at?: Date;
}

/** The payout an entry key (the statement page's payout form) already recorded at the station, if any. */
export async function getPayoutByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<Payout | null> {
  const [row] = await db.select().from(householdPayouts).where(and(eq(householdPayouts.stationId, stationId), eq(householdPayouts.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/**
 * Pays a household all or part of what it is owed: Dr 21101 (the household) / Cr cash, bank or
 * payment clearing, one journal. Cash goes out through the open till session.
 * Cash never exceeds what the drawer should hold (DRAWER_SHORT).
 * @throws TillError HOUSEHOLD_NOT_FOUND | PAYOUT_ABOVE_OWED | DRAWER_SHORT | SESSION_REQUIRED | REFERENCE_REQUIRED; LedgerError PERIOD_CLOSED
 */
export async function recordPayout(db: Db, input: PayoutInput): Promise<Payout> {
  const { stationId, householdId } = input;
  if (input.method !== "cash" && !input.reference.trim()) throw new TillError("REFERENCE_REQUIRED");
  const [known] = await db.select().from(householdPayouts).where(and(eq(householdPayouts.stationId, stationId), eq(householdPayouts.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  const payoutId = randomUUID();
  const date = input.date ?? chinaToday();
  try {
    return await withLedgerRetry(db, async (tx) => {
      const session = input.method === "cash" ? await lockOpenSession(tx, { stationId, cashOut: true }) : null;
      if (input.method === "cash" && !session) throw new TillError("SESSION_REQUIRED");
      const [household] = await tx.select().from(households).where(and(eq(households.stationId, stationId), eq(households.id, householdId))).for("update");
      if (!household) throw new TillError("HOUSEHOLD_NOT_FOUND");
      const owed = await householdOwed(tx, { stationId, householdId });
      if (input.amount.lte(0) || input.amount.gt(owed)) throw new TillError("PAYOUT_ABOVE_OWED", `owed ${toAmountString(owed)}`);
      if (session) await assertDrawerHolds(tx, session, input.amount);
      const amount = toAmountString(input.amount);
      const [n] = await tx.select({ n: sql<number>`coalesce(max(${householdPayouts.number}), 0)::int` }).from(householdPayouts).where(eq(householdPayouts.stationId, stationId));
      const number = (n?.n ?? 0) + 1;
      const { journal } = await postJournal(tx, {
        stationId,
        date,
        description: { kind: "payout", vars: { household: household.headName, number: String(number) } },
        source: { type: "payout", id: payoutId },
        idempotencyKey: `payout:${payoutId}`,
        lines: [
          { accountCode: ACCOUNTS.householdPayable, amount, subledger: { kind: "household", id: householdId } },
          { accountCode: moneyAccount(input.method), amount: `-${amount}` },
        ],
        createdBy: input.operatorId,
      });
      const [row] = await tx
        .insert(householdPayouts)
        .values({
          id: payoutId,
          stationId,
          householdId,
          number,
          businessDate: date,
          ...(input.at ? { paidAt: input.at } : {}),
          amount,
          method: input.method,
          reference: input.reference.trim(),
          cashSessionId: session?.id ?? null,
          paidBy: input.operatorId,
          idempotencyKey: input.idempotencyKey,
          journalId: journal.id,
        })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isCheckViolation(error, "household_payouts_within_owed")) throw new TillError("PAYOUT_ABOVE_OWED");
    if (isCheckViolation(error, "cash_sessions_drawer_covers")) throw await drawerShortNow(db, { stationId });
    throw error;
  }
}

export async function getPayout(db: Db, { stationId, number }: { stationId: string; number: number }) {
  const [row] = await db
    .select({ payout: householdPayouts, household: households })
    .from(householdPayouts)
    .innerJoin(households, eq(households.id, householdPayouts.householdId))
    .where(and(eq(householdPayouts.stationId, stationId), eq(householdPayouts.number, number)));
  return row ?? null;
}

export interface StatementEntry {
  date: string;
  kind: "sale" | "return" | "payout";
  label: string;
  quantity: string | null;
  unit: string | null;
  amount: string;
  commission: string;
  /** Signed change to what is owed. */
  owed: string;
  number: number;
}

/** 对账单: each sale and return of the household's goods, each payout, newest last. */
export async function householdStatement(db: Db, { stationId, householdId, limit = 200 }: { stationId: string; householdId: string; limit?: number }) {
  const sold = await db
    .select({ sale: sales, line: saleLines, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(eq(saleLines.stationId, stationId), eq(saleLines.householdId, householdId)))
    .orderBy(desc(sales.soldAt))
    .limit(limit);
  const returned = await db
    .select({ ret: saleReturns, rl: saleReturnLines, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit, number: sales.number })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .innerJoin(saleLines, eq(saleLines.id, saleReturnLines.saleLineId))
    .innerJoin(sales, eq(sales.id, saleReturns.saleId))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(eq(saleLines.stationId, stationId), eq(saleLines.householdId, householdId)))
    .limit(limit);
  const paid = await db
    .select()
    .from(householdPayouts)
    .where(and(eq(householdPayouts.stationId, stationId), eq(householdPayouts.householdId, householdId)))
    .orderBy(asc(householdPayouts.paidAt))
    .limit(limit);
  const entries: (StatementEntry & { at: Date; nameZh?: string; nameEn?: string })[] = [
    ...sold.map((s) => ({
      at: s.sale.soldAt, date: s.sale.businessDate, kind: "sale" as const, label: s.nameZh, nameZh: s.nameZh, nameEn: s.nameEn,
      quantity: s.line.quantity, unit: s.unit, amount: s.line.amount, commission: s.line.commission,
      owed: toAmountString(new D(s.line.amount).minus(s.line.commission)), number: s.sale.number,
    })),
    ...returned.map((r) => ({
      at: r.ret.returnedAt, date: r.ret.businessDate, kind: "return" as const, label: r.nameZh, nameZh: r.nameZh, nameEn: r.nameEn,
      quantity: r.rl.quantity, unit: r.unit, amount: `-${r.rl.amount}`, commission: `-${r.rl.commission}`,
      owed: toAmountString(new D(r.rl.amount).minus(r.rl.commission).neg()), number: r.number,
    })),
    ...paid.map((p) => ({
      at: p.paidAt, date: p.businessDate, kind: "payout" as const, label: p.method, quantity: null, unit: null,
      amount: "0.00", commission: "0.00", owed: toAmountString(new D(p.amount).neg()), number: p.number,
    })),
  ];
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  const owed = await householdOwed(db, { stationId, householdId });
  return { entries, owed };
}

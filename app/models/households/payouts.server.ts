import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { chinaToday } from "~/domain/dates";
import { runningBalances } from "~/domain/households";
import type { JournalMemo } from "~/domain/ledger";
import { D, type Dec, toAmountString } from "~/domain/money";
import { type PayoutMethod, TillError, moneyAccount } from "~/domain/till";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { ledgerJournals, ledgerPostings } from "../../../db/schema/ledger";
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

/** What the station owes the household now, or at the end of the day `asOf` (≥ 0 unless the books are wrong). */
export async function householdOwed(db: Db, { stationId, householdId, asOf }: { stationId: string; householdId: string; asOf?: string }): Promise<Dec> {
  const [row] = await db
    .select({ net: sql<string>`coalesce(sum(${ledgerPostings.amount}), 0)::text` })
    .from(ledgerPostings)
    .where(and(eq(ledgerPostings.stationId, stationId), eq(ledgerPostings.accountCode, ACCOUNTS.householdPayable), eq(ledgerPostings.householdId, householdId), asOf ? lte(ledgerPostings.businessDate, asOf) : undefined));
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

export type StatementLineKind = "sale" | "refund" | "void" | "payout" | "bulkDelivery" | "orderCompleted" | "orderRefund" | "reversal" | "other";

/** One journal that moved what the household is owed, as a line of its statement. */
export interface StatementLine {
  journalId: string;
  /** The ledger's voucher number (记账凭证号). */
  journalNumber: number;
  date: string;
  kind: StatementLineKind;
  /** What a person looks the line up by: the receipt's, payout's, delivery's or order's number; for a reversal, the reversed voucher's. */
  ref: string | null;
  /** A bulk delivery's order number. */
  order: string | null;
  /** For a sale, refund or void: the household's goods in it. */
  goods: StatementGoods[];
  /** For "other": what the journal says (ADR 022), worded by the screen. */
  memo: string;
  description: JournalMemo | null;
  /** Signed change to what is owed (a credit to 21101 is +). */
  change: string;
  /** What is owed after this line. */
  balance: string;
}

export interface StatementGoods {
  nameZh: string;
  nameEn: string;
  quantity: string;
  unit: (typeof products.$inferSelect)["unit"];
}

export interface HouseholdStatement {
  from: string;
  to: string;
  /** Owed at the end of the day before `from`. */
  opening: string;
  lines: StatementLine[];
  /** Owed at the end of `to`: opening + Σ changes, and what householdOwed answers as of `to`. */
  closing: string;
}

const returnSale = alias(sales, "return_sale");
const reversed = alias(ledgerJournals, "reversed");

/**
 * 对账单 as a bank book: every journal of [from, to] that touched the household's 21101 balance —
 * sales of its goods (its share), refunds and voids (negative), partner bulk deliveries (its
 * share), online orders, payouts (negative), corrections — in date order then voucher number,
 * each with the balance after it. Read from the ledger itself, so the closing balance is what
 * the payout check treats as owed.
 */
export async function householdStatement(db: Db, { stationId, householdId, from, to }: { stationId: string; householdId: string; from: string; to: string }): Promise<HouseholdStatement> {
  const mine = and(eq(ledgerPostings.stationId, stationId), eq(ledgerPostings.accountCode, ACCOUNTS.householdPayable), eq(ledgerPostings.householdId, householdId));
  const [before] = await db
    .select({ net: sql<string>`coalesce(sum(${ledgerPostings.amount}), 0)::text` })
    .from(ledgerPostings)
    .where(and(mine, lt(ledgerPostings.businessDate, from)));
  const rows = await db
    .select({
      journalId: ledgerJournals.id,
      journalNumber: ledgerJournals.number,
      date: ledgerJournals.businessDate,
      memo: ledgerJournals.memo,
      memoKind: ledgerJournals.memoKind,
      memoVars: ledgerJournals.memoVars,
      saleNumber: sales.number,
      returnKind: saleReturns.kind,
      returnSaleNumber: returnSale.number,
      payoutNumber: householdPayouts.number,
      reversedNumber: reversed.number,
      net: sql<string>`sum(${ledgerPostings.amount})::text`,
    })
    .from(ledgerPostings)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerPostings.journalId))
    .leftJoin(sales, eq(sales.journalId, ledgerJournals.id))
    .leftJoin(saleReturns, eq(saleReturns.journalId, ledgerJournals.id))
    .leftJoin(returnSale, eq(returnSale.id, saleReturns.saleId))
    .leftJoin(householdPayouts, eq(householdPayouts.journalId, ledgerJournals.id))
    .leftJoin(reversed, eq(reversed.id, ledgerJournals.reversesJournalId))
    .where(and(mine, gte(ledgerPostings.businessDate, from), lte(ledgerPostings.businessDate, to)))
    .groupBy(ledgerJournals.id, sales.number, saleReturns.kind, returnSale.number, householdPayouts.number, reversed.number)
    .orderBy(asc(ledgerJournals.businessDate), asc(ledgerJournals.number));
  const goods = await statementGoods(db, { stationId, householdId, journalIds: rows.filter((r) => r.saleNumber !== null || r.returnKind).map((r) => r.journalId) });
  const opening = new D(before!.net).neg();
  const changes = rows.map((r) => new D(r.net).neg());
  const { balances, closing } = runningBalances(opening, changes);
  const lines = rows.map((r, i): StatementLine => {
    const vars = r.memoVars ?? {};
    const line = { journalId: r.journalId, journalNumber: r.journalNumber, date: r.date, memo: r.memo, order: null, description: null, goods: goods.get(r.journalId) ?? [], change: toAmountString(changes[i]!), balance: toAmountString(balances[i]!) };
    // A return's journal first: a void is also a reversal of the sale's journal.
    if (r.returnKind) return { ...line, kind: r.returnKind, ref: String(r.returnSaleNumber) };
    if (r.saleNumber !== null) return { ...line, kind: "sale", ref: String(r.saleNumber) };
    if (r.payoutNumber !== null) return { ...line, kind: "payout", ref: String(r.payoutNumber) };
    if (r.memoKind === "bulkDelivery") return { ...line, kind: "bulkDelivery", ref: vars.number ?? null, order: vars.order ?? null };
    if (r.memoKind === "orderCompleted" || r.memoKind === "orderRefund") return { ...line, kind: r.memoKind, ref: vars.number ?? null };
    if (r.reversedNumber !== null) return { ...line, kind: "reversal", ref: String(r.reversedNumber) };
    return { ...line, kind: "other", ref: null, description: r.memoKind && r.memoVars ? { kind: r.memoKind, vars: r.memoVars } : null };
  });
  return { from, to, opening: toAmountString(opening), lines, closing: toAmountString(closing) };
}

/** The household's goods in the given sale and return journals (not the other households' lines of the same receipt). */
async function statementGoods(db: Db, { stationId, householdId, journalIds }: { stationId: string; householdId: string; journalIds: string[] }): Promise<Map<string, StatementGoods[]>> {
  const out = new Map<string, StatementGoods[]>();
  if (journalIds.length === 0) return out;
  const item = { nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit };
  const mine = and(eq(saleLines.stationId, stationId), eq(saleLines.householdId, householdId));
  const sold = await db
    .select({ journalId: sales.journalId, quantity: saleLines.quantity, ...item })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(mine, inArray(sales.journalId, journalIds)))
    .orderBy(asc(saleLines.lineNo));
  const back = await db
    .select({ journalId: saleReturns.journalId, quantity: saleReturnLines.quantity, ...item })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .innerJoin(saleLines, eq(saleLines.id, saleReturnLines.saleLineId))
    .innerJoin(products, eq(products.id, saleLines.productId))
    .where(and(mine, inArray(saleReturns.journalId, journalIds)))
    .orderBy(asc(saleLines.lineNo));
  for (const { journalId, ...g } of [...sold, ...back]) out.set(journalId, [...(out.get(journalId) ?? []), g]);
  return out;
}

import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { chinaToday } from "~/domain/dates";
import { isBusinessDate, LedgerError } from "~/domain/ledger";
import { D, type Dec, toAmountString, ZERO } from "~/domain/money";
import { budgetVsActual, expenseJournalLines, overReserve, UPKEEP_KIND_LIST, UpkeepError, type UpkeepExpenseKind } from "~/domain/upkeep";
import type { Db } from "../../../db/client.server";
import { upkeepBudgets, upkeepExpenses } from "../../../db/schema/committee";
import { users } from "../../../db/schema/identity";
import { ledgerChainHeads, ledgerMonthTotals } from "../../../db/schema/ledger";
import { recordAudit } from "~/models/audit/audit.server";
import { isPeriodClosed } from "~/models/ledger/periods.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { reserveMovements, spentByKind } from "./figures.server";
import { type PreparedReceipt, saveReceipt } from "./upkeep-receipts.server";

/**
 * Upkeep spending against the reserve (ADR 014). An expense within the reserve's balance posts
 * at once; one above it waits for a committee member's or the township accountant's approval,
 * which is recorded on it, and posts then. Each carries a photo of its paper receipt.
 */

export type UpkeepExpense = typeof upkeepExpenses.$inferSelect;

/** The upkeep reserve's balance (31101, credit side) over every posting so far. */
export async function reserveBalance(db: Db, { stationId }: { stationId: string }): Promise<Dec> {
  const [row] = await db
    .select({ balance: sql<string>`coalesce(sum(${ledgerMonthTotals.credit} - ${ledgerMonthTotals.debit}), 0)::text` })
    .from(ledgerMonthTotals)
    .where(and(eq(ledgerMonthTotals.stationId, stationId), eq(ledgerMonthTotals.accountCode, ACCOUNTS.upkeepReserve)));
  return new D(row?.balance ?? 0);
}

async function lockBooks(tx: Db, stationId: string) {
  await tx.select({ n: ledgerChainHeads.lastNumber }).from(ledgerChainHeads).where(eq(ledgerChainHeads.stationId, stationId)).for("update");
}

async function postExpense(tx: Db, e: { id: string; stationId: string; kind: UpkeepExpenseKind; amount: Dec; date: string; paidFrom: "cash" | "bank"; payee: string; createdBy: string; approvedBy: string | null }) {
  const balance = await reserveBalance(tx, { stationId: e.stationId });
  const posted = await postJournal(tx, {
    stationId: e.stationId,
    date: e.date,
    description: { kind: "upkeep", vars: { payee: e.payee } },
    source: { type: "expense", id: e.id },
    idempotencyKey: `upkeep-expense:${e.id}`,
    lines: expenseJournalLines({ kind: e.kind, amount: e.amount, paidFrom: e.paidFrom, reserveBalance: balance }),
    createdBy: e.createdBy,
    approvedBy: e.approvedBy,
  });
  return posted.journal.id;
}

export interface ExpenseInput {
  stationId: string;
  userId: string;
  kind: UpkeepExpenseKind;
  amount: Dec;
  date: string;
  paidFrom: "cash" | "bank";
  payee: string;
  note: string;
  receipt: PreparedReceipt | null;
  idempotencyKey: string;
  today?: string;
}

/**
 * Records an upkeep expense with its receipt. Within the reserve it posts now; above it, it is
 * kept waiting for approval (nothing posted). The same request key twice records it once.
 * @throws UpkeepError RECEIPT_REQUIRED | BAD_DATE | FUTURE_DATE; LedgerError PERIOD_CLOSED
 */
export async function recordExpense(db: Db, input: ExpenseInput): Promise<UpkeepExpense> {
  const { stationId, userId, kind, amount, date, paidFrom, payee, note, receipt, idempotencyKey, today = chinaToday() } = input;
  if (!receipt) throw new UpkeepError("RECEIPT_REQUIRED", "an upkeep expense needs a photo of its receipt");
  if (!isBusinessDate(date)) throw new UpkeepError("BAD_DATE", `${JSON.stringify(date)} is not a date`);
  if (date > today) throw new UpkeepError("FUTURE_DATE", "an expense is recorded once it is paid");
  if (!amount.gt(0)) throw new RangeError("an expense is a positive amount");
  // Posting takes the chain head, so the whole transaction is retried on a serialisation failure (ADR 007).
  return withLedgerRetry(db, async (tx) => {
    await lockBooks(tx, stationId);
    const [existing] = await tx.select().from(upkeepExpenses).where(and(eq(upkeepExpenses.stationId, stationId), eq(upkeepExpenses.idempotencyKey, idempotencyKey)));
    if (existing) return existing;
    if (await isPeriodClosed(tx, { stationId, date })) throw new LedgerError("PERIOD_CLOSED", `${date.slice(0, 7)} is closed; date the expense in an open month`);
    const receiptHash = await saveReceipt(tx, { stationId, userId, receipt });
    const over = overReserve(amount, await reserveBalance(tx, { stationId }));
    const id = randomUUID();
    const journalId = over.gt(0) ? null : await postExpense(tx, { id, stationId, kind, amount, date, paidFrom, payee, createdBy: userId, approvedBy: null });
    const [row] = await tx
      .insert(upkeepExpenses)
      .values({
        id,
        stationId,
        kind,
        amount: toAmountString(amount),
        businessDate: date,
        paidFrom,
        payee: payee.trim(),
        note: note.trim(),
        receiptHash,
        status: journalId ? "posted" : "awaiting_approval",
        overReserve: toAmountString(over),
        recordedBy: userId,
        journalId,
        idempotencyKey,
      })
      .returning();
    await recordAudit(tx, {
      actorUserId: userId,
      action: "upkeep.expense_record",
      recordType: "upkeep_expense",
      recordId: id,
      stationId,
      after: { kind, amount: row!.amount, date, status: row!.status, overReserve: row!.overReserve, receipt: receiptHash.slice(0, 12) },
    });
    return row!;
  });
}

/**
 * A committee member or the township accountant decides an expense above the reserve: approve
 * posts it (the reserve releases what it holds, the rest is an ordinary expense), reject ends it.
 * @throws UpkeepError NOT_FOUND | NOT_AWAITING | OWN_EXPENSE; LedgerError PERIOD_CLOSED
 */
export async function decideExpense(
  db: Db,
  { stationId, expenseId, userId, approve, note }: { stationId: string; expenseId: string; userId: string; approve: boolean; note: string },
): Promise<UpkeepExpense> {
  // Posting takes the chain head, so the whole transaction is retried on a serialisation failure (ADR 007).
  return withLedgerRetry(db, async (tx) => {
    await lockBooks(tx, stationId);
    const [e] = await tx.select().from(upkeepExpenses).where(and(eq(upkeepExpenses.stationId, stationId), eq(upkeepExpenses.id, expenseId))).for("update");
    if (!e) throw new UpkeepError("NOT_FOUND", "no such expense at this station");
    if (e.status !== "awaiting_approval") throw new UpkeepError("NOT_AWAITING", "this expense is already decided");
    if (e.recordedBy === userId) throw new UpkeepError("OWN_EXPENSE", "the person who recorded an expense cannot approve it");
    let journalId: string | null = null;
    if (approve) {
      if (await isPeriodClosed(tx, { stationId, date: e.businessDate })) throw new LedgerError("PERIOD_CLOSED", `${e.businessDate.slice(0, 7)} is closed`);
      journalId = await postExpense(tx, {
        id: e.id,
        stationId,
        kind: e.kind,
        amount: new D(e.amount),
        date: e.businessDate,
        paidFrom: e.paidFrom,
        payee: e.payee,
        createdBy: e.recordedBy,
        approvedBy: userId,
      });
    }
    const [row] = await tx
      .update(upkeepExpenses)
      .set({ status: approve ? "posted" : "rejected", decidedBy: userId, decidedAt: new Date(), decisionNote: note.trim(), journalId })
      .where(eq(upkeepExpenses.id, e.id))
      .returning();
    await recordAudit(tx, {
      actorUserId: userId,
      action: approve ? "upkeep.expense_approve" : "upkeep.expense_reject",
      recordType: "upkeep_expense",
      recordId: e.id,
      stationId,
      before: { status: e.status },
      after: { status: row!.status, note: note.trim() },
    });
    return row!;
  });
}

export interface ExpenseRow extends UpkeepExpense {
  recordedByName: string;
  decidedByName: string | null;
}

/** The station's expenses, newest first, with who recorded and decided them. */
export async function listExpenses(db: Db, { stationId, limit = 100 }: { stationId: string; limit?: number }): Promise<ExpenseRow[]> {
  const rows = await db
    .select({ e: upkeepExpenses, recordedByName: users.displayName, decidedByName: sql<string | null>`(select display_name from users d where d.id = ${upkeepExpenses.decidedBy})` })
    .from(upkeepExpenses)
    .innerJoin(users, eq(users.id, upkeepExpenses.recordedBy))
    .where(eq(upkeepExpenses.stationId, stationId))
    .orderBy(desc(upkeepExpenses.businessDate), desc(upkeepExpenses.recordedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.e, recordedByName: r.recordedByName, decidedByName: r.decidedByName }));
}

/** Sets one kind's budget for a year. */
export async function setBudget(db: Db, { stationId, year, kind, amount, userId }: { stationId: string; year: number; kind: UpkeepExpenseKind; amount: Dec; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(upkeepBudgets).where(and(eq(upkeepBudgets.stationId, stationId), eq(upkeepBudgets.year, year), eq(upkeepBudgets.kind, kind)));
    const [row] = await tx
      .insert(upkeepBudgets)
      .values({ stationId, year, kind, amount: toAmountString(amount), setBy: userId })
      .onConflictDoUpdate({ target: [upkeepBudgets.stationId, upkeepBudgets.year, upkeepBudgets.kind], set: { amount: toAmountString(amount), setBy: userId, setAt: new Date() } })
      .returning();
    await recordAudit(tx, {
      actorUserId: userId,
      action: "upkeep.budget_set",
      recordType: "upkeep_budget",
      recordId: row!.id,
      stationId,
      before: before ? { year, kind, amount: before.amount } : null,
      after: { year, kind, amount: row!.amount },
    });
  });
}

export interface UpkeepFund {
  from: string;
  to: string;
  opening: string;
  setAside: string;
  spentByKind: { kind: UpkeepExpenseKind; amount: string }[];
  spentTotal: string;
  /** What the reserve released for spending (at most what it held). */
  released: string;
  closing: string;
  /** The year of `to`: budget and actual (spent from 1 January to `to`) per kind. */
  budget: { year: number; rows: { kind: UpkeepExpenseKind; budget: string; actual: string; remaining: string; over: boolean }[] };
}

/** The upkeep fund over [from, to] (report data): opening, set aside, spent by kind, closing, budget vs actual. */
export async function upkeepFund(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }): Promise<UpkeepFund> {
  const year = Number(to.slice(0, 4));
  const [reserve, spent, yearSpent, budgets] = await Promise.all([
    reserveMovementsRange(db, { stationId, from, to }),
    spentByKind(db, { stationId, from, to }),
    spentByKind(db, { stationId, from: `${year}-01-01`, to }),
    db.select({ kind: upkeepBudgets.kind, amount: upkeepBudgets.amount }).from(upkeepBudgets).where(and(eq(upkeepBudgets.stationId, stationId), eq(upkeepBudgets.year, year))),
  ]);
  const spentTotal = UPKEEP_KIND_LIST.reduce((total, kind) => total.plus(spent.get(kind) ?? ZERO), ZERO);
  return {
    from,
    to,
    opening: toAmountString(reserve.opening),
    setAside: toAmountString(reserve.credit),
    spentByKind: UPKEEP_KIND_LIST.map((kind) => ({ kind, amount: toAmountString(spent.get(kind) ?? ZERO) })),
    spentTotal: toAmountString(spentTotal),
    released: toAmountString(reserve.debit),
    closing: toAmountString(reserve.opening.plus(reserve.credit).minus(reserve.debit)),
    budget: {
      year,
      rows: budgetVsActual(new Map(budgets.map((b) => [b.kind, new D(b.amount)])), yearSpent).map((r) => ({
        kind: r.kind,
        budget: toAmountString(r.budget),
        actual: toAmountString(r.actual),
        remaining: toAmountString(r.remaining),
        over: r.over,
      })),
    },
  };
}

/** Reserve movements over any day range (the month totals serve whole months; edges are read from postings). */
async function reserveMovementsRange(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }) {
  if (from.endsWith("-01")) {
    const next = new Date(`${to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (next.getUTCDate() === 1) return reserveMovements(db, { stationId, from, to });
  }
  const [row] = await db.execute<{ opening: string; credit: string; debit: string }>(sql`
    select coalesce(-sum(amount) filter (where business_date < ${from}::date), 0)::text as opening,
           coalesce(-sum(amount) filter (where business_date >= ${from}::date and amount < 0), 0)::text as credit,
           coalesce(sum(amount) filter (where business_date >= ${from}::date and amount > 0), 0)::text as debit
      from ledger_postings where station_id = ${stationId}::uuid and account_code = ${ACCOUNTS.upkeepReserve} and business_date <= ${to}::date`).then((r) =>
    Array.isArray(r) ? r : (r as unknown as { rows: { opening: string; credit: string; debit: string }[] }).rows,
  );
  return { opening: new D(row?.opening ?? 0), credit: new D(row?.credit ?? 0), debit: new D(row?.debit ?? 0) };
}


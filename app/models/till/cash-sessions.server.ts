import { and, desc, eq, sql } from "drizzle-orm";
import { chinaToday } from "~/domain/dates";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec, ZERO, toAmountString } from "~/domain/money";
import { DENOMINATIONS, type Denomination, TillError, assertDrawerCovers, countTotal, drawerShort } from "~/domain/till";
import { isUuid } from "~/domain/ids";
import type { Db } from "../../../db/client.server";
import { cashSessions } from "../../../db/schema/cash-sessions";
import { orders } from "../../../db/schema/orders";
import { householdPayouts } from "../../../db/schema/payouts";
import { saleReturns, sales } from "../../../db/schema/sales";
import { isUniqueViolation } from "~/models/database/errors.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";

/**
 * Till sessions (交接班/日结). Cash sales, refunds and payouts take the open session FOR SHARE,
 * closing takes it FOR UPDATE: a close waits for the cash in flight and then counts it, and
 * nothing can run through a session after it closed.
 */

export type CashSession = typeof cashSessions.$inferSelect;

/**
 * The open session of the station, locked in the caller's transaction (null when none): FOR SHARE
 * for cash coming in (sales run side by side), FOR UPDATE for cash going out (payouts, cash
 * refunds), so two of those never both count the same cash as still in the drawer.
 */
export async function lockOpenSession(tx: Db, { stationId, cashOut = false }: { stationId: string; cashOut?: boolean }): Promise<CashSession | null> {
  const [row] = await tx
    .select()
    .from(cashSessions)
    .where(and(eq(cashSessions.stationId, stationId), eq(cashSessions.status, "open")))
    .for(cashOut ? "update" : "share");
  return row ?? null;
}

/**
 * Refuses cash going out of the session's drawer beyond what it should hold now. Call with the
 * session locked for cash out (lockOpenSession({ cashOut: true })); the deferred trigger
 * `cash_sessions_drawer_covers` refuses the same at commit, whatever the code did.
 * @throws TillError DRAWER_SHORT
 */
export async function assertDrawerHolds(tx: Db, session: CashSession, outgoing: Dec): Promise<void> {
  const { expected } = await sessionFigures(tx, session);
  assertDrawerCovers(expected, outgoing);
}

/** The drawer's refusal once the database refused at commit: what the open session holds now, read afresh. */
export async function drawerShortNow(db: Db, { stationId }: { stationId: string }): Promise<TillError> {
  const session = await getOpenSession(db, { stationId });
  return drawerShort(session ? (await sessionFigures(db, session)).expected : ZERO);
}

export async function getOpenSession(db: Db, { stationId }: { stationId: string }): Promise<CashSession | null> {
  const [row] = await db.select().from(cashSessions).where(and(eq(cashSessions.stationId, stationId), eq(cashSessions.status, "open")));
  return row ?? null;
}

export async function getSession(db: Db, { stationId, id }: { stationId: string; id: string }): Promise<CashSession | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(cashSessions).where(and(eq(cashSessions.stationId, stationId), eq(cashSessions.id, id)));
  return row ?? null;
}

export async function listSessions(db: Db, { stationId, limit = 10 }: { stationId: string; limit?: number }): Promise<CashSession[]> {
  return db.select().from(cashSessions).where(eq(cashSessions.stationId, stationId)).orderBy(desc(cashSessions.openedAt)).limit(limit);
}

/**
 * Opens the till with a counted float.
 * @throws TillError SESSION_OPEN when one is already open
 */
export async function openSession(
  db: Db,
  { stationId, operatorId, openingFloat, date = chinaToday(), at }: { stationId: string; operatorId: string; openingFloat: Dec; date?: string; at?: Date },
): Promise<CashSession> {
  try {
    const [row] = await db
      .insert(cashSessions)
      .values({ stationId, openedBy: operatorId, openingFloat: toAmountString(openingFloat), businessDate: date, ...(at ? { openedAt: at } : {}) })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error, "cash_sessions_one_open")) throw new TillError("SESSION_OPEN");
    throw error;
  }
}

export interface SessionFigures {
  float: Dec;
  cashSales: Dec;
  cashRefunds: Dec;
  cashPayouts: Dec;
  expected: Dec;
}

/** What the drawer should hold: float + cash sales − cash refunds − cash payouts of this session. */
export async function sessionFigures(db: Db, session: CashSession): Promise<SessionFigures> {
  const [row] = await db
    .select({
      // Cash sales at the till, and online orders paid in cash at handover (issue 7) into this drawer.
      sales: sql<string>`(coalesce((select sum(${sales.total}) from ${sales} where ${sales.cashSessionId} = ${session.id}), 0)
        + coalesce((select sum(${orders.total}) from ${orders} where ${orders.cashSessionId} = ${session.id}), 0))::text`,
      refunds: sql<string>`coalesce((select sum(${saleReturns.amount}) from ${saleReturns} where ${saleReturns.cashSessionId} = ${session.id}), 0)::text`,
      payouts: sql<string>`coalesce((select sum(${householdPayouts.amount}) from ${householdPayouts} where ${householdPayouts.cashSessionId} = ${session.id}), 0)::text`,
    })
    .from(sql`(select 1) as one`);
  const float = new D(session.openingFloat);
  const cashSales = new D(row!.sales);
  const cashRefunds = new D(row!.refunds);
  const cashPayouts = new D(row!.payouts);
  return { float, cashSales, cashRefunds, cashPayouts, expected: float.plus(cashSales).minus(cashRefunds).minus(cashPayouts) };
}

export interface CloseInput {
  stationId: string;
  sessionId: string;
  operatorId: string;
  counts: Partial<Record<Denomination, number>>;
  note: string;
  date?: string;
  at?: Date;
}

/**
 * Closes the session with the count by denomination. A difference from what is expected goes
 * to cash over/short (18101) in one journal, with the operator's note as its memo.
 * @throws TillError SESSION_NOT_FOUND | SESSION_CLOSED (closing twice) | REASON_REQUIRED (a difference without a note)
 */
export async function closeSession(db: Db, input: CloseInput): Promise<{ session: CashSession; figures: SessionFigures; difference: Dec }> {
  const { stationId, sessionId } = input;
  const counted = countTotal(input.counts);
  const denominations = Object.fromEntries(DENOMINATIONS.map((d) => [d, input.counts[d] ?? 0]));
  return withLedgerRetry(db, async (tx) => {
    const [session] = await tx.select().from(cashSessions).where(and(eq(cashSessions.stationId, stationId), eq(cashSessions.id, sessionId))).for("update");
    if (!session) throw new TillError("SESSION_NOT_FOUND");
    if (session.status !== "open") throw new TillError("SESSION_CLOSED");
    const figures = await sessionFigures(tx, session);
    const difference = counted.minus(figures.expected);
    let journalId: string | null = null;
    if (!difference.isZero()) {
      if (!input.note.trim()) throw new TillError("REASON_REQUIRED");
      const amount = toAmountString(difference);
      const { journal } = await postJournal(tx, {
        stationId,
        date: input.date ?? chinaToday(),
        description: { kind: "cashOverShort", vars: { note: input.note.trim() } },
        source: { type: "cash_count", id: sessionId },
        idempotencyKey: `session-close:${sessionId}`,
        lines: [
          { accountCode: ACCOUNTS.cash, amount },
          { accountCode: ACCOUNTS.cashOverShort, amount: toAmountString(difference.neg()) },
        ],
        createdBy: input.operatorId,
      });
      journalId = journal.id;
    }
    const [closed] = await tx
      .update(cashSessions)
      .set({
        status: "closed",
        closedBy: input.operatorId,
        closedAt: input.at ?? new Date(),
        expected: toAmountString(figures.expected),
        counted: toAmountString(counted),
        denominations,
        note: input.note.trim(),
        journalId,
      })
      .where(and(eq(cashSessions.id, sessionId), eq(cashSessions.status, "open")))
      .returning();
    if (!closed) throw new TillError("SESSION_CLOSED");
    return { session: closed, figures, difference };
  });
}

import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { type ChainEntry, GENESIS_HASH, type JournalLine, verifyChain } from "~/domain/ledger";
import type { Db } from "../../../db/client.server";
import { stations } from "../../../db/schema/stations";
import { ledgerChainHeads, ledgerJournals, ledgerMonthTotals, ledgerPeriods, ledgerPostings } from "../../../db/schema/ledger";
import { canonicalInput, postingToLine, toJournal } from "./shared.server";

/**
 * `ledger verify`: recomputes each station's hash chain from the stored rows and checks every
 * invariant the triggers keep, so an edit made with the triggers off (a superuser, a restored
 * backup) is found and named. Reads in batches, so a chain of any length fits in memory.
 */

export type VerifyProblem = "NUMBERING" | "PREV_HASH" | "HASH" | "UNBALANCED" | "HEAD" | "CLOSING_HEAD" | "MONTH_TOTALS" | "TRIAL_BALANCE";

export type StationVerification =
  | { stationId: string; code: string; ok: true; journals: number; head: string }
  | { stationId: string; code: string; ok: false; problem: VerifyProblem; message: string; journalId: string | null; number: number | null };

const BATCH = 2000;

async function loadBatch(db: Db, stationId: string, afterNumber: number): Promise<ChainEntry[]> {
  const rows = await db
    .select()
    .from(ledgerJournals)
    .where(and(eq(ledgerJournals.stationId, stationId), gt(ledgerJournals.number, afterNumber)))
    .orderBy(asc(ledgerJournals.number))
    .limit(BATCH);
  if (rows.length === 0) return [];
  const postings = await db
    .select({
      journalId: ledgerPostings.journalId,
      accountCode: ledgerPostings.accountCode,
      amount: ledgerPostings.amount,
      subledgerKind: ledgerPostings.subledgerKind,
      householdId: ledgerPostings.householdId,
      partnerId: ledgerPostings.partnerId,
    })
    .from(ledgerPostings)
    .where(inArray(ledgerPostings.journalId, rows.map((r) => r.id)));
  const byJournal = new Map<string, JournalLine[]>();
  for (const p of postings) {
    const list = byJournal.get(p.journalId) ?? [];
    list.push(postingToLine(p));
    byJournal.set(p.journalId, list);
  }
  return rows.map((row) => {
    const journal = toJournal(row, byJournal.get(row.id) ?? []);
    return { journal: canonicalInput(journal), postings: journal.lines, prevHash: row.prevHash, hash: row.hash };
  });
}

/** Verifies one station's books; the first problem found is reported, naming the journal where there is one. */
export async function verifyStation(db: Db, { stationId, code }: { stationId: string; code: string }): Promise<StationVerification> {
  const fail = (problem: VerifyProblem, message: string, journalId: string | null = null, number: number | null = null): StationVerification => ({
    stationId,
    code,
    ok: false,
    problem,
    message,
    journalId,
    number,
  });
  const closings = new Map(
    (
      await db
        .select({ number: ledgerPeriods.closingNumber, hash: ledgerPeriods.closingHash, month: ledgerPeriods.month })
        .from(ledgerPeriods)
        .where(and(eq(ledgerPeriods.stationId, stationId), eq(ledgerPeriods.status, "closed")))
    ).map((p) => [p.number!, p]),
  );
  const checkClosing = (number: number, hash: string, journalId: string | null) => {
    const closing = closings.get(number);
    if (closing && closing.hash !== hash) {
      return fail("CLOSING_HEAD", `journal ${number} does not match the head published when ${closing.month.slice(0, 7)} was closed`, journalId, number);
    }
    return null;
  };
  const genesisProblem = checkClosing(0, GENESIS_HASH, null);
  if (genesisProblem) return genesisProblem;

  let after = { number: 0, hash: GENESIS_HASH };
  for (;;) {
    const batch = await loadBatch(db, stationId, after.number);
    if (batch.length === 0) break;
    const result = verifyChain(batch, after);
    if (!result.ok) return fail(result.problem, result.message, result.journalId, result.number);
    for (const e of batch) {
      const problem = checkClosing(e.journal.number, e.hash, e.journal.id);
      if (problem) return problem;
    }
    after = { number: result.count, hash: result.head };
  }

  const [head] = await db.select().from(ledgerChainHeads).where(eq(ledgerChainHeads.stationId, stationId));
  if (!head || head.lastNumber !== after.number || head.lastHash !== after.hash) {
    return fail("HEAD", `the chain head says journal ${head?.lastNumber ?? "none"} but the chain ends at journal ${after.number}`);
  }

  // The month-totals cache against the postings it summarises.
  const result = await db.execute<{ account: string; month: string }>(sql`
    select coalesce(r.account_code, c.account_code) as account, coalesce(r.month, c.month)::text as month
      from (select account_code, date_trunc('month', business_date::timestamp)::date as month,
                   coalesce(sum(amount) filter (where amount > 0), 0) as debit,
                   coalesce(-sum(amount) filter (where amount < 0), 0) as credit
              from ${ledgerPostings} where station_id = ${stationId} group by 1, 2) r
      full join (select * from ${ledgerMonthTotals} where station_id = ${stationId}) c
        on c.account_code = r.account_code and c.month = r.month
     where coalesce(r.debit, 0) <> coalesce(c.debit, 0) or coalesce(r.credit, 0) <> coalesce(c.credit, 0)
     limit 1`);
  const [mismatch] = Array.isArray(result) ? result : (result as unknown as { rows: { account: string; month: string }[] }).rows;
  if (mismatch) return fail("MONTH_TOTALS", `the month totals of account ${mismatch.account} for ${mismatch.month.slice(0, 7)} do not match its postings`);

  const [totals] = await db
    .select({ debit: sql<string>`coalesce(sum(${ledgerMonthTotals.debit}), 0)`, credit: sql<string>`coalesce(sum(${ledgerMonthTotals.credit}), 0)` })
    .from(ledgerMonthTotals)
    .where(eq(ledgerMonthTotals.stationId, stationId));
  if (totals && totals.debit !== totals.credit) {
    return fail("TRIAL_BALANCE", `debits (${totals.debit}) and credits (${totals.credit}) of the station differ`);
  }
  return { stationId, code, ok: true, journals: after.number, head: after.hash };
}

/** Verifies every station (or the one with `code`), in code order; null when no such station. */
export async function verifyLedger(db: Db, { code }: { code?: string } = {}): Promise<StationVerification[] | null> {
  const list = await db
    .select({ id: stations.id, code: stations.code })
    .from(stations)
    .where(code ? eq(stations.code, code) : undefined)
    .orderBy(asc(stations.code));
  if (code && list.length === 0) return null;
  const out: StationVerification[] = [];
  for (const s of list) out.push(await verifyStation(db, { stationId: s.id, code: s.code }));
  return out;
}

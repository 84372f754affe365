import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import {
  assertSameContent,
  canonicalJournal,
  chainHash,
  type JournalDraft,
  type JournalLine,
  type JournalMemo,
  LedgerError,
  reversalDraft,
  type SourceType,
  type Subledger,
  validateJournal,
} from "~/domain/ledger";
import { isUuid } from "~/domain/ids";
import { interpolate } from "~/domain/language";
import { zhCN } from "~/locales/zh-CN";
import { D, type Dec } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { ledgerChainHeads, ledgerJournals, ledgerPeriods, ledgerPostings } from "../../../db/schema/ledger";
import { cachedChart } from "./accounts.server";
import {
  canonicalInput,
  getJournalById,
  isRetryable,
  type Journal,
  journalAsDraft,
  lineToPosting,
  toJournal,
  toLedgerError,
  withLines,
} from "./shared.server";

/**
 * The one way money enters the books (ADR 007). postJournal and reverseJournal run inside the
 * caller's transaction, so a sale and its journal commit or fail together; wrap the caller's
 * whole transaction in withLedgerRetry so serialisation failures and deadlocks are retried.
 */

export type { Journal } from "./shared.server";

export interface PostLine {
  accountCode: string;
  /** Signed: debit positive, credit negative; a Dec or a decimal string ("-85.00"). */
  amount: Dec | string;
  subledger?: Subledger;
}

export interface PostJournalInput {
  stationId: string;
  /** Business date, YYYY-MM-DD. */
  date: string;
  /** What a person typed; a journal the system posts says what it is with `description` instead (ADR 022). */
  memo?: string;
  description?: JournalMemo;
  source: { type: SourceType; id: string };
  /** Chosen from the source document (`sale:<id>`), never random per attempt. */
  idempotencyKey: string;
  lines: readonly PostLine[];
  /** The user who caused it; systemUserId(db) (users.server.ts) for webhooks and jobs. */
  createdBy: string;
  /** The second person, for adjusting journals (drafts). */
  approvedBy?: string | null;
}

export interface Posted {
  journal: Journal;
  /** True when the idempotency key had already posted this same journal: nothing new was written. */
  replayed: boolean;
}

const DECIMAL = /^-?\d{1,15}(\.\d+)?$/;

function toAmount(value: Dec | string, i: number): Dec {
  if (typeof value !== "string") return value;
  if (!DECIMAL.test(value.trim())) throw new LedgerError("INVALID_AMOUNT", `line ${i + 1}: ${JSON.stringify(value)} is not an amount`, i);
  return new D(value.trim());
}

/**
 * The memo a described journal keeps: its Chinese wording (the chain hashes it, exports carry
 * it), each value cut to 200 characters and the whole to the column's 500.
 */
export function memoText(description: JournalMemo): string {
  const vars = Object.fromEntries(Object.entries(description.vars).map(([k, v]) => [k, String(v).slice(0, 200)]));
  return interpolate(zhCN[`ledger.memo.${description.kind}`], vars).slice(0, 500);
}

function toDraft(input: Omit<PostJournalInput, "createdBy" | "approvedBy">): JournalDraft {
  if (!input.stationId || !isUuid(input.stationId)) throw new LedgerError("BAD_STATION", "a journal must name its station");
  return {
    stationId: input.stationId,
    businessDate: input.date,
    memo: input.description ? memoText(input.description) : (input.memo ?? ""),
    source: input.source,
    idempotencyKey: input.idempotencyKey,
    currency: "CNY",
    lines: (input.lines ?? []).map((l, i): JournalLine => {
      const line: JournalLine = { accountCode: l.accountCode, amount: toAmount(l.amount, i) };
      if (l.subledger) line.subledger = { kind: l.subledger.kind, id: l.subledger.id?.trim().toLowerCase() };
      return line;
    }),
  };
}

/**
 * Posts one journal in the caller's transaction: validates it against the station's chart
 * (so another station's accounts are unknown), takes the station's chain-head lock, replays
 * an idempotency key already used (same content → the stored journal, `replayed: true`;
 * different content → IDEMPOTENCY_CONFLICT), refuses a closed month, numbers and hashes the
 * journal onto the station's chain and inserts it with its postings.
 * @throws LedgerError naming the rule broken; nothing is written (the caller's transaction
 *   is left to roll back)
 */
export async function postJournal(tx: Db, input: PostJournalInput): Promise<Posted> {
  const draft = toDraft(input);
  if (draft.source?.type === "reversal") throw new LedgerError("BAD_SOURCE", "a reversal is posted with reverseJournal, which links both journals");
  return insertJournal(tx, draft, { createdBy: input.createdBy, approvedBy: input.approvedBy ?? null, reversesJournalId: null, description: input.description ?? null });
}

export interface ReverseJournalInput {
  stationId: string;
  journalId: string;
  date: string;
  memo: string;
  idempotencyKey: string;
  createdBy: string;
}

/**
 * Posts the mirror image of a journal of the same station (source `reversal`, pointing at the
 * original). A journal is reversed at most once; replaying the same key returns the reversal.
 * @throws LedgerError UNKNOWN_JOURNAL, ALREADY_REVERSED, or any rule postJournal enforces
 */
export async function reverseJournal(tx: Db, input: ReverseJournalInput): Promise<Posted> {
  try {
    const original = isUuid(input.journalId) ? await getJournalById(tx, { stationId: input.stationId, id: input.journalId }) : null;
    if (!original) throw new LedgerError("UNKNOWN_JOURNAL", `station has no journal ${input.journalId}`);
    const draft = reversalDraft(original, { businessDate: input.date, memo: input.memo, idempotencyKey: input.idempotencyKey });
    return await insertJournal(tx, draft, { createdBy: input.createdBy, approvedBy: null, reversesJournalId: original.id });
  } catch (error) {
    throw toLedgerError(error);
  }
}

interface Who {
  createdBy: string;
  approvedBy: string | null;
  reversesJournalId: string | null;
  description?: JournalMemo | null;
}

async function insertJournal(tx: Db, draft: JournalDraft, who: Who): Promise<Posted> {
  try {
    await validateAgainstChart(tx, draft);
    draft.lines.forEach((l, i) => {
      if (l.subledger && !isUuid(l.subledger.id)) {
        throw new LedgerError("BAD_SUBLEDGER_ID", `line ${i + 1}: ${JSON.stringify(l.subledger.id)} is not a ${l.subledger.kind} id`, i);
      }
    });
    if (!isUuid(who.createdBy ?? "")) throw new LedgerError("BAD_SOURCE", "a journal must name the user who caused it");
    if (draft.source.type === "adjustment" && !who.approvedBy) {
      throw new LedgerError("BAD_SOURCE", "an adjusting journal posts only when a second person approves it");
    }
    if (who.approvedBy && who.approvedBy === who.createdBy) throw new LedgerError("SELF_APPROVAL", "the approver must be someone other than the drafter");

    // The head lock comes last, after whatever business rows the caller locked, and is held to
    // commit: the station's postings queue here, other stations never do.
    const [head] = await tx
      .select({ lastNumber: ledgerChainHeads.lastNumber, lastHash: ledgerChainHeads.lastHash })
      .from(ledgerChainHeads)
      .where(eq(ledgerChainHeads.stationId, draft.stationId))
      .for("update");
    if (!head) throw new LedgerError("BAD_STATION", `station ${draft.stationId} has no ledger`);

    // One round trip under the lock: the key already used? the month closed?
    const month = `${draft.businessDate.slice(0, 7)}-01`;
    const [found] = await tx
      .select({
        storedId: sql<string | null>`(select ${ledgerJournals.id} from ${ledgerJournals}
          where ${ledgerJournals.stationId} = ${draft.stationId} and ${ledgerJournals.idempotencyKey} = ${draft.idempotencyKey})`,
        closed: sql<boolean>`exists (select 1 from ${ledgerPeriods}
          where ${ledgerPeriods.stationId} = ${draft.stationId} and ${ledgerPeriods.month} = ${month} and ${ledgerPeriods.status} = 'closed')`,
      })
      .from(sql`(select 1) as one`);
    if (found?.storedId) {
      const stored = await tx.select().from(ledgerJournals).where(eq(ledgerJournals.id, found.storedId));
      const [journal] = await withLines(tx, stored);
      assertSameContent(journalAsDraft(journal!), draft);
      return { journal: journal!, replayed: true };
    }
    if (found?.closed) throw new LedgerError("PERIOD_CLOSED", `${draft.businessDate.slice(0, 7)} is closed; date the journal in an open month`);

    const header = {
      id: randomUUID(),
      stationId: draft.stationId,
      number: head.lastNumber + 1,
      businessDate: draft.businessDate,
      memo: draft.memo,
      source: draft.source,
      idempotencyKey: draft.idempotencyKey,
      currency: "CNY" as const,
      createdBy: who.createdBy,
      approvedBy: who.approvedBy,
      reversesJournalId: who.reversesJournalId,
    };
    const hash = chainHash(head.lastHash, canonicalJournal(canonicalInput(header), draft.lines));
    const [row] = await tx
      .insert(ledgerJournals)
      .values({
        id: header.id,
        stationId: header.stationId,
        number: header.number,
        businessDate: header.businessDate,
        memo: header.memo,
        memoKind: who.description?.kind ?? null,
        memoVars: who.description ? Object.fromEntries(Object.entries(who.description.vars).map(([k, v]) => [k, String(v).slice(0, 200)])) : null,
        sourceType: header.source.type,
        sourceId: header.source.id,
        idempotencyKey: header.idempotencyKey,
        currency: "CNY",
        createdBy: header.createdBy,
        approvedBy: header.approvedBy,
        reversesJournalId: header.reversesJournalId,
        prevHash: head.lastHash,
        hash,
      })
      .returning();
    // One statement for all postings: the month-totals trigger runs once per journal.
    await tx.insert(ledgerPostings).values(
      draft.lines.map((l) => ({ journalId: header.id, stationId: header.stationId, businessDate: header.businessDate, ...lineToPosting(l) })),
    );
    return { journal: toJournal(row!, draft.lines), replayed: false };
  } catch (error) {
    throw toLedgerError(error);
  }
}

const CHART_CODES = new Set(["UNKNOWN_ACCOUNT", "NOT_POSTABLE", "SUBLEDGER_REQUIRED", "SUBLEDGER_NOT_ALLOWED", "SUBLEDGER_MISMATCH"]);

/** validateJournal against the station's (cached) chart; a refusal that depends on the chart is confirmed against a fresh one. */
async function validateAgainstChart(tx: Db, draft: JournalDraft): Promise<void> {
  let { chart, cached } = await cachedChart(tx, { stationId: draft.stationId });
  for (;;) {
    if (chart.accounts.size === 0) throw new LedgerError("BAD_STATION", `station ${draft.stationId} has no ledger`);
    try {
      validateJournal(draft, chart);
      return;
    } catch (error) {
      if (!(cached && error instanceof LedgerError && CHART_CODES.has(error.code))) throw error;
      ({ chart, cached } = await cachedChart(tx, { stationId: draft.stationId, fresh: true }));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction of `db` (a database, not a transaction: a retry must start a
 * new one), retrying serialisation failures (40001) and deadlocks (40P01) with jittered
 * backoff, so they never reach the caller. Database refusals come out as LedgerError,
 * including those only detected at COMMIT (an unbalanced journal).
 */
export async function withLedgerRetry<T>(
  db: Db,
  work: (tx: Db) => Promise<T>,
  { attempts = 10, onRetry }: { attempts?: number; /** Called before each retry (for counting them). */ onRetry?: (error: unknown, attempt: number) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx));
    } catch (error) {
      if (isRetryable(error) && attempt < attempts) {
        onRetry?.(error, attempt);
        // Full jitter, growing to at most a second: the transactions that collided rarely collide again.
        await sleep(Math.random() * Math.min(1000, 5 * 2 ** attempt));
        continue;
      }
      throw toLedgerError(error);
    }
  }
}

/** How many journals a station has posted (its chain head). */
export async function journalCount(db: Db, { stationId }: { stationId: string }): Promise<number> {
  const [head] = await db.select({ n: ledgerChainHeads.lastNumber }).from(ledgerChainHeads).where(eq(ledgerChainHeads.stationId, stationId));
  return head?.n ?? 0;
}

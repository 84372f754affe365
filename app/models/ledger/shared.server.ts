import { asc, eq, inArray } from "drizzle-orm";
import type { SubledgerKind } from "~/domain/chart-of-accounts";
import { type CanonicalJournalInput, type JournalDraft, type JournalLine, type JournalMemo, LedgerError, type LedgerErrorCode, type SourceType } from "~/domain/ledger";
import { D, toAmountString } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { ledgerJournals, ledgerPostings } from "../../../db/schema/ledger";
import { dbErrorInfo } from "~/models/database/errors.server";

/**
 * What the ledger's write and read models share: row ↔ domain conversions (so the hash and
 * the idempotency comparison see exactly what the domain sees) and the mapping of database
 * refusals to LedgerError codes.
 */

export type JournalRow = typeof ledgerJournals.$inferSelect;
export type PostingRow = typeof ledgerPostings.$inferSelect;

/** A journal with its lines, as the models hand it out: what the hash covers, and the chain. */
export interface Journal extends CanonicalJournalInput {
  /** What a journal the system posted says, worded at display (ADR 022); null: `memo` as a person typed it. */
  description: JournalMemo | null;
  prevHash: string;
  hash: string;
  postedAt: Date;
  lines: JournalLine[];
}

export function postingToLine(p: Pick<PostingRow, "accountCode" | "amount" | "subledgerKind" | "householdId" | "partnerId">): JournalLine {
  const line: JournalLine = { accountCode: p.accountCode, amount: new D(p.amount) };
  if (p.subledgerKind) line.subledger = { kind: p.subledgerKind as SubledgerKind, id: (p.householdId ?? p.partnerId) as string };
  return line;
}

export function lineToPosting(line: JournalLine): Pick<PostingRow, "accountCode" | "amount" | "subledgerKind" | "householdId" | "partnerId"> {
  const kind = line.subledger?.kind ?? null;
  return {
    accountCode: line.accountCode,
    amount: toAmountString(line.amount),
    subledgerKind: kind,
    householdId: kind === "household" ? line.subledger!.id : null,
    partnerId: kind === "partner" ? line.subledger!.id : null,
  };
}

export function toJournal(row: JournalRow, lines: JournalLine[]): Journal {
  return {
    id: row.id,
    stationId: row.stationId,
    number: row.number,
    businessDate: row.businessDate,
    memo: row.memo,
    description: storedDescription(row),
    source: { type: row.sourceType as SourceType, id: row.sourceId },
    idempotencyKey: row.idempotencyKey,
    currency: "CNY",
    createdBy: row.createdBy,
    approvedBy: row.approvedBy,
    reversesJournalId: row.reversesJournalId,
    prevHash: row.prevHash,
    hash: row.hash,
    postedAt: row.postedAt,
    lines,
  };
}

/** A journal row's kind and values, or null for a memo a person typed. */
export function storedDescription(row: Pick<JournalRow, "memoKind" | "memoVars">): JournalMemo | null {
  return row.memoKind ? { kind: row.memoKind, vars: row.memoVars ?? {} } : null;
}

export function journalAsDraft(j: Journal): JournalDraft {
  return {
    stationId: j.stationId,
    businessDate: j.businessDate,
    memo: j.memo,
    source: j.source,
    idempotencyKey: j.idempotencyKey,
    currency: j.currency,
    lines: j.lines,
  };
}

export function canonicalInput(j: Omit<Journal, "lines" | "prevHash" | "hash" | "postedAt" | "description">): CanonicalJournalInput {
  return {
    id: j.id,
    stationId: j.stationId,
    number: j.number,
    businessDate: j.businessDate,
    memo: j.memo,
    source: j.source,
    idempotencyKey: j.idempotencyKey,
    currency: j.currency,
    createdBy: j.createdBy,
    approvedBy: j.approvedBy,
    reversesJournalId: j.reversesJournalId,
  };
}

/** Journals with their lines, in the order of `rows`. */
export async function withLines(db: Db, rows: JournalRow[]): Promise<Journal[]> {
  if (rows.length === 0) return [];
  const postings = await db
    .select()
    .from(ledgerPostings)
    .where(inArray(ledgerPostings.journalId, rows.map((r) => r.id)))
    .orderBy(asc(ledgerPostings.id));
  const byJournal = new Map<string, JournalLine[]>();
  for (const p of postings) {
    const list = byJournal.get(p.journalId) ?? [];
    list.push(postingToLine(p));
    byJournal.set(p.journalId, list);
  }
  return rows.map((r) => toJournal(r, byJournal.get(r.id) ?? []));
}

export async function getJournalById(db: Db, { stationId, id }: { stationId: string; id: string }): Promise<Journal | null> {
  const rows = await db.select().from(ledgerJournals).where(eq(ledgerJournals.id, id)).limit(1);
  const row = rows[0];
  if (!row || row.stationId !== stationId) return null;
  return (await withLines(db, [row]))[0]!;
}

// ---------------------------------------------------------------------------------------------
// Database refusals → LedgerError

/** Serialisation failure or deadlock: the whole transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  const info = dbErrorInfo(error);
  return info?.code === "40001" || info?.code === "40P01";
}

const BY_CONSTRAINT: Record<string, LedgerErrorCode> = {
  ledger_journal_balanced: "UNBALANCED",
  ledger_postings_amount_nonzero: "ZERO_LINE",
  ledger_period_closed: "PERIOD_CLOSED",
  ledger_postings_account_rules: "NOT_POSTABLE",
  ledger_postings_account_fk: "UNKNOWN_ACCOUNT",
  ledger_postings_journal_fk: "CROSS_STATION",
  ledger_postings_subledger_shape: "SUBLEDGER_MISMATCH",
  ledger_postings_household_fk: "BAD_SUBLEDGER_ID",
  ledger_journals_station_key_key: "IDEMPOTENCY_CONFLICT",
  ledger_journals_reverses_key: "ALREADY_REVERSED",
  ledger_journals_reverses_fk: "UNKNOWN_JOURNAL",
  ledger_journals_reversal_link: "BAD_SOURCE",
  ledger_journals_source_type_valid: "BAD_SOURCE",
  ledger_journals_source_id_present: "BAD_SOURCE",
  ledger_journals_adjustment_approved: "BAD_SOURCE",
  ledger_journals_memo_length: "BAD_MEMO",
  ledger_journals_key_length: "BAD_KEY",
  ledger_journals_currency_cny: "CURRENCY",
  ledger_journals_two_people: "SELF_APPROVAL",
  ledger_journal_drafts_two_people: "SELF_APPROVAL",
  ledger_journals_chain: "CHAIN_CONFLICT",
  ledger_journals_station_number_key: "CHAIN_CONFLICT",
  ledger_journals_station_prev_hash_key: "CHAIN_CONFLICT",
  ledger_append_only: "APPEND_ONLY",
  ledger_periods_lock: "PERIOD_CLOSED",
};

/**
 * The LedgerError a database refusal stands for (a raw-SQL refusal and a model refusal speak
 * the same codes), or the error itself when it is not one of the ledger's guards.
 */
export function toLedgerError(error: unknown): unknown {
  if (error instanceof LedgerError) return error;
  const info = dbErrorInfo(error);
  if (!info) return error;
  let code: LedgerErrorCode | undefined = info.constraint ? BY_CONSTRAINT[info.constraint] : undefined;
  if (code === "UNBALANCED" && /at least two/.test(info.message)) code = "TOO_FEW_LINES";
  if (code === "NOT_POSTABLE" && /kept per/.test(info.message)) code = "SUBLEDGER_MISMATCH";
  if (!code && info.code === "22003") code = "OUT_OF_RANGE";
  if (!code) return error;
  const wrapped = new LedgerError(code, info.message);
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

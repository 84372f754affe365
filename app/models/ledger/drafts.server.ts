import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { isUuid } from "~/domain/ids";
import type { SubledgerKind } from "~/domain/chart-of-accounts";
import { type JournalDraft, type JournalLine, LedgerError, validateJournal } from "~/domain/ledger";
import { D, type Dec, toAmountString } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { households } from "../../../db/schema/households";
import { users } from "../../../db/schema/identity";
import { ledgerJournalDrafts, ledgerJournals } from "../../../db/schema/ledger";
import { recordAudit } from "~/models/audit/audit.server";
import { loadChart } from "./accounts.server";
import { isPeriodClosed } from "./periods.server";
import { type Posted, postJournal, withLedgerRetry } from "./journals.server";
import { toLedgerError } from "./shared.server";
import { isUniqueViolation } from "~/models/database/errors.server";

/**
 * Manual (adjusting) journals need two people: an operator drafts one with a reason, and a
 * committee member or the township accountant of the station approves it (it posts, with both
 * names on the journal and in its hash) or rejects it. The drafter never decides their own
 * draft (checked here, by a CHECK on the drafts and by one on the journal). Who may draft and
 * who may approve is the routes' business (ledger:draft, ledger:approve).
 */

export type DraftRow = typeof ledgerJournalDrafts.$inferSelect;

interface StoredLine {
  accountCode: string;
  amount: string;
  subledger?: { kind: SubledgerKind; id: string };
}

export interface DraftLine {
  accountCode: string;
  amount: Dec;
  subledger?: { kind: SubledgerKind; id: string };
}

export interface Draft extends Omit<DraftRow, "lines"> {
  lines: DraftLine[];
  draftedByName: string;
  decidedByName: string | null;
  journalNumber: number | null;
}

const MAX_REASON = 1000;

function toLines(stored: unknown): DraftLine[] {
  return (stored as StoredLine[]).map((l) => ({
    accountCode: l.accountCode,
    amount: new D(l.amount),
    ...(l.subledger ? { subledger: l.subledger } : {}),
  }));
}

function adjustment(stationId: string, id: string, businessDate: string, memo: string, lines: readonly JournalLine[]): JournalDraft {
  return {
    stationId,
    businessDate,
    memo,
    source: { type: "adjustment", id },
    idempotencyKey: `draft:${id}`,
    currency: "CNY",
    lines: [...lines],
  };
}

export interface NewDraft {
  stationId: string;
  draftedBy: string;
  date: string;
  memo: string;
  reason: string;
  lines: readonly DraftLine[];
  /** The entry's key: a form sent again makes nothing and gets the draft it made. */
  idempotencyKey?: string | null;
}

/** The draft an entry key (the drafts page's form) already made at the station, if any. */
export async function getDraftByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<DraftRow | null> {
  const [row] = await db
    .select()
    .from(ledgerJournalDrafts)
    .where(and(eq(ledgerJournalDrafts.stationId, stationId), eq(ledgerJournalDrafts.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/**
 * Saves a draft after checking its lines by the same rules a journal obeys, so an approver
 * only ever sees a journal that can post (unless its month closes meanwhile).
 * @throws LedgerError BAD_REASON, PERIOD_CLOSED, or any rule of validateJournal
 */
export async function createDraft(db: Db, input: NewDraft): Promise<DraftRow> {
  const reason = input.reason?.trim() ?? "";
  if (!reason || reason.length > MAX_REASON)
    throw new LedgerError("BAD_REASON", `an adjusting journal needs a reason of 1–${MAX_REASON} characters`);
  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey) {
    const made = await getDraftByKey(db, { stationId: input.stationId, idempotencyKey });
    if (made) return made;
  }
  const id = randomUUID();
  const draft = adjustment(input.stationId, id, input.date, input.memo?.trim() ?? "", input.lines);
  try {
    return await db.transaction(async (tx) => {
      const chart = await loadChart(tx, { stationId: input.stationId });
      if (chart.accounts.size === 0) throw new LedgerError("BAD_STATION", `station ${input.stationId} has no ledger`);
      validateJournal(draft, chart);
      for (const [i, l] of draft.lines.entries()) {
        if (!l.subledger) continue;
        if (!isUuid(l.subledger.id)) throw new LedgerError("BAD_SUBLEDGER_ID", `line ${i + 1}: not a ${l.subledger.kind} id`, i);
        // The party must be one of this station's households (partner companies come with
        // their own issue; until then no partner id can be checked, so none is accepted).
        const known =
          l.subledger.kind === "household" &&
          (await tx.$count(households, and(eq(households.id, l.subledger.id), eq(households.stationId, input.stationId)))) > 0;
        if (!known) throw new LedgerError("BAD_SUBLEDGER_ID", `line ${i + 1}: no such ${l.subledger.kind} at this station`, i);
      }
      if (await isPeriodClosed(tx, { stationId: input.stationId, date: draft.businessDate })) {
        throw new LedgerError("PERIOD_CLOSED", `${draft.businessDate.slice(0, 7)} is closed; date the adjustment in an open month`);
      }
      const lines: StoredLine[] = draft.lines.map((l) => ({
        accountCode: l.accountCode,
        amount: toAmountString(l.amount),
        ...(l.subledger ? { subledger: { kind: l.subledger.kind, id: l.subledger.id } } : {}),
      }));
      const [row] = await tx
        .insert(ledgerJournalDrafts)
        .values({
          id,
          stationId: input.stationId,
          draftedBy: input.draftedBy,
          businessDate: draft.businessDate,
          memo: draft.memo,
          reason,
          lines,
          idempotencyKey,
        })
        .returning();
      await recordAudit(tx, {
        actorUserId: input.draftedBy,
        action: "ledger.draft_create",
        recordType: "ledger_journal_draft",
        recordId: id,
        stationId: input.stationId,
        after: { date: draft.businessDate, memo: draft.memo, reason, lines: JSON.stringify(lines) },
      });
      return row!;
    });
  } catch (error) {
    // Two sends of one entry raced: the first one's draft is the draft.
    if (idempotencyKey && isUniqueViolation(error, "ledger_journal_drafts_station_key_key")) {
      const winner = await getDraftByKey(db, { stationId: input.stationId, idempotencyKey });
      if (winner) return winner;
    }
    throw toLedgerError(error);
  }
}

async function lockPending(tx: Db, stationId: string, draftId: string, deciderId: string): Promise<DraftRow> {
  const [row] = isUuid(draftId)
    ? await tx
        .select()
        .from(ledgerJournalDrafts)
        .where(and(eq(ledgerJournalDrafts.id, draftId), eq(ledgerJournalDrafts.stationId, stationId)))
        .for("update")
    : [];
  if (!row) throw new LedgerError("UNKNOWN_DRAFT", `station has no draft ${draftId}`);
  if (row.status !== "pending") throw new LedgerError("DRAFT_DECIDED", `draft ${draftId} was already ${row.status}`);
  if (row.draftedBy === deciderId) throw new LedgerError("SELF_APPROVAL", "a draft is decided by someone other than its drafter");
  return row;
}

/**
 * Approves a pending draft: posts it (source `adjustment`, key `draft:<id>`, created by the
 * drafter, approved by the approver) and marks the draft approved, in one transaction.
 * @throws LedgerError UNKNOWN_DRAFT, DRAFT_DECIDED, SELF_APPROVAL, PERIOD_CLOSED, …
 */
export async function approveDraft(
  db: Db,
  { stationId, draftId, approverId }: { stationId: string; draftId: string; approverId: string }
): Promise<Posted> {
  return withLedgerRetry(db, async (tx) => {
    const row = await lockPending(tx, stationId, draftId, approverId);
    const posted = await postJournal(tx, {
      stationId,
      date: row.businessDate,
      memo: row.memo,
      source: { type: "adjustment", id: row.id },
      idempotencyKey: `draft:${row.id}`,
      lines: toLines(row.lines),
      createdBy: row.draftedBy,
      approvedBy: approverId,
    });
    await tx
      .update(ledgerJournalDrafts)
      .set({ status: "approved", decidedBy: approverId, decidedAt: new Date(), journalId: posted.journal.id })
      .where(eq(ledgerJournalDrafts.id, row.id));
    await recordAudit(tx, {
      actorUserId: approverId,
      action: "ledger.draft_approve",
      recordType: "ledger_journal_draft",
      recordId: row.id,
      stationId,
      before: { status: "pending" },
      after: { status: "approved", journalNumber: posted.journal.number },
    });
    return posted;
  });
}

/** Rejects a pending draft with an optional note; nothing is posted. */
export async function rejectDraft(
  db: Db,
  { stationId, draftId, deciderId, note }: { stationId: string; draftId: string; deciderId: string; note?: string }
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const row = await lockPending(tx, stationId, draftId, deciderId);
      const decisionNote = note?.trim().slice(0, 500) || null;
      await tx
        .update(ledgerJournalDrafts)
        .set({ status: "rejected", decidedBy: deciderId, decidedAt: new Date(), decisionNote })
        .where(eq(ledgerJournalDrafts.id, row.id));
      await recordAudit(tx, {
        actorUserId: deciderId,
        action: "ledger.draft_reject",
        recordType: "ledger_journal_draft",
        recordId: row.id,
        stationId,
        before: { status: "pending" },
        after: { status: "rejected", note: decisionNote },
      });
    });
  } catch (error) {
    throw toLedgerError(error);
  }
}

/** A station's drafts: pending first (oldest first, the queue), then decided ones (newest first). */
export async function listDrafts(db: Db, { stationId, limit = 50 }: { stationId: string; limit?: number }): Promise<Draft[]> {
  const rows = await db
    .select({ draft: ledgerJournalDrafts, journalNumber: ledgerJournals.number })
    .from(ledgerJournalDrafts)
    .leftJoin(ledgerJournals, eq(ledgerJournals.id, ledgerJournalDrafts.journalId))
    .where(eq(ledgerJournalDrafts.stationId, stationId))
    .orderBy(
      sql`(${ledgerJournalDrafts.status} = 'pending') desc`,
      asc(sql`case when ${ledgerJournalDrafts.status} = 'pending' then ${ledgerJournalDrafts.draftedAt} end`),
      desc(ledgerJournalDrafts.draftedAt)
    )
    .limit(limit);
  const ids = [...new Set(rows.flatMap((r) => [r.draft.draftedBy, r.draft.decidedBy]).filter((v): v is string => v !== null))];
  const names = new Map(
    ids.length
      ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name])
      : []
  );
  return rows.map(({ draft, journalNumber }) => ({
    ...draft,
    lines: toLines(draft.lines),
    draftedByName: names.get(draft.draftedBy) ?? "",
    decidedByName: draft.decidedBy ? names.get(draft.decidedBy) ?? "" : null,
    journalNumber,
  }));
}

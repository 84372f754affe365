import { and, asc, desc, eq, inArray, lt, max, sql } from "drizzle-orm";
import { chinaToday, lastOfMonth } from "~/domain/dates";
import { D, toAmountString } from "~/domain/money";
import { type Blocker, checkSignature, CloseError, closablePeriod, canonicalJson, sealOf, type SignerRole } from "~/domain/period-close";
import { allocationJournalLines, allocationMemo } from "~/domain/upkeep";
import type { Db } from "../../../db/client.server";
import { cashSessions } from "../../../db/schema/cash-sessions";
import { periodCloses, periodSignatures, upkeepExpenses } from "../../../db/schema/committee";
import { users } from "../../../db/schema/identity";
import { ledgerChainHeads, ledgerJournalDrafts, ledgerPeriods } from "../../../db/schema/ledger";
import { orders } from "../../../db/schema/orders";
import { stations } from "../../../db/schema/stations";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { closePeriod } from "~/models/ledger/periods.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { type CloseFigures, closeFigures } from "./figures.server";
import { upkeepRate } from "./upkeep-rules.server";

/**
 * Monthly closes (ADR 014): the operator prepares and signs, a committee member or the
 * township accountant signs second; in that same transaction the upkeep allocation is posted,
 * the ledger's period is locked (closePeriod) and the close is sealed over the chain head and
 * the figures. Only the county admin reopens, with a reason that stays on the close.
 */

export type PeriodClose = typeof periodCloses.$inferSelect;
export interface CloseSignature {
  role: SignerRole;
  userId: string;
  signerName: string;
  signedAt: Date;
}
export interface CloseView extends Omit<PeriodClose, "figures"> {
  figures: CloseFigures;
  signatures: CloseSignature[];
}

/** What stands between a month and its close (empty: it can close). */
export async function closeBlockers(db: Db, { stationId, period }: { stationId: string; period: string }): Promise<Blocker[]> {
  const next = closablePeriod(period, "9999-12-31").next;
  const count = sql<number>`count(*)::int`;
  const [[till], [drafts], [orderRows], [expenses]] = await Promise.all([
    db.select({ n: count }).from(cashSessions).where(and(eq(cashSessions.stationId, stationId), eq(cashSessions.status, "open"), lt(cashSessions.businessDate, next))),
    db
      .select({ n: count })
      .from(ledgerJournalDrafts)
      .where(and(eq(ledgerJournalDrafts.stationId, stationId), eq(ledgerJournalDrafts.status, "pending"), lt(ledgerJournalDrafts.businessDate, next))),
    db
      .select({ n: count })
      .from(orders)
      .where(and(eq(orders.stationId, stationId), eq(orders.status, "pending_payment"), lt(orders.placedAt, sql`(${next}::date::timestamp at time zone 'Asia/Shanghai')`))),
    db
      .select({ n: count })
      .from(upkeepExpenses)
      .where(and(eq(upkeepExpenses.stationId, stationId), eq(upkeepExpenses.status, "awaiting_approval"), lt(upkeepExpenses.businessDate, next))),
  ]);
  const found: Blocker[] = [
    { kind: "till_open", count: till?.n ?? 0 },
    { kind: "draft_pending", count: drafts?.n ?? 0 },
    { kind: "order_pending_payment", count: orderRows?.n ?? 0 },
    { kind: "expense_awaiting", count: expenses?.n ?? 0 },
  ];
  return found.filter((b) => b.count > 0);
}

async function stationCode(db: Db, stationId: string): Promise<string> {
  const [row] = await db.select({ code: stations.code }).from(stations).where(eq(stations.id, stationId));
  if (!row) throw new CloseError("NO_LEDGER", `station ${stationId} does not exist`);
  return row.code;
}

async function signaturesOf(db: Db, closeId: string): Promise<CloseSignature[]> {
  return db
    .select({ role: periodSignatures.role, userId: periodSignatures.userId, signerName: periodSignatures.signerName, signedAt: periodSignatures.signedAt })
    .from(periodSignatures)
    .where(eq(periodSignatures.closeId, closeId))
    .orderBy(asc(periodSignatures.signedAt), asc(periodSignatures.role));
}

function view(close: PeriodClose, signatures: CloseSignature[]): CloseView {
  return { ...close, figures: close.figures as CloseFigures, signatures };
}

/** The live (prepared or sealed) close of a month, with its sign-offs; null when none. */
export async function getClose(db: Db, { stationId, period }: { stationId: string; period: string }): Promise<CloseView | null> {
  const [close] = await db
    .select()
    .from(periodCloses)
    .where(and(eq(periodCloses.stationId, stationId), eq(periodCloses.period, `${period}-01`), inArray(periodCloses.status, ["prepared", "sealed"])));
  return close ? view(close, await signaturesOf(db, close.id)) : null;
}

/** Every close of the station, newest month first, with the trail of reopened and superseded ones. */
export async function listCloses(db: Db, { stationId, status }: { stationId: string; status?: PeriodClose["status"] }): Promise<PeriodClose[]> {
  return db
    .select()
    .from(periodCloses)
    .where(and(eq(periodCloses.stationId, stationId), status ? eq(periodCloses.status, status) : undefined))
    .orderBy(desc(periodCloses.period), desc(periodCloses.revision));
}

/**
 * What the close page shows before anything is written: blockers and the figures as they
 * stand; null when there is no such month to close (malformed, not ended, or no books).
 */
export async function previewClose(db: Db, { stationId, period, today = chinaToday() }: { stationId: string; period: string; today?: string }) {
  try {
    const { month } = closablePeriod(period, today);
    const [code, rate, blockers] = await Promise.all([stationCode(db, stationId), upkeepRate(db, { stationId }), closeBlockers(db, { stationId, period: month })]);
    const computed = await closeFigures(db, { stationId, stationCode: code, month, rate });
    return { month, blockers, figures: computed.figures };
  } catch (error) {
    if (error instanceof CloseError) return null;
    throw error;
  }
}

async function userName(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? "";
}

async function isClosed(db: Db, stationId: string, first: string): Promise<boolean> {
  const [row] = await db.select({ status: ledgerPeriods.status }).from(ledgerPeriods).where(and(eq(ledgerPeriods.stationId, stationId), eq(ledgerPeriods.month, first)));
  return row?.status === "closed";
}

/**
 * Locks the station's chain head — every journal of the station waits on it, so the books stand
 * still while a close is prepared or signed — and answers its last journal number.
 * @throws CloseError NO_LEDGER
 */
async function lockChainHead(tx: Db, stationId: string): Promise<{ n: number }> {
  const [head] = await tx.select({ n: ledgerChainHeads.lastNumber }).from(ledgerChainHeads).where(eq(ledgerChainHeads.stationId, stationId)).for("update");
  if (!head) throw new CloseError("NO_LEDGER", "this station has no books yet");
  return head;
}

/**
 * The operator prepares a month's close and gives the first sign-off, in one transaction.
 * A prepared close whose figures no longer match the books is superseded by the new one.
 * @throws CloseError BAD_PERIOD | NOT_ENDED | ALREADY_CLOSED | BLOCKED (with the blockers) | ALREADY_SIGNED
 */
export async function prepareClose(
  db: Db,
  { stationId, period, userId, today = chinaToday() }: { stationId: string; period: string; userId: string; today?: string },
): Promise<CloseView> {
  const { month, first } = closablePeriod(period, today);
  try {
    return await withLedgerRetry(db, async (tx) => {
      const head = await lockChainHead(tx, stationId);
      if (await isClosed(tx, stationId, first)) throw new CloseError("ALREADY_CLOSED", `${month} is already closed`);
      const blockers = await closeBlockers(tx, { stationId, period: month });
      if (blockers.length) throw new CloseError("BLOCKED", `${month} cannot close yet`, blockers);
      const code = await stationCode(tx, stationId);
      const rate = await upkeepRate(tx, { stationId });
      const computed = await closeFigures(tx, { stationId, stationCode: code, month, rate });
      const live = await getClose(tx, { stationId, period: month });
      if (live) {
        if (canonicalJson(live.figures as never) === canonicalJson(computed.figures as never)) {
          if (live.signatures.some((s) => s.userId === userId)) return live;
          throw new CloseError("ALREADY_SIGNED", `${month} is already prepared and signed by ${live.signatures[0]?.signerName ?? ""}`);
        }
        await tx.update(periodCloses).set({ status: "superseded" }).where(eq(periodCloses.id, live.id));
      }
      const [last] = await tx.select({ n: max(periodCloses.revision) }).from(periodCloses).where(and(eq(periodCloses.stationId, stationId), eq(periodCloses.period, first)));
      const [close] = await tx
        .insert(periodCloses)
        .values({
          stationId,
          period: first,
          revision: (last?.n ?? 0) + 1,
          rate: rate.toFixed(4),
          commission: toAmountString(computed.commission),
          allocation: toAmountString(computed.target.minus(computed.alreadySetAside)),
          figures: computed.figures,
          preparedBy: userId,
          preparedNumber: head.n,
        })
        .returning();
      const signerName = await userName(tx, userId);
      await tx.insert(periodSignatures).values({ closeId: close!.id, role: "operator", userId, signerName });
      await recordAudit(tx, {
        actorUserId: userId,
        action: "period.prepare",
        recordType: "period_close",
        recordId: close!.id,
        stationId,
        after: { period: month, revision: close!.revision, allocation: close!.allocation, superseded: live?.id ?? null },
      });
      return view(close!, await signaturesOf(tx, close!.id));
    });
  } catch (error) {
    if (isUniqueViolation(error, "period_closes_one_live") || isUniqueViolation(error, "period_closes_station_period_revision_key")) {
      throw new CloseError("ALREADY_SIGNED", `${month} was prepared by someone else just now`);
    }
    throw error;
  }
}

/**
 * The second sign-off (a committee member or the township accountant). With it, in one
 * transaction: the figures are checked against the books, the allocation is posted (dated the
 * month's last day), the ledger's period is locked and the close sealed.
 * @throws CloseError NOT_PREPARED | ALREADY_CLOSED | ALREADY_SIGNED | OPERATOR_FIRST | OWN_CLOSE | BLOCKED | STALE
 */
export async function signClose(
  db: Db,
  { stationId, period, userId, today = chinaToday() }: { stationId: string; period: string; userId: string; today?: string },
): Promise<CloseView> {
  const { month, first } = closablePeriod(period, today);
  try {
    return await withLedgerRetry(db, async (tx) => {
      const head = await lockChainHead(tx, stationId);
      const live = await getClose(tx, { stationId, period: month });
      if (!live) throw new CloseError("NOT_PREPARED", `the operator has not prepared ${month}'s close yet`);
      if (live.status === "sealed") throw new CloseError("ALREADY_CLOSED", `${month} is already closed`);
      checkSignature({ role: "overseer", userId, preparedBy: live.preparedBy, signatures: live.signatures });
      const blockers = await closeBlockers(tx, { stationId, period: month });
      if (blockers.length) throw new CloseError("BLOCKED", `${month} cannot close yet`, blockers);
      // The figures are read from the books, and every change to the books is a journal: with the
      // chain head where it was at preparation they are the same; otherwise recompute and compare.
      const moved = head.n !== live.preparedNumber;
      const computed = moved ? await closeFigures(tx, { stationId, stationCode: live.figures.station, month, rate: new D(live.rate) }) : null;
      if (computed && canonicalJson(computed.figures as never) !== canonicalJson(live.figures as never)) {
        throw new CloseError("STALE", `the books of ${month} changed after the close was prepared; the operator prepares it again`);
      }
      await tx.insert(periodSignatures).values({ closeId: live.id, role: "overseer", userId, signerName: await userName(tx, userId) });
      const lines = allocationJournalLines(new D(live.allocation));
      let allocationJournalId: string | null = null;
      if (lines.length) {
        const posted = await postJournal(tx, {
          stationId,
          date: lastOfMonth(first),
          description: allocationMemo(month, live.commission, live.rate),
          source: { type: "allocation", id: live.id },
          idempotencyKey: `upkeep-allocation:${live.id}`,
          lines,
          createdBy: live.preparedBy,
          approvedBy: userId,
        });
        allocationJournalId = posted.journal.id;
      }
      const locked = await closePeriod(tx, { stationId, month, closedBy: userId, today });
      const seal = sealOf(locked.closingHash!, live.figures as never);
      const [sealed] = await tx
        .update(periodCloses)
        .set({ status: "sealed", seal, closingHash: locked.closingHash, closingNumber: locked.closingNumber, sealedAt: new Date(), allocationJournalId })
        .where(eq(periodCloses.id, live.id))
        .returning();
      await recordAudit(tx, {
        actorUserId: userId,
        action: "period.seal",
        recordType: "period_close",
        recordId: live.id,
        stationId,
        before: { status: "prepared" },
        after: { status: "sealed", period: month, seal, closingNumber: locked.closingNumber, allocation: live.allocation },
      });
      return view(sealed!, await signaturesOf(tx, live.id));
    });
  } catch (error) {
    if (isUniqueViolation(error, "period_signatures_close_role_key") || isUniqueViolation(error, "period_signatures_close_user_key")) {
      throw new CloseError("ALREADY_SIGNED", "this close already has that sign-off");
    }
    throw error;
  }
}

/**
 * The county admin reopens a sealed month, with a reason: the close is marked reopened (its
 * seal and figures stay as the trail) and the ledger's period opens again, in one transaction.
 * @throws CloseError REASON_REQUIRED | NOT_SEALED
 */
export async function reopenPeriod(db: Db, { stationId, period, userId, reason }: { stationId: string; period: string; userId: string; reason: string }): Promise<PeriodClose> {
  const { month, first } = closablePeriod(period, "9999-12-31");
  const why = reason.trim();
  if ([...why].length < 2) throw new CloseError("REASON_REQUIRED", "a reopening needs a reason");
  return db.transaction(async (tx) => {
    const [live] = await tx
      .select()
      .from(periodCloses)
      .where(and(eq(periodCloses.stationId, stationId), eq(periodCloses.period, first), eq(periodCloses.status, "sealed")))
      .for("update");
    if (!live) throw new CloseError("NOT_SEALED", `${month} is not closed`);
    const [reopened] = await tx
      .update(periodCloses)
      .set({ status: "reopened", reopenedBy: userId, reopenedAt: sql`now()`, reopenReason: why })
      .where(eq(periodCloses.id, live.id))
      .returning();
    await tx
      .update(ledgerPeriods)
      .set({ status: "open", closedAt: null, closedBy: null, closingNumber: null, closingHash: null })
      .where(and(eq(ledgerPeriods.stationId, stationId), eq(ledgerPeriods.month, first)));
    await recordAudit(tx, {
      actorUserId: userId,
      action: "period.reopen",
      recordType: "period_close",
      recordId: live.id,
      stationId,
      before: { status: "sealed", seal: live.seal },
      after: { status: "reopened", period: month, reason: why },
    });
    return reopened!;
  });
}

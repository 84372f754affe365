import { and, desc, eq } from "drizzle-orm";
import { chinaToday, parseMonth } from "~/domain/dates";
import { LedgerError } from "~/domain/ledger";
import type { Db } from "../../../db/client.server";
import { ledgerChainHeads, ledgerPeriods } from "../../../db/schema/ledger";
import { recordAudit } from "~/models/audit/audit.server";
import { toLedgerError } from "./shared.server";

/**
 * Monthly accounting periods. A month without a row is open; once closed, the database
 * refuses every journal and posting dated inside it. Corrections are reversals dated in an open
 * month; only the county admin can reopen a sealed month, with a reason, in the same transaction
 * that records the reopening on its close (migration 0015, ADR 014). Sign-offs and seals live in
 * app/models/period-close.server.ts; this is the lock and the model.
 */

export type Period = typeof ledgerPeriods.$inferSelect;

/**
 * Closes a month that has ended (`month` is YYYY-MM). Takes the station's chain-head lock
 * first, so it waits for postings in flight and none can slip into the month afterwards; the
 * trigger records the head it closed at (closing_number / closing_hash, the published head).
 * Closing a closed month returns it unchanged.
 * @throws LedgerError BAD_DATE for a malformed month or one that has not ended, BAD_STATION without a ledger
 */
export async function closePeriod(
  db: Db,
  { stationId, month, closedBy, today = chinaToday() }: { stationId: string; month: string; closedBy: string; today?: string },
): Promise<Period> {
  const m = parseMonth(month);
  if (!m) throw new LedgerError("BAD_DATE", `${JSON.stringify(month)} is not a month written YYYY-MM`);
  if (m >= today.slice(0, 7)) throw new LedgerError("BAD_DATE", `${m} has not ended yet; a month is closed after its last day`);
  const first = `${m}-01`;
  try {
    return await db.transaction(async (tx) => {
      const [head] = await tx.select({ n: ledgerChainHeads.lastNumber }).from(ledgerChainHeads).where(eq(ledgerChainHeads.stationId, stationId)).for("update");
      if (!head) throw new LedgerError("BAD_STATION", `station ${stationId} has no ledger`);
      const [existing] = await tx.select().from(ledgerPeriods).where(and(eq(ledgerPeriods.stationId, stationId), eq(ledgerPeriods.month, first)));
      if (existing?.status === "closed") return existing;
      const [row] = await tx
        .insert(ledgerPeriods)
        .values({ stationId, month: first, status: "closed", closedBy, closedAt: new Date() })
        .onConflictDoUpdate({
          target: [ledgerPeriods.stationId, ledgerPeriods.month],
          set: { status: "closed", closedBy, closedAt: new Date() },
        })
        .returning();
      await recordAudit(tx, {
        actorUserId: closedBy,
        action: "ledger.period_close",
        recordType: "ledger_period",
        recordId: row!.id,
        stationId,
        after: { month: m, closingNumber: row!.closingNumber, closingHash: row!.closingHash },
      });
      return row!;
    });
  } catch (error) {
    throw toLedgerError(error);
  }
}

/** Is the month of this business date closed? (The database refuses postings there either way.) */
export async function isPeriodClosed(db: Db, { stationId, date }: { stationId: string; date: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: ledgerPeriods.id })
    .from(ledgerPeriods)
    .where(and(eq(ledgerPeriods.stationId, stationId), eq(ledgerPeriods.month, `${date.slice(0, 7)}-01`), eq(ledgerPeriods.status, "closed")))
    .limit(1);
  return Boolean(row);
}

/** The station's period rows, newest month first. */
export async function listPeriods(db: Db, { stationId }: { stationId: string }): Promise<Period[]> {
  return db.select().from(ledgerPeriods).where(eq(ledgerPeriods.stationId, stationId)).orderBy(desc(ledgerPeriods.month));
}

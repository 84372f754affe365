import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { auditLog } from "../../../db/schema/index";

export type AuditEntry = typeof auditLog.$inferSelect;

/** A short, JSON-safe picture of a record: never a password hash or a code. */
export type AuditSnapshot = Record<string, string | number | boolean | null>;

export interface AuditInput {
  /** Who did it; null for the system (seed, start-up). */
  actorUserId: string | null;
  /** "user.create", "role.assign", "station.update", … */
  action: string;
  recordType: string;
  recordId: string;
  stationId?: string | null;
  before?: AuditSnapshot | null;
  after?: AuditSnapshot | null;
}

/**
 * Appends one entry to the audit log. Call it with the transaction that makes the change,
 * so the entry and the change commit or roll back together.
 */
export async function recordAudit(tx: Db, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    stationId: entry.stationId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** The newest entries about one record, for the admin screens and tests. */
export async function listAuditFor(db: Db, { recordType, recordId, limit = 50 }: { recordType: string; recordId: string; limit?: number }): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.recordType, recordType), eq(auditLog.recordId, recordId)))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

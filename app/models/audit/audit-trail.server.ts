import { and, desc, eq, like, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { auditLog, users } from "../../../db/schema/identity";

/**
 * The audit trail of one station for its committee and the township accountant: who did what
 * and when, with the before/after the identity issue's audit log keeps, filtered by person,
 * kind of action (the part before the dot: "period", "upkeep", "ledger", …) and record.
 */

export interface TrailFilter {
  actorUserId?: string | null;
  /** An action family ("period") or a full action ("period.seal"). */
  action?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  /** Entries older than this id (paging). */
  before?: number | null;
  limit?: number;
}

export interface TrailEntry {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  recordType: string;
  recordId: string;
  before: unknown;
  after: unknown;
}

export async function auditTrail(db: Db, { stationId, ...f }: { stationId: string } & TrailFilter): Promise<TrailEntry[]> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const action = f.action?.trim() || null;
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        eq(auditLog.stationId, stationId),
        f.actorUserId ? eq(auditLog.actorUserId, f.actorUserId) : undefined,
        action ? (action.includes(".") ? eq(auditLog.action, action) : like(auditLog.action, `${action}.%`)) : undefined,
        f.recordType ? eq(auditLog.recordType, f.recordType) : undefined,
        f.recordId ? eq(auditLog.recordId, f.recordId) : undefined,
        f.before ? lt(auditLog.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

/** The people, action families and record types that occur in the station's trail (for the filter's choices). */
export async function trailChoices(db: Db, { stationId }: { stationId: string }) {
  const [people, kinds, records] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.displayName })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(eq(auditLog.stationId, stationId))
      .orderBy(users.displayName),
    db
      .selectDistinct({ family: sql<string>`split_part(${auditLog.action}, '.', 1)` })
      .from(auditLog)
      .where(eq(auditLog.stationId, stationId))
      .orderBy(sql`split_part(${auditLog.action}, '.', 1)`),
    db.selectDistinct({ type: auditLog.recordType }).from(auditLog).where(eq(auditLog.stationId, stationId)).orderBy(auditLog.recordType),
  ]);
  return { people, families: kinds.map((k) => k.family), recordTypes: records.map((r) => r.type) };
}


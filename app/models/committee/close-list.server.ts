import { and, asc, desc, eq, inArray, min } from "drizzle-orm";
import { chinaToday, nextMonthStart } from "~/domain/dates";
import type { Db } from "../../../db/client.server";
import { periodCloses } from "../../../db/schema/committee";
import { users } from "../../../db/schema/identity";
import { ledgerJournals } from "../../../db/schema/ledger";

/** Every month from the station's first journal to the last ended month, newest first, with its close status. */
export async function closeCalendar(db: Db, { stationId, today = chinaToday() }: { stationId: string; today?: string }) {
  const [first] = await db.select({ date: min(ledgerJournals.businessDate) }).from(ledgerJournals).where(eq(ledgerJournals.stationId, stationId));
  const closes = await db
    .select({ period: periodCloses.period, status: periodCloses.status, seal: periodCloses.seal })
    .from(periodCloses)
    .where(eq(periodCloses.stationId, stationId));
  const live = new Map<string, { status: string; seal: string | null }>();
  const reopened = new Set<string>();
  for (const c of closes) {
    if (c.status === "prepared" || c.status === "sealed") live.set(c.period.slice(0, 7), c);
    if (c.status === "reopened") reopened.add(c.period.slice(0, 7));
  }
  const months: { month: string; status: "open" | "prepared" | "sealed"; reopened: boolean; seal: string | null }[] = [];
  const thisMonth = today.slice(0, 7);
  for (let m = first?.date ? first.date.slice(0, 7) : thisMonth; m < thisMonth; m = nextMonthStart(`${m}-01`).slice(0, 7)) {
    const c = live.get(m);
    months.push({ month: m, status: (c?.status as "prepared" | "sealed" | undefined) ?? "open", reopened: reopened.has(m), seal: c?.seal ?? null });
  }
  return months.reverse();
}

/** The reopened closes of a month (the trail), oldest first, with who reopened them. */
export async function reopenings(db: Db, { stationId, period }: { stationId: string; period?: string }) {
  return db
    .select({ id: periodCloses.id, period: periodCloses.period, revision: periodCloses.revision, seal: periodCloses.seal, reopenedAt: periodCloses.reopenedAt, reason: periodCloses.reopenReason, by: users.displayName })
    .from(periodCloses)
    .innerJoin(users, eq(users.id, periodCloses.reopenedBy))
    .where(and(eq(periodCloses.stationId, stationId), eq(periodCloses.status, "reopened"), period ? eq(periodCloses.period, `${period}-01`) : undefined))
    .orderBy(asc(periodCloses.reopenedAt));
}

/** Reopened closes of the stations in these counties, newest first (the county admin's trail). */
export async function reopeningsInCounties(db: Db, { stationIds }: { stationIds: string[] }) {
  if (stationIds.length === 0) return [];
  return db
    .select({ id: periodCloses.id, stationId: periodCloses.stationId, period: periodCloses.period, revision: periodCloses.revision, reopenedAt: periodCloses.reopenedAt, reason: periodCloses.reopenReason, by: users.displayName })
    .from(periodCloses)
    .innerJoin(users, eq(users.id, periodCloses.reopenedBy))
    .where(and(inArray(periodCloses.stationId, stationIds), eq(periodCloses.status, "reopened")))
    .orderBy(desc(periodCloses.reopenedAt))
    .limit(100);
}

import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";

/** How many migrations drizzle has applied (its own bookkeeping table). */
export async function countAppliedMigrations(db: Db): Promise<number> {
  const result = await db.execute<{ count: string | number }>(
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { count: string | number }[] }).rows;
  return Number(rows[0]?.count ?? 0);
}

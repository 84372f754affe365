import { sql } from "drizzle-orm";
import { rows } from "../factories/ledger";
import { testDb } from "./db";

/** The net of an account's postings at a station (one household's, when given), as a decimal string. */
export async function accountNet(stationId: string, code: string, householdId?: string): Promise<string> {
  const [row] = await rows<{ net: string }>(
    testDb(),
    householdId
      ? sql`select coalesce(sum(amount), 0)::numeric(14,2)::text as net from ledger_postings where station_id = ${stationId} and account_code = ${code} and household_id = ${householdId}`
      : sql`select coalesce(sum(amount), 0)::numeric(14,2)::text as net from ledger_postings where station_id = ${stationId} and account_code = ${code}`,
  );
  return row!.net;
}

/** How many rows a table holds: what a refused or replayed request must leave unchanged. */
export async function countRows(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row!.n;
}

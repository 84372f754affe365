import { type SQL, sql } from "drizzle-orm";
import { addDays, firstOfMonth, monthStartOnOrAfter } from "~/domain/dates";
import { D, type Dec } from "~/domain/money";
import type { Db } from "../../../db/client.server";

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). Dates and amounts are cast to text in SQL. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

export const idList = (ids: readonly string[]): SQL => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

export interface MonthTurnover {
  stationId: string;
  accountCode: string;
  /** "YYYY-MM" */
  month: string;
  /** Debit − credit over the part of the month inside the range. */
  net: Dec;
}

/**
 * Net turnover per station, account and month over [from, to] for accounts whose code starts
 * with one of `prefixes`: whole months from the ledger_month_totals cache, the ragged ends from
 * the postings (covering index), so a year costs a few hundred cache rows per station.
 */
export async function monthTurnover(db: Db, { stationIds, from, to, prefixes }: { stationIds: readonly string[]; from: string; to: string; prefixes: readonly string[] }): Promise<MonthTurnover[]> {
  if (stationIds.length === 0 || from > to) return [];
  const wholeFrom = monthStartOnOrAfter(from);
  const wholeTo = firstOfMonth(addDays(to, 1)); // exclusive
  const codeFilter = (column: SQL) => sql`(${sql.join(prefixes.map((p) => sql`${column} like ${`${p}%`}`), sql` or `)})`;
  const hasWhole = wholeFrom < wholeTo;
  const raggedRanges: [string, string][] = hasWhole
    ? ([
        [from, addDays(wholeFrom, -1)],
        [wholeTo, to],
      ] as [string, string][]).filter(([a, b]) => a <= b)
    : [[from, to]];
  const parts: SQL[] = [];
  if (hasWhole) {
    parts.push(sql`select station_id::text as station_id, account_code, to_char(month, 'YYYY-MM') as month, (debit - credit)::text as net
      from ledger_month_totals
      where station_id in (${idList(stationIds)}) and month >= ${wholeFrom}::date and month < ${wholeTo}::date and ${codeFilter(sql`account_code`)}`);
  }
  for (const [a, b] of raggedRanges) {
    parts.push(sql`select station_id::text as station_id, account_code, to_char(business_date, 'YYYY-MM') as month, sum(amount)::text as net
      from ledger_postings
      where station_id in (${idList(stationIds)}) and business_date >= ${a}::date and business_date <= ${b}::date and ${codeFilter(sql`account_code`)}
      group by station_id, account_code, to_char(business_date, 'YYYY-MM')`);
  }
  const rows = await rowsOf<{ station_id: string; account_code: string; month: string; net: string }>(db, sql.join(parts, sql` union all `));
  return rows.map((r) => ({ stationId: r.station_id, accountCode: r.account_code, month: r.month, net: new D(r.net) })).filter((r) => !r.net.isZero());
}

/** Whether a table exists in the public schema (the online-orders and partner tables arrive with their own issues). */
export async function tableExists(db: Db, name: string): Promise<boolean> {
  const [row] = await rowsOf<{ found: boolean }>(db, sql`select to_regclass(${`public.${name}`}) is not null as found`);
  return row?.found === true;
}

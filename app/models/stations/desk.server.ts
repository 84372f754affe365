import { sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { addDays, chinaToday } from "~/domain/dates";
import { D, toAmountString } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { closeBlockers } from "~/models/committee/close.server";
import { rowsOf } from "~/models/reports/shared.server";
import { closeCalendar } from "~/models/committee/close-list.server";
import { getOpenSession, sessionFigures } from "~/models/till/cash-sessions.server";

/**
 * The operator's desk (issue 15): the day's work at one station, counted live from the rows
 * themselves — the till, online orders waiting by status, goods sold out, households owed money,
 * partner orders due, and the last ended month's close with what blocks it. Amounts as decimal
 * strings.
 */

/** Online order states that wait for the station, in the order the work is done. */
export const DESK_ORDER_STATES = ["placed", "paid", "packed", "ready_for_pickup", "shipped"] as const;
export type DeskOrderState = (typeof DESK_ORDER_STATES)[number];

/** A partner order is "due" when its delivery date is within this many days (or past). */
export const PARTNER_DUE_DAYS = 3;

export interface Desk {
  till: { open: boolean; expected: string | null };
  orders: Record<DeskOrderState, number>;
  soldOut: number;
  householdsOwed: { count: number; total: string };
  partnerOrders: { open: number; due: number };
  close: { month: string; status: "open" | "prepared" | "sealed"; blockers: { kind: string; count: number }[] } | null;
}

export async function stationDesk(db: Db, { stationId, today = chinaToday() }: { stationId: string; today?: string }): Promise<Desk> {
  const [session, orderRows, [counts], calendar] = await Promise.all([
    getOpenSession(db, { stationId }),
    rowsOf<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from orders where station_id = ${stationId}::uuid and status in ('placed', 'paid', 'packed', 'ready_for_pickup', 'shipped') group by status`),
    rowsOf<{ sold_out: number; owed_count: number; owed_total: string; partner_open: number; partner_due: number }>(
      db,
      sql`select
            (select count(*)::int from products where station_id = ${stationId}::uuid and status = 'listed' and on_hand - reserved <= 0) as sold_out,
            (select count(*)::int from (select household_id from ledger_postings where station_id = ${stationId}::uuid and account_code = ${ACCOUNTS.householdPayable}
               and household_id is not null group by household_id having sum(amount) < 0) o) as owed_count,
            (select coalesce(sum(-s), 0)::text from (select sum(amount) as s from ledger_postings where station_id = ${stationId}::uuid and account_code = ${ACCOUNTS.householdPayable}
               and household_id is not null group by household_id having sum(amount) < 0) o) as owed_total,
            (select count(*)::int from bulk_orders where station_id = ${stationId}::uuid and status in ('placed', 'confirmed')) as partner_open,
            (select count(*)::int from bulk_orders where station_id = ${stationId}::uuid and status in ('placed', 'confirmed') and delivery_date <= ${addDays(today, PARTNER_DUE_DAYS)}::date) as partner_due`,
    ),
    closeCalendar(db, { stationId, today }),
  ]);
  const orders = Object.fromEntries(DESK_ORDER_STATES.map((s) => [s, orderRows.find((r) => r.status === s)?.n ?? 0])) as Record<DeskOrderState, number>;
  // The month to close now: the last one that has ended (the calendar lists ended months).
  const current = today.slice(0, 7);
  const last = calendar.filter((m) => m.month < current).sort((a, b) => b.month.localeCompare(a.month))[0];
  const close = last ? { month: last.month, status: last.status, blockers: last.status === "sealed" ? [] : await closeBlockers(db, { stationId, period: last.month }) } : null;
  return {
    till: { open: session !== null, expected: session ? toAmountString((await sessionFigures(db, session)).expected) : null },
    orders,
    soldOut: counts?.sold_out ?? 0,
    householdsOwed: { count: counts?.owed_count ?? 0, total: toAmountString(new D(counts?.owed_total ?? "0")) },
    partnerOrders: { open: counts?.partner_open ?? 0, due: counts?.partner_due ?? 0 },
    close,
  };
}

import { sql } from "drizzle-orm";
import { check, date, index, jsonb, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { stations } from "./stations";

/**
 * A till session (交接班/日结): opened with a counted float, closed once with a count by
 * denomination. Cash sales, cash refunds and cash payouts name the session they ran through.
 * One open session per station's till (partial unique index); status goes open → closed only.
 */
export const cashSessions = pgTable(
  "cash_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    openedBy: uuid("opened_by")
      .notNull()
      .references(() => users.id),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    openingFloat: numeric("opening_float", { precision: 14, scale: 2 }).notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull().default("open"),
    closedBy: uuid("closed_by").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    expected: numeric("expected", { precision: 14, scale: 2 }),
    counted: numeric("counted", { precision: 14, scale: 2 }),
    /** { "100": 3, "0.5": 2, ... } pieces per denomination. */
    denominations: jsonb("denominations").$type<Record<string, number>>(),
    note: text("note").notNull().default(""),
    /** The over/short journal, when the count differed. */
    journalId: uuid("journal_id"),
  },
  (t) => [
    unique("cash_sessions_id_station_key").on(t.id, t.stationId),
    uniqueIndex("cash_sessions_one_open").on(t.stationId).where(sql`status = 'open'`),
    index("cash_sessions_station_idx").on(t.stationId, t.openedAt),
    check("cash_sessions_status_valid", sql`${t.status} in ('open', 'closed')`),
    check("cash_sessions_float_nonnegative", sql`${t.openingFloat} >= 0`),
    check(
      "cash_sessions_closed_shape",
      sql`(${t.status} = 'open' and ${t.closedAt} is null and ${t.counted} is null)
       or (${t.status} = 'closed' and ${t.closedAt} is not null and ${t.closedBy} is not null and ${t.counted} >= 0 and ${t.expected} is not null
           and (${t.counted} = ${t.expected} or ${t.journalId} is not null))`,
    ),
    check("cash_sessions_note_length", sql`char_length(${t.note}) <= 500`),
  ],
);

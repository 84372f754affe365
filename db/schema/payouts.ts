import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { PAYOUT_METHODS } from "../../app/domain/till";
import { cashSessions } from "./cash-sessions";
import { households } from "./households";
import { users } from "./identity";
import { ledgerJournals } from "./ledger";
import { stations } from "./stations";

/**
 * Money paid to a household against what the station owes it (21101). A deferred trigger
 * refuses, at commit, any payout that leaves the household's payable in debit: never more than owed.
 */
export const householdPayouts = pgTable(
  "household_payouts",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    householdId: uuid("household_id").notNull(),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull().defaultNow(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    method: text("method", { enum: PAYOUT_METHODS }).notNull(),
    reference: text("reference").notNull().default(""),
    cashSessionId: uuid("cash_session_id"),
    paidBy: uuid("paid_by")
      .notNull()
      .references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id").notNull(),
  },
  (t) => [
    unique("household_payouts_station_number_key").on(t.stationId, t.number),
    unique("household_payouts_station_key_key").on(t.stationId, t.idempotencyKey),
    foreignKey({ name: "household_payouts_household_fk", columns: [t.householdId, t.stationId], foreignColumns: [households.id, households.stationId] }),
    foreignKey({ name: "household_payouts_journal_fk", columns: [t.journalId, t.stationId], foreignColumns: [ledgerJournals.id, ledgerJournals.stationId] }),
    foreignKey({ name: "household_payouts_session_fk", columns: [t.cashSessionId, t.stationId], foreignColumns: [cashSessions.id, cashSessions.stationId] }),
    index("household_payouts_household_idx").on(t.householdId),
    check("household_payouts_amount_positive", sql`${t.amount} > 0`),
    check("household_payouts_method_valid", sql`${t.method} in ('cash', 'bank', 'mobile')`),
    check(
      "household_payouts_method_shape",
      sql`(${t.method} = 'cash' and ${t.cashSessionId} is not null) or (${t.method} <> 'cash' and char_length(${t.reference}) between 1 and 64)`,
    ),
  ],
);

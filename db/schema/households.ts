import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { HOUSEHOLD_STATUSES, PAYMENT_METHODS } from "../../app/domain/households";
import { stations } from "./stations";

/**
 * A farmer household (农户) that consigns goods to one station. The head's name and phone
 * are for the operator; the public storefront shows the given name only. The payment account
 * is stored whole (the payout issue pays to it) and shown masked everywhere.
 */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    headName: text("head_name").notNull(),
    /** 村民小组, as written locally: "3组", "大寨组". */
    villageGroup: text("village_group").notNull().default(""),
    phone: text("phone").notNull().default(""),
    paymentMethod: text("payment_method", { enum: PAYMENT_METHODS }).notNull().default("cash"),
    paymentAccount: text("payment_account").notNull().default(""),
    /** The bank's or app's name beside the account ("黔西农商银行", "微信"). */
    paymentInstitution: text("payment_institution").notNull().default(""),
    notes: text("notes").notNull().default(""),
    status: text("status", { enum: HOUSEHOLD_STATUSES }).notNull().default("active"),
    /** The key of the "new …" page's entry (ADR 018): a form sent twice, or again after Back, makes one row. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of (household_id, station_id) foreign keys: goods and movements cannot name another station's household.
    unique("households_id_station_key").on(t.id, t.stationId),
    unique("households_station_key_key").on(t.stationId, t.idempotencyKey),
    check("households_key_length", sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 8 and 100`),
    index("households_station_idx").on(t.stationId, t.headName),
    check("households_head_name_length", sql`char_length(${t.headName}) between 1 and 40`),
    check("households_village_group_length", sql`char_length(${t.villageGroup}) <= 20`),
    check("households_phone_format", sql`${t.phone} = '' or ${t.phone} ~ '^1[3-9][0-9]{9}$'`),
    check("households_payment_method_valid", sql`${t.paymentMethod} in ('cash', 'bank', 'mobile')`),
    check(
      "households_payment_account_shape",
      sql`(${t.paymentMethod} = 'cash' and ${t.paymentAccount} = '')
       or (${t.paymentMethod} = 'bank' and ${t.paymentAccount} ~ '^[0-9]{12,19}$')
       or (${t.paymentMethod} = 'mobile' and ${t.paymentAccount} ~ '^[A-Za-z0-9_.@-]{5,40}$')`,
    ),
    check("households_status_valid", sql`${t.status} in ('active', 'inactive')`),
    check("households_notes_length", sql`char_length(${t.notes}) <= 500`),
  ],
);

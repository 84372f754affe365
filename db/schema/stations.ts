import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { villages } from "./geography";

export const stationStatuses = ["active", "inactive"] as const;

/**
 * A village e-commerce service station (村级电商服务站). Its `code` is unique in the
 * whole installation because it appears in URLs (/stations/huawu) and on the command line.
 */
export const stations = pgTable(
  "stations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    villageId: uuid("village_id")
      .notNull()
      .references(() => villages.id),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    addressZh: text("address_zh").notNull().default(""),
    addressEn: text("address_en").notNull().default(""),
    openingHoursZh: text("opening_hours_zh").notNull().default(""),
    openingHoursEn: text("opening_hours_en").notNull().default(""),
    operatorContactName: text("operator_contact_name").notNull().default(""),
    operatorContactPhone: text("operator_contact_phone").notNull().default(""),
    cooperationNotesZh: text("cooperation_notes_zh").notNull().default(""),
    cooperationNotesEn: text("cooperation_notes_en").notNull().default(""),
    status: text("status", { enum: stationStatuses }).notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("stations_code_key").on(t.code),
    index("stations_village_idx").on(t.villageId),
    check("stations_status_valid", sql`${t.status} in ('active', 'inactive')`),
    check("stations_code_format", sql`${t.code} ~ '^[a-z0-9-]{2,40}$'`),
    check("stations_phone_format", sql`${t.operatorContactPhone} = '' or ${t.operatorContactPhone} ~ '^[0-9+ -]{5,20}$'`),
  ],
);

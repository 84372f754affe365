import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * County → township (乡镇) → village (村). Every name is kept in Chinese and in English
 * (pinyin is fine), so each page can be shown in either language.
 * `code` is a stable ASCII slug used in URLs and on the command line.
 */
export const counties = pgTable(
  "counties",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    provinceZh: text("province_zh").notNull(),
    provinceEn: text("province_en").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("counties_code_key").on(t.code), check("counties_code_format", sql`${t.code} ~ '^[a-z0-9-]{2,40}$'`)],
);

export const townshipKinds = ["town", "township"] as const; // 镇 / 乡

export const townships = pgTable(
  "townships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    countyId: uuid("county_id")
      .notNull()
      .references(() => counties.id),
    code: text("code").notNull(),
    kind: text("kind", { enum: townshipKinds }).notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("townships_county_code_key").on(t.countyId, t.code),
    check("townships_kind_valid", sql`${t.kind} in ('town', 'township')`),
    check("townships_code_format", sql`${t.code} ~ '^[a-z0-9-]{2,40}$'`),
  ],
);

export const villages = pgTable(
  "villages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    townshipId: uuid("township_id")
      .notNull()
      .references(() => townships.id),
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("villages_township_code_key").on(t.townshipId, t.code),
    index("villages_township_idx").on(t.townshipId),
    check("villages_code_format", sql`${t.code} ~ '^[a-z0-9-]{2,40}$'`),
  ],
);

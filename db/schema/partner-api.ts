import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { bulkOrders, partnerCompanies } from "./partners";

/**
 * API keys a county admin issues to a partner company for its own systems (issue 8, ADR 013).
 * The key is shown once; only its SHA-256 is kept (a 160-bit random secret needs no slow hash),
 * plus a short prefix so admin and partner can tell keys apart. Keys are revoked, never deleted.
 */
export const partnerApiKeys = pgTable(
  "partner_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    label: text("label").notNull(),
    /** The first characters of the key ("czk_ab12cd34"), shown in lists; not secret. */
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    /** Requests per minute this key may make (fixed window, counted in partner_api_rate_windows). */
    ratePerMinute: integer("rate_per_minute").notNull().default(120),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("partner_api_keys_hash_key").on(t.secretHash),
    uniqueIndex("partner_api_keys_prefix_key").on(t.prefix),
    index("partner_api_keys_partner_idx").on(t.partnerId),
    check("partner_api_keys_hash_is_sha256", sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
    check("partner_api_keys_prefix_format", sql`${t.prefix} ~ '^czk_[a-z0-9]{8}$'`),
    check("partner_api_keys_label_length", sql`char_length(${t.label}) between 1 and 60`),
    check("partner_api_keys_rate_positive", sql`${t.ratePerMinute} between 1 and 100000`),
    check("partner_api_keys_revoked_pair", sql`${t.revokedBy} is null or ${t.revokedAt} is not null`),
  ],
);

/**
 * One row per (partner, Idempotency-Key): the hash of the request it first came with and the
 * response it got. Written in the same transaction as the order, so a replay finds either
 * nothing (the first attempt rolled back) or the finished answer, never half of one.
 */
export const partnerApiIdempotency = pgTable(
  "partner_api_idempotency",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partnerCompanies.id),
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of the method, path and canonical JSON body. */
    requestHash: text("request_hash").notNull(),
    /** The bulk order the request created. */
    bulkOrderId: uuid("bulk_order_id").references(() => bulkOrders.id),
    /** Null only inside the transaction that claims the key; it is filled before that commits. */
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => partnerApiKeys.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("partner_api_idempotency_once").on(t.partnerId, t.idempotencyKey),
    check("partner_api_idempotency_key_format", sql`char_length(${t.idempotencyKey}) between 1 and 200`),
    check("partner_api_idempotency_hash_is_sha256", sql`${t.requestHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Requests per key in the current fixed window; in the database so every app instance counts together. */
export const partnerApiRateWindows = pgTable(
  "partner_api_rate_windows",
  {
    apiKeyId: uuid("api_key_id")
      .primaryKey()
      .references(() => partnerApiKeys.id),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [check("partner_api_rate_windows_requests_nonnegative", sql`${t.requests} >= 0`)],
);

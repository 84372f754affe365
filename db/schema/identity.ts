import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { counties, townships } from "./geography";
import { stations } from "./stations";

export const userStatuses = ["active", "inactive"] as const;

/**
 * A person who signs in: staff (created by a county admin, who hands over a one-time
 * set-password code) or a buyer (registers themselves). What they may do lives in
 * role_assignments, never here. Accounts are deactivated, never deleted, so the audit
 * log always has someone to point at.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    displayName: text("display_name").notNull(),
    /** Lower-case; starts with a letter so it can never be mistaken for a phone number. */
    username: text("username"),
    /** Mainland mobile number, 11 digits, no country code. */
    phone: text("phone"),
    /** argon2id PHC string; null until a staff member redeems their set-password code. */
    passwordHash: text("password_hash"),
    status: text("status", { enum: userStatuses }).notNull().default("active"),
    /** The county whose admins manage this account; null for buyers, who belong to no county. */
    homeCountyId: uuid("home_county_id").references(() => counties.id),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(t.username),
    uniqueIndex("users_phone_key").on(t.phone),
    index("users_home_county_idx").on(t.homeCountyId),
    check("users_status_valid", sql`${t.status} in ('active', 'inactive')`),
    check("users_has_login", sql`${t.username} is not null or ${t.phone} is not null`),
    check("users_username_format", sql`${t.username} ~ '^[a-z][a-z0-9_.-]{2,31}$'`),
    check("users_phone_format", sql`${t.phone} ~ '^1[3-9][0-9]{9}$'`),
    check("users_display_name_length", sql`char_length(${t.displayName}) between 1 and 60`),
  ],
);

export const scopeKinds = ["global", "county", "township", "station", "partner"] as const;

/**
 * One role held over one place. Exactly the id matching `scope` is set (CHECK below), so a
 * township accountant can never silently become a county-wide one. Which roles exist and
 * what they may do is data in app/domain/permissions.ts, so a new role needs no migration
 * unless it needs a new kind of scope.
 */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").notNull(),
    scope: text("scope", { enum: scopeKinds }).notNull(),
    countyId: uuid("county_id").references(() => counties.id),
    townshipId: uuid("township_id").references(() => townships.id),
    stationId: uuid("station_id").references(() => stations.id),
    /** The partner company a partner_user acts for (issue 8). Its FK to partner_companies is added in SQL
     * (migration partner_scope_fk): referencing it here would make identity.ts and partners.ts import each other. */
    partnerId: uuid("partner_id"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("role_assignments_once").on(t.userId, t.role, t.countyId, t.townshipId, t.stationId, t.partnerId).nullsNotDistinct(),
    index("role_assignments_partner_idx").on(t.partnerId),
    index("role_assignments_user_idx").on(t.userId),
    index("role_assignments_station_idx").on(t.stationId),
    index("role_assignments_township_idx").on(t.townshipId),
    check("role_assignments_role_format", sql`${t.role} ~ '^[a-z_]{2,40}$'`),
    check(
      "role_assignments_scope_matches",
      sql`(${t.partnerId} is null and (
          (${t.scope} = 'global' and ${t.countyId} is null and ${t.townshipId} is null and ${t.stationId} is null)
       or (${t.scope} = 'county' and ${t.countyId} is not null and ${t.townshipId} is null and ${t.stationId} is null)
       or (${t.scope} = 'township' and ${t.townshipId} is not null and ${t.countyId} is null and ${t.stationId} is null)
       or (${t.scope} = 'station' and ${t.stationId} is not null and ${t.countyId} is null and ${t.townshipId} is null)))
       or (${t.scope} = 'partner' and ${t.partnerId} is not null and ${t.countyId} is null and ${t.townshipId} is null and ${t.stationId} is null)`,
    ),
  ],
);

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a
 * leaked table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    index("sessions_expires_idx").on(t.expiresAt),
    check("sessions_id_is_sha256", sql`${t.id} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** One-time codes a county admin hands to a staff member; only the hash is kept. */
export const setPasswordCodes = pgTable(
  "set_password_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("set_password_codes_hash_key").on(t.codeHash),
    index("set_password_codes_user_idx").on(t.userId),
    check("set_password_codes_hash_is_sha256", sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Sign-in attempts per key ("account:…" or "address:…") in a fixed window. Kept in the
 * database so the limit holds across app instances; counted before the password is checked,
 * so parallel guesses cannot slip past the limit.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text("key").primaryKey(),
    attempts: integer("attempts").notNull(),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sign_in_throttle_window_idx").on(t.windowStartedAt), check("sign_in_throttle_attempts_nonnegative", sql`${t.attempts} >= 0`)],
);

/**
 * Who did what to which record, when, at which station. Append-only: a trigger (migration
 * 0002) refuses UPDATE and DELETE. Passwords and codes never appear in before/after.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    recordType: text("record_type").notNull(),
    recordId: text("record_id").notNull(),
    stationId: uuid("station_id").references(() => stations.id),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    index("audit_log_record_idx").on(t.recordType, t.recordId),
    index("audit_log_station_idx").on(t.stationId),
    index("audit_log_actor_idx").on(t.actorUserId),
    check("audit_log_action_format", sql`${t.action} ~ '^[a-z_]+\\.[a-z_.]+$'`),
  ],
);

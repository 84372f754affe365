import { sql } from "drizzle-orm";
import { char, check, customType, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { counties } from "./geography";
import { users } from "./identity";
import { ledgerJournals } from "./ledger";
import { stations } from "./stations";

/**
 * The committee's side of the books (issue 9, ADR 014): monthly closes with two sign-offs and
 * a seal, the upkeep fund's rule, budgets and expenses with their paper receipts, and the
 * county's formula for the station keeper's pay. Closes, signatures and expenses are
 * append-only apart from the status moves the triggers allow (migration committee_guards).
 */

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const UPKEEP_KINDS = ["equipment", "electricity", "internet", "repairs", "keeperPay", "other"] as const;
const KINDS_SQL = sql.raw(UPKEEP_KINDS.map((k) => `'${k}'`).join(", "));

/** The share of a month's commission income the close sets aside into the upkeep reserve. */
export const upkeepRules = pgTable(
  "upkeep_rules",
  {
    stationId: uuid("station_id")
      .primaryKey()
      .references(() => stations.id),
    rate: numeric("rate", { precision: 6, scale: 4 }).notNull(),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("upkeep_rules_rate_range", sql`${t.rate} >= 0 and ${t.rate} <= 1`)],
);

/** A year's budget for one kind of upkeep spending. */
export const upkeepBudgets = pgTable(
  "upkeep_budgets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    year: integer("year").notNull(),
    kind: text("kind", { enum: UPKEEP_KINDS }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("upkeep_budgets_station_year_kind_key").on(t.stationId, t.year, t.kind),
    check("upkeep_budgets_kind_valid", sql`${t.kind} in (${KINDS_SQL})`),
    check("upkeep_budgets_amount_nonnegative", sql`${t.amount} >= 0`),
    check("upkeep_budgets_year_range", sql`${t.year} between 2000 and 2100`),
  ],
);

/** A photo of a paper receipt, kept with the books it proves (backed up and restored with them). */
export const upkeepReceipts = pgTable(
  "upkeep_receipts",
  {
    hash: char("hash", { length: 64 }).primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    contentType: text("content_type").notNull(),
    bytes: bytea("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("upkeep_receipts_hash_format", sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check("upkeep_receipts_type", sql`${t.contentType} in ('image/jpeg')`),
    check("upkeep_receipts_size", sql`octet_length(${t.bytes}) between 1 and 4194304`),
  ],
);

export const EXPENSE_STATUSES = ["awaiting_approval", "posted", "rejected"] as const;

/**
 * Upkeep spending. Within the reserve's balance it posts at once; beyond it, it waits for a
 * committee member's (or the township accountant's) approval, recorded here, then posts.
 */
export const upkeepExpenses = pgTable(
  "upkeep_expenses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    kind: text("kind", { enum: UPKEEP_KINDS }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    paidFrom: text("paid_from", { enum: ["cash", "bank"] }).notNull(),
    payee: text("payee").notNull(),
    note: text("note").notNull().default(""),
    receiptHash: char("receipt_hash", { length: 64 })
      .notNull()
      .references(() => upkeepReceipts.hash),
    status: text("status", { enum: EXPENSE_STATUSES }).notNull(),
    /** The part above the reserve's balance when recorded (0 when it fitted). */
    overReserve: numeric("over_reserve", { precision: 14, scale: 2 }).notNull().default("0"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note").notNull().default(""),
    journalId: uuid("journal_id").references(() => ledgerJournals.id),
    idempotencyKey: text("idempotency_key").notNull(),
  },
  (t) => [
    unique("upkeep_expenses_idempotency_key").on(t.stationId, t.idempotencyKey),
    index("upkeep_expenses_station_date_idx").on(t.stationId, t.businessDate),
    check("upkeep_expenses_kind_valid", sql`${t.kind} in (${KINDS_SQL})`),
    check("upkeep_expenses_status_valid", sql`${t.status} in ('awaiting_approval', 'posted', 'rejected')`),
    check("upkeep_expenses_amount_positive", sql`${t.amount} > 0`),
    check("upkeep_expenses_over_reserve_range", sql`${t.overReserve} >= 0 and ${t.overReserve} <= ${t.amount}`),
    check("upkeep_expenses_payee", sql`length(btrim(${t.payee})) between 1 and 100`),
    check(
      "upkeep_expenses_decision",
      sql`(${t.status} = 'awaiting_approval' and ${t.decidedBy} is null and ${t.journalId} is null and ${t.overReserve} > 0)
        or (${t.status} = 'posted' and ${t.journalId} is not null and (${t.overReserve} = 0 or ${t.decidedBy} is not null))
        or (${t.status} = 'rejected' and ${t.decidedBy} is not null and ${t.journalId} is null)`,
    ),
    check("upkeep_expenses_two_people", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.recordedBy}`),
  ],
);

export const CLOSE_STATUSES = ["prepared", "sealed", "reopened", "superseded"] as const;

/**
 * One attempt at closing a station's month. `revision` counts attempts (a reopened or
 * superseded close stays as the trail); at most one live (prepared or sealed) close per month.
 */
export const periodCloses = pgTable(
  "period_closes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    period: date("period", { mode: "string" }).notNull(),
    revision: integer("revision").notNull(),
    status: text("status", { enum: CLOSE_STATUSES }).notNull().default("prepared"),
    rate: numeric("rate", { precision: 6, scale: 4 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
    /** What this close's journal sets aside: the rule's amount less what earlier closes of the month set aside (negative after a reopened month's commission fell). */
    allocation: numeric("allocation", { precision: 14, scale: 2 }).notNull(),
    /** The statement figures the signers saw (canonical; what the seal covers). */
    figures: jsonb("figures").notNull(),
    preparedBy: uuid("prepared_by")
      .notNull()
      .references(() => users.id),
    preparedAt: timestamp("prepared_at", { withTimezone: true }).notNull().defaultNow(),
    /** The station's chain head when prepared: unchanged at the second sign-off means the figures cannot have moved. */
    preparedNumber: integer("prepared_number").notNull().default(0),
    allocationJournalId: uuid("allocation_journal_id").references(() => ledgerJournals.id),
    closingNumber: integer("closing_number"),
    closingHash: char("closing_hash", { length: 64 }),
    seal: char("seal", { length: 64 }),
    sealedAt: timestamp("sealed_at", { withTimezone: true }),
    reopenedBy: uuid("reopened_by").references(() => users.id),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }),
    reopenReason: text("reopen_reason"),
  },
  (t) => [
    unique("period_closes_station_period_revision_key").on(t.stationId, t.period, t.revision),
    uniqueIndex("period_closes_one_live").on(t.stationId, t.period).where(sql`status in ('prepared', 'sealed')`),
    index("period_closes_station_idx").on(t.stationId, t.period),
    check("period_closes_month_start", sql`extract(day from ${t.period}) = 1`),
    check("period_closes_status_valid", sql`${t.status} in ('prepared', 'sealed', 'reopened', 'superseded')`),
    check("period_closes_revision_positive", sql`${t.revision} >= 1`),
    check("period_closes_rate_range", sql`${t.rate} >= 0 and ${t.rate} <= 1`),
    check(
      "period_closes_sealed_fields",
      sql`(${t.sealedAt} is null and ${t.seal} is null and ${t.closingHash} is null and ${t.closingNumber} is null and ${t.status} in ('prepared', 'superseded'))
        or (${t.sealedAt} is not null and ${t.seal} ~ '^[0-9a-f]{64}$' and ${t.closingHash} ~ '^[0-9a-f]{64}$' and ${t.closingNumber} >= 0 and ${t.status} in ('sealed', 'reopened'))`,
    ),
    check(
      "period_closes_reopen_fields",
      sql`(${t.status} = 'reopened') = (${t.reopenedBy} is not null and ${t.reopenedAt} is not null and length(btrim(coalesce(${t.reopenReason}, ''))) >= 2)`,
    ),
  ],
);

export const SIGNER_ROLES = ["operator", "overseer"] as const;

/** A sign-off: the operator's first, then a committee member's or the township accountant's. */
export const periodSignatures = pgTable(
  "period_signatures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    closeId: uuid("close_id")
      .notNull()
      .references(() => periodCloses.id),
    role: text("role", { enum: SIGNER_ROLES }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    signerName: text("signer_name").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("period_signatures_close_role_key").on(t.closeId, t.role),
    unique("period_signatures_close_user_key").on(t.closeId, t.userId),
    check("period_signatures_role_valid", sql`${t.role} in ('operator', 'overseer')`),
  ],
);

/**
 * The county's formula for a station keeper's monthly pay, readable by everyone:
 * base + per household served × households + share × commission income, capped.
 */
export const keeperPayFormulas = pgTable(
  "keeper_pay_formulas",
  {
    countyId: uuid("county_id")
      .primaryKey()
      .references(() => counties.id),
    base: numeric("base", { precision: 14, scale: 2 }).notNull(),
    perHousehold: numeric("per_household", { precision: 14, scale: 2 }).notNull(),
    commissionShare: numeric("commission_share", { precision: 6, scale: 4 }).notNull(),
    cap: numeric("cap", { precision: 14, scale: 2 }).notNull(),
    setBy: uuid("set_by")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("keeper_pay_formulas_nonnegative", sql`${t.base} >= 0 and ${t.perHousehold} >= 0 and ${t.cap} >= 0`),
    check("keeper_pay_formulas_share_range", sql`${t.commissionShare} >= 0 and ${t.commissionShare} <= 1`),
  ],
);

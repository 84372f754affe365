import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { JOURNAL_MEMO_KINDS } from "../../app/domain/ledger";
import { users } from "./identity";
import { stations } from "./stations";

/**
 * The collective's books (docs/decisions/007-ledger.md). What drizzle cannot say lives in the
 * custom migration `ledger_guards`: the deferred balance triggers, the append-only triggers,
 * the chain and period triggers, the covering indexes and the month-totals cache trigger.
 *
 * household_id / partner_id carry no foreign key yet: the households and partner companies
 * tables arrive with later issues, which add the keys.
 */

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

const HASH_FORMAT = (column: AnyPgColumn) => sql`${column} ~ '^[0-9a-f]{64}$'`;

/** Each station's copy of the chart (TEMPLATE_ACCOUNTS plus its own sub-accounts), made with the station. */
export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    code: text("code").notNull(),
    parentCode: text("parent_code"),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    category: text("category", { enum: ["asset", "liability", "equity", "cost", "income-and-expense"] }).notNull(),
    normalSide: text("normal_side", { enum: ["debit", "credit"] }).notNull(),
    subledgerKind: text("subledger_kind", { enum: ["household", "partner"] }),
    postable: boolean("postable").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ledger_accounts_station_code_key").on(t.stationId, t.code),
    foreignKey({ name: "ledger_accounts_parent_fk", columns: [t.stationId, t.parentCode], foreignColumns: [t.stationId, t.code] }),
    check("ledger_accounts_code_format", sql`${t.code} ~ '^[0-9]{3}([0-9]{2})*$'`),
    check(
      "ledger_accounts_parent_matches_code",
      sql`(${t.parentCode} is null and char_length(${t.code}) = 3) or ${t.parentCode} = left(${t.code}, char_length(${t.code}) - 2)`,
    ),
    check("ledger_accounts_category_valid", sql`${t.category} in ('asset', 'liability', 'equity', 'cost', 'income-and-expense')`),
    check("ledger_accounts_normal_side_valid", sql`${t.normalSide} in ('debit', 'credit')`),
    check("ledger_accounts_subledger_kind_valid", sql`${t.subledgerKind} in ('household', 'partner')`),
    check("ledger_accounts_names", sql`char_length(${t.nameZh}) between 1 and 100 and char_length(${t.nameEn}) between 1 and 200`),
  ],
);

/**
 * The head of each station's hash chain: one row per station, locked FOR UPDATE by every
 * posting of that station and advanced by the journal trigger, so numbers are gap-free and
 * stations never wait for each other.
 */
export const ledgerChainHeads = pgTable(
  "ledger_chain_heads",
  {
    stationId: uuid("station_id")
      .primaryKey()
      .references(() => stations.id),
    lastNumber: integer("last_number").notNull().default(0),
    lastHash: char("last_hash", { length: 64 }).notNull().default("0".repeat(64)),
  },
  (t) => [check("ledger_chain_heads_number", sql`${t.lastNumber} >= 0`), check("ledger_chain_heads_hash", HASH_FORMAT(t.lastHash))],
);

export const JOURNAL_SOURCE_TYPES_SQL = sql.raw(
  `'sale', 'order', 'payout', 'expense', 'adjustment', 'opening', 'remittance', 'delivery', 'allocation', 'reversal', 'cash_count', 'partner_payment'`,
);

/** 记账凭证: one business event of one station. Append-only (triggers refuse UPDATE and DELETE). */
export const ledgerJournals = pgTable(
  "ledger_journals",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    number: integer("number").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    memo: text("memo").notNull(),
    /** A journal the system posts: what it is (ADR 022), worded at display with memoVars; null for a memo a person typed. */
    memoKind: text("memo_kind", { enum: JOURNAL_MEMO_KINDS }),
    memoVars: jsonb("memo_vars").$type<Record<string, string>>(),
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    currency: char("currency", { length: 3 }).notNull().default("CNY"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    approvedBy: uuid("approved_by").references(() => users.id),
    reversesJournalId: uuid("reverses_journal_id"),
    prevHash: char("prev_hash", { length: 64 }).notNull(),
    hash: char("hash", { length: 64 }).notNull(),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ledger_journals_station_number_key").on(t.stationId, t.number),
    unique("ledger_journals_station_key_key").on(t.stationId, t.idempotencyKey),
    unique("ledger_journals_station_prev_hash_key").on(t.stationId, t.prevHash),
    unique("ledger_journals_reverses_key").on(t.reversesJournalId),
    unique("ledger_journals_id_station_key").on(t.id, t.stationId),
    unique("ledger_journals_id_station_date_key").on(t.id, t.stationId, t.businessDate),
    foreignKey({
      name: "ledger_journals_reverses_fk",
      columns: [t.reversesJournalId, t.stationId],
      foreignColumns: [t.id, t.stationId],
    }),
    check("ledger_journals_number_positive", sql`${t.number} >= 1`),
    check("ledger_journals_memo_length", sql`char_length(${t.memo}) between 1 and 500`),
    check("ledger_journals_memo_kind_valid", sql`${t.memoKind} is null or ${t.memoKind} in (${inList(JOURNAL_MEMO_KINDS)})`),
    check("ledger_journals_memo_vars_shape", sql`(${t.memoKind} is null) = (${t.memoVars} is null) and (${t.memoVars} is null or jsonb_typeof(${t.memoVars}) = 'object')`),
    check("ledger_journals_source_type_valid", sql`${t.sourceType} in (${JOURNAL_SOURCE_TYPES_SQL})`),
    check("ledger_journals_source_id_present", sql`char_length(${t.sourceId}) between 1 and 200`),
    check("ledger_journals_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 200`),
    check("ledger_journals_currency_cny", sql`${t.currency} = 'CNY'`),
    check("ledger_journals_two_people", sql`${t.approvedBy} <> ${t.createdBy}`),
    check("ledger_journals_adjustment_approved", sql`${t.sourceType} <> 'adjustment' or ${t.approvedBy} is not null`),
    check(
      "ledger_journals_reversal_link",
      sql`(${t.sourceType} = 'reversal') = (${t.reversesJournalId} is not null)
        and (${t.reversesJournalId} is null or ${t.sourceId} = ${t.reversesJournalId}::text)`,
    ),
    check("ledger_journals_prev_hash_format", HASH_FORMAT(t.prevHash)),
    check("ledger_journals_hash_format", HASH_FORMAT(t.hash)),
  ],
);

/**
 * One line of a journal: signed amount (debit +, credit −), never zero. station_id and
 * business_date are copies of the journal's, held equal by the composite foreign key, so the
 * trial balance reads this table alone.
 */
export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    journalId: uuid("journal_id").notNull(),
    stationId: uuid("station_id").notNull(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    accountCode: text("account_code").notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    subledgerKind: text("subledger_kind", { enum: ["household", "partner"] }),
    householdId: uuid("household_id"),
    partnerId: uuid("partner_id"),
  },
  (t) => [
    foreignKey({
      name: "ledger_postings_journal_fk",
      columns: [t.journalId, t.stationId, t.businessDate],
      foreignColumns: [ledgerJournals.id, ledgerJournals.stationId, ledgerJournals.businessDate],
    }),
    foreignKey({
      name: "ledger_postings_account_fk",
      columns: [t.stationId, t.accountCode],
      foreignColumns: [ledgerAccounts.stationId, ledgerAccounts.code],
    }),
    check("ledger_postings_amount_nonzero", sql`${t.amount} <> 0`),
    check(
      "ledger_postings_subledger_shape",
      sql`(${t.subledgerKind} is null and ${t.householdId} is null and ${t.partnerId} is null)
        or (${t.subledgerKind} = 'household' and ${t.householdId} is not null and ${t.partnerId} is null)
        or (${t.subledgerKind} = 'partner' and ${t.partnerId} is not null and ${t.householdId} is null)`,
    ),
    index("ledger_postings_journal_idx").on(t.journalId),
    index("ledger_postings_household_idx").on(t.householdId).where(sql`${t.householdId} is not null`),
    index("ledger_postings_partner_idx").on(t.partnerId).where(sql`${t.partnerId} is not null`),
  ],
);

/**
 * Debit and credit turnover per station, account and month: a cache kept by a statement
 * trigger on ledger_postings, so a trial balance over years of history reads a few thousand
 * rows. `ledger verify` recomputes it from the postings.
 */
export const ledgerMonthTotals = pgTable(
  "ledger_month_totals",
  {
    stationId: uuid("station_id").notNull(),
    accountCode: text("account_code").notNull(),
    month: date("month", { mode: "string" }).notNull(),
    debit: numeric("debit", { precision: 20, scale: 2 }).notNull(),
    credit: numeric("credit", { precision: 20, scale: 2 }).notNull(),
  },
  (t) => [
    primaryKey({ name: "ledger_month_totals_pkey", columns: [t.stationId, t.accountCode, t.month] }),
    foreignKey({
      name: "ledger_month_totals_account_fk",
      columns: [t.stationId, t.accountCode],
      foreignColumns: [ledgerAccounts.stationId, ledgerAccounts.code],
    }),
    check("ledger_month_totals_month_start", sql`extract(day from ${t.month}) = 1`),
    check("ledger_month_totals_nonnegative", sql`${t.debit} >= 0 and ${t.credit} >= 0`),
  ],
);

export const periodStatuses = ["open", "closed"] as const;

/** Monthly accounting periods. A month without a row is open; a closed one refuses postings (trigger). */
export const ledgerPeriods = pgTable(
  "ledger_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    month: date("month", { mode: "string" }).notNull(),
    status: text("status", { enum: periodStatuses }).notNull().default("open"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    /** The chain head when the month was closed: published, so a rewritten chain is caught. */
    closingNumber: integer("closing_number"),
    closingHash: char("closing_hash", { length: 64 }),
  },
  (t) => [
    unique("ledger_periods_station_month_key").on(t.stationId, t.month),
    check("ledger_periods_month_start", sql`extract(day from ${t.month}) = 1`),
    check("ledger_periods_status_valid", sql`${t.status} in ('open', 'closed')`),
    check(
      "ledger_periods_closed_fields",
      sql`(${t.status} = 'open' and ${t.closedAt} is null and ${t.closedBy} is null and ${t.closingNumber} is null and ${t.closingHash} is null)
        or (${t.status} = 'closed' and ${t.closedAt} is not null and ${t.closedBy} is not null and ${t.closingNumber} is not null and ${t.closingHash} is not null)`,
    ),
    check("ledger_periods_closing_hash_format", HASH_FORMAT(t.closingHash)),
  ],
);

export const draftStatuses = ["pending", "approved", "rejected"] as const;

/**
 * A manual (adjusting) journal waiting for a second person. Approval posts it as a journal
 * with source 'adjustment' and both names; a decided draft never changes again (trigger).
 */
export const ledgerJournalDrafts = pgTable(
  "ledger_journal_drafts",
  {
    id: uuid("id").primaryKey(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    draftedBy: uuid("drafted_by")
      .notNull()
      .references(() => users.id),
    draftedAt: timestamp("drafted_at", { withTimezone: true }).notNull().defaultNow(),
    businessDate: date("business_date", { mode: "string" }).notNull(),
    memo: text("memo").notNull(),
    reason: text("reason").notNull(),
    /** [{ accountCode, amount: "12.50", subledger?: { kind, id } }], validated by validateJournal on save. */
    lines: jsonb("lines").notNull(),
    status: text("status", { enum: draftStatuses }).notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    journalId: uuid("journal_id"),
    /** The key of the "new …" page's entry (ADR 018): a form sent twice, or again after Back, makes one row. */
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    unique("ledger_journal_drafts_station_key_key").on(t.stationId, t.idempotencyKey),
    check("ledger_journal_drafts_key_length", sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 8 and 100`),
    foreignKey({
      name: "ledger_journal_drafts_journal_fk",
      columns: [t.journalId, t.stationId],
      foreignColumns: [ledgerJournals.id, ledgerJournals.stationId],
    }),
    index("ledger_journal_drafts_station_idx").on(t.stationId, t.status, t.draftedAt),
    check("ledger_journal_drafts_status_valid", sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check("ledger_journal_drafts_memo_length", sql`char_length(${t.memo}) between 1 and 500`),
    check("ledger_journal_drafts_reason_length", sql`char_length(btrim(${t.reason})) between 1 and 1000`),
    check("ledger_journal_drafts_lines_array", sql`jsonb_typeof(${t.lines}) = 'array'`),
    check("ledger_journal_drafts_two_people", sql`${t.decidedBy} <> ${t.draftedBy}`),
    check(
      "ledger_journal_drafts_decision",
      sql`(${t.status} = 'pending' and ${t.decidedBy} is null and ${t.decidedAt} is null and ${t.journalId} is null)
        or (${t.status} = 'approved' and ${t.decidedBy} is not null and ${t.decidedAt} is not null and ${t.journalId} is not null)
        or (${t.status} = 'rejected' and ${t.decidedBy} is not null and ${t.decidedAt} is not null and ${t.journalId} is null)`,
    ),
  ],
);

CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"code" text NOT NULL,
	"parent_code" text,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"category" text NOT NULL,
	"normal_side" text NOT NULL,
	"subledger_kind" text,
	"postable" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_station_code_key" UNIQUE("station_id","code"),
	CONSTRAINT "ledger_accounts_code_format" CHECK ("ledger_accounts"."code" ~ '^[0-9]{3}([0-9]{2})*$'),
	CONSTRAINT "ledger_accounts_parent_matches_code" CHECK (("ledger_accounts"."parent_code" is null and char_length("ledger_accounts"."code") = 3) or "ledger_accounts"."parent_code" = left("ledger_accounts"."code", char_length("ledger_accounts"."code") - 2)),
	CONSTRAINT "ledger_accounts_category_valid" CHECK ("ledger_accounts"."category" in ('asset', 'liability', 'equity', 'cost', 'income-and-expense')),
	CONSTRAINT "ledger_accounts_normal_side_valid" CHECK ("ledger_accounts"."normal_side" in ('debit', 'credit')),
	CONSTRAINT "ledger_accounts_subledger_kind_valid" CHECK ("ledger_accounts"."subledger_kind" in ('household', 'partner')),
	CONSTRAINT "ledger_accounts_names" CHECK (char_length("ledger_accounts"."name_zh") between 1 and 100 and char_length("ledger_accounts"."name_en") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "ledger_chain_heads" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	"last_hash" char(64) DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	CONSTRAINT "ledger_chain_heads_number" CHECK ("ledger_chain_heads"."last_number" >= 0),
	CONSTRAINT "ledger_chain_heads_hash" CHECK ("ledger_chain_heads"."last_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "ledger_journal_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"drafted_by" uuid NOT NULL,
	"drafted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"business_date" date NOT NULL,
	"memo" text NOT NULL,
	"reason" text NOT NULL,
	"lines" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"journal_id" uuid,
	CONSTRAINT "ledger_journal_drafts_status_valid" CHECK ("ledger_journal_drafts"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "ledger_journal_drafts_memo_length" CHECK (char_length("ledger_journal_drafts"."memo") between 1 and 500),
	CONSTRAINT "ledger_journal_drafts_reason_length" CHECK (char_length(btrim("ledger_journal_drafts"."reason")) between 1 and 1000),
	CONSTRAINT "ledger_journal_drafts_lines_array" CHECK (jsonb_typeof("ledger_journal_drafts"."lines") = 'array'),
	CONSTRAINT "ledger_journal_drafts_two_people" CHECK ("ledger_journal_drafts"."decided_by" <> "ledger_journal_drafts"."drafted_by"),
	CONSTRAINT "ledger_journal_drafts_decision" CHECK (("ledger_journal_drafts"."status" = 'pending' and "ledger_journal_drafts"."decided_by" is null and "ledger_journal_drafts"."decided_at" is null and "ledger_journal_drafts"."journal_id" is null)
        or ("ledger_journal_drafts"."status" = 'approved' and "ledger_journal_drafts"."decided_by" is not null and "ledger_journal_drafts"."decided_at" is not null and "ledger_journal_drafts"."journal_id" is not null)
        or ("ledger_journal_drafts"."status" = 'rejected' and "ledger_journal_drafts"."decided_by" is not null and "ledger_journal_drafts"."decided_at" is not null and "ledger_journal_drafts"."journal_id" is null))
);
--> statement-breakpoint
CREATE TABLE "ledger_journals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"memo" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"currency" char(3) DEFAULT 'CNY' NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"reverses_journal_id" uuid,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_journals_station_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "ledger_journals_station_key_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "ledger_journals_station_prev_hash_key" UNIQUE("station_id","prev_hash"),
	CONSTRAINT "ledger_journals_reverses_key" UNIQUE("reverses_journal_id"),
	CONSTRAINT "ledger_journals_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "ledger_journals_id_station_date_key" UNIQUE("id","station_id","business_date"),
	CONSTRAINT "ledger_journals_number_positive" CHECK ("ledger_journals"."number" >= 1),
	CONSTRAINT "ledger_journals_memo_length" CHECK (char_length("ledger_journals"."memo") between 1 and 500),
	CONSTRAINT "ledger_journals_source_type_valid" CHECK ("ledger_journals"."source_type" in ('sale', 'order', 'payout', 'expense', 'adjustment', 'opening', 'remittance', 'delivery', 'allocation', 'reversal')),
	CONSTRAINT "ledger_journals_source_id_present" CHECK (char_length("ledger_journals"."source_id") between 1 and 200),
	CONSTRAINT "ledger_journals_key_length" CHECK (char_length("ledger_journals"."idempotency_key") between 1 and 200),
	CONSTRAINT "ledger_journals_currency_cny" CHECK ("ledger_journals"."currency" = 'CNY'),
	CONSTRAINT "ledger_journals_two_people" CHECK ("ledger_journals"."approved_by" <> "ledger_journals"."created_by"),
	CONSTRAINT "ledger_journals_adjustment_approved" CHECK ("ledger_journals"."source_type" <> 'adjustment' or "ledger_journals"."approved_by" is not null),
	CONSTRAINT "ledger_journals_reversal_link" CHECK (("ledger_journals"."source_type" = 'reversal') = ("ledger_journals"."reverses_journal_id" is not null)
        and ("ledger_journals"."reverses_journal_id" is null or "ledger_journals"."source_id" = "ledger_journals"."reverses_journal_id"::text)),
	CONSTRAINT "ledger_journals_prev_hash_format" CHECK ("ledger_journals"."prev_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "ledger_journals_hash_format" CHECK ("ledger_journals"."hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "ledger_month_totals" (
	"station_id" uuid NOT NULL,
	"account_code" text NOT NULL,
	"month" date NOT NULL,
	"debit" numeric(20, 2) NOT NULL,
	"credit" numeric(20, 2) NOT NULL,
	CONSTRAINT "ledger_month_totals_pkey" PRIMARY KEY("station_id","account_code","month"),
	CONSTRAINT "ledger_month_totals_month_start" CHECK (extract(day from "ledger_month_totals"."month") = 1),
	CONSTRAINT "ledger_month_totals_nonnegative" CHECK ("ledger_month_totals"."debit" >= 0 and "ledger_month_totals"."credit" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closing_number" integer,
	"closing_hash" char(64),
	CONSTRAINT "ledger_periods_station_month_key" UNIQUE("station_id","month"),
	CONSTRAINT "ledger_periods_month_start" CHECK (extract(day from "ledger_periods"."month") = 1),
	CONSTRAINT "ledger_periods_status_valid" CHECK ("ledger_periods"."status" in ('open', 'closed')),
	CONSTRAINT "ledger_periods_closed_fields" CHECK (("ledger_periods"."status" = 'open' and "ledger_periods"."closed_at" is null and "ledger_periods"."closed_by" is null and "ledger_periods"."closing_number" is null and "ledger_periods"."closing_hash" is null)
        or ("ledger_periods"."status" = 'closed' and "ledger_periods"."closed_at" is not null and "ledger_periods"."closed_by" is not null and "ledger_periods"."closing_number" is not null and "ledger_periods"."closing_hash" is not null)),
	CONSTRAINT "ledger_periods_closing_hash_format" CHECK ("ledger_periods"."closing_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_postings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journal_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"account_code" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"subledger_kind" text,
	"household_id" uuid,
	"partner_id" uuid,
	CONSTRAINT "ledger_postings_amount_nonzero" CHECK ("ledger_postings"."amount" <> 0),
	CONSTRAINT "ledger_postings_subledger_shape" CHECK (("ledger_postings"."subledger_kind" is null and "ledger_postings"."household_id" is null and "ledger_postings"."partner_id" is null)
        or ("ledger_postings"."subledger_kind" = 'household' and "ledger_postings"."household_id" is not null and "ledger_postings"."partner_id" is null)
        or ("ledger_postings"."subledger_kind" = 'partner' and "ledger_postings"."partner_id" is not null and "ledger_postings"."household_id" is null))
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_parent_fk" FOREIGN KEY ("station_id","parent_code") REFERENCES "public"."ledger_accounts"("station_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_chain_heads" ADD CONSTRAINT "ledger_chain_heads_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_drafted_by_users_id_fk" FOREIGN KEY ("drafted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_reverses_fk" FOREIGN KEY ("reverses_journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_month_totals" ADD CONSTRAINT "ledger_month_totals_account_fk" FOREIGN KEY ("station_id","account_code") REFERENCES "public"."ledger_accounts"("station_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_periods" ADD CONSTRAINT "ledger_periods_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_periods" ADD CONSTRAINT "ledger_periods_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_journal_fk" FOREIGN KEY ("journal_id","station_id","business_date") REFERENCES "public"."ledger_journals"("id","station_id","business_date") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_account_fk" FOREIGN KEY ("station_id","account_code") REFERENCES "public"."ledger_accounts"("station_id","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_journal_drafts_station_idx" ON "ledger_journal_drafts" USING btree ("station_id","status","drafted_at");--> statement-breakpoint
CREATE INDEX "ledger_postings_journal_idx" ON "ledger_postings" USING btree ("journal_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_household_idx" ON "ledger_postings" USING btree ("household_id") WHERE "ledger_postings"."household_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_postings_partner_idx" ON "ledger_postings" USING btree ("partner_id") WHERE "ledger_postings"."partner_id" is not null;
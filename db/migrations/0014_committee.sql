CREATE TABLE "keeper_pay_formulas" (
	"county_id" uuid PRIMARY KEY NOT NULL,
	"base" numeric(14, 2) NOT NULL,
	"per_household" numeric(14, 2) NOT NULL,
	"commission_share" numeric(6, 4) NOT NULL,
	"cap" numeric(14, 2) NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keeper_pay_formulas_nonnegative" CHECK ("keeper_pay_formulas"."base" >= 0 and "keeper_pay_formulas"."per_household" >= 0 and "keeper_pay_formulas"."cap" >= 0),
	CONSTRAINT "keeper_pay_formulas_share_range" CHECK ("keeper_pay_formulas"."commission_share" >= 0 and "keeper_pay_formulas"."commission_share" <= 1)
);
--> statement-breakpoint
CREATE TABLE "period_closes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"period" date NOT NULL,
	"revision" integer NOT NULL,
	"status" text DEFAULT 'prepared' NOT NULL,
	"rate" numeric(6, 4) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	"allocation" numeric(14, 2) NOT NULL,
	"figures" jsonb NOT NULL,
	"prepared_by" uuid NOT NULL,
	"prepared_at" timestamp with time zone DEFAULT now() NOT NULL,
	"allocation_journal_id" uuid,
	"closing_number" integer,
	"closing_hash" char(64),
	"seal" char(64),
	"sealed_at" timestamp with time zone,
	"reopened_by" uuid,
	"reopened_at" timestamp with time zone,
	"reopen_reason" text,
	CONSTRAINT "period_closes_station_period_revision_key" UNIQUE("station_id","period","revision"),
	CONSTRAINT "period_closes_month_start" CHECK (extract(day from "period_closes"."period") = 1),
	CONSTRAINT "period_closes_status_valid" CHECK ("period_closes"."status" in ('prepared', 'sealed', 'reopened', 'superseded')),
	CONSTRAINT "period_closes_revision_positive" CHECK ("period_closes"."revision" >= 1),
	CONSTRAINT "period_closes_rate_range" CHECK ("period_closes"."rate" >= 0 and "period_closes"."rate" <= 1),
	CONSTRAINT "period_closes_allocation" CHECK ("period_closes"."allocation" >= 0),
	CONSTRAINT "period_closes_sealed_fields" CHECK (("period_closes"."sealed_at" is null and "period_closes"."seal" is null and "period_closes"."closing_hash" is null and "period_closes"."closing_number" is null and "period_closes"."status" in ('prepared', 'superseded'))
        or ("period_closes"."sealed_at" is not null and "period_closes"."seal" ~ '^[0-9a-f]{64}$' and "period_closes"."closing_hash" ~ '^[0-9a-f]{64}$' and "period_closes"."closing_number" >= 0 and "period_closes"."status" in ('sealed', 'reopened'))),
	CONSTRAINT "period_closes_reopen_fields" CHECK (("period_closes"."status" = 'reopened') = ("period_closes"."reopened_by" is not null and "period_closes"."reopened_at" is not null and length(btrim(coalesce("period_closes"."reopen_reason", ''))) >= 2))
);
--> statement-breakpoint
CREATE TABLE "period_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"close_id" uuid NOT NULL,
	"role" text NOT NULL,
	"user_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "period_signatures_close_role_key" UNIQUE("close_id","role"),
	CONSTRAINT "period_signatures_close_user_key" UNIQUE("close_id","user_id"),
	CONSTRAINT "period_signatures_role_valid" CHECK ("period_signatures"."role" in ('operator', 'overseer'))
);
--> statement-breakpoint
CREATE TABLE "upkeep_budgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upkeep_budgets_station_year_kind_key" UNIQUE("station_id","year","kind"),
	CONSTRAINT "upkeep_budgets_kind_valid" CHECK ("upkeep_budgets"."kind" in ('equipment', 'electricity', 'internet', 'repairs', 'keeperPay', 'other')),
	CONSTRAINT "upkeep_budgets_amount_nonnegative" CHECK ("upkeep_budgets"."amount" >= 0),
	CONSTRAINT "upkeep_budgets_year_range" CHECK ("upkeep_budgets"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "upkeep_expenses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"business_date" date NOT NULL,
	"paid_from" text NOT NULL,
	"payee" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"receipt_hash" char(64) NOT NULL,
	"status" text NOT NULL,
	"over_reserve" numeric(14, 2) DEFAULT '0' NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"journal_id" uuid,
	"request_key" text NOT NULL,
	CONSTRAINT "upkeep_expenses_request_key" UNIQUE("station_id","request_key"),
	CONSTRAINT "upkeep_expenses_kind_valid" CHECK ("upkeep_expenses"."kind" in ('equipment', 'electricity', 'internet', 'repairs', 'keeperPay', 'other')),
	CONSTRAINT "upkeep_expenses_status_valid" CHECK ("upkeep_expenses"."status" in ('awaiting_approval', 'posted', 'rejected')),
	CONSTRAINT "upkeep_expenses_amount_positive" CHECK ("upkeep_expenses"."amount" > 0),
	CONSTRAINT "upkeep_expenses_over_reserve_range" CHECK ("upkeep_expenses"."over_reserve" >= 0 and "upkeep_expenses"."over_reserve" <= "upkeep_expenses"."amount"),
	CONSTRAINT "upkeep_expenses_payee" CHECK (length(btrim("upkeep_expenses"."payee")) between 1 and 100),
	CONSTRAINT "upkeep_expenses_decision" CHECK (("upkeep_expenses"."status" = 'awaiting_approval' and "upkeep_expenses"."decided_by" is null and "upkeep_expenses"."journal_id" is null and "upkeep_expenses"."over_reserve" > 0)
        or ("upkeep_expenses"."status" = 'posted' and "upkeep_expenses"."journal_id" is not null and ("upkeep_expenses"."over_reserve" = 0 or "upkeep_expenses"."decided_by" is not null))
        or ("upkeep_expenses"."status" = 'rejected' and "upkeep_expenses"."decided_by" is not null and "upkeep_expenses"."journal_id" is null)),
	CONSTRAINT "upkeep_expenses_two_people" CHECK ("upkeep_expenses"."decided_by" is null or "upkeep_expenses"."decided_by" <> "upkeep_expenses"."recorded_by")
);
--> statement-breakpoint
CREATE TABLE "upkeep_receipts" (
	"hash" char(64) PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upkeep_receipts_hash_format" CHECK ("upkeep_receipts"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "upkeep_receipts_type" CHECK ("upkeep_receipts"."content_type" in ('image/jpeg')),
	CONSTRAINT "upkeep_receipts_size" CHECK (octet_length("upkeep_receipts"."bytes") between 1 and 4194304)
);
--> statement-breakpoint
CREATE TABLE "upkeep_rules" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"rate" numeric(6, 4) NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "upkeep_rules_rate_range" CHECK ("upkeep_rules"."rate" >= 0 and "upkeep_rules"."rate" <= 1)
);
--> statement-breakpoint
ALTER TABLE "keeper_pay_formulas" ADD CONSTRAINT "keeper_pay_formulas_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keeper_pay_formulas" ADD CONSTRAINT "keeper_pay_formulas_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_closes" ADD CONSTRAINT "period_closes_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_closes" ADD CONSTRAINT "period_closes_prepared_by_users_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_closes" ADD CONSTRAINT "period_closes_allocation_journal_id_ledger_journals_id_fk" FOREIGN KEY ("allocation_journal_id") REFERENCES "public"."ledger_journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_closes" ADD CONSTRAINT "period_closes_reopened_by_users_id_fk" FOREIGN KEY ("reopened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_signatures" ADD CONSTRAINT "period_signatures_close_id_period_closes_id_fk" FOREIGN KEY ("close_id") REFERENCES "public"."period_closes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_signatures" ADD CONSTRAINT "period_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_budgets" ADD CONSTRAINT "upkeep_budgets_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_budgets" ADD CONSTRAINT "upkeep_budgets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_expenses" ADD CONSTRAINT "upkeep_expenses_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_expenses" ADD CONSTRAINT "upkeep_expenses_receipt_hash_upkeep_receipts_hash_fk" FOREIGN KEY ("receipt_hash") REFERENCES "public"."upkeep_receipts"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_expenses" ADD CONSTRAINT "upkeep_expenses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_expenses" ADD CONSTRAINT "upkeep_expenses_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_expenses" ADD CONSTRAINT "upkeep_expenses_journal_id_ledger_journals_id_fk" FOREIGN KEY ("journal_id") REFERENCES "public"."ledger_journals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_receipts" ADD CONSTRAINT "upkeep_receipts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_receipts" ADD CONSTRAINT "upkeep_receipts_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_rules" ADD CONSTRAINT "upkeep_rules_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upkeep_rules" ADD CONSTRAINT "upkeep_rules_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "period_closes_one_live" ON "period_closes" USING btree ("station_id","period") WHERE status in ('prepared', 'sealed');--> statement-breakpoint
CREATE INDEX "period_closes_station_idx" ON "period_closes" USING btree ("station_id","period");--> statement-breakpoint
CREATE INDEX "upkeep_expenses_station_date_idx" ON "upkeep_expenses" USING btree ("station_id","business_date");
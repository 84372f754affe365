CREATE TABLE "cash_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opening_float" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"expected" numeric(14, 2),
	"counted" numeric(14, 2),
	"denominations" jsonb,
	"note" text DEFAULT '' NOT NULL,
	"journal_id" uuid,
	CONSTRAINT "cash_sessions_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "cash_sessions_status_valid" CHECK ("cash_sessions"."status" in ('open', 'closed')),
	CONSTRAINT "cash_sessions_float_nonnegative" CHECK ("cash_sessions"."opening_float" >= 0),
	CONSTRAINT "cash_sessions_closed_shape" CHECK (("cash_sessions"."status" = 'open' and "cash_sessions"."closed_at" is null and "cash_sessions"."counted" is null)
       or ("cash_sessions"."status" = 'closed' and "cash_sessions"."closed_at" is not null and "cash_sessions"."closed_by" is not null and "cash_sessions"."counted" >= 0 and "cash_sessions"."expected" is not null
           and ("cash_sessions"."counted" = "cash_sessions"."expected" or "cash_sessions"."journal_id" is not null))),
	CONSTRAINT "cash_sessions_note_length" CHECK (char_length("cash_sessions"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "sale_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sale_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	"commission_rate" numeric(6, 4) NOT NULL,
	"owner_kind" text NOT NULL,
	"household_id" uuid,
	"partner_id" uuid,
	CONSTRAINT "sale_lines_sale_line_key" UNIQUE("sale_id","line_no"),
	CONSTRAINT "sale_lines_quantity_positive" CHECK ("sale_lines"."quantity" > 0),
	CONSTRAINT "sale_lines_amount_split" CHECK ("sale_lines"."amount" > 0 and "sale_lines"."commission" >= 0 and "sale_lines"."commission" <= "sale_lines"."amount"),
	CONSTRAINT "sale_lines_owner_shape" CHECK (("sale_lines"."owner_kind" = 'household' and "sale_lines"."household_id" is not null) or ("sale_lines"."owner_kind" = 'partner' and "sale_lines"."partner_id" is not null)
       or ("sale_lines"."owner_kind" = 'collective' and "sale_lines"."commission" = 0))
);
--> statement-breakpoint
CREATE TABLE "sale_return_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"return_id" uuid NOT NULL,
	"sale_line_id" uuid NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	CONSTRAINT "sale_return_lines_positive" CHECK ("sale_return_lines"."quantity" > 0 and "sale_return_lines"."amount" > 0 and "sale_return_lines"."commission" >= 0 and "sale_return_lines"."commission" <= "sale_return_lines"."amount")
);
--> statement-breakpoint
CREATE TABLE "sale_returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sale_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"business_date" date NOT NULL,
	"returned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"reason" text NOT NULL,
	"cash_session_id" uuid,
	"created_by" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"journal_id" uuid NOT NULL,
	CONSTRAINT "sale_returns_station_key_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "sale_returns_kind_valid" CHECK ("sale_returns"."kind" in ('void', 'refund')),
	CONSTRAINT "sale_returns_amount_positive" CHECK ("sale_returns"."amount" > 0),
	CONSTRAINT "sale_returns_reason_length" CHECK (char_length("sale_returns"."reason") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "sales" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"sold_at" timestamp with time zone DEFAULT now() NOT NULL,
	"operator_id" uuid NOT NULL,
	"payment" text NOT NULL,
	"payment_reference" text DEFAULT '' NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"tendered" numeric(14, 2),
	"cash_session_id" uuid,
	"idempotency_key" text NOT NULL,
	"public_token" text NOT NULL,
	"journal_id" uuid NOT NULL,
	CONSTRAINT "sales_station_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "sales_station_key_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "sales_public_token_key" UNIQUE("public_token"),
	CONSTRAINT "sales_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "sales_number_positive" CHECK ("sales"."number" >= 1),
	CONSTRAINT "sales_total_positive" CHECK ("sales"."total" > 0),
	CONSTRAINT "sales_payment_valid" CHECK ("sales"."payment" in ('cash', 'mobile')),
	CONSTRAINT "sales_payment_shape" CHECK (("sales"."payment" = 'cash' and "sales"."cash_session_id" is not null and "sales"."tendered" is not null and "sales"."tendered" >= "sales"."total")
       or ("sales"."payment" = 'mobile' and "sales"."tendered" is null and char_length("sales"."payment_reference") between 1 and 64))
);
--> statement-breakpoint
CREATE TABLE "household_payouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"method" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"cash_session_id" uuid,
	"paid_by" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"journal_id" uuid NOT NULL,
	CONSTRAINT "household_payouts_station_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "household_payouts_station_key_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "household_payouts_amount_positive" CHECK ("household_payouts"."amount" > 0),
	CONSTRAINT "household_payouts_method_valid" CHECK ("household_payouts"."method" in ('cash', 'bank', 'mobile')),
	CONSTRAINT "household_payouts_method_shape" CHECK (("household_payouts"."method" = 'cash' and "household_payouts"."cash_session_id" is not null) or ("household_payouts"."method" <> 'cash' and char_length("household_payouts"."reference") between 1 and 64))
);
--> statement-breakpoint
ALTER TABLE "ledger_journals" DROP CONSTRAINT "ledger_journals_source_type_valid";--> statement-breakpoint
ALTER TABLE "cash_sessions" ADD CONSTRAINT "cash_sessions_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_sessions" ADD CONSTRAINT "cash_sessions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_sessions" ADD CONSTRAINT "cash_sessions_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_sale_fk" FOREIGN KEY ("sale_id","station_id") REFERENCES "public"."sales"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_lines" ADD CONSTRAINT "sale_lines_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_return_lines" ADD CONSTRAINT "sale_return_lines_return_id_sale_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."sale_returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_return_lines" ADD CONSTRAINT "sale_return_lines_sale_line_id_sale_lines_id_fk" FOREIGN KEY ("sale_line_id") REFERENCES "public"."sale_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_returns" ADD CONSTRAINT "sale_returns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_returns" ADD CONSTRAINT "sale_returns_sale_fk" FOREIGN KEY ("sale_id","station_id") REFERENCES "public"."sales"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sale_returns" ADD CONSTRAINT "sale_returns_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales" ADD CONSTRAINT "sales_session_fk" FOREIGN KEY ("cash_session_id","station_id") REFERENCES "public"."cash_sessions"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_payouts" ADD CONSTRAINT "household_payouts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_payouts" ADD CONSTRAINT "household_payouts_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_payouts" ADD CONSTRAINT "household_payouts_household_fk" FOREIGN KEY ("household_id","station_id") REFERENCES "public"."households"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_payouts" ADD CONSTRAINT "household_payouts_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_payouts" ADD CONSTRAINT "household_payouts_session_fk" FOREIGN KEY ("cash_session_id","station_id") REFERENCES "public"."cash_sessions"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_sessions_one_open" ON "cash_sessions" USING btree ("station_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "cash_sessions_station_idx" ON "cash_sessions" USING btree ("station_id","opened_at");--> statement-breakpoint
CREATE INDEX "sale_lines_household_idx" ON "sale_lines" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "sale_return_lines_line_idx" ON "sale_return_lines" USING btree ("sale_line_id");--> statement-breakpoint
CREATE INDEX "sale_returns_sale_idx" ON "sale_returns" USING btree ("sale_id");--> statement-breakpoint
CREATE INDEX "sales_station_date_idx" ON "sales" USING btree ("station_id","business_date");--> statement-breakpoint
CREATE INDEX "household_payouts_household_idx" ON "household_payouts" USING btree ("household_id");--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_source_type_valid" CHECK ("ledger_journals"."source_type" in ('sale', 'order', 'payout', 'expense', 'adjustment', 'opening', 'remittance', 'delivery', 'allocation', 'reversal', 'cash_count'));
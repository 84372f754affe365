CREATE TABLE "bulk_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"due_date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	"request_key" text NOT NULL,
	"journal_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_deliveries_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "bulk_deliveries_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "bulk_deliveries_request_key" UNIQUE("station_id","request_key"),
	CONSTRAINT "bulk_deliveries_amounts" CHECK ("bulk_deliveries"."amount" > 0 and "bulk_deliveries"."commission" >= 0 and "bulk_deliveries"."commission" <= "bulk_deliveries"."amount"),
	CONSTRAINT "bulk_deliveries_due_after" CHECK ("bulk_deliveries"."due_date" >= "bulk_deliveries"."business_date"),
	CONSTRAINT "bulk_deliveries_request_key_length" CHECK (char_length("bulk_deliveries"."request_key") between 8 and 100)
);
--> statement-breakpoint
CREATE TABLE "bulk_delivery_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"commission" numeric(14, 2) NOT NULL,
	"household_share" numeric(14, 2) NOT NULL,
	CONSTRAINT "bulk_delivery_lines_product_key" UNIQUE("delivery_id","order_line_id","product_id"),
	CONSTRAINT "bulk_delivery_lines_quantity_positive" CHECK ("bulk_delivery_lines"."quantity" > 0),
	CONSTRAINT "bulk_delivery_lines_split" CHECK ("bulk_delivery_lines"."amount" >= 0 and "bulk_delivery_lines"."commission" >= 0 and "bulk_delivery_lines"."household_share" >= 0 and "bulk_delivery_lines"."commission" + "bulk_delivery_lines"."household_share" = "bulk_delivery_lines"."amount")
);
--> statement-breakpoint
CREATE TABLE "bulk_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"produce_key" text NOT NULL,
	"name_zh" text NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	"delivered_quantity" numeric(14, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "bulk_order_lines_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "bulk_order_lines_line_key" UNIQUE("order_id","line_no"),
	CONSTRAINT "bulk_order_lines_produce_key" UNIQUE("order_id","produce_key"),
	CONSTRAINT "bulk_order_lines_quantity_positive" CHECK ("bulk_order_lines"."quantity" > 0),
	CONSTRAINT "bulk_order_lines_price_positive" CHECK ("bulk_order_lines"."unit_price" > 0),
	CONSTRAINT "bulk_order_lines_delivered_range" CHECK ("bulk_order_lines"."delivered_quantity" >= 0 and "bulk_order_lines"."delivered_quantity" <= "bulk_order_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "bulk_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'placed' NOT NULL,
	"delivery_date" date NOT NULL,
	"commission_rate" numeric(6, 4) NOT NULL,
	"payment_terms_days" integer NOT NULL,
	"request_key" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"ended_by" uuid,
	"ended_at" timestamp with time zone,
	"end_reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "bulk_orders_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "bulk_orders_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "bulk_orders_request_key" UNIQUE("partner_id","request_key"),
	CONSTRAINT "bulk_orders_status_valid" CHECK ("bulk_orders"."status" in ('placed', 'confirmed', 'delivered', 'closed', 'cancelled')),
	CONSTRAINT "bulk_orders_number_positive" CHECK ("bulk_orders"."number" > 0),
	CONSTRAINT "bulk_orders_rate_range" CHECK ("bulk_orders"."commission_rate" between 0 and 1),
	CONSTRAINT "bulk_orders_days_range" CHECK ("bulk_orders"."payment_terms_days" between 0 and 365),
	CONSTRAINT "bulk_orders_request_key_length" CHECK (char_length("bulk_orders"."request_key") between 1 and 200),
	CONSTRAINT "bulk_orders_confirmed_shape" CHECK ("bulk_orders"."status" = 'placed' or "bulk_orders"."status" = 'cancelled' or "bulk_orders"."confirmed_at" is not null),
	CONSTRAINT "bulk_orders_end_reason_length" CHECK (char_length("bulk_orders"."end_reason") <= 200)
);
--> statement-breakpoint
CREATE TABLE "partner_consignment_note_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"note_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(14, 3) NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	CONSTRAINT "partner_consignment_note_lines_key" UNIQUE("note_id","line_no"),
	CONSTRAINT "partner_consignment_note_lines_quantity_positive" CHECK ("partner_consignment_note_lines"."quantity" > 0),
	CONSTRAINT "partner_consignment_note_lines_price_nonnegative" CHECK ("partner_consignment_note_lines"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "partner_consignment_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"business_date" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"request_key" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_consignment_notes_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "partner_consignment_notes_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "partner_consignment_notes_request_key" UNIQUE("station_id","request_key"),
	CONSTRAINT "partner_consignment_notes_kind_valid" CHECK ("partner_consignment_notes"."kind" in ('received', 'returned')),
	CONSTRAINT "partner_consignment_notes_number_positive" CHECK ("partner_consignment_notes"."number" > 0),
	CONSTRAINT "partner_consignment_notes_request_key_length" CHECK (char_length("partner_consignment_notes"."request_key") between 8 and 100),
	CONSTRAINT "partner_consignment_notes_note_length" CHECK (char_length("partner_consignment_notes"."note") <= 200)
);
--> statement-breakpoint
CREATE TABLE "partner_agreed_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"terms_id" uuid NOT NULL,
	"produce_key" text NOT NULL,
	"unit" text NOT NULL,
	"unit_price" numeric(14, 2) NOT NULL,
	CONSTRAINT "partner_agreed_prices_key" UNIQUE("terms_id","produce_key"),
	CONSTRAINT "partner_agreed_prices_price_positive" CHECK ("partner_agreed_prices"."unit_price" > 0),
	CONSTRAINT "partner_agreed_prices_key_length" CHECK (char_length("partner_agreed_prices"."produce_key") between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "partner_companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"address_zh" text DEFAULT '' NOT NULL,
	"bank_account" text DEFAULT '' NOT NULL,
	"bank_name" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_companies_county_name_key" UNIQUE("county_id","name_zh"),
	CONSTRAINT "partner_companies_name_length" CHECK (char_length("partner_companies"."name_zh") between 1 and 60 and char_length("partner_companies"."name_en") <= 100),
	CONSTRAINT "partner_companies_kind_valid" CHECK ("partner_companies"."kind" in ('processor', 'input_supplier', 'retail_chain', 'cooperative', 'logistics')),
	CONSTRAINT "partner_companies_mode_valid" CHECK ("partner_companies"."mode" in ('village_enterprise', 'village_cooperative', 'village_merchant')),
	CONSTRAINT "partner_companies_status_valid" CHECK ("partner_companies"."status" in ('active', 'inactive')),
	CONSTRAINT "partner_companies_phone_format" CHECK ("partner_companies"."contact_phone" = '' or "partner_companies"."contact_phone" ~ '^[0-9+ -]{5,20}$'),
	CONSTRAINT "partner_companies_bank_account_format" CHECK ("partner_companies"."bank_account" = '' or "partner_companies"."bank_account" ~ '^[0-9]{12,19}$'),
	CONSTRAINT "partner_companies_text_length" CHECK (char_length("partner_companies"."contact_name") <= 40 and char_length("partner_companies"."address_zh") <= 200 and char_length("partner_companies"."bank_name") <= 60)
);
--> statement-breakpoint
CREATE TABLE "partner_payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"journal_id" uuid NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_payments_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "partner_payments_idempotency_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "partner_payments_amount_positive" CHECK ("partner_payments"."amount" > 0),
	CONSTRAINT "partner_payments_method_valid" CHECK ("partner_payments"."method" in ('bank')),
	CONSTRAINT "partner_payments_reference_given" CHECK (char_length(btrim("partner_payments"."reference")) between 1 and 64)
);
--> statement-breakpoint
CREATE TABLE "partner_remittances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"station_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"business_date" date NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"method" text NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"journal_id" uuid NOT NULL,
	"paid_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_remittances_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "partner_remittances_idempotency_key" UNIQUE("station_id","idempotency_key"),
	CONSTRAINT "partner_remittances_amount_positive" CHECK ("partner_remittances"."amount" > 0),
	CONSTRAINT "partner_remittances_method_valid" CHECK ("partner_remittances"."method" in ('bank')),
	CONSTRAINT "partner_remittances_reference_given" CHECK (char_length(btrim("partner_remittances"."reference")) between 1 and 64)
);
--> statement-breakpoint
CREATE TABLE "partner_station_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"commission_rate" numeric(6, 4) NOT NULL,
	"payment_terms_days" integer NOT NULL,
	"remittance_schedule" text NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_station_terms_key" UNIQUE("partner_id","station_id"),
	CONSTRAINT "partner_station_terms_rate_range" CHECK ("partner_station_terms"."commission_rate" between 0 and 1),
	CONSTRAINT "partner_station_terms_days_range" CHECK ("partner_station_terms"."payment_terms_days" between 0 and 365),
	CONSTRAINT "partner_station_terms_schedule_valid" CHECK ("partner_station_terms"."remittance_schedule" in ('weekly', 'biweekly', 'monthly', 'on_request'))
);
--> statement-breakpoint
ALTER TABLE "partner_api_idempotency" ALTER COLUMN "response_status" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "partner_api_idempotency" ALTER COLUMN "response_body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bulk_deliveries" ADD CONSTRAINT "bulk_deliveries_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_deliveries" ADD CONSTRAINT "bulk_deliveries_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_deliveries" ADD CONSTRAINT "bulk_deliveries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_deliveries" ADD CONSTRAINT "bulk_deliveries_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."bulk_orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_deliveries" ADD CONSTRAINT "bulk_deliveries_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_delivery_lines" ADD CONSTRAINT "bulk_delivery_lines_delivery_fk" FOREIGN KEY ("delivery_id","station_id") REFERENCES "public"."bulk_deliveries"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_delivery_lines" ADD CONSTRAINT "bulk_delivery_lines_order_line_fk" FOREIGN KEY ("order_line_id","station_id") REFERENCES "public"."bulk_order_lines"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_delivery_lines" ADD CONSTRAINT "bulk_delivery_lines_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_delivery_lines" ADD CONSTRAINT "bulk_delivery_lines_household_fk" FOREIGN KEY ("household_id","station_id") REFERENCES "public"."households"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_order_lines" ADD CONSTRAINT "bulk_order_lines_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."bulk_orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_orders" ADD CONSTRAINT "bulk_orders_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_orders" ADD CONSTRAINT "bulk_orders_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_orders" ADD CONSTRAINT "bulk_orders_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_orders" ADD CONSTRAINT "bulk_orders_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_orders" ADD CONSTRAINT "bulk_orders_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consignment_note_lines" ADD CONSTRAINT "partner_consignment_note_lines_note_fk" FOREIGN KEY ("note_id","station_id") REFERENCES "public"."partner_consignment_notes"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consignment_note_lines" ADD CONSTRAINT "partner_consignment_note_lines_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" ADD CONSTRAINT "partner_consignment_notes_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" ADD CONSTRAINT "partner_consignment_notes_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" ADD CONSTRAINT "partner_consignment_notes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_agreed_prices" ADD CONSTRAINT "partner_agreed_prices_terms_id_partner_station_terms_id_fk" FOREIGN KEY ("terms_id") REFERENCES "public"."partner_station_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_companies" ADD CONSTRAINT "partner_companies_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_companies" ADD CONSTRAINT "partner_companies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payments" ADD CONSTRAINT "partner_payments_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payments" ADD CONSTRAINT "partner_payments_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payments" ADD CONSTRAINT "partner_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payments" ADD CONSTRAINT "partner_payments_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."bulk_orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_payments" ADD CONSTRAINT "partner_payments_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_remittances" ADD CONSTRAINT "partner_remittances_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_remittances" ADD CONSTRAINT "partner_remittances_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_remittances" ADD CONSTRAINT "partner_remittances_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_remittances" ADD CONSTRAINT "partner_remittances_journal_fk" FOREIGN KEY ("journal_id","station_id") REFERENCES "public"."ledger_journals"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_station_terms" ADD CONSTRAINT "partner_station_terms_partner_id_partner_companies_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_station_terms" ADD CONSTRAINT "partner_station_terms_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_station_terms" ADD CONSTRAINT "partner_station_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_deliveries_partner_idx" ON "bulk_deliveries" USING btree ("partner_id","business_date");--> statement-breakpoint
CREATE INDEX "bulk_deliveries_order_idx" ON "bulk_deliveries" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "bulk_delivery_lines_household_idx" ON "bulk_delivery_lines" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "bulk_orders_partner_idx" ON "bulk_orders" USING btree ("partner_id","placed_at");--> statement-breakpoint
CREATE INDEX "partner_consignment_notes_partner_idx" ON "partner_consignment_notes" USING btree ("partner_id","business_date");--> statement-breakpoint
CREATE INDEX "partner_payments_partner_idx" ON "partner_payments" USING btree ("partner_id","business_date");--> statement-breakpoint
CREATE INDEX "partner_remittances_partner_idx" ON "partner_remittances" USING btree ("partner_id","business_date");--> statement-breakpoint
CREATE INDEX "partner_station_terms_station_idx" ON "partner_station_terms" USING btree ("station_id");
CREATE TABLE "checkouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"request_key" text NOT NULL,
	"buyer_user_id" uuid,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"fulfilment" text NOT NULL,
	"delivery_address" text,
	"payment" text NOT NULL,
	"status" text NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"expires_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payment_intent_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkouts_token_format" CHECK ("checkouts"."token" ~ '^[A-Za-z0-9_-]{22,64}$'),
	CONSTRAINT "checkouts_request_key_length" CHECK (char_length("checkouts"."request_key") between 8 and 100),
	CONSTRAINT "checkouts_status_valid" CHECK ("checkouts"."status" in ('pending_payment', 'paid', 'placed', 'cancelled', 'expired')),
	CONSTRAINT "checkouts_payment_valid" CHECK ("checkouts"."payment" in ('online', 'at_pickup')),
	CONSTRAINT "checkouts_fulfilment_valid" CHECK ("checkouts"."fulfilment" in ('pickup', 'delivery')),
	CONSTRAINT "checkouts_total_nonnegative" CHECK ("checkouts"."total" >= 0),
	CONSTRAINT "checkouts_contact" CHECK (char_length("checkouts"."contact_name") between 1 and 60 and "checkouts"."contact_phone" ~ '^1[3-9][0-9]{9}$'),
	CONSTRAINT "checkouts_address_shape" CHECK (("checkouts"."fulfilment" = 'delivery') = ("checkouts"."delivery_address" is not null and char_length("checkouts"."delivery_address") between 5 and 200)),
	CONSTRAINT "checkouts_status_shape" CHECK (("checkouts"."payment" = 'online') = ("checkouts"."status" <> 'placed')),
	CONSTRAINT "checkouts_paid_shape" CHECK ("checkouts"."status" <> 'paid' or "checkouts"."paid_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"template_key" text NOT NULL,
	"vars" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notifications_channel_valid" CHECK ("notifications"."channel" in ('email', 'page')),
	CONSTRAINT "notifications_status_valid" CHECK ("notifications"."status" in ('pending', 'sent', 'failed')),
	CONSTRAINT "notifications_sent_shape" CHECK (("notifications"."status" = 'sent') = ("notifications"."sent_at" is not null)),
	CONSTRAINT "notifications_template_format" CHECK ("notifications"."template_key" ~ '^[a-z][a-z0-9_.]{2,80}$')
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_user_id" uuid,
	"request_key" text NOT NULL,
	"journal_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_events_event_valid" CHECK ("order_events"."event" in ('place', 'pay', 'pack', 'ready', 'ship', 'handover', 'complete', 'cancel', 'expire', 'refund')),
	CONSTRAINT "order_events_actor_valid" CHECK ("order_events"."actor_kind" in ('buyer', 'station', 'system')),
	CONSTRAINT "order_events_request_key_length" CHECK (char_length("order_events"."request_key") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
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
	CONSTRAINT "order_lines_order_line_key" UNIQUE("order_id","line_no"),
	CONSTRAINT "order_lines_order_product_key" UNIQUE("order_id","product_id"),
	CONSTRAINT "order_lines_quantity_positive" CHECK ("order_lines"."quantity" > 0),
	CONSTRAINT "order_lines_amount_split" CHECK ("order_lines"."amount" > 0 and "order_lines"."unit_price" > 0 and "order_lines"."commission" >= 0 and "order_lines"."commission" <= "order_lines"."amount"),
	CONSTRAINT "order_lines_owner_shape" CHECK (("order_lines"."owner_kind" = 'household' and "order_lines"."household_id" is not null) or ("order_lines"."owner_kind" = 'partner' and "order_lines"."partner_id" is not null)
       or ("order_lines"."owner_kind" = 'collective' and "order_lines"."commission" = 0))
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"checkout_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"payment" text NOT NULL,
	"fulfilment" text NOT NULL,
	"goods_total" numeric(14, 2) NOT NULL,
	"delivery_fee" numeric(14, 2) DEFAULT '0' NOT NULL,
	"total" numeric(14, 2) NOT NULL,
	"refunded_amount" numeric(14, 2) DEFAULT '0' NOT NULL,
	"pickup_code" text NOT NULL,
	"paid_with" text,
	"cash_session_id" uuid,
	"tracking_number" text,
	"cancel_reason" text,
	"cancelled_by" text,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"packed_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_station_number_key" UNIQUE("station_id","number"),
	CONSTRAINT "orders_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "orders_number_positive" CHECK ("orders"."number" >= 1),
	CONSTRAINT "orders_status_valid" CHECK ("orders"."status" in ('pending_payment', 'placed', 'paid', 'packed', 'ready_for_pickup', 'shipped', 'completed', 'cancelled', 'refunded')),
	CONSTRAINT "orders_payment_valid" CHECK ("orders"."payment" in ('online', 'at_pickup')),
	CONSTRAINT "orders_fulfilment_valid" CHECK ("orders"."fulfilment" in ('pickup', 'delivery')),
	CONSTRAINT "orders_amounts_nonnegative" CHECK ("orders"."goods_total" > 0 and "orders"."delivery_fee" >= 0 and "orders"."refunded_amount" >= 0),
	CONSTRAINT "orders_total_sum" CHECK ("orders"."total" = "orders"."goods_total" + "orders"."delivery_fee"),
	CONSTRAINT "orders_refund_within_total" CHECK ("orders"."refunded_amount" <= "orders"."total"),
	CONSTRAINT "orders_refund_online_only" CHECK ("orders"."refunded_amount" = 0 or ("orders"."payment" = 'online' and "orders"."paid_at" is not null)),
	CONSTRAINT "orders_pickup_code_format" CHECK ("orders"."pickup_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "orders_paid_with_valid" CHECK ("orders"."paid_with" is null or ("orders"."payment" = 'at_pickup' and "orders"."paid_with" in ('cash', 'mobile'))),
	CONSTRAINT "orders_start_shape" CHECK ("orders"."status" not in ('pending_payment', 'paid') or "orders"."payment" = 'online'),
	CONSTRAINT "orders_placed_shape" CHECK ("orders"."status" <> 'placed' or "orders"."payment" = 'at_pickup'),
	CONSTRAINT "orders_delivery_shape" CHECK ("orders"."fulfilment" = 'delivery' or "orders"."delivery_fee" = 0),
	CONSTRAINT "orders_tracking_shape" CHECK ("orders"."tracking_number" is null or char_length("orders"."tracking_number") between 1 and 64),
	CONSTRAINT "orders_cancel_reason_length" CHECK ("orders"."cancel_reason" is null or char_length("orders"."cancel_reason") <= 200)
);
--> statement-breakpoint
CREATE TABLE "station_order_settings" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"delivery_offered" boolean DEFAULT false NOT NULL,
	"delivery_flat_fee" numeric(14, 2) DEFAULT '0' NOT NULL,
	"delivery_free_above" numeric(14, 2),
	"last_order_number" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_order_settings_fee_nonnegative" CHECK ("station_order_settings"."delivery_flat_fee" >= 0 and ("station_order_settings"."delivery_free_above" is null or "station_order_settings"."delivery_free_above" >= 0)),
	CONSTRAINT "station_order_settings_number_nonnegative" CHECK ("station_order_settings"."last_order_number" >= 0)
);
--> statement-breakpoint
ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_buyer_user_id_users_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fk" FOREIGN KEY ("order_id","station_id") REFERENCES "public"."orders"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_checkout_id_checkouts_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_session_fk" FOREIGN KEY ("cash_session_id","station_id") REFERENCES "public"."cash_sessions"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_order_settings" ADD CONSTRAINT "station_order_settings_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkouts_token_key" ON "checkouts" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "checkouts_request_key" ON "checkouts" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "checkouts_buyer_idx" ON "checkouts" USING btree ("buyer_user_id");--> statement-breakpoint
CREATE INDEX "checkouts_pending_idx" ON "checkouts" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "notifications_pending_idx" ON "notifications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "notifications_order_idx" ON "notifications" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_events_request_key" ON "order_events" USING btree ("order_id","request_key");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "orders_checkout_idx" ON "orders" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "orders_station_status_idx" ON "orders" USING btree ("station_id","status","number");
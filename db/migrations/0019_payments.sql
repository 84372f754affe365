CREATE TABLE "payment_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"object_id" text NOT NULL,
	"effect" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkout_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"session_id" text NOT NULL,
	"url" text,
	"amount" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"rejection" text,
	"payment_intent_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_checkout_attempt_key" UNIQUE("checkout_id","attempt"),
	CONSTRAINT "payments_session_key" UNIQUE("session_id"),
	CONSTRAINT "payments_intent_key" UNIQUE("payment_intent_id"),
	CONSTRAINT "payments_attempt_positive" CHECK ("payments"."attempt" >= 1),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0),
	CONSTRAINT "payments_status_valid" CHECK ("payments"."status" in ('open', 'paid', 'expired', 'rejected')),
	CONSTRAINT "payments_status_shape" CHECK (("payments"."status" in ('open', 'expired') and "payments"."rejection" is null)
       or ("payments"."status" = 'paid' and "payments"."rejection" is null and "payments"."payment_intent_id" is not null and "payments"."paid_at" is not null)
       or ("payments"."status" = 'rejected' and "payments"."rejection" in ('late', 'mismatch', 'duplicate') and "payments"."payment_intent_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"station_id" uuid,
	"order_id" uuid,
	"amount" numeric(14, 2) NOT NULL,
	"request_key" text NOT NULL,
	"provider_refund_id" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "refunds_provider_key" UNIQUE("provider_refund_id"),
	CONSTRAINT "refunds_request_key" UNIQUE("payment_id","request_key"),
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount" > 0),
	CONSTRAINT "refunds_status_valid" CHECK ("refunds"."status" in ('requested', 'pending', 'succeeded', 'failed', 'canceled', 'requires_action')),
	CONSTRAINT "refunds_kind_shape" CHECK (("refunds"."kind" = 'order' and "refunds"."order_id" is not null and "refunds"."station_id" is not null)
       or ("refunds"."kind" = 'automatic' and "refunds"."order_id" is null)),
	CONSTRAINT "refunds_recorded_only_succeeded" CHECK ("refunds"."recorded_at" is null or "refunds"."status" = 'succeeded')
);
--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_events_object_idx" ON "payment_events" USING btree ("object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_one_paid_per_checkout" ON "payments" USING btree ("checkout_id") WHERE status = 'paid';--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");
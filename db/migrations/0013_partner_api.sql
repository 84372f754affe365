CREATE TABLE "partner_api_idempotency" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"bulk_order_id" uuid,
	"response_status" integer NOT NULL,
	"response_body" jsonb NOT NULL,
	"api_key_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_api_idempotency_once" UNIQUE("partner_id","idempotency_key"),
	CONSTRAINT "partner_api_idempotency_key_format" CHECK (char_length("partner_api_idempotency"."idempotency_key") between 1 and 200),
	CONSTRAINT "partner_api_idempotency_hash_is_sha256" CHECK ("partner_api_idempotency"."request_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "partner_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"label" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"rate_per_minute" integer DEFAULT 120 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "partner_api_keys_hash_is_sha256" CHECK ("partner_api_keys"."secret_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "partner_api_keys_prefix_format" CHECK ("partner_api_keys"."prefix" ~ '^czk_[a-z0-9]{8}$'),
	CONSTRAINT "partner_api_keys_label_length" CHECK (char_length("partner_api_keys"."label") between 1 and 60),
	CONSTRAINT "partner_api_keys_rate_positive" CHECK ("partner_api_keys"."rate_per_minute" between 1 and 100000),
	CONSTRAINT "partner_api_keys_revoked_pair" CHECK ("partner_api_keys"."revoked_by" is null or "partner_api_keys"."revoked_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "partner_api_rate_windows" (
	"api_key_id" uuid PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"requests" integer NOT NULL,
	CONSTRAINT "partner_api_rate_windows_requests_nonnegative" CHECK ("partner_api_rate_windows"."requests" >= 0)
);
--> statement-breakpoint
ALTER TABLE "partner_api_idempotency" ADD CONSTRAINT "partner_api_idempotency_api_key_id_partner_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."partner_api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_keys" ADD CONSTRAINT "partner_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_keys" ADD CONSTRAINT "partner_api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_api_rate_windows" ADD CONSTRAINT "partner_api_rate_windows_api_key_id_partner_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."partner_api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "partner_api_keys_hash_key" ON "partner_api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_api_keys_prefix_key" ON "partner_api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE INDEX "partner_api_keys_partner_idx" ON "partner_api_keys" USING btree ("partner_id");
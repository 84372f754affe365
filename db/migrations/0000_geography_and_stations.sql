CREATE TABLE "counties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"province_zh" text NOT NULL,
	"province_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "counties_code_format" CHECK ("counties"."code" ~ '^[a-z0-9-]{2,40}$')
);
--> statement-breakpoint
CREATE TABLE "townships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "townships_kind_valid" CHECK ("townships"."kind" in ('town', 'township')),
	CONSTRAINT "townships_code_format" CHECK ("townships"."code" ~ '^[a-z0-9-]{2,40}$')
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"township_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_code_format" CHECK ("villages"."code" ~ '^[a-z0-9-]{2,40}$')
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"address_zh" text DEFAULT '' NOT NULL,
	"address_en" text DEFAULT '' NOT NULL,
	"opening_hours_zh" text DEFAULT '' NOT NULL,
	"opening_hours_en" text DEFAULT '' NOT NULL,
	"operator_contact_name" text DEFAULT '' NOT NULL,
	"operator_contact_phone" text DEFAULT '' NOT NULL,
	"cooperation_notes_zh" text DEFAULT '' NOT NULL,
	"cooperation_notes_en" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_status_valid" CHECK ("stations"."status" in ('active', 'inactive')),
	CONSTRAINT "stations_code_format" CHECK ("stations"."code" ~ '^[a-z0-9-]{2,40}$'),
	CONSTRAINT "stations_phone_format" CHECK ("stations"."operator_contact_phone" = '' or "stations"."operator_contact_phone" ~ '^[0-9+ -]{5,20}$')
);
--> statement-breakpoint
ALTER TABLE "townships" ADD CONSTRAINT "townships_county_id_counties_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."counties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_township_id_townships_id_fk" FOREIGN KEY ("township_id") REFERENCES "public"."townships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "counties_code_key" ON "counties" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "townships_county_code_key" ON "townships" USING btree ("county_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "villages_township_code_key" ON "villages" USING btree ("township_id","code");--> statement-breakpoint
CREATE INDEX "villages_township_idx" ON "villages" USING btree ("township_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_code_key" ON "stations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "stations_village_idx" ON "stations" USING btree ("village_id");
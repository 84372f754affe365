CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"head_name" text NOT NULL,
	"village_group" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"payment_method" text DEFAULT 'cash' NOT NULL,
	"payment_account" text DEFAULT '' NOT NULL,
	"payment_institution" text DEFAULT '' NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "households_head_name_length" CHECK (char_length("households"."head_name") between 1 and 40),
	CONSTRAINT "households_village_group_length" CHECK (char_length("households"."village_group") <= 20),
	CONSTRAINT "households_phone_format" CHECK ("households"."phone" = '' or "households"."phone" ~ '^1[3-9][0-9]{9}$'),
	CONSTRAINT "households_payment_method_valid" CHECK ("households"."payment_method" in ('cash', 'bank', 'mobile')),
	CONSTRAINT "households_payment_account_shape" CHECK (("households"."payment_method" = 'cash' and "households"."payment_account" = '')
       or ("households"."payment_method" = 'bank' and "households"."payment_account" ~ '^[0-9]{12,19}$')
       or ("households"."payment_method" = 'mobile' and "households"."payment_account" ~ '^[A-Za-z0-9_.@-]{5,40}$')),
	CONSTRAINT "households_status_valid" CHECK ("households"."status" in ('active', 'inactive')),
	CONSTRAINT "households_notes_length" CHECK (char_length("households"."notes") <= 500)
);
--> statement-breakpoint
CREATE TABLE "product_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"widths" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_photos_hash_format" CHECK ("product_photos"."hash" ~ '^[0-9a-f]{20}$'),
	CONSTRAINT "product_photos_widths_format" CHECK ("product_photos"."widths" ~ '^[0-9]{2,4}(,[0-9]{2,4})*$'),
	CONSTRAINT "product_photos_size_positive" CHECK ("product_photos"."width" > 0 and "product_photos"."height" > 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"unit" text NOT NULL,
	"price" numeric(14, 2) NOT NULL,
	"owner_kind" text NOT NULL,
	"household_id" uuid,
	"partner_id" uuid,
	"commission_rate" numeric(6, 4),
	"origin_zh" text DEFAULT '' NOT NULL,
	"origin_en" text DEFAULT '' NOT NULL,
	"harvested_on" date,
	"shelf_life_days" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"on_hand" numeric(14, 3) DEFAULT '0' NOT NULL,
	"reserved" numeric(14, 3) DEFAULT '0' NOT NULL,
	"listed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower("products"."name_zh" || ' ' || "products"."name_en" || ' ' || "products"."origin_zh" || ' ' || "products"."origin_en" || ' ' || "products"."description_zh" || ' ' || "products"."description_en")) STORED,
	CONSTRAINT "products_id_station_key" UNIQUE("id","station_id"),
	CONSTRAINT "products_name_zh_length" CHECK (char_length("products"."name_zh") between 1 and 60),
	CONSTRAINT "products_name_en_length" CHECK (char_length("products"."name_en") <= 100),
	CONSTRAINT "products_description_length" CHECK (char_length("products"."description_zh") <= 2000 and char_length("products"."description_en") <= 3000),
	CONSTRAINT "products_category_valid" CHECK ("products"."category" in ('produce', 'inputs', 'daily', 'services')),
	CONSTRAINT "products_unit_valid" CHECK ("products"."unit" in ('jin', 'kg', 'g', 'piece', 'head', 'bag', 'bottle', 'box', 'bunch', 'bundle')),
	CONSTRAINT "products_status_valid" CHECK ("products"."status" in ('draft', 'listed', 'archived')),
	CONSTRAINT "products_price_positive" CHECK ("products"."price" > 0),
	CONSTRAINT "products_commission_rate_range" CHECK ("products"."commission_rate" is null or "products"."commission_rate" between 0 and 1),
	CONSTRAINT "products_shelf_life_range" CHECK ("products"."shelf_life_days" is null or "products"."shelf_life_days" between 1 and 3650),
	CONSTRAINT "products_owner_shape" CHECK (("products"."owner_kind" = 'household' and "products"."household_id" is not null and "products"."partner_id" is null)
       or ("products"."owner_kind" = 'partner' and "products"."household_id" is null)
       or ("products"."owner_kind" = 'collective' and "products"."household_id" is null and "products"."partner_id" is null)),
	CONSTRAINT "products_on_hand_nonnegative" CHECK ("products"."on_hand" >= 0),
	CONSTRAINT "products_reserved_within_on_hand" CHECK ("products"."reserved" >= 0 and "products"."reserved" <= "products"."on_hand"),
	CONSTRAINT "products_listed_has_date" CHECK ("products"."status" <> 'listed' or "products"."listed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "station_catalog_settings" (
	"station_id" uuid PRIMARY KEY NOT NULL,
	"default_commission_rate" numeric(6, 4) DEFAULT '0.1000' NOT NULL,
	"catalog_version" bigint DEFAULT 0 NOT NULL,
	"last_receipt_number" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_catalog_settings_rate_range" CHECK ("station_catalog_settings"."default_commission_rate" between 0 and 1),
	CONSTRAINT "station_catalog_settings_version_nonnegative" CHECK ("station_catalog_settings"."catalog_version" >= 0),
	CONSTRAINT "station_catalog_settings_receipt_nonnegative" CHECK ("station_catalog_settings"."last_receipt_number" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"station_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on_hand_delta" numeric(14, 3) NOT NULL,
	"reserved_delta" numeric(14, 3) DEFAULT '0' NOT NULL,
	"on_hand_after" numeric(14, 3) NOT NULL,
	"reserved_after" numeric(14, 3) NOT NULL,
	"household_id" uuid,
	"unit_price" numeric(14, 2),
	"receipt_number" integer,
	"reason" text DEFAULT '' NOT NULL,
	"source_type" text,
	"source_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_kind_valid" CHECK ("stock_movements"."kind" in ('received', 'sold', 'reserved', 'released', 'returned', 'spoiled', 'counted')),
	CONSTRAINT "stock_movements_kind_shape" CHECK (("stock_movements"."kind" = 'received' and "stock_movements"."on_hand_delta" > 0 and "stock_movements"."reserved_delta" = 0)
       or ("stock_movements"."kind" = 'sold' and "stock_movements"."on_hand_delta" < 0 and ("stock_movements"."reserved_delta" = 0 or "stock_movements"."reserved_delta" = "stock_movements"."on_hand_delta"))
       or ("stock_movements"."kind" = 'reserved' and "stock_movements"."on_hand_delta" = 0 and "stock_movements"."reserved_delta" > 0)
       or ("stock_movements"."kind" = 'released' and "stock_movements"."on_hand_delta" = 0 and "stock_movements"."reserved_delta" < 0)
       or ("stock_movements"."kind" = 'returned' and "stock_movements"."on_hand_delta" <> 0 and "stock_movements"."reserved_delta" = 0)
       or ("stock_movements"."kind" = 'spoiled' and "stock_movements"."on_hand_delta" < 0 and "stock_movements"."reserved_delta" = 0)
       or ("stock_movements"."kind" = 'counted' and "stock_movements"."reserved_delta" = 0)),
	CONSTRAINT "stock_movements_after_valid" CHECK ("stock_movements"."on_hand_after" >= 0 and "stock_movements"."reserved_after" >= 0 and "stock_movements"."reserved_after" <= "stock_movements"."on_hand_after"),
	CONSTRAINT "stock_movements_reason_given" CHECK ("stock_movements"."kind" not in ('counted', 'spoiled') or char_length(btrim("stock_movements"."reason")) > 0),
	CONSTRAINT "stock_movements_reason_length" CHECK (char_length("stock_movements"."reason") <= 200),
	CONSTRAINT "stock_movements_receipt_only_received" CHECK ("stock_movements"."receipt_number" is null or ("stock_movements"."kind" = 'received' and "stock_movements"."household_id" is not null and "stock_movements"."receipt_number" > 0)),
	CONSTRAINT "stock_movements_unit_price_positive" CHECK ("stock_movements"."unit_price" is null or "stock_movements"."unit_price" > 0)
);
--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_photos" ADD CONSTRAINT "product_photos_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_household_fk" FOREIGN KEY ("household_id","station_id") REFERENCES "public"."households"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_catalog_settings" ADD CONSTRAINT "station_catalog_settings_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_product_fk" FOREIGN KEY ("product_id","station_id") REFERENCES "public"."products"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_household_fk" FOREIGN KEY ("household_id","station_id") REFERENCES "public"."households"("id","station_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_station_idx" ON "households" USING btree ("station_id","head_name");--> statement-breakpoint
CREATE INDEX "product_photos_product_idx" ON "product_photos" USING btree ("product_id","position");--> statement-breakpoint
CREATE INDEX "products_station_idx" ON "products" USING btree ("station_id","status");--> statement-breakpoint
CREATE INDEX "products_listed_idx" ON "products" USING btree ("status","listed_at");--> statement-breakpoint
CREATE INDEX "products_household_idx" ON "products" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "stock_movements_product_idx" ON "stock_movements" USING btree ("product_id","id");--> statement-breakpoint
CREATE INDEX "stock_movements_household_idx" ON "stock_movements" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_movements_receipt_key" ON "stock_movements" USING btree ("station_id","receipt_number");
-- Scanning and printing as stations do it (issue 15): every product has a code a shelf label
-- prints as a barcode and a scanner at the till reads back. The code is an EAN-13 in GS1's
-- in-store range "20": "20", the station's 10-digit product sequence, the check digit
-- (app/domain/product-codes.ts computes the same). Unique within a station; never changed
-- once given, since labels on the shelf carry it.
CREATE OR REPLACE FUNCTION "ean13_check_digit"(body text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (10 - (SELECT sum(substr(body, i, 1)::integer * CASE WHEN i % 2 = 1 THEN 1 ELSE 3 END) FROM generate_series(1, 12) AS i)::integer % 10) % 10
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "ean13_valid"(code text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE WHEN code ~ '^[0-9]{13}$' THEN ean13_check_digit(substr(code, 1, 12)) = substr(code, 13, 1)::integer ELSE false END
$$;
--> statement-breakpoint
ALTER TABLE "station_catalog_settings" ADD COLUMN "last_product_number" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "station_catalog_settings" ADD CONSTRAINT "station_catalog_settings_product_number_range" CHECK ("last_product_number" BETWEEN 0 AND 9999999999);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "code" text;
--> statement-breakpoint
-- Existing goods are numbered in the order they were created, station by station.
WITH "numbered" AS (
  SELECT "id", '20' || lpad((row_number() OVER (PARTITION BY "station_id" ORDER BY "created_at", "id"))::text, 10, '0') AS "body"
  FROM "products"
)
UPDATE "products" SET "code" = "numbered"."body" || ean13_check_digit("numbered"."body")::text
FROM "numbered" WHERE "products"."id" = "numbered"."id";
--> statement-breakpoint
INSERT INTO "station_catalog_settings" ("station_id", "last_product_number")
SELECT "station_id", count(*) FROM "products" GROUP BY "station_id"
ON CONFLICT ("station_id") DO UPDATE SET "last_product_number" = excluded."last_product_number";
--> statement-breakpoint
ALTER TABLE "products" ALTER COLUMN "code" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_code_shape" CHECK ("code" ~ '^20[0-9]{11}$' AND ean13_valid("code"));
--> statement-breakpoint
CREATE UNIQUE INDEX "products_station_code_key" ON "products" ("station_id", "code");
--> statement-breakpoint
CREATE FUNCTION "products_keep_code"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."code" IS DISTINCT FROM OLD."code" THEN
    RAISE EXCEPTION 'a product''s code is printed on its labels and never changes' USING ERRCODE = 'check_violation', CONSTRAINT = 'products_keep_code';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "products_keep_code" BEFORE UPDATE OF "code" ON "products" FOR EACH ROW EXECUTE FUNCTION "products_keep_code"();

-- One language per page (issue 14): a bulk order's line keeps the goods' English name beside the
-- Chinese it was ordered by, so English pages need not show "金银花". Lines the partner named
-- themselves (and those before this change) have none: pages show their Chinese.
ALTER TABLE "bulk_order_lines" ADD COLUMN "name_en" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "bulk_order_lines" ADD CONSTRAINT "bulk_order_lines_name_en_length" CHECK (char_length("name_en") <= 100);

-- Every "new …" form carries the key of its entry (issue 15, ADR 018): goods, households and
-- adjusting drafts were the creating forms with no key at all, so a form sent twice (a second
-- tap, Back then send, a restored tab) made two. Rows made before carry none (NULL, which a
-- unique constraint lets repeat).
ALTER TABLE "products" ADD COLUMN "idempotency_key" text;
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_station_key_key" UNIQUE ("station_id", "idempotency_key");
--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_key_length" CHECK ("idempotency_key" is null or char_length("idempotency_key") between 8 and 100);
--> statement-breakpoint
ALTER TABLE "households" ADD COLUMN "idempotency_key" text;
--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_station_key_key" UNIQUE ("station_id", "idempotency_key");
--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_key_length" CHECK ("idempotency_key" is null or char_length("idempotency_key") between 8 and 100);
--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD COLUMN "idempotency_key" text;
--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_station_key_key" UNIQUE ("station_id", "idempotency_key");
--> statement-breakpoint
ALTER TABLE "ledger_journal_drafts" ADD CONSTRAINT "ledger_journal_drafts_key_length" CHECK ("idempotency_key" is null or char_length("idempotency_key") between 8 and 100);

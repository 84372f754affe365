-- Reports (docs/decisions/015-reports.md). Chosen from EXPLAIN ANALYZE of the county roll-up over
-- bench/reports.ts (200 stations × a year): without them "paid to households" seq-scanned
-- ledger_journals twice (~0.5 s); with them it is an index-only scan of the payouts (~30 ms).
-- Journals by kind of source document, per station and day: payouts and their reversals.
CREATE INDEX IF NOT EXISTS "reports_journals_source_idx" ON "ledger_journals" ("source_type", "station_id", "business_date");--> statement-breakpoint
-- What was paid to households, per station and day, without touching the heap.
CREATE INDEX IF NOT EXISTS "household_payouts_station_date_idx" ON "household_payouts" ("station_id", "business_date") INCLUDE ("amount");

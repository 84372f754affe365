-- One language per page (issue 14, ADR 022): a journal the system posts says what it is as a kind
-- and its values (the receipt's number, the household's name), worded at display in the reader's
-- language. The memo keeps the Chinese wording the chain hashes; a memo a person typed has no kind.
ALTER TABLE "ledger_journals" ADD COLUMN "memo_kind" text;
--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD COLUMN "memo_vars" jsonb;
--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_memo_kind_valid" CHECK ("memo_kind" IS NULL OR "memo_kind" IN ('sale', 'cashOverShort', 'orderPaid', 'orderCompleted', 'orderRefund', 'upkeep', 'allocation', 'payout', 'partnerRemittance', 'partnerPayment', 'bulkDelivery', 'opening'));
--> statement-breakpoint
ALTER TABLE "ledger_journals" ADD CONSTRAINT "ledger_journals_memo_vars_shape" CHECK (("memo_kind" IS NULL) = ("memo_vars" IS NULL) AND ("memo_vars" IS NULL OR jsonb_typeof("memo_vars") = 'object'));

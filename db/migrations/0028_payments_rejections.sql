ALTER TABLE "payments" DROP CONSTRAINT "payments_status_shape";--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_status_shape" CHECK (("payments"."status" in ('open', 'expired') and "payments"."rejection" is null)
       or ("payments"."status" = 'paid' and "payments"."rejection" is null and "payments"."payment_intent_id" is not null and "payments"."paid_at" is not null)
       or ("payments"."status" = 'rejected' and "payments"."rejection" in ('late', 'mismatch') and "payments"."payment_intent_id" is not null));
-- Pay on delivery (货到付款, issue 14): an at-pickup order may now be delivered, and is paid to the
-- courier at the hand-over, in cash or by mobile pay. A mobile payment taken away from the counter
-- keeps its reference (the payer's transaction number) so the books can be matched to the phone.
ALTER TABLE "orders" ADD COLUMN "paid_reference" text;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_paid_reference_shape" CHECK ("paid_reference" IS NULL OR ("paid_with" = 'mobile' AND char_length("paid_reference") BETWEEN 4 AND 64));

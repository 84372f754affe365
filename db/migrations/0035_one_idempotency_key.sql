-- One name for the idempotency key in every table (ADR 018): `request_key` becomes
-- `idempotency_key`, as sales, payouts and partner payments already call it. Renaming a column
-- carries its CHECK constraints, indexes and foreign keys along; the guard functions that name
-- the column in their bodies are replaced with the same logic under the new name.

ALTER TABLE "stock_movements" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER INDEX "stock_movements_request_key" RENAME TO "stock_movements_idempotency_key";--> statement-breakpoint
ALTER TABLE "stock_movements" RENAME CONSTRAINT "stock_movements_request_key_length" TO "stock_movements_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "checkouts" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER INDEX "checkouts_request_key" RENAME TO "checkouts_idempotency_key";--> statement-breakpoint
ALTER TABLE "checkouts" RENAME CONSTRAINT "checkouts_request_key_length" TO "checkouts_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "order_events" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER INDEX "order_events_request_key" RENAME TO "order_events_idempotency_key";--> statement-breakpoint
ALTER TABLE "order_events" RENAME CONSTRAINT "order_events_request_key_length" TO "order_events_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "refunds" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER TABLE "refunds" RENAME CONSTRAINT "refunds_request_key" TO "refunds_idempotency_key";--> statement-breakpoint
ALTER TABLE "bulk_deliveries" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER TABLE "bulk_deliveries" RENAME CONSTRAINT "bulk_deliveries_request_key" TO "bulk_deliveries_idempotency_key";--> statement-breakpoint
ALTER TABLE "bulk_deliveries" RENAME CONSTRAINT "bulk_deliveries_request_key_length" TO "bulk_deliveries_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "bulk_orders" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER TABLE "bulk_orders" RENAME CONSTRAINT "bulk_orders_request_key" TO "bulk_orders_idempotency_key";--> statement-breakpoint
ALTER TABLE "bulk_orders" RENAME CONSTRAINT "bulk_orders_request_key_length" TO "bulk_orders_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" RENAME CONSTRAINT "partner_consignment_notes_request_key" TO "partner_consignment_notes_idempotency_key";--> statement-breakpoint
ALTER TABLE "partner_consignment_notes" RENAME CONSTRAINT "partner_consignment_notes_request_key_length" TO "partner_consignment_notes_idempotency_key_length";--> statement-breakpoint
ALTER TABLE "upkeep_expenses" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
ALTER TABLE "upkeep_expenses" RENAME CONSTRAINT "upkeep_expenses_request_key" TO "upkeep_expenses_idempotency_key";--> statement-breakpoint
ALTER TABLE "report_exports" RENAME COLUMN "request_key" TO "idempotency_key";--> statement-breakpoint
CREATE OR REPLACE FUNCTION upkeep_expenses_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR (NEW.station_id, NEW.kind, NEW.amount, NEW.business_date, NEW.paid_from, NEW.payee, NEW.note, NEW.receipt_hash,
         NEW.over_reserve, NEW.recorded_by, NEW.recorded_at, NEW.idempotency_key)
        IS DISTINCT FROM (OLD.station_id, OLD.kind, OLD.amount, OLD.business_date, OLD.paid_from, OLD.payee, OLD.note, OLD.receipt_hash,
         OLD.over_reserve, OLD.recorded_by, OLD.recorded_at, OLD.idempotency_key)
     OR OLD.status <> 'awaiting_approval' THEN
    RAISE EXCEPTION 'an upkeep expense is decided once and never changes: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'upkeep_expenses_append_only', TABLE = 'upkeep_expenses';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION checkouts_status_flow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.token <> OLD.token OR NEW.idempotency_key <> OLD.idempotency_key OR NEW.total <> OLD.total OR NEW.payment <> OLD.payment THEN
    RAISE EXCEPTION 'checkout % cannot change what was agreed', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'checkouts_status_flow';
  END IF;
  IF NEW.status <> OLD.status AND NOT (OLD.status = 'pending_payment' AND NEW.status IN ('paid', 'cancelled', 'expired')) THEN
    RAISE EXCEPTION 'checkout % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'checkouts_status_flow';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION refunds_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR NEW.payment_id <> OLD.payment_id OR NEW.kind <> OLD.kind OR NEW.amount <> OLD.amount OR NEW.idempotency_key <> OLD.idempotency_key
     OR NEW.order_id IS DISTINCT FROM OLD.order_id OR NEW.station_id IS DISTINCT FROM OLD.station_id
     OR (OLD.provider_refund_id IS NOT NULL AND NEW.provider_refund_id IS DISTINCT FROM OLD.provider_refund_id)
     OR (OLD.recorded_at IS NOT NULL AND (NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.status <> OLD.status)) THEN
    RAISE EXCEPTION 'a refund keeps its amount, its gateway id and its booking (% refused)', TG_OP USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_forward_only';
  END IF;
  RETURN NEW;
END;
$$;

-- What the payment gateway was asked and told only moves forward (ADR 011): an attempt is opened
-- once and then paid, expired or rejected; an applied webhook event is never removed or replayed
-- into another effect; a refund keeps its amount, its gateway id and, once booked, its record.
-- TRUNCATE stays possible for the test harness, as for the ledger.
CREATE FUNCTION payments_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR NEW.checkout_id <> OLD.checkout_id OR NEW.attempt <> OLD.attempt OR NEW.amount <> OLD.amount
     OR (OLD.session_id IS NOT NULL AND NEW.session_id IS DISTINCT FROM OLD.session_id)
     OR (OLD.payment_intent_id IS NOT NULL AND NEW.payment_intent_id IS DISTINCT FROM OLD.payment_intent_id)
     OR (NEW.status <> OLD.status AND OLD.status <> 'open') THEN
    RAISE EXCEPTION 'a payment attempt only moves forward (% refused)', TG_OP USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_forward_only';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payments_forward_only BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION payments_forward_only();
--> statement-breakpoint
CREATE FUNCTION payment_events_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.effect <> 'pending'
     OR NEW.event_id <> OLD.event_id OR NEW.type <> OLD.type OR NEW.object_id <> OLD.object_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'an applied webhook event is kept as it was (% refused)', TG_OP USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_events_written_once';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER payment_events_written_once BEFORE UPDATE OR DELETE ON payment_events FOR EACH ROW EXECUTE FUNCTION payment_events_written_once();
--> statement-breakpoint
CREATE FUNCTION refunds_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR NEW.payment_id <> OLD.payment_id OR NEW.kind <> OLD.kind OR NEW.amount <> OLD.amount OR NEW.request_key <> OLD.request_key
     OR NEW.order_id IS DISTINCT FROM OLD.order_id OR NEW.station_id IS DISTINCT FROM OLD.station_id
     OR (OLD.provider_refund_id IS NOT NULL AND NEW.provider_refund_id IS DISTINCT FROM OLD.provider_refund_id)
     OR (OLD.recorded_at IS NOT NULL AND (NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.status <> OLD.status)) THEN
    RAISE EXCEPTION 'a refund keeps its amount, its gateway id and its booking (% refused)', TG_OP USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_forward_only';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER refunds_forward_only BEFORE UPDATE OR DELETE ON refunds FOR EACH ROW EXECUTE FUNCTION refunds_forward_only();

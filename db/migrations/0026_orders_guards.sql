-- Online orders (issue 7, ADR 010): what the database refuses whatever the code does.
-- Order lines and order events are written once; an order's identity and money never change
-- after it is placed except refunded_amount, which only grows; its status follows the machine of
-- app/domain/orders.ts (refunds may end any paid order in 'refunded'); a checkout's status moves
-- only forward. TRUNCATE stays possible for the test harness, as for the ledger.
CREATE FUNCTION orders_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER order_lines_append_only BEFORE UPDATE OR DELETE ON order_lines FOR EACH ROW EXECUTE FUNCTION orders_refuse_change();
--> statement-breakpoint
CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON order_events FOR EACH ROW EXECUTE FUNCTION orders_refuse_change();
--> statement-breakpoint
CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders FOR EACH ROW EXECUTE FUNCTION orders_refuse_change();
--> statement-breakpoint
CREATE TRIGGER checkouts_no_delete BEFORE DELETE ON checkouts FOR EACH ROW EXECUTE FUNCTION orders_refuse_change();
--> statement-breakpoint
CREATE FUNCTION orders_status_flow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status NOT IN ('pending_payment', 'placed') OR NEW.refunded_amount <> 0 THEN
      RAISE EXCEPTION 'an order starts pending payment or placed, nothing refunded' USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.id <> OLD.id OR NEW.checkout_id <> OLD.checkout_id OR NEW.station_id <> OLD.station_id OR NEW.number <> OLD.number
     OR NEW.payment <> OLD.payment OR NEW.fulfilment <> OLD.fulfilment OR NEW.goods_total <> OLD.goods_total
     OR NEW.delivery_fee <> OLD.delivery_fee OR NEW.total <> OLD.total OR NEW.pickup_code <> OLD.pickup_code THEN
    RAISE EXCEPTION 'order % cannot change what was agreed at checkout', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
  END IF;
  IF NEW.refunded_amount < OLD.refunded_amount THEN
    RAISE EXCEPTION 'order % refunded amount only grows', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
  END IF;
  IF NEW.status = 'refunded' AND NEW.refunded_amount <> NEW.total THEN
    RAISE EXCEPTION 'order % is refunded only when wholly refunded', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'pending_payment' AND NEW.status IN ('paid', 'cancelled'))
    OR (OLD.status = 'placed' AND NEW.status IN ('packed', 'cancelled'))
    OR (OLD.status = 'paid' AND NEW.status IN ('packed', 'cancelled', 'refunded'))
    OR (OLD.status = 'packed' AND NEW.status IN ('ready_for_pickup', 'shipped', 'cancelled', 'refunded'))
    OR (OLD.status = 'ready_for_pickup' AND NEW.status IN ('completed', 'cancelled', 'refunded'))
    OR (OLD.status = 'shipped' AND NEW.status IN ('completed', 'refunded'))
    OR (OLD.status IN ('completed', 'cancelled') AND NEW.status = 'refunded')
  ) THEN
    RAISE EXCEPTION 'order % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orders_status_flow BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION orders_status_flow();
--> statement-breakpoint
CREATE FUNCTION checkouts_status_flow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.token <> OLD.token OR NEW.request_key <> OLD.request_key OR NEW.total <> OLD.total OR NEW.payment <> OLD.payment THEN
    RAISE EXCEPTION 'checkout % cannot change what was agreed', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'checkouts_status_flow';
  END IF;
  IF NEW.status <> OLD.status AND NOT (OLD.status = 'pending_payment' AND NEW.status IN ('paid', 'cancelled', 'expired')) THEN
    RAISE EXCEPTION 'checkout % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation', CONSTRAINT = 'checkouts_status_flow';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER checkouts_status_flow BEFORE UPDATE ON checkouts FOR EACH ROW EXECUTE FUNCTION checkouts_status_flow();
--> statement-breakpoint
-- At commit an order has lines, and they add up to its goods total.
CREATE FUNCTION orders_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  line_sum numeric;
BEGIN
  SELECT sum(amount) INTO line_sum FROM order_lines WHERE order_id = NEW.id;
  IF line_sum IS NULL OR line_sum <> NEW.goods_total THEN
    RAISE EXCEPTION 'order % lines add up to %, not %', NEW.id, line_sum, NEW.goods_total USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_lines_match_total';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER orders_lines_match_total AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION orders_complete();
--> statement-breakpoint
-- At commit a checkout's total is the sum of its orders.
CREATE FUNCTION checkouts_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  order_sum numeric;
BEGIN
  SELECT sum(total) INTO order_sum FROM orders WHERE checkout_id = NEW.id;
  IF order_sum IS NULL OR order_sum <> NEW.total THEN
    RAISE EXCEPTION 'checkout % orders add up to %, not %', NEW.id, order_sum, NEW.total USING ERRCODE = 'check_violation', CONSTRAINT = 'checkouts_orders_match_total';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER checkouts_orders_match_total AFTER INSERT ON checkouts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION checkouts_complete();

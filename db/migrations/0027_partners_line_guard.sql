-- A bulk order line's delivered quantity changes only with delivery lines: checked at commit for
-- every change of it, not only when a delivery line is inserted.
CREATE FUNCTION bulk_order_lines_delivered_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delivered numeric;
  recorded numeric;
BEGIN
  -- Deferred: read the row as it is at commit, not as it was when this update fired.
  SELECT coalesce(sum(quantity), 0) INTO delivered FROM bulk_delivery_lines WHERE order_line_id = NEW.id;
  SELECT delivered_quantity INTO recorded FROM bulk_order_lines WHERE id = NEW.id;
  IF recorded <> delivered THEN
    RAISE EXCEPTION 'order line % records % delivered but its delivery lines add up to %', NEW.id, recorded, delivered
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bulk_order_lines_delivered_matches';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bulk_order_lines_delivered_guard AFTER UPDATE OF delivered_quantity ON bulk_order_lines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bulk_order_lines_delivered_guard();
--> statement-breakpoint
-- Order lines are fixed once placed: only the delivered quantity moves.
CREATE FUNCTION bulk_order_lines_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.quantity <> OLD.quantity OR NEW.unit_price <> OLD.unit_price OR NEW.produce_key <> OLD.produce_key OR NEW.unit <> OLD.unit OR NEW.order_id <> OLD.order_id THEN
    RAISE EXCEPTION 'bulk order lines are fixed once placed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bulk_order_lines_fixed BEFORE UPDATE OR DELETE ON bulk_order_lines FOR EACH ROW EXECUTE FUNCTION bulk_order_lines_fixed();

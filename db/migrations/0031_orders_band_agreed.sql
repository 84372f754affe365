-- Online orders (ADR 010): the delivery distance the buyer declared is part of what was agreed at
-- checkout (the fee was computed from it), so it never changes afterwards, like delivery_fee.
CREATE FUNCTION orders_band_agreed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.delivery_band_km IS DISTINCT FROM OLD.delivery_band_km THEN
    RAISE EXCEPTION 'order % cannot change the delivery distance agreed at checkout', OLD.id USING ERRCODE = 'check_violation', CONSTRAINT = 'orders_status_flow';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER orders_band_agreed BEFORE UPDATE OF delivery_band_km ON orders FOR EACH ROW EXECUTE FUNCTION orders_band_agreed();

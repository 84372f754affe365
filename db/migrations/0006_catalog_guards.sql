-- Storefront search in Chinese and English on PostgreSQL and PGlite alike: ILIKE and trigram
-- word similarity over the generated search text, served by one trigram index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "products_search_trgm_idx" ON "products" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name_zh" gin_trgm_ops, "name_en" gin_trgm_ops);
--> statement-breakpoint
-- Stock movements are the history on-hand is the sum of: once written, a movement never changes
-- or disappears (a mistake is corrected by a new counted movement). TRUNCATE stays possible for
-- the test harness, as for audit_log and the ledger.
CREATE FUNCTION stock_movements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_append_only
  BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_refuse_change();
--> statement-breakpoint
-- A movement's levels must be the previous movement's levels plus its deltas, and the product's
-- levels right now (the same transaction just updated that row, which also serialises movements
-- of one product). So the history always adds up to on-hand, whatever code writes it.
CREATE FUNCTION stock_movements_match_product() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_on_hand numeric(14,3);
  current_reserved numeric(14,3);
  previous_on_hand numeric(14,3) := 0;
  previous_reserved numeric(14,3) := 0;
BEGIN
  SELECT on_hand, reserved INTO current_on_hand, current_reserved
    FROM products WHERE id = NEW.product_id AND station_id = NEW.station_id;
  SELECT on_hand_after, reserved_after INTO previous_on_hand, previous_reserved
    FROM stock_movements WHERE product_id = NEW.product_id ORDER BY id DESC LIMIT 1;
  IF NOT FOUND THEN
    previous_on_hand := 0;
    previous_reserved := 0;
  END IF;
  IF previous_on_hand + NEW.on_hand_delta <> NEW.on_hand_after
     OR previous_reserved + NEW.reserved_delta <> NEW.reserved_after
     OR current_on_hand IS DISTINCT FROM NEW.on_hand_after
     OR current_reserved IS DISTINCT FROM NEW.reserved_after THEN
    RAISE EXCEPTION 'stock movement (% % → %) does not continue the history (%) or match the product (%)',
      NEW.kind, NEW.on_hand_delta, NEW.on_hand_after, previous_on_hand, current_on_hand
      USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_movements_match_product';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_match_product
  BEFORE INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_match_product();

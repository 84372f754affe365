-- The till's documents are written once: a sale, its lines, its returns and a payout are never
-- changed or removed (a mistake is a void, a refund or a reversing journal). TRUNCATE stays
-- possible for the test harness, as for the ledger.
CREATE FUNCTION till_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sales_append_only BEFORE UPDATE OR DELETE ON sales FOR EACH ROW EXECUTE FUNCTION till_refuse_change();
--> statement-breakpoint
CREATE TRIGGER sale_lines_append_only BEFORE UPDATE OR DELETE ON sale_lines FOR EACH ROW EXECUTE FUNCTION till_refuse_change();
--> statement-breakpoint
CREATE TRIGGER sale_returns_append_only BEFORE UPDATE OR DELETE ON sale_returns FOR EACH ROW EXECUTE FUNCTION till_refuse_change();
--> statement-breakpoint
CREATE TRIGGER sale_return_lines_append_only BEFORE UPDATE OR DELETE ON sale_return_lines FOR EACH ROW EXECUTE FUNCTION till_refuse_change();
--> statement-breakpoint
CREATE TRIGGER household_payouts_append_only BEFORE UPDATE OR DELETE ON household_payouts FOR EACH ROW EXECUTE FUNCTION till_refuse_change();
--> statement-breakpoint
-- A session is closed once: open → closed, and a closed session never changes again.
CREATE FUNCTION cash_sessions_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'open' OR NEW.status <> 'closed'
     OR NEW.station_id <> OLD.station_id OR NEW.opening_float <> OLD.opening_float OR NEW.opened_by <> OLD.opened_by THEN
    RAISE EXCEPTION 'a cash session is only ever closed, once' USING ERRCODE = 'check_violation', CONSTRAINT = 'cash_sessions_close_once';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER cash_sessions_close_once BEFORE UPDATE OR DELETE ON cash_sessions FOR EACH ROW EXECUTE FUNCTION cash_sessions_rules();
--> statement-breakpoint
-- At commit a sale has lines, and they add up to its total.
CREATE FUNCTION sales_complete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  line_sum numeric;
BEGIN
  SELECT sum(amount) INTO line_sum FROM sale_lines WHERE sale_id = NEW.id;
  IF line_sum IS NULL OR line_sum <> NEW.total THEN
    RAISE EXCEPTION 'sale % lines add up to %, not %', NEW.id, line_sum, NEW.total USING ERRCODE = 'check_violation', CONSTRAINT = 'sales_lines_match_total';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER sales_lines_match_total AFTER INSERT ON sales DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sales_complete();
--> statement-breakpoint
-- A payout never takes a household's payable (21101, 应付款—农户代卖款) into debit: whatever the
-- code did, at commit the household is owed zero or more.
CREATE FUNCTION household_payouts_within_owed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  balance numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO balance FROM ledger_postings
    WHERE station_id = NEW.station_id AND account_code = '21101' AND household_id = NEW.household_id;
  IF balance > 0 THEN
    RAISE EXCEPTION 'payout % leaves household % overpaid by %', NEW.id, NEW.household_id, balance
      USING ERRCODE = 'check_violation', CONSTRAINT = 'household_payouts_within_owed';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER household_payouts_within_owed AFTER INSERT ON household_payouts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION household_payouts_within_owed();

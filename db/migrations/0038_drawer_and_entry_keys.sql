-- The drawer never goes below zero (issue 15): cash going out of a till session (a household
-- payout in cash, the cash given back for a void or refund of a cash sale) may not take what the
-- session should hold — float + cash sales + cash orders handed over − cash refunds − cash
-- payouts — below zero. The models refuse first (DRAWER_SHORT); this deferred trigger refuses at
-- commit whatever the code did, like household_payouts_within_owed. It takes the session row
-- FOR UPDATE first, so two transactions paying out of one drawer are counted one after the other.
CREATE FUNCTION cash_sessions_drawer_covers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held numeric;
BEGIN
  IF NEW.cash_session_id IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM cash_sessions WHERE id = NEW.cash_session_id FOR UPDATE;
  SELECT s.opening_float
       + coalesce((SELECT sum(total) FROM sales WHERE cash_session_id = s.id), 0)
       + coalesce((SELECT sum(total) FROM orders WHERE cash_session_id = s.id), 0)
       - coalesce((SELECT sum(amount) FROM sale_returns WHERE cash_session_id = s.id), 0)
       - coalesce((SELECT sum(amount) FROM household_payouts WHERE cash_session_id = s.id), 0)
    INTO held FROM cash_sessions s WHERE s.id = NEW.cash_session_id;
  IF held < 0 THEN
    RAISE EXCEPTION '% % leaves till session % short by %', TG_TABLE_NAME, NEW.id, NEW.cash_session_id, -held
      USING ERRCODE = 'check_violation', CONSTRAINT = 'cash_sessions_drawer_covers';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER cash_sessions_drawer_covers AFTER INSERT ON household_payouts DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cash_sessions_drawer_covers();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER cash_sessions_drawer_covers AFTER INSERT ON sale_returns DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cash_sessions_drawer_covers();

-- Issue 9 (ADR 014): what the committee's records must never do, enforced by the database.

-- A period closed through a sealed close may reopen, only in the transaction that marks that
-- close 'reopened' (with the county admin's name and reason): the trail comes first, always.
-- Otherwise periods go open → closed only and are never deleted, as before (0004).
CREATE OR REPLACE FUNCTION ledger_periods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'accounting periods are never deleted'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_periods_lock', TABLE = 'ledger_periods';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.station_id <> OLD.station_id OR NEW.month <> OLD.month THEN
      RAISE EXCEPTION 'a period keeps its station and month'
        USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_periods_lock', TABLE = 'ledger_periods';
    END IF;
    IF OLD.status = 'closed' THEN
      IF NEW.status = 'open' AND EXISTS (
           SELECT 1 FROM period_closes
            WHERE station_id = OLD.station_id AND period = OLD.month
              AND status = 'reopened' AND reopened_at = now()) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'period % of station % is closed and stays closed', to_char(OLD.month, 'YYYY-MM'), OLD.station_id
        USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_periods_lock', TABLE = 'ledger_periods';
    END IF;
  END IF;
  IF NEW.status = 'closed' THEN
    SELECT last_number, last_hash INTO head FROM ledger_chain_heads WHERE station_id = NEW.station_id FOR UPDATE;
    NEW.closing_number := coalesce(head.last_number, 0);
    NEW.closing_hash := coalesce(head.last_hash, repeat('0', 64));
    NEW.closed_at := coalesce(NEW.closed_at, now());
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

-- Sign-offs: only on a prepared close, never changed or removed; the second signer (a
-- committee member or the township accountant) comes after the operator and is neither the
-- operator who signed nor the person who prepared the close.
CREATE FUNCTION period_signatures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'a sign-off is never changed or removed: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'period_signatures_append_only', TABLE = 'period_signatures';
  END IF;
  SELECT status, prepared_by INTO c FROM period_closes WHERE id = NEW.close_id FOR UPDATE;
  IF c.status IS DISTINCT FROM 'prepared' THEN
    RAISE EXCEPTION 'close % is not waiting for sign-offs', NEW.close_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'period_signatures_open_close', TABLE = 'period_signatures';
  END IF;
  IF NEW.role = 'overseer' THEN
    IF NEW.user_id = c.prepared_by THEN
      RAISE EXCEPTION 'the person who prepared a close cannot be its second signer'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'period_signatures_distinct_signers', TABLE = 'period_signatures';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM period_signatures WHERE close_id = NEW.close_id AND role = 'operator') THEN
      RAISE EXCEPTION 'the operator signs first'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'period_signatures_order', TABLE = 'period_signatures';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER period_signatures_guard BEFORE INSERT OR UPDATE OR DELETE ON period_signatures
  FOR EACH ROW EXECUTE FUNCTION period_signatures_guard();
--> statement-breakpoint

-- A close's figures never change; its status moves prepared → sealed (both signatures in),
-- prepared → superseded, sealed → reopened; it is never deleted.
CREATE FUNCTION period_closes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a period close is never deleted'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'period_closes_append_only', TABLE = 'period_closes';
  END IF;
  IF (NEW.station_id, NEW.period, NEW.revision, NEW.rate, NEW.commission, NEW.allocation, NEW.figures, NEW.prepared_by, NEW.prepared_at)
     IS DISTINCT FROM (OLD.station_id, OLD.period, OLD.revision, OLD.rate, OLD.commission, OLD.allocation, OLD.figures, OLD.prepared_by, OLD.prepared_at)
     OR NOT ((OLD.status = 'prepared' AND NEW.status IN ('sealed', 'superseded'))
             OR (OLD.status = 'sealed' AND NEW.status = 'reopened'))
     OR (OLD.status = 'sealed' AND (NEW.seal, NEW.closing_hash, NEW.closing_number, NEW.sealed_at, NEW.allocation_journal_id)
                                   IS DISTINCT FROM (OLD.seal, OLD.closing_hash, OLD.closing_number, OLD.sealed_at, OLD.allocation_journal_id)) THEN
    RAISE EXCEPTION 'a period close keeps its figures and moves prepared → sealed → reopened only (% → %)', OLD.status, NEW.status
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'period_closes_append_only', TABLE = 'period_closes';
  END IF;
  IF NEW.status = 'sealed' AND (SELECT count(*) FROM period_signatures WHERE close_id = NEW.id) < 2 THEN
    RAISE EXCEPTION 'a close is sealed only with both sign-offs'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'period_closes_two_signatures', TABLE = 'period_closes';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER period_closes_guard BEFORE UPDATE OR DELETE ON period_closes
  FOR EACH ROW EXECUTE FUNCTION period_closes_guard();
--> statement-breakpoint

-- An expense is decided once (awaiting approval → posted or rejected); what was recorded never changes.
CREATE FUNCTION upkeep_expenses_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     OR (NEW.station_id, NEW.kind, NEW.amount, NEW.business_date, NEW.paid_from, NEW.payee, NEW.note, NEW.receipt_hash,
         NEW.over_reserve, NEW.recorded_by, NEW.recorded_at, NEW.request_key)
        IS DISTINCT FROM (OLD.station_id, OLD.kind, OLD.amount, OLD.business_date, OLD.paid_from, OLD.payee, OLD.note, OLD.receipt_hash,
         OLD.over_reserve, OLD.recorded_by, OLD.recorded_at, OLD.request_key)
     OR OLD.status <> 'awaiting_approval' THEN
    RAISE EXCEPTION 'an upkeep expense is decided once and never changes: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'upkeep_expenses_append_only', TABLE = 'upkeep_expenses';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER upkeep_expenses_guard BEFORE UPDATE OR DELETE ON upkeep_expenses
  FOR EACH ROW EXECUTE FUNCTION upkeep_expenses_guard();
--> statement-breakpoint

CREATE FUNCTION upkeep_receipts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a receipt photo is evidence: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'upkeep_receipts_append_only', TABLE = 'upkeep_receipts';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER upkeep_receipts_guard BEFORE UPDATE OR DELETE ON upkeep_receipts
  FOR EACH ROW EXECUTE FUNCTION upkeep_receipts_guard();

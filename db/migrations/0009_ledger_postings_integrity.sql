-- A journal's postings go in with the journal, in the same transaction, and never later:
-- a balancing pair (+x / −x) added to an old journal would pass the balance check but change
-- the journal after its hash was sealed. The journal's insert marks it open for the rest of
-- the transaction; a posting for any other journal is refused.
CREATE FUNCTION ledger_journals_mark_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('cunzhan.open_journal', NEW.id::text, true);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_journals_mark_open AFTER INSERT ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_journals_mark_open();
--> statement-breakpoint
CREATE FUNCTION ledger_postings_journal_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.journal_id::text IS DISTINCT FROM nullif(current_setting('cunzhan.open_journal', true), '') THEN
    RAISE EXCEPTION 'postings go in with their journal: journal % is already posted', NEW.journal_id
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_append_only', TABLE = 'ledger_postings';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_journal_open BEFORE INSERT ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_postings_journal_open();
--> statement-breakpoint
-- A household sub-ledger posting names one of the station's own households: never another
-- station's, never one that does not exist. (Partner postings get the same key with the
-- partner companies' table.)
ALTER TABLE ledger_postings ADD CONSTRAINT ledger_postings_household_fk
  FOREIGN KEY (household_id, station_id) REFERENCES households (id, station_id);

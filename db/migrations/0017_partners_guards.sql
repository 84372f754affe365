-- Products owned by a partner name a registered partner company (issue 8, ADR 012).
ALTER TABLE "products" ADD CONSTRAINT "products_partner_fk" FOREIGN KEY ("partner_id") REFERENCES "partner_companies"("id");
--> statement-breakpoint
CREATE INDEX "products_partner_idx" ON "products" USING btree ("partner_id") WHERE "partner_id" is not null;
--> statement-breakpoint
-- A bulk order line's delivered quantity is exactly the sum of its delivery lines, and never more
-- than ordered (the CHECK bulk_order_lines_delivered_range): checked at commit, whatever the code did.
CREATE FUNCTION bulk_order_lines_delivered_matches() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delivered numeric;
  recorded numeric;
BEGIN
  SELECT coalesce(sum(quantity), 0) INTO delivered FROM bulk_delivery_lines WHERE order_line_id = NEW.order_line_id;
  SELECT delivered_quantity INTO recorded FROM bulk_order_lines WHERE id = NEW.order_line_id;
  IF recorded IS DISTINCT FROM delivered THEN
    RAISE EXCEPTION 'order line % records % delivered but its delivery lines add up to %', NEW.order_line_id, recorded, delivered
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bulk_order_lines_delivered_matches';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bulk_order_lines_delivered_matches AFTER INSERT ON bulk_delivery_lines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bulk_order_lines_delivered_matches();
--> statement-breakpoint
-- A delivery's total is the sum of its lines.
CREATE FUNCTION bulk_deliveries_lines_match() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  comm numeric;
BEGIN
  SELECT coalesce(sum(amount), 0), coalesce(sum(commission), 0) INTO total, comm FROM bulk_delivery_lines WHERE delivery_id = NEW.id;
  IF total <> NEW.amount OR comm <> NEW.commission THEN
    RAISE EXCEPTION 'delivery % totals % / % but its lines add up to % / %', NEW.id, NEW.amount, NEW.commission, total, comm
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bulk_deliveries_lines_match';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER bulk_deliveries_lines_match AFTER INSERT ON bulk_deliveries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bulk_deliveries_lines_match();
--> statement-breakpoint
-- A partner never pays an order more than was delivered (invoiced) on it.
CREATE FUNCTION partner_payments_within_outstanding() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoiced numeric;
  paid numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO invoiced FROM bulk_deliveries WHERE order_id = NEW.order_id;
  SELECT coalesce(sum(amount), 0) INTO paid FROM partner_payments WHERE order_id = NEW.order_id;
  IF paid > invoiced THEN
    RAISE EXCEPTION 'payments % on order % exceed its deliveries %', paid, NEW.order_id, invoiced
      USING ERRCODE = 'check_violation', CONSTRAINT = 'partner_payments_within_outstanding';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partner_payments_within_outstanding AFTER INSERT ON partner_payments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION partner_payments_within_outstanding();
--> statement-breakpoint
-- A remittance never takes the partner's payable (21102) at the station into debit.
CREATE FUNCTION partner_remittances_within_owed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  balance numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO balance FROM ledger_postings
    WHERE station_id = NEW.station_id AND account_code = '21102' AND partner_id = NEW.partner_id;
  IF balance > 0 THEN
    RAISE EXCEPTION 'remittance % leaves partner % overpaid by %', NEW.id, NEW.partner_id, balance
      USING ERRCODE = 'check_violation', CONSTRAINT = 'partner_remittances_within_owed';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER partner_remittances_within_owed AFTER INSERT ON partner_remittances DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION partner_remittances_within_owed();
--> statement-breakpoint
-- Documents that posted a journal are append-only, like the journal itself.
CREATE FUNCTION partner_documents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bulk_deliveries_append_only BEFORE UPDATE OR DELETE ON bulk_deliveries FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();
--> statement-breakpoint
CREATE TRIGGER bulk_delivery_lines_append_only BEFORE UPDATE OR DELETE ON bulk_delivery_lines FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();
--> statement-breakpoint
CREATE TRIGGER partner_payments_append_only BEFORE UPDATE OR DELETE ON partner_payments FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();
--> statement-breakpoint
CREATE TRIGGER partner_remittances_append_only BEFORE UPDATE OR DELETE ON partner_remittances FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();
--> statement-breakpoint
CREATE TRIGGER partner_consignment_notes_append_only BEFORE UPDATE OR DELETE ON partner_consignment_notes FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();
--> statement-breakpoint
CREATE TRIGGER partner_consignment_note_lines_append_only BEFORE UPDATE OR DELETE ON partner_consignment_note_lines FOR EACH ROW EXECUTE FUNCTION partner_documents_append_only();

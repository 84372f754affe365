-- The ledger's guards (docs/decisions/007-ledger.md): what the database refuses whatever code
-- or raw SQL asks. Errors carry a constraint name the model maps to a LedgerError code.
-- TRUNCATE is left alone on purpose: the test harness empties tables between cases.

-- Covering indexes drizzle cannot express (INCLUDE): the general ledger and balances read
-- (station, account, date); the trial balance's partial months read (station, date).
CREATE INDEX "ledger_postings_account_date_idx" ON "ledger_postings" ("station_id", "account_code", "business_date") INCLUDE ("amount");
--> statement-breakpoint
CREATE INDEX "ledger_postings_station_date_idx" ON "ledger_postings" ("station_id", "business_date") INCLUDE ("account_code", "amount");
--> statement-breakpoint

-- Append-only: a mistake is corrected by a reversing journal, never by UPDATE or DELETE.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused; post a reversing journal instead', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_append_only', TABLE = TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint

-- Two or more postings summing to zero, checked at COMMIT (so a journal's postings can be
-- inserted after it). The twin on ledger_journals catches a journal with no posting at all.
CREATE FUNCTION ledger_journal_balanced_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  jid uuid;
  n integer;
  total numeric;
BEGIN
  IF TG_TABLE_NAME = 'ledger_journals' THEN
    jid := NEW.id;
  ELSE
    jid := NEW.journal_id;
  END IF;
  SELECT count(*), coalesce(sum(amount), 0) INTO n, total FROM ledger_postings WHERE journal_id = jid;
  IF n < 2 THEN
    RAISE EXCEPTION 'journal % has % posting(s); a journal needs at least two', jid, n
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journal_balanced', TABLE = TG_TABLE_NAME;
  END IF;
  IF total <> 0 THEN
    RAISE EXCEPTION 'journal % does not balance: its postings sum to %', jid, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journal_balanced', TABLE = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_journal_balanced AFTER INSERT ON ledger_journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balanced_check();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_postings_balanced AFTER INSERT ON ledger_postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_journal_balanced_check();
--> statement-breakpoint

-- The chain and the period lock, for every journal whoever inserts it: take the station's
-- head FOR UPDATE (posting within a station is serial, stations are independent), require
-- number = last + 1 and prev_hash = last hash, refuse a closed month, advance the head.
CREATE FUNCTION ledger_journals_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  SELECT last_number, last_hash INTO head FROM ledger_chain_heads WHERE station_id = NEW.station_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'station % has no ledger (no chain head)', NEW.station_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journals_chain', TABLE = 'ledger_journals';
  END IF;
  IF NEW.number <> head.last_number + 1 OR NEW.prev_hash <> head.last_hash THEN
    RAISE EXCEPTION 'journal % (number %) does not continue the chain of station %, whose head is number %',
      NEW.id, NEW.number, NEW.station_id, head.last_number
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journals_chain', TABLE = 'ledger_journals';
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_periods
             WHERE station_id = NEW.station_id AND month = date_trunc('month', NEW.business_date::timestamp)::date
               AND status = 'closed') THEN
    RAISE EXCEPTION 'the period % of station % is closed; date the journal in an open month',
      to_char(NEW.business_date, 'YYYY-MM'), NEW.station_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_period_closed', TABLE = 'ledger_journals';
  END IF;
  UPDATE ledger_chain_heads SET last_number = NEW.number, last_hash = NEW.hash WHERE station_id = NEW.station_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_journals_chain BEFORE INSERT ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_journals_before_insert();
--> statement-breakpoint

-- The head moves only with a journal (from inside the trigger above), and never goes away.
CREATE FUNCTION ledger_chain_heads_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_chain_heads moves only when a journal is posted: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_append_only', TABLE = 'ledger_chain_heads';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_chain_heads_guard BEFORE UPDATE OR DELETE ON ledger_chain_heads
  FOR EACH ROW EXECUTE FUNCTION ledger_chain_heads_guard();
--> statement-breakpoint

-- Each posting: a postable account of its station, the sub-ledger the account is kept by,
-- and not in a closed month (also for a posting slipped into an old journal).
CREATE FUNCTION ledger_postings_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acct record;
BEGIN
  SELECT postable, subledger_kind INTO acct FROM ledger_accounts WHERE station_id = NEW.station_id AND code = NEW.account_code;
  IF FOUND THEN -- otherwise ledger_postings_account_fk names the problem
    IF NOT acct.postable THEN
      RAISE EXCEPTION 'account % has sub-accounts; post to one of them', NEW.account_code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_postings_account_rules', TABLE = 'ledger_postings';
    END IF;
    IF acct.subledger_kind IS DISTINCT FROM NEW.subledger_kind THEN
      RAISE EXCEPTION 'account % is kept per %, the posting names %', NEW.account_code,
        coalesce(acct.subledger_kind, 'nobody'), coalesce(NEW.subledger_kind, 'nobody')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_postings_account_rules', TABLE = 'ledger_postings';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_periods
             WHERE station_id = NEW.station_id AND month = date_trunc('month', NEW.business_date::timestamp)::date
               AND status = 'closed') THEN
    RAISE EXCEPTION 'the period % of station % is closed', to_char(NEW.business_date, 'YYYY-MM'), NEW.station_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_period_closed', TABLE = 'ledger_postings';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_account_rules BEFORE INSERT ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_postings_before_insert();
--> statement-breakpoint

-- The month-totals cache, once per INSERT statement (a journal's postings go in one statement).
-- Postings of one station are serialised by its chain head, so the upserts never contend.
CREATE FUNCTION ledger_month_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_month_totals AS t (station_id, account_code, month, debit, credit)
  SELECT station_id, account_code, date_trunc('month', business_date::timestamp)::date,
         coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
    FROM ledger_new_postings
   GROUP BY 1, 2, 3
  ON CONFLICT (station_id, account_code, month)
  DO UPDATE SET debit = t.debit + excluded.debit, credit = t.credit + excluded.credit;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_postings_month_totals AFTER INSERT ON ledger_postings
  REFERENCING NEW TABLE AS ledger_new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_month_totals_add();
--> statement-breakpoint
CREATE FUNCTION ledger_month_totals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'ledger_month_totals is kept by the postings trigger: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_append_only', TABLE = 'ledger_month_totals';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_month_totals_guard BEFORE UPDATE OR DELETE ON ledger_month_totals
  FOR EACH ROW EXECUTE FUNCTION ledger_month_totals_guard();
--> statement-breakpoint

-- Periods go open → closed only, never back, and are never deleted. Closing takes the
-- station's head lock (so it waits for postings in flight) and records the head it closed at.
CREATE FUNCTION ledger_periods_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'accounting periods are never deleted'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_periods_lock', TABLE = 'ledger_periods';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status = 'closed' THEN
      RAISE EXCEPTION 'period % of station % is closed and stays closed', to_char(OLD.month, 'YYYY-MM'), OLD.station_id
        USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_periods_lock', TABLE = 'ledger_periods';
    END IF;
    IF NEW.station_id <> OLD.station_id OR NEW.month <> OLD.month THEN
      RAISE EXCEPTION 'a period keeps its station and month'
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
CREATE TRIGGER ledger_periods_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_periods
  FOR EACH ROW EXECUTE FUNCTION ledger_periods_guard();
--> statement-breakpoint

-- A draft is decided once; what was drafted never changes, and drafts are never deleted.
CREATE FUNCTION ledger_journal_drafts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.status <> 'pending'
     OR (NEW.station_id, NEW.drafted_by, NEW.drafted_at, NEW.business_date, NEW.memo, NEW.reason, NEW.lines)
        IS DISTINCT FROM (OLD.station_id, OLD.drafted_by, OLD.drafted_at, OLD.business_date, OLD.memo, OLD.reason, OLD.lines) THEN
    RAISE EXCEPTION 'a journal draft is decided once and its content never changes: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'ledger_append_only', TABLE = 'ledger_journal_drafts';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_journal_drafts_guard BEFORE UPDATE OR DELETE ON ledger_journal_drafts
  FOR EACH ROW EXECUTE FUNCTION ledger_journal_drafts_guard();
--> statement-breakpoint

-- The chart only grows by sub-accounts: code, place and kind never change; an account that
-- has postings cannot get children (its balance would be split between parent and child).
CREATE FUNCTION ledger_accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.parent_code IS NOT NULL THEN
      IF EXISTS (SELECT 1 FROM ledger_postings WHERE station_id = NEW.station_id AND account_code = NEW.parent_code) THEN
        RAISE EXCEPTION 'account % already has postings; it cannot get sub-account %', NEW.parent_code, NEW.code
          USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_accounts_rules', TABLE = 'ledger_accounts';
      END IF;
      UPDATE ledger_accounts SET postable = false WHERE station_id = NEW.station_id AND code = NEW.parent_code AND postable;
    END IF;
    RETURN NULL;
  END IF;
  IF (NEW.station_id, NEW.code, NEW.parent_code, NEW.category, NEW.normal_side, NEW.subledger_kind)
     IS DISTINCT FROM (OLD.station_id, OLD.code, OLD.parent_code, OLD.category, OLD.normal_side, OLD.subledger_kind)
     OR (NEW.postable AND NOT OLD.postable)
     OR (OLD.postable AND NOT NEW.postable
         AND EXISTS (SELECT 1 FROM ledger_postings WHERE station_id = OLD.station_id AND account_code = OLD.code)) THEN
    RAISE EXCEPTION 'account % of station % keeps its code, place, kind and postings', OLD.code, OLD.station_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_accounts_rules', TABLE = 'ledger_accounts';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard_update BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_guard_insert AFTER INSERT ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_accounts_guard();
--> statement-breakpoint

-- Stations that existed before the ledger get the template chart (财会〔2023〕14号 + the
-- product's sub-accounts, as app/domain/chart-of-accounts.ts had it when this migration was
-- written) and an empty chain; new stations get both from createStation.
INSERT INTO ledger_accounts (station_id, code, parent_code, name_zh, name_en, category, normal_side, subledger_kind, postable)
SELECT s.id, a.code, a.parent_code, a.name_zh, a.name_en, a.category, a.normal_side, a.subledger_kind, a.postable
  FROM stations s CROSS JOIN (VALUES
  ('101', NULL, '库存现金', 'Cash on hand', 'asset', 'debit', NULL, true),
  ('102', NULL, '银行存款', 'Bank deposits', 'asset', 'debit', NULL, false),
  ('10201', '102', '银行存款—基本存款账户', 'Bank deposits — basic account', 'asset', 'debit', NULL, true),
  ('10202', '102', '银行存款—第三方支付在途', 'Bank deposits — payment-provider clearing', 'asset', 'debit', NULL, true),
  ('111', NULL, '短期投资', 'Short-term investments', 'asset', 'debit', NULL, true),
  ('112', NULL, '应收款', 'Receivables', 'asset', 'debit', NULL, false),
  ('11201', '112', '应收款—合作企业', 'Receivables — partner companies', 'asset', 'debit', 'partner', true),
  ('11299', '112', '应收款—其他单位和个人', 'Receivables — other parties', 'asset', 'debit', NULL, true),
  ('113', NULL, '内部往来', 'Internal current accounts (members and affiliated units)', 'asset', 'debit', 'household', true),
  ('121', NULL, '库存物资', 'Inventories', 'asset', 'debit', NULL, true),
  ('131', NULL, '消耗性生物资产', 'Consumable biological assets', 'asset', 'debit', NULL, true),
  ('132', NULL, '生产性生物资产', 'Productive biological assets', 'asset', 'debit', NULL, true),
  ('133', NULL, '生产性生物资产累计折旧', 'Accumulated depreciation of productive biological assets', 'asset', 'credit', NULL, true),
  ('134', NULL, '公益性生物资产', 'Public-welfare biological assets', 'asset', 'debit', NULL, true),
  ('141', NULL, '长期投资', 'Long-term investments', 'asset', 'debit', NULL, true),
  ('151', NULL, '固定资产', 'Fixed assets', 'asset', 'debit', NULL, true),
  ('152', NULL, '累计折旧', 'Accumulated depreciation', 'asset', 'credit', NULL, true),
  ('153', NULL, '在建工程', 'Construction in progress', 'asset', 'debit', NULL, true),
  ('154', NULL, '固定资产清理', 'Fixed assets in disposal', 'asset', 'debit', NULL, true),
  ('161', NULL, '无形资产', 'Intangible assets', 'asset', 'debit', NULL, true),
  ('162', NULL, '累计摊销', 'Accumulated amortisation', 'asset', 'credit', NULL, true),
  ('171', NULL, '长期待摊费用', 'Long-term deferred expenses', 'asset', 'debit', NULL, true),
  ('181', NULL, '待处理财产损溢', 'Unresolved asset gains and losses', 'asset', 'debit', NULL, false),
  ('18101', '181', '待处理财产损溢—现金长短款', 'Unresolved — cash over/short', 'asset', 'debit', NULL, true),
  ('18102', '181', '待处理财产损溢—物资盘盈盘亏', 'Unresolved — stock count differences', 'asset', 'debit', NULL, true),
  ('201', NULL, '短期借款', 'Short-term borrowings', 'liability', 'credit', NULL, true),
  ('211', NULL, '应付款', 'Payables', 'liability', 'credit', NULL, false),
  ('21101', '211', '应付款—农户代卖款', 'Payables — households'' consigned-sale proceeds', 'liability', 'credit', 'household', true),
  ('21102', '211', '应付款—合作企业货款', 'Payables — partner companies'' goods', 'liability', 'credit', 'partner', true),
  ('21103', '211', '应付款—预收货款', 'Payables — customer prepayments', 'liability', 'credit', NULL, true),
  ('21199', '211', '应付款—其他', 'Payables — other', 'liability', 'credit', NULL, true),
  ('212', NULL, '应付工资', 'Wages payable', 'liability', 'credit', NULL, true),
  ('213', NULL, '应付劳务费', 'Labour fees payable', 'liability', 'credit', NULL, true),
  ('214', NULL, '应交税费', 'Taxes payable', 'liability', 'credit', NULL, true),
  ('221', NULL, '长期借款及应付款', 'Long-term borrowings and payables', 'liability', 'credit', NULL, true),
  ('231', NULL, '一事一议资金', 'Funds raised case by case (一事一议)', 'liability', 'credit', NULL, true),
  ('241', NULL, '专项应付款', 'Special-purpose payables', 'liability', 'credit', NULL, true),
  ('301', NULL, '资本', 'Capital', 'equity', 'credit', NULL, true),
  ('311', NULL, '公积公益金', 'Reserve and welfare fund', 'equity', 'credit', NULL, false),
  ('31101', '311', '公积公益金—站点运维基金', 'Reserve — station upkeep fund', 'equity', 'credit', NULL, true),
  ('31102', '311', '公积公益金—集体公积公益金', 'Reserve — collective reserve and welfare fund', 'equity', 'credit', NULL, true),
  ('321', NULL, '本年收益', 'Surplus for the year', 'equity', 'credit', NULL, true),
  ('322', NULL, '收益分配', 'Surplus distribution', 'equity', 'credit', NULL, false),
  ('32201', '322', '收益分配—提取站点运维基金', 'Distribution — appropriated to the upkeep fund', 'equity', 'debit', NULL, true),
  ('32202', '322', '收益分配—站点运维基金使用转回', 'Distribution — upkeep fund released on use', 'equity', 'credit', NULL, true),
  ('32299', '322', '收益分配—未分配收益', 'Distribution — undistributed surplus', 'equity', 'credit', NULL, true),
  ('401', NULL, '生产（劳务）成本', 'Production (service) costs', 'cost', 'debit', NULL, true),
  ('501', NULL, '经营收入', 'Operating income', 'income-and-expense', 'credit', NULL, false),
  ('50101', '501', '经营收入—代销佣金（农产品）', 'Operating income — commission on produce', 'income-and-expense', 'credit', NULL, true),
  ('50102', '501', '经营收入—代销佣金（合作企业商品）', 'Operating income — commission on partner goods', 'income-and-expense', 'credit', NULL, true),
  ('50103', '501', '经营收入—自营销售收入', 'Operating income — sales of own goods', 'income-and-expense', 'credit', NULL, true),
  ('50104', '501', '经营收入—服务收入', 'Operating income — services', 'income-and-expense', 'credit', NULL, true),
  ('502', NULL, '投资收益', 'Investment income', 'income-and-expense', 'credit', NULL, true),
  ('503', NULL, '补助收入', 'Subsidy income', 'income-and-expense', 'credit', NULL, true),
  ('504', NULL, '其他收入', 'Other income', 'income-and-expense', 'credit', NULL, true),
  ('511', NULL, '经营支出', 'Operating expenses', 'income-and-expense', 'debit', NULL, false),
  ('51101', '511', '经营支出—自营商品成本', 'Operating expenses — cost of own goods sold', 'income-and-expense', 'debit', NULL, true),
  ('51199', '511', '经营支出—其他', 'Operating expenses — other', 'income-and-expense', 'debit', NULL, true),
  ('512', NULL, '税金及附加', 'Taxes and surcharges', 'income-and-expense', 'debit', NULL, true),
  ('513', NULL, '管理费用', 'Administrative expenses', 'income-and-expense', 'debit', NULL, false),
  ('51301', '513', '管理费用—设备更新', 'Administrative — equipment renewal', 'income-and-expense', 'debit', NULL, true),
  ('51302', '513', '管理费用—电费', 'Administrative — electricity', 'income-and-expense', 'debit', NULL, true),
  ('51303', '513', '管理费用—网费', 'Administrative — internet', 'income-and-expense', 'debit', NULL, true),
  ('51304', '513', '管理费用—维修费', 'Administrative — repairs', 'income-and-expense', 'debit', NULL, true),
  ('51305', '513', '管理费用—管理员报酬', 'Administrative — station keeper''s pay', 'income-and-expense', 'debit', NULL, true),
  ('51399', '513', '管理费用—其他', 'Administrative — other', 'income-and-expense', 'debit', NULL, true),
  ('514', NULL, '公益支出', 'Public-welfare expenditure', 'income-and-expense', 'debit', NULL, true),
  ('515', NULL, '其他支出', 'Other expenditure', 'income-and-expense', 'debit', NULL, true),
  ('521', NULL, '所得税费用', 'Income tax expense', 'income-and-expense', 'debit', NULL, true)
  ) AS a (code, parent_code, name_zh, name_en, category, normal_side, subledger_kind, postable);
--> statement-breakpoint
INSERT INTO ledger_chain_heads (station_id) SELECT id FROM stations;

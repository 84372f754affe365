import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { rows } from "../factories/ledger";
import { testDb, useDemoDatabase } from "../support/db";

describe("the seeded year at the till", () => {
  useDemoDatabase();

  it("obeys every rule: the ledger verifies, stock is its movements, nobody is overpaid, every sale has its journal", async () => {
    const db = testDb();
    const results = (await verifyLedger(db))!;
    expect(results).toHaveLength(5);
    for (const r of results) expect(r).toMatchObject({ ok: true });
    const [state] = await rows<{ sales: number; sessions_open: number; stock_mismatch: number; overpaid: number; orphans: number; honeysuckle_summer: number; honeysuckle_winter: number; larou_before_festival: number; larou_summer: number }>(
      db,
      sql`select
        (select count(*)::int from sales) as sales,
        (select count(*)::int from cash_sessions where status = 'open') as sessions_open,
        (select count(*)::int from products p where p.on_hand <> (select coalesce(sum(on_hand_delta), 0) from stock_movements m where m.product_id = p.id)) as stock_mismatch,
        (select count(*)::int from (select household_id from ledger_postings where account_code = '21101' group by station_id, household_id having sum(amount) > 0) o) as overpaid,
        (select count(*)::int from ledger_journals j where source_type = 'sale' and not exists (select 1 from sales s where s.journal_id = j.id)
           and not exists (select 1 from sale_returns r where r.journal_id = j.id)) as orphans,
        (select count(*)::int from sale_lines l join sales s on s.id = l.sale_id join products p on p.id = l.product_id where p.name_zh like '%金银花%' and extract(month from s.business_date) in (5, 6)) as honeysuckle_summer,
        (select count(*)::int from sale_lines l join sales s on s.id = l.sale_id join products p on p.id = l.product_id where p.name_zh like '%金银花%' and extract(month from s.business_date) in (8, 9)) as honeysuckle_winter,
        (select count(*)::int from sale_lines l join sales s on s.id = l.sale_id join products p on p.id = l.product_id where p.name_zh like '%腊肉%' and s.business_date < make_date(extract(year from s.business_date)::int, 2, 17)) as larou_before_festival,
        (select count(*)::int from sale_lines l join sales s on s.id = l.sale_id join products p on p.id = l.product_id where p.name_zh like '%腊肉%' and extract(month from s.business_date) between 4 and 9) as larou_summer`,
    );
    expect(state!.sales).toBeGreaterThanOrEqual(250);
    expect(state).toMatchObject({ sessions_open: 0, stock_mismatch: 0, overpaid: 0, orphans: 0 });
    expect(state!.honeysuckle_summer).toBeGreaterThan(state!.honeysuckle_winter);
    expect(state!.larou_before_festival).toBeGreaterThan(state!.larou_summer);
  });
});

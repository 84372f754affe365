import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chinaToday } from "../../app/domain/dates";
import { listBulkOrders } from "../../app/models/partners/bulk-orders.server";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { partnerStatement } from "../../app/models/partners/statements.server";
import { rows } from "../factories/ledger";
import { testDb, useDemoDatabase } from "../support/db";

describe("the seeded year with partner companies", () => {
  useDemoDatabase();

  it("keeps stock, receivables, payables and the ledger consistent, and every statement reconciles", async () => {
    const db = testDb();
    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
    const partners = await rows<{ id: string; kind: string }>(db, sql`select id, kind from partner_companies order by name_zh`);
    expect(partners.map((p) => p.kind).sort()).toEqual(["input_supplier", "processor", "retail_chain"]);
    const [state] = await rows<{ stock_mismatch: number; line_mismatch: number; partner_overpaid: number; receivable_mismatch: number; deliveries: number; notes: number }>(
      db,
      sql`select
        (select count(*)::int from products p where p.on_hand <> (select coalesce(sum(on_hand_delta), 0) from stock_movements m where m.product_id = p.id)) as stock_mismatch,
        (select count(*)::int from bulk_order_lines l where l.delivered_quantity <> (select coalesce(sum(quantity), 0) from bulk_delivery_lines d where d.order_line_id = l.id)) as line_mismatch,
        (select count(*)::int from (select partner_id from ledger_postings where account_code = '21102' group by station_id, partner_id having sum(amount) > 0) o) as partner_overpaid,
        (select count(*)::int from (select d.station_id, d.partner_id, sum(d.amount) - coalesce((select sum(p.amount) from partner_payments p where p.station_id = d.station_id and p.partner_id = d.partner_id), 0) as open
            from bulk_deliveries d group by d.station_id, d.partner_id) x
          where x.open <> (select coalesce(sum(amount), 0) from ledger_postings lp where lp.account_code = '11201' and lp.station_id = x.station_id and lp.partner_id = x.partner_id)) as receivable_mismatch,
        (select count(*)::int from bulk_deliveries) as deliveries,
        (select count(*)::int from partner_consignment_notes) as notes`,
    );
    expect(state).toMatchObject({ stock_mismatch: 0, line_mismatch: 0, partner_overpaid: 0, receivable_mismatch: 0 });
    const today = chinaToday();
    if (today.slice(5) > "09-01") {
      expect(state!.deliveries).toBeGreaterThanOrEqual(6);
      expect(state!.notes).toBeGreaterThanOrEqual(6);
      const orders = (await Promise.all(partners.map((p) => listBulkOrders(db, { partnerId: p.id })))).flat();
      expect(orders.some((o) => o.overdue)).toBe(true);
      expect(orders.some((o) => o.status === "placed")).toBe(true);
    }
    for (const p of partners) {
      const statement = await partnerStatement(db, { partnerId: p.id, from: `${today.slice(0, 4)}-01-01`, to: today });
      expect(statement.reconciled).toBe(true);
    }
  });
});

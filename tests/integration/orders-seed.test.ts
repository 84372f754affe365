import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ORDER_STATUSES } from "../../app/domain/orders";
import { verifyLedger } from "../../app/models/ledger-verify.server";
import { seedDemo } from "../../db/seed";
import { rows } from "../factories/ledger";
import { testDb } from "../support/db";

describe("the seeded online orders", () => {
  it("every state appears in the county and every station has orders, some delivered by distance band; stock holds what is reserved, 21103 holds only what is paid and not yet completed, and the ledger verifies", { timeout: 180_000 }, async () => {
    const db = testDb();
    await seedDemo(db);
    const statuses = await rows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from orders group by status`);
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(ORDER_STATUSES));
    const [banded] = await rows<{ n: number }>(db, sql`select count(*)::int as n from orders where delivery_band_km is not null and fulfilment = 'delivery'`);
    expect(banded!.n).toBeGreaterThan(0);
    const [state] = await rows<{ stations: number; reserved_mismatch: number; prepaid_mismatch: number; events_without_notice: number }>(
      db,
      sql`select
        (select count(distinct station_id)::int from orders) as stations,
        (select count(*)::int from products p where p.reserved <> coalesce((select sum(l.quantity) from order_lines l join orders o on o.id = l.order_id
           where l.product_id = p.id and o.status in ('pending_payment', 'placed', 'paid', 'packed', 'ready_for_pickup')), 0)) as reserved_mismatch,
        (select count(*)::int from stations s where coalesce((select -sum(amount) from ledger_postings where station_id = s.id and account_code = '21103'), 0)
           <> coalesce((select sum(total - refunded_amount) from orders where station_id = s.id and paid_at is not null and completed_at is null), 0)) as prepaid_mismatch,
        (select count(*)::int from order_events e where not exists (select 1 from notifications n where n.order_id = e.order_id)) as events_without_notice`,
    );
    expect(state).toEqual({ stations: 5, reserved_mismatch: 0, prepaid_mismatch: 0, events_without_notice: 0 });
    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
  });
});

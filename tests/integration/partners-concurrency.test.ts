import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import { recordDelivery } from "../../app/models/partners/deliveries.server";
import { confirmBulkOrder, createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { partnerOwed, recordRemittance } from "../../app/models/partners/money.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeConsignedProduct, makeHoldings, makePartner, DELIVERY_DATE } from "../factories/partners";
import { sell } from "../factories/till";
import { testDb } from "../support/db";

/** Real concurrency needs real connections: PostgreSQL only (ADR 003). */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("partners-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

describe.runIf(onPostgres)("partner business at the same moment on PostgreSQL", () => {
  it("places one order for the same request key sent 10 times at once", { timeout: 60_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const partner = await makePartner(db, station);
    await makeHoldings(db, station, ["100"]);
    const idempotencyKey = `req-${randomUUID()}`;
    const orders = await Promise.all(
      Array.from({ length: 10 }, () => createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "20", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey })),
    );
    expect(new Set(orders.map((o) => o.id)).size).toBe(1);
    const [n] = await rows<{ orders: number; lines: number }>(db, sql`select (select count(*)::int from bulk_orders) as orders, (select count(*)::int from bulk_order_lines) as lines`);
    expect(n).toEqual({ orders: 1, lines: 1 });
  });

  it("never delivers more than ordered or held when deliveries race, and never remits more than owed", { timeout: 120_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, station);
    const [holder] = await makeHoldings(db, station, ["30"]);
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "25", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey: `req-${randomUUID()}` });
    await confirmBulkOrder(db, { stationId: station.id, orderId: order.id, actorUserId });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        recordDelivery(db, { stationId: station.id, orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, productId: holder!.product.id, quantity: new D("10") }], idempotencyKey: `req-${randomUUID()}`, actorUserId }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code?: string }).code).toBe("OVER_ORDERED");
    const [state] = await rows<{ delivered: string; on_hand: string; deliveries: number }>(
      db,
      sql`select (select delivered_quantity::text from bulk_order_lines where order_id = ${order.id}) as delivered, (select on_hand::text from products where id = ${holder!.product.id}) as on_hand, (select count(*)::int from bulk_deliveries) as deliveries`,
    );
    expect(state).toEqual({ delivered: "20.000", on_hand: "10.000", deliveries: 2 });

    const { product } = await makeConsignedProduct(db, station, partner.id, { stock: "5", price: "100.00" });
    await sell(db, station, [{ product, quantity: "1" }]);
    const owed = await partnerOwed(db, { partnerId: partner.id, stationId: station.id });
    const remits = await Promise.allSettled(
      Array.from({ length: 4 }, () => recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: owed, reference: "ZZ", idempotencyKey: randomUUID(), actorUserId })),
    );
    expect(remits.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await partnerOwed(db, { partnerId: partner.id, stationId: station.id })).toFixed(2)).toBe("0.00");
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });
});

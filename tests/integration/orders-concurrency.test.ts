import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { packOrder } from "../../app/models/orders/lifecycle.server";
import { expireUnpaidCheckouts } from "../../app/models/orders/sweeper.server";
import { receiveGoods } from "../../app/models/catalog/stock.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { key, payOnline, placeOrder } from "../factories/orders";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";

/** Real concurrency needs real connections: PostgreSQL only (ADR 003). */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("orders-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

const ROUNDS = Number(process.env.ORDERS_ROUNDS ?? 100);

describe.runIf(onPostgres)("online orders at once on PostgreSQL", () => {
  it(`50 checkouts for the last 5 units, ${ROUNDS} rounds: exactly 5 orders each round, never negative`, { timeout: 600_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "5", price: "38.00" });
    for (let round = 0; round < ROUNDS; round++) {
      // Five more units for this round through the stock model: available is 5 again (the earlier rounds' stay reserved).
      if (round > 0) await receiveGoods(db, { actorUserId: null, stationId: station.id, productId: product.id, quantity: new D(5) });
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => placeOrder(db, [{ product, quantity: "1" }])));
      const placed = outcomes.filter((o) => o.status === "fulfilled").length;
      expect(placed, `round ${round}`).toBe(5);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    }
    const [state] = await rows<{ on_hand: string; reserved: string; orders: number; numbers: number; negatives: number }>(
      db,
      sql`select (select on_hand::text from products where id = ${product.id}) as on_hand,
        (select reserved::text from products where id = ${product.id}) as reserved,
        (select count(*)::int from orders where station_id = ${station.id}) as orders,
        (select count(distinct number)::int from orders where station_id = ${station.id}) as numbers,
        (select count(*)::int from stock_movements where product_id = ${product.id} and (on_hand_after < 0 or reserved_after > on_hand_after)) as negatives`,
    );
    const total = 5 * ROUNDS;
    expect(state).toEqual({ on_hand: `${total}.000`, reserved: `${total}.000`, orders: total, numbers: total, negatives: 0 });
  });

  it("the same payment recorded 10 times at once: one payment journal per order; after expiry every attempt is late", { timeout: 60_000 }, async () => {
    const db = testDb();
    const [s1, s2] = [await makeStation(db), await makeStation(db)];
    const { product: p1 } = await makeStockedProduct(db, s1, { stock: "5", price: "10.00" });
    const { product: p2 } = await makeStockedProduct(db, s2, { stock: "5", price: "20.00" });
    const placed = await placeOrder(db, [{ product: p1, quantity: "1" }, { product: p2, quantity: "1" }]);
    const results = await Promise.all(Array.from({ length: 10 }, () => payOnline(db, placed, { intent: "pi_same" })));
    expect(results.map((r) => r.outcome).sort()).toEqual(["already", ...Array(8).fill("already"), "recorded"].sort());
    const [journals] = await rows<{ n: number; orders: number }>(
      db,
      sql`select count(*)::int as n, count(distinct source_id)::int as orders from ledger_journals where source_type = 'order' and idempotency_key like '%:paid'`,
    );
    expect(journals).toEqual({ n: 2, orders: 2 });

    const t0 = new Date(Date.now() - 2 * 3600_000);
    const stale = await placeOrder(db, [{ product: p1, quantity: "1" }], { at: t0 });
    expect(await expireUnpaidCheckouts(db, { now: new Date() })).toBe(1);
    const late = await Promise.all(Array.from({ length: 10 }, () => payOnline(db, stale, { intent: "pi_late" })));
    expect(new Set(late.map((r) => r.outcome))).toEqual(new Set(["late"]));
    for (const s of [s1, s2]) expect(await verifyStation(db, { stationId: s.id, code: s.code })).toMatchObject({ ok: true });
  });

  it("four sweepers at once expire each checkout exactly once; a double-tapped checkout and transition are made once", { timeout: 60_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "40" });
    const t0 = new Date(Date.now() - 2 * 3600_000);
    for (let i = 0; i < 20; i++) await placeOrder(db, [{ product, quantity: "1" }], { at: t0 });
    const counts = await Promise.all([1, 2, 3, 4].map(() => expireUnpaidCheckouts(db, { now: new Date() })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
    const [state] = await rows<{ reserved: string; expired: number; released: number }>(
      db,
      sql`select (select reserved::text from products where id = ${product.id}) as reserved,
        (select count(*)::int from order_events where event = 'expire') as expired,
        (select count(*)::int from stock_movements where kind = 'released') as released`,
    );
    expect(state).toEqual({ reserved: "0.000", expired: 20, released: 20 });

    const idempotencyKey = key();
    const doubles = await Promise.all([1, 2, 3, 4, 5].map(() => placeOrder(db, [{ product, quantity: "1" }], { idempotencyKey })));
    expect(new Set(doubles.map((d) => d.checkoutId)).size).toBe(1);
    const paid = doubles[0]!;
    await payOnline(db, paid);
    const k = key();
    const packs = await Promise.all([1, 2, 3, 4, 5].map(() => packOrder(db, { stationId: station.id, orderId: paid.orders[0]!.id, actorUserId: null, idempotencyKey: k })));
    expect(packs.filter((p) => !p.replayed)).toHaveLength(1);
    const [events] = await rows<{ n: number }>(db, sql`select count(*)::int as n from order_events where idempotency_key = ${k}`);
    expect(events!.n).toBe(1);
  });
});

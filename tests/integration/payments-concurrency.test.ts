import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { requestRefund, startOnlinePayment } from "../../app/models/payments/payments.server";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { key, placeOrder } from "../factories/orders";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";
import { clickOnHostedPage, type PaymentsWorld, startPaymentsWorld } from "../support/stripe";

/** Real concurrency needs real connections: PostgreSQL only (ADR 003). */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("payments-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

let world: PaymentsWorld;
beforeEach(async () => {
  if (onPostgres) world = await startPaymentsWorld();
});
afterEach(async () => {
  if (onPostgres) await world.close();
});

describe.runIf(onPostgres)("webhooks and refunds at once on PostgreSQL", () => {
  it("the same checkout.session.completed delivered 10 times at once: one payment, one journal per order", { timeout: 60_000 }, async () => {
    const db = testDb();
    const [s1, s2] = [await makeStation(db), await makeStation(db)];
    const { product: p1 } = await makeStockedProduct(db, s1, { stock: "5", price: "10.00" });
    const { product: p2 } = await makeStockedProduct(db, s2, { stock: "5", price: "20.00" });
    const placed = await placeOrder(db, [{ product: p1, quantity: "1" }, { product: p2, quantity: "1" }]);
    world.local.hold();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: "http://localhost" });
    await clickOnHostedPage(url);
    const [completed] = world.local.events("checkout.session.completed");

    expect(await world.local.redeliver(completed!.id, 10)).toEqual(Array(10).fill(200));
    const [state] = await rows<{ events: number; payments: number; journals: number; orders: number; paid: number }>(
      db,
      sql`select (select count(*)::int from payment_events where event_id = ${completed!.id}) as events,
        (select count(*)::int from payments where checkout_id = ${placed.checkoutId} and status = 'paid') as payments,
        (select count(*)::int from ledger_journals where source_type = 'order' and idempotency_key like '%:paid') as journals,
        (select count(distinct source_id)::int from ledger_journals where source_type = 'order' and idempotency_key like '%:paid') as orders,
        (select count(*)::int from orders where checkout_id = ${placed.checkoutId} and status = 'paid') as paid`,
    );
    expect(state).toEqual({ events: 1, payments: 1, journals: 2, orders: 2, paid: 2 });
    for (const s of [s1, s2]) expect((await verifyStation(db, { stationId: s.id, code: s.code })).ok).toBe(true);
  });

  it("ten refund requests at once never ask for more than was paid", { timeout: 60_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const operator = await makeOperator(db, station);
    const { product } = await makeStockedProduct(db, station, { stock: "5", price: "10.00" });
    const placed = await placeOrder(db, [{ product, quantity: "3" }]);
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: "http://localhost" });
    await clickOnHostedPage(url);
    await world.local.idle();
    const orderId = placed.orders[0]!.id;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => requestRefund(db, world.gateway, { stationId: station.id, orderId, amount: "7.00", actorUserId: operator.id, idempotencyKey: key() })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ code: expect.stringMatching(/^(REFUND_TOO_LARGE|NOT_REFUNDABLE)$/) });
    await world.local.idle();
    const [order] = await rows<{ refunded: string; journals: number }>(
      db,
      sql`select (select refunded_amount::text from orders where id = ${orderId}) as refunded,
        (select count(*)::int from ledger_journals where idempotency_key like ${`order:${orderId}:refund:%`}) as journals`,
    );
    expect(order).toEqual({ refunded: "28.00", journals: 4 });
    expect((await verifyStation(db, { stationId: station.id, code: station.code })).ok).toBe(true);
  });
});

import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dbErrorInfo } from "../../app/models/database/errors.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { getCheckoutByToken } from "../../app/models/orders/read.server";
import { expireUnpaidCheckouts } from "../../app/models/orders/sweeper.server";
import { handleStripeEvent, PaymentError, requestRefund, startOnlinePayment } from "../../app/models/payments/payments.server";
import { loader as payLoader } from "../../app/routes/orders.$token.pay";
import { action as webhookAction } from "../../app/routes/webhooks.stripe";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { key, placeOrder } from "../factories/orders";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";
import { clickOnHostedPage, type PaymentsWorld, startPaymentsWorld, webhookRequest } from "../support/stripe";

const BASE = "http://localhost";

let world: PaymentsWorld;
beforeEach(async () => {
  world = await startPaymentsWorld();
});
afterEach(async () => {
  await world.close();
});

/** Two stations' goods in one checkout, paid together. */
async function twoStationCheckout() {
  const db = testDb();
  const [s1, s2] = [await makeStation(db), await makeStation(db)];
  const { product: p1 } = await makeStockedProduct(db, s1, { stock: "10", price: "30.00" });
  const { product: p2 } = await makeStockedProduct(db, s2, { stock: "10", price: "12.50" });
  const placed = await placeOrder(db, [{ product: p1, quantity: "2" }, { product: p2, quantity: "1" }]);
  return { db, s1, s2, placed };
}

async function counts(checkoutId: string) {
  const [c] = await rows<{ events: number; paid: number; paidJournals: number; refundJournals: number }>(
    testDb(),
    sql`select (select count(*)::int from payment_events) as events,
      (select count(*)::int from payments where checkout_id = ${checkoutId} and status = 'paid') as "paid",
      (select count(*)::int from ledger_journals j join orders o on o.id::text = j.source_id::text where o.checkout_id = ${checkoutId} and j.idempotency_key like '%:paid') as "paidJournals",
      (select count(*)::int from ledger_journals j join orders o on o.id::text = j.source_id::text where o.checkout_id = ${checkoutId} and j.idempotency_key like '%:refund:%') as "refundJournals"`,
  );
  return c!;
}

async function checkoutState(token: string) {
  const view = await getCheckoutByToken(testDb(), { token });
  return { status: view!.checkout.status, orders: view!.orders.map((o) => ({ status: o.status, refunded: o.refundedAmount })) };
}

describe("paying online through the local Stripe-compatible server", () => {
  it("creates a session, is paid on the hosted page's form, the signed webhook arrives, the orders are paid", async () => {
    const { db, s1, s2, placed } = await twoStationCheckout();
    const started = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    expect(started.url).toMatch(new RegExp(`^${world.local.url}/pay/cs_test_`));
    // Asking again (a double submit, or the buyer coming back) reuses the open session.
    expect((await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE })).url).toBe(started.url);

    const back = await clickOnHostedPage(started.url);
    expect(back).toMatch(new RegExp(`^${BASE}/orders/${placed.token}/pay\\?session_id=cs_test_`));
    await world.local.idle();

    expect(world.answered.every((s) => s === 200)).toBe(true);
    expect(await checkoutState(placed.token)).toEqual({ status: "paid", orders: [{ status: "paid", refunded: "0.00" }, { status: "paid", refunded: "0.00" }] });
    expect(await counts(placed.checkoutId)).toMatchObject({ paid: 1, paidJournals: 2 });
    // Paid: the pay button now leads to the order page.
    expect(await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE })).toEqual({ url: `${BASE}/orders/${placed.token}`, alreadyPaid: true });
    for (const s of [s1, s2]) expect((await verifyStation(db, { stationId: s.id, code: s.code })).ok).toBe(true);
  });

  it("the return from the hosted page confirms the payment before the webhook; the webhook then changes nothing", async () => {
    const { db, placed } = await twoStationCheckout();
    world.local.hold();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    const back = new URL(await clickOnHostedPage(url));
    const response = (await payLoader({ request: new Request(back), params: { token: placed.token }, context: world.context })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/orders/${placed.token}`);
    expect((await checkoutState(placed.token)).status).toBe("paid");

    await world.local.release({ times: 3 });
    expect(await counts(placed.checkoutId)).toMatchObject({ paid: 1, paidJournals: 2, events: 1 });
  });

  it("a session id that is not this checkout's is not found", async () => {
    const { db, placed } = await twoStationCheckout();
    const other = await placeOrder(db, [{ product: (await makeStockedProduct(db, await makeStation(db))).product, quantity: "1" }]);
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: other.checkoutId, baseUrl: BASE });
    const sessionId = url.split("/pay/")[1]!;
    const request = new Request(`${BASE}/orders/${placed.token}/pay?session_id=${sessionId}`);
    await expect(payLoader({ request, params: { token: placed.token }, context: world.context })).rejects.toMatchObject({ status: 404 });
  });
});

describe("the webhook endpoint", () => {
  async function heldCompletedEvent() {
    const { db, placed } = await twoStationCheckout();
    world.local.hold();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    await clickOnHostedPage(url);
    const [completed] = world.local.events("checkout.session.completed");
    return { placed, payload: completed!.payload };
  }

  it("refuses a bad or stale signature with 400 and writes nothing", async () => {
    const { placed, payload } = await heldCompletedEvent();
    const call = (request: Request) => webhookAction({ request, params: {}, context: world.context }) as Promise<Response>;
    const unsigned = new Request(`${BASE}/webhooks/stripe`, { method: "POST", body: payload, headers: { "Content-Type": "application/json" } });
    const statuses = [
      (await call(unsigned)).status,
      (await call(webhookRequest(payload, { secret: "whsec_someone_else" }))).status,
      (await call(webhookRequest(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).status,
      (await call(new Request(webhookRequest(payload), { body: payload.replace('"livemode": false', '"livemode": true') }))).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(await counts(placed.checkoutId)).toEqual({ events: 0, paid: 0, paidJournals: 0, refundJournals: 0 });
    expect((await checkoutState(placed.token)).status).toBe("pending_payment");

    // The same bytes, properly signed and fresh, are applied once.
    const ok = await call(webhookRequest(payload));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ received: true, outcome: "applied" });
    expect(await (await call(webhookRequest(payload))).json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await counts(placed.checkoutId)).toMatchObject({ events: 1, paid: 1, paidJournals: 2 });
  });

  it("is a 404 when online payment is not configured", async () => {
    const { payload } = await heldCompletedEvent();
    const response = (await webhookAction({ request: webhookRequest(payload), params: {}, context: { ...world.context, payments: null } })) as Response;
    expect(response.status).toBe(404);
  });
});

describe("refunds", () => {
  async function paidCheckout() {
    const { db, s1, s2, placed } = await twoStationCheckout();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    await clickOnHostedPage(url);
    await world.local.idle();
    const order = placed.orders.find((o) => o.stationId === s1.id)!;
    const operator = await makeOperator(db, s1);
    return { db, s1, s2, placed, order, operator };
  }

  it("a partial refund through requestRefund is posted once, when the webhook confirms it", async () => {
    const { db, s1, placed, order, operator } = await paidCheckout();
    const idempotencyKey = key();
    world.local.hold();
    const asked = await requestRefund(db, world.gateway, { stationId: s1.id, orderId: order.id, amount: "25.00", actorUserId: operator.id, idempotencyKey });
    expect(asked.status).toBe("pending");
    // Nothing is posted until the gateway confirms.
    expect((await counts(placed.checkoutId)).refundJournals).toBe(0);
    // The same form again: the same refund, no second one at the gateway.
    expect(await requestRefund(db, world.gateway, { stationId: s1.id, orderId: order.id, amount: "25.00", actorUserId: operator.id, idempotencyKey })).toMatchObject({ refundId: asked.refundId });
    await world.local.idle();
    expect(world.local.events("refund.created")).toHaveLength(1);
    // The refund on its way holds its amount: 60.00 - 25.00 leaves 35.00.
    await expect(requestRefund(db, world.gateway, { stationId: s1.id, orderId: order.id, amount: "35.01", actorUserId: operator.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "REFUND_TOO_LARGE" });

    await world.local.release({ times: 2 });
    const [updated] = world.local.events("refund.updated");
    expect(await world.local.redeliver(updated!.id, 3)).toEqual([200, 200, 200]);
    const state = await checkoutState(placed.token);
    expect(state.orders.find((o) => o.refunded !== "0.00")).toEqual({ status: "paid", refunded: "25.00" });
    expect((await counts(placed.checkoutId)).refundJournals).toBe(1);
    expect((await verifyStation(db, { stationId: s1.id, code: s1.code })).ok).toBe(true);
  });

  it("a paid/refunded pair delivered out of order ends right: refunded once, paid once", async () => {
    const { db, s1, placed, order, operator } = await paidCheckout();
    // A fresh checkout whose completion event is still held when its refund's events come in.
    const { product } = await makeStockedProduct(db, s1, { stock: "5", price: "18.00" });
    const second = await placeOrder(db, [{ product, quantity: "2" }]);
    world.local.hold();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: second.checkoutId, baseUrl: BASE });
    const back = new URL(await clickOnHostedPage(url));
    await payLoader({ request: new Request(back), params: { token: second.token }, context: world.context });
    await requestRefund(db, world.gateway, { stationId: s1.id, orderId: second.orders[0]!.id, amount: "36.00", actorUserId: operator.id, idempotencyKey: key() });
    await world.local.idle();
    // refund.updated, refund.created (its snapshot still says pending), checkout.session.completed, payment_intent.succeeded.
    await world.local.release({ order: "reverse", times: 2 });

    expect(await checkoutState(second.token)).toEqual({ status: "paid", orders: [{ status: "refunded", refunded: "36.00" }] });
    expect(await counts(second.checkoutId)).toMatchObject({ paid: 1, paidJournals: 1, refundJournals: 1 });
    const effects = await rows<{ type: string; effect: string }>(db, sql`select type, effect from payment_events where type like 'refund.%' order by type`);
    expect(effects).toEqual([
      { type: "refund.created", effect: "already" },
      { type: "refund.updated", effect: "refund:recorded" },
    ]);
    expect((await verifyStation(db, { stationId: s1.id, code: s1.code })).ok).toBe(true);
    expect(order.id).not.toBe(second.orders[0]!.id);
    expect(placed.checkoutId).not.toBe(second.checkoutId);
  });

  it("refuses what cannot be refunded", async () => {
    const { db, s1, s2, order, operator } = await paidCheckout();
    const ask = (over: Partial<Parameters<typeof requestRefund>[2]>) =>
      requestRefund(db, world.gateway, { stationId: s1.id, orderId: order.id, amount: "1.00", actorUserId: operator.id, idempotencyKey: key(), ...over });
    await expect(ask({ amount: "0" })).rejects.toMatchObject({ code: "BAD_AMOUNT" });
    await expect(ask({ amount: "1.001" })).rejects.toMatchObject({ code: "BAD_AMOUNT" });
    await expect(ask({ amount: "60.01" })).rejects.toMatchObject({ code: "REFUND_TOO_LARGE" });
    await expect(ask({ stationId: s2.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ask({ idempotencyKey: "short" })).rejects.toBeInstanceOf(PaymentError);
    expect(world.local.events("refund.created")).toHaveLength(0);
  });
});

describe("the database", () => {
  it("refuses rewriting what the gateway was asked and told", async () => {
    const { db, placed } = await twoStationCheckout();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    await clickOnHostedPage(url);
    await world.local.idle();
    const refused = async (query: ReturnType<typeof sql>) => {
      const error = await rows(db, query).then(() => null, (e: unknown) => e);
      expect(dbErrorInfo(error)?.code).toBe("23514");
    };
    await refused(sql`update payments set status = 'open' where checkout_id = ${placed.checkoutId}`);
    await refused(sql`update payments set amount = amount + 1 where checkout_id = ${placed.checkoutId}`);
    await refused(sql`delete from payments where checkout_id = ${placed.checkoutId}`);
    await refused(sql`update payment_events set effect = 'none'`);
    await refused(sql`delete from payment_events`);
    expect(await counts(placed.checkoutId)).toMatchObject({ paid: 1, paidJournals: 2, events: 1 });
  });
});

describe("a payment that arrives after its checkout expired", () => {
  it("is not booked and is refunded in full automatically", async () => {
    const { db, placed } = await twoStationCheckout();
    const { url } = await startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE });
    await expireUnpaidCheckouts(db, { now: new Date(Date.now() + 3 * 3600_000) });
    await clickOnHostedPage(url);
    await world.local.idle();
    expect((await checkoutState(placed.token)).status).toBe("expired");
    expect(await counts(placed.checkoutId)).toMatchObject({ paid: 0, paidJournals: 0 });
    const [row] = await rows<{ status: string; rejection: string; refund: string; amount: string }>(
      db,
      sql`select p.status, p.rejection, r.status as refund, r.amount::text as amount from payments p join refunds r on r.payment_id = p.id where p.checkout_id = ${placed.checkoutId}`,
    );
    expect(row).toEqual({ status: "rejected", rejection: "late", refund: "succeeded", amount: placed.total });
    expect(world.local.events("refund.created")).toHaveLength(1);
    // Asking to pay again is refused: the checkout is gone.
    await expect(startOnlinePayment(db, world.gateway, { checkoutId: placed.checkoutId, baseUrl: BASE })).rejects.toMatchObject({ code: "NOT_PAYABLE" });
  });

  it("an event the app does not handle is ignored and writes nothing", async () => {
    const db = testDb();
    expect(await handleStripeEvent(db, world.gateway, { id: "evt_x", type: "customer.created", created: new Date(), objectType: "customer", objectId: "cus_x" })).toBe("ignored");
    expect((await rows<{ n: number }>(db, sql`select count(*)::int as n from payment_events`))[0]!.n).toBe(0);
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { addDays, chinaToday, firstOfMonth } from "../../app/domain/dates";
import { closePeriod } from "../../app/models/ledger/periods.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { sessionFigures } from "../../app/models/till/cash-sessions.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { cancelOrder, completeDelivery, handOverOrder, markReadyForPickup, packOrder, shipOrder } from "../../app/models/orders/lifecycle.server";
import { refundableAmount } from "../../app/models/orders/money.server";
import { getCheckoutByToken, getStationOrder } from "../../app/models/orders/read.server";
import { setDeliveryRule } from "../../app/models/orders/checkout.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { key, payOnline, placeOrder, refundOnline } from "../factories/orders";
import { makeStockedProduct, openTill } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";
import { accountNet } from "../support/queries";

async function counts(stationId: string) {
  const [row] = await rows<{ journals: number; events: number; notes: number; movements: number }>(
    testDb(),
    sql`select (select count(*)::int from ledger_journals where station_id = ${stationId}) as journals,
      (select count(*)::int from order_events where station_id = ${stationId}) as events,
      (select count(*)::int from notifications n join orders o on o.id = n.order_id where o.station_id = ${stationId}) as notes,
      (select count(*)::int from stock_movements where station_id = ${stationId}) as movements`,
  );
  return row!;
}

async function level(productId: string) {
  const [p] = await rows<{ on_hand: string; reserved: string }>(testDb(), sql`select on_hand::text, reserved::text from products where id = ${productId}`);
  return { onHand: p!.on_hand, reserved: p!.reserved };
}

describe("an online order's life", () => {
  it("placed, paid, packed, handed over with the pickup code and partly refunded: stock, payables, 10202 and 21103 agree and the ledger verifies", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product, household } = await makeStockedProduct(db, station, { stock: "10", price: "38.00", commissionRate: "0.1500" });
    const placed = await placeOrder(db, [{ product, quantity: "5" }]);
    expect(placed).toMatchObject({ total: "190.00", payment: "online" });
    expect(placed.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [order] = placed.orders;
    expect(order).toMatchObject({ stationId: station.id, number: 1, total: "190.00" });
    expect(order!.pickupCode).toMatch(/^\d{6}$/);
    expect(await level(product.id)).toEqual({ onHand: "10.000", reserved: "5.000" });

    expect(await payOnline(db, placed, { intent: "pi_1" })).toEqual({ outcome: "recorded" });
    expect(await payOnline(db, placed, { intent: "pi_1" })).toEqual({ outcome: "already" });
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("190.00");
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("-190.00");

    const actor = { stationId: station.id, orderId: order!.id, actorUserId: null };
    await packOrder(db, { ...actor, idempotencyKey: key() });
    await markReadyForPickup(db, { ...actor, idempotencyKey: key() });

    const before = await counts(station.id);
    const wrong = order!.pickupCode === "000000" ? "111111" : "000000";
    expect(await failure(handOverOrder(db, { ...actor, idempotencyKey: key(), pickupCode: wrong }))).toMatchObject({ code: "WRONG_PICKUP_CODE" });
    expect(await counts(station.id)).toEqual(before);
    expect(await level(product.id)).toEqual({ onHand: "10.000", reserved: "5.000" });

    const done = await handOverOrder(db, { ...actor, idempotencyKey: key(), pickupCode: ` ${order!.pickupCode} ` });
    expect(done.order).toMatchObject({ status: "completed" });
    expect(await level(product.id)).toEqual({ onHand: "5.000", reserved: "0.000" });
    // Recognised exactly as a till sale: 190.00 split 15 % → commission 28.50, household 161.50.
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("0.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable, household!.id)).toBe("-161.50");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)).toBe("-28.50");

    expect(await refundableAmount(db, { orderId: order!.id })).toBe("190.00");
    expect(await refundOnline(db, order!.id, "38.00", "re_1")).toEqual({ outcome: "recorded" });
    expect(await refundOnline(db, order!.id, "38.00", "re_1")).toEqual({ outcome: "already" });
    // 38.00 back pro rata: household 32.30, commission 5.70; out of clearing.
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("152.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable, household!.id)).toBe("-129.20");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)).toBe("-22.80");
    expect(await refundableAmount(db, { orderId: order!.id })).toBe("152.00");
    expect(await failure(refundOnline(db, order!.id, "152.01"))).toMatchObject({ code: "REFUND_TOO_LARGE" });

    const view = await getStationOrder(db, { stationId: station.id, number: 1 });
    expect(view).toMatchObject({ status: "completed", refundedAmount: "38.00", refundable: "152.00", contactPhone: "13900000001" });
    expect(view!.events.map((e) => e.event)).toEqual(["place", "pay", "pack", "ready", "handover", "refund"]);
    expect(view!.notifications.map((n) => n.templateKey)).toEqual([
      "orders.notify.placed",
      "orders.notify.paid",
      "orders.notify.packed",
      "orders.notify.ready",
      "orders.notify.completed",
      "orders.notify.refunded",
    ]);
    const [journals] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_journals where station_id = ${station.id} and source_type = 'order'`);
    expect(journals!.n).toBe(3);
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });

  it("delivery: the fee is service income, shipping consumes the stock, the buyer confirms arrival, a whole refund ends it refunded", async () => {
    const db = testDb();
    const station = await makeStation(db);
    await setDeliveryRule(db, { stationId: station.id, rule: { offered: true, flatFee: "8.00", freeAbove: "200.00" } });
    const { product, household } = await makeStockedProduct(db, station, { stock: "10", price: "20.00", commissionRate: "0.1000" });
    const placed = await placeOrder(db, [{ product, quantity: "2" }], { fulfilment: { kind: "delivery", address: "贵阳市云岩区中华北路 1 号" } });
    expect(placed.total).toBe("48.00");
    await payOnline(db, placed);
    const order = placed.orders[0]!;
    const actor = { stationId: station.id, orderId: order.id, actorUserId: null };
    expect(await failure(markReadyForPickup(db, { ...actor, idempotencyKey: key() }))).toMatchObject({ code: "TRANSITION_NOT_ALLOWED" });
    await packOrder(db, { ...actor, idempotencyKey: key() });
    expect(await failure(shipOrder(db, { ...actor, idempotencyKey: key(), trackingNumber: " " }))).toMatchObject({ code: "TRACKING_REQUIRED" });
    await shipOrder(db, { ...actor, idempotencyKey: key(), trackingNumber: "SF1234567890" });
    expect(await level(product.id)).toEqual({ onHand: "8.000", reserved: "0.000" });
    const done = await completeDelivery(db, { token: placed.token, orderId: order.id, actorUserId: null, idempotencyKey: key() });
    expect(done.order).toMatchObject({ status: "completed", trackingNumber: "SF1234567890" });
    expect(await accountNet(station.id, ACCOUNTS.serviceIncome)).toBe("-8.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable, household!.id)).toBe("-36.00");
    await refundOnline(db, order.id, "10.00");
    await refundOnline(db, order.id, "38.00");
    const after = await getCheckoutByToken(db, { token: placed.token });
    expect(after!.orders[0]).toMatchObject({ status: "refunded", refundedAmount: "48.00", refundable: "0.00" });
    for (const code of [ACCOUNTS.serviceIncome, ACCOUNTS.householdPayable, ACCOUNTS.commissionIncomeProduce, ACCOUNTS.paymentClearing, ACCOUNTS.customerPrepayments]) {
      expect(await accountNet(station.id, code)).toBe("0.00");
    }
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });

  it("paid at pickup: cash goes into the open till session's drawer (101), mobile into clearing (10202)", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10", price: "10.00", commissionRate: "0.1000" });
    const cash = await placeOrder(db, [{ product, quantity: "1" }], { payment: "at_pickup" });
    const mobile = await placeOrder(db, [{ product, quantity: "2" }], { payment: "at_pickup" });
    // Pay on delivery needs a station that delivers (orders-pay-on-delivery.test.ts): this one does not.
    expect(await failure(placeOrder(db, [{ product, quantity: "1" }], { payment: "at_pickup", fulfilment: { kind: "delivery", address: "贵阳市某某路 2 号" } }))).toMatchObject({
      code: "DELIVERY_NOT_OFFERED",
    });
    for (const placed of [cash, mobile]) {
      const a = { stationId: station.id, orderId: placed.orders[0]!.id, actorUserId: null };
      await packOrder(db, { ...a, idempotencyKey: key() });
      await markReadyForPickup(db, { ...a, idempotencyKey: key() });
    }
    const c = { stationId: station.id, orderId: cash.orders[0]!.id, actorUserId: null, pickupCode: cash.orders[0]!.pickupCode };
    expect(await failure(handOverOrder(db, { ...c, idempotencyKey: key() }))).toMatchObject({ code: "PAID_WITH_REQUIRED" });
    expect(await failure(handOverOrder(db, { ...c, idempotencyKey: key(), paidWith: "cash" }))).toMatchObject({ code: "SESSION_REQUIRED" });
    const session = await openTill(db, station);
    const handed = await handOverOrder(db, { ...c, idempotencyKey: key(), paidWith: "cash" });
    expect(handed.order).toMatchObject({ status: "completed", paidWith: "cash", cashSessionId: session.id });
    await handOverOrder(db, { stationId: station.id, orderId: mobile.orders[0]!.id, actorUserId: null, pickupCode: mobile.orders[0]!.pickupCode, idempotencyKey: key(), paidWith: "mobile" });
    expect(await accountNet(station.id, ACCOUNTS.cash)).toBe("10.00");
    // The drawer expects the order's cash at the close.
    expect((await sessionFigures(db, session)).expected.toFixed(2)).toBe("110.00");
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("20.00");
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("0.00");
    expect(await refundableAmount(db, { orderId: mobile.orders[0]!.id })).toBe("0.00");
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });

  it("a transition not allowed from the current state is TRANSITION_NOT_ALLOWED and writes nothing; a repeated request key returns the same result", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10" });
    const placed = await placeOrder(db, [{ product, quantity: "1" }]);
    const a = { stationId: station.id, orderId: placed.orders[0]!.id, actorUserId: null };
    const before = await counts(station.id);
    expect(await failure(packOrder(db, { ...a, idempotencyKey: key() }))).toMatchObject({ code: "TRANSITION_NOT_ALLOWED" });
    expect(await failure(handOverOrder(db, { ...a, idempotencyKey: key(), pickupCode: placed.orders[0]!.pickupCode }))).toMatchObject({ code: "TRANSITION_NOT_ALLOWED" });
    expect(await counts(station.id)).toEqual(before);

    await payOnline(db, placed);
    const k = key();
    const first = await packOrder(db, { ...a, idempotencyKey: k });
    const again = await packOrder(db, { ...a, idempotencyKey: k });
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, order: { id: first.order.id, status: "packed", packedAt: first.order.packedAt } });
    const [events] = await rows<{ n: number }>(db, sql`select count(*)::int as n from order_events where idempotency_key = ${k}`);
    expect(events!.n).toBe(1);
    // The buyer may cancel only before packing: now it is forbidden, and nothing is written.
    const mid = await counts(station.id);
    expect(await failure(cancelOrder(db, { token: placed.token, orderId: a.orderId, actorUserId: null, idempotencyKey: key(), by: "buyer", reason: "changed my mind" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(cancelOrder(db, { token: "x".repeat(22), orderId: a.orderId, actorUserId: null, idempotencyKey: key(), by: "buyer", reason: "" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await counts(station.id)).toEqual(mid);
    // The station still may: the goods are released, the money waits in 21103 for the refund.
    await cancelOrder(db, { stationId: station.id, orderId: a.orderId, actorUserId: null, idempotencyKey: key(), by: "station", reason: "缺货" });
    expect(await level(product.id)).toEqual({ onHand: "10.000", reserved: "0.000" });
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("-20.00");
    await refundOnline(db, a.orderId, "20.00");
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("0.00");
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("0.00");
    const [row] = await rows<{ status: string }>(db, sql`select status from orders where id = ${a.orderId}`);
    expect(row!.status).toBe("refunded");
  });

  it("a handover dated in a closed month is PERIOD_CLOSED and writes nothing", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10" });
    const lastMonth = new Date(`${addDays(firstOfMonth(chinaToday()), -3)}T10:00:00+08:00`);
    const placed = await placeOrder(db, [{ product, quantity: "1" }], { payment: "at_pickup", at: lastMonth });
    const a = { stationId: station.id, orderId: placed.orders[0]!.id, actorUserId: null, at: lastMonth };
    await packOrder(db, { ...a, idempotencyKey: key() });
    await markReadyForPickup(db, { ...a, idempotencyKey: key() });
    await closePeriod(db, { stationId: station.id, month: addDays(firstOfMonth(chinaToday()), -3).slice(0, 7), closedBy: await systemUserId(db) });
    const before = await counts(station.id);
    const refused = handOverOrder(db, { ...a, idempotencyKey: key(), pickupCode: placed.orders[0]!.pickupCode, paidWith: "mobile" });
    expect(await failure(refused)).toMatchObject({ code: "PERIOD_CLOSED" });
    expect(await counts(station.id)).toEqual(before);
    expect(await level(product.id)).toEqual({ onHand: "10.000", reserved: "1.000" });
  });

  it("the database refuses a status the machine does not allow and an append-only change", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10" });
    const placed = await placeOrder(db, [{ product, quantity: "1" }]);
    const id = placed.orders[0]!.id;
    expect(await failure(db.execute(sql`update orders set status = 'completed' where id = ${id}`))).toMatchObject({ cause: { code: "23514" } });
    expect(await failure(db.execute(sql`update orders set refunded_amount = 1 where id = ${id}`))).not.toBeNull();
    expect(await failure(db.execute(sql`update order_lines set quantity = 2 where order_id = ${id}`))).not.toBeNull();
    expect(await failure(db.execute(sql`delete from order_events where order_id = ${id}`))).not.toBeNull();
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { getDeliveryRule, setDeliveryRule } from "../../app/models/orders/checkout.server";
import { cancelOrder, handOverOrder, markReadyForPickup, packOrder } from "../../app/models/orders/lifecycle.server";
import { recordOnlinePayment } from "../../app/models/orders/money.server";
import { getCheckoutByToken, getCheckoutForPayment, listBuyerOrders, listStationOrders, packingList } from "../../app/models/orders/read.server";
import { expireUnpaidCheckouts } from "../../app/models/orders/sweeper.server";
import { registerBuyer } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeProduct } from "../factories/catalog";
import { key, payOnline, placeOrder, refundOnline } from "../factories/orders";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";
import { accountNet } from "../support/queries";

async function level(productId: string) {
  const [p] = await rows<{ on_hand: string; reserved: string }>(testDb(), sql`select on_hand::text, reserved::text from products where id = ${productId}`);
  return `${p!.on_hand}/${p!.reserved}`;
}

async function written() {
  const [row] = await rows<{ checkouts: number; orders: number; movements: number }>(
    testDb(),
    sql`select (select count(*)::int from checkouts) as checkouts, (select count(*)::int from orders) as orders, (select count(*)::int from stock_movements) as movements`,
  );
  return row!;
}

describe("placing a checkout", () => {
  it("refuses an empty cart, a changed price, more than available and goods no longer sold, naming the products, and writes nothing", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product: a } = await makeStockedProduct(db, station, { stock: "3", price: "10.00" });
    const { product: b } = await makeStockedProduct(db, station, { stock: "3", price: "12.00" });
    const draft = await makeProduct(db, station, { status: "draft" });
    const before = await written();
    expect(await failure(placeOrder(db, []))).toMatchObject({ code: "EMPTY_CART" });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "0" }]))).toMatchObject({ code: "EMPTY_CART" });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "1" }, { product: b, quantity: "1", expectedUnitPrice: "11.00" }]))).toMatchObject({
      code: "PRICE_CHANGED",
      details: { productIds: [b.id] },
    });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "1" }, { product: b, quantity: "3.5" }]))).toMatchObject({ code: "INSUFFICIENT_STOCK", details: { productIds: [b.id] } });
    expect(await failure(placeOrder(db, [{ product: draft, quantity: "1" }]))).toMatchObject({ code: "PRODUCT_UNAVAILABLE", details: { productIds: [draft.id] } });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "1" }], { contact: { name: "张丽", phone: "12345" } }))).toMatchObject({ code: "BAD_CONTACT" });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "1" }], { fulfilment: { kind: "delivery", address: "贵阳市某某路 1 号" } }))).toMatchObject({ code: "DELIVERY_NOT_OFFERED" });
    expect(await failure(placeOrder(db, [{ product: a, quantity: "1" }], { fulfilment: { kind: "delivery", address: "x" } }))).toMatchObject({ code: "BAD_ADDRESS" });
    expect(await written()).toEqual(before);
    expect(await level(a.id)).toBe("3.000/0.000");
  });

  it("the same request key twice places one checkout and returns the same result", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "5" });
    const idempotencyKey = key();
    const first = await placeOrder(db, [{ product, quantity: "2" }], { idempotencyKey });
    const again = await placeOrder(db, [{ product, quantity: "2" }], { idempotencyKey });
    expect(again).toEqual(first);
    expect(await level(product.id)).toBe("5.000/2.000");
  });

  it("a cart from two stations becomes one order per station, paid together; cancelling an unpaid one cancels the checkout and releases both", async () => {
    const db = testDb();
    const [s1, s2] = [await makeStation(db), await makeStation(db)];
    const { product: p1 } = await makeStockedProduct(db, s1, { stock: "5", price: "10.00" });
    const { product: p2 } = await makeStockedProduct(db, s2, { stock: "5", price: "30.00" });
    const buyer = await registerBuyer(db, { displayName: "刘洋", phone: "13900000002", password: "buyer-demo-2026" });
    const placed = await placeOrder(db, [{ product: p1, quantity: "1" }, { product: p2, quantity: "2" }], { buyerUserId: buyer.id });
    expect(placed.total).toBe("70.00");
    expect(placed.orders.map((o) => [o.stationId, o.total, o.number]).sort()).toEqual([[s1.id, "10.00", 1], [s2.id, "60.00", 1]].sort());
    const pay = await getCheckoutForPayment(db, { checkoutId: placed.checkoutId });
    expect(pay).toMatchObject({ total: "70.00", payable: true, contactPhone: "13900000001" });
    expect(pay!.orders.flatMap((o) => o.lines.map((l) => l.amount)).sort()).toEqual(["10.00", "60.00"]);
    expect(await listBuyerOrders(db, { buyerUserId: buyer.id })).toHaveLength(2);
    expect((await getCheckoutByToken(db, { token: placed.token }))!.orders).toHaveLength(2);
    expect(await getCheckoutByToken(db, { token: `${placed.token.slice(0, -1)}${placed.token.endsWith("A") ? "B" : "A"}` })).toBeNull();
    expect(await getCheckoutByToken(db, { token: "../etc/passwd" })).toBeNull();
    expect(await failure(packOrder(db, { stationId: s1.id, orderId: "not-a-uuid", actorUserId: null, idempotencyKey: key() }))).toMatchObject({ code: "NOT_FOUND" });
    // Another station's desk cannot touch this station's order.
    expect(await failure(cancelOrder(db, { stationId: s1.id, orderId: placed.orders.find((o) => o.stationId === s2.id)!.id, actorUserId: null, idempotencyKey: key(), by: "station", reason: "" }))).toMatchObject({
      code: "NOT_FOUND",
    });

    const orderOfS2 = placed.orders.find((o) => o.stationId === s2.id)!;
    await cancelOrder(db, { token: placed.token, orderId: orderOfS2.id, actorUserId: buyer.id, idempotencyKey: key(), by: "buyer", reason: "不要了" });
    expect([await level(p1.id), await level(p2.id)]).toEqual(["5.000/0.000", "5.000/0.000"]);
    expect(await getCheckoutForPayment(db, { checkoutId: placed.checkoutId })).toMatchObject({ payable: false });
    expect(await payOnline(db, placed)).toEqual({ outcome: "late" });
    expect(await accountNet(s1.id, ACCOUNTS.paymentClearing)).toBe("0.00");
  });

  it("payment for another amount is a mismatch and writes nothing; a second payment intent for a paid checkout is late", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "5", price: "10.00" });
    const placed = await placeOrder(db, [{ product, quantity: "1" }]);
    const wrong = await db.transaction((tx) => recordOnlinePayment(tx, { checkoutId: placed.checkoutId, amount: "9.99", paymentIntentId: "pi_x", occurredAt: new Date() }));
    expect(wrong).toEqual({ outcome: "mismatch" });
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("0.00");
    expect(await payOnline(db, placed, { intent: "pi_a" })).toEqual({ outcome: "recorded" });
    expect(await payOnline(db, placed, { intent: "pi_b" })).toEqual({ outcome: "late" });
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("10.00");
  });
});

describe("the sweeper", () => {
  it("expires unpaid checkouts past their window, releasing the goods; a payment after that is late; paid ones are left alone", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "5" });
    const t0 = new Date("2026-11-20T02:00:00Z");
    const unpaid = await placeOrder(db, [{ product, quantity: "2" }], { at: t0 });
    const paid = await placeOrder(db, [{ product, quantity: "1" }], { at: t0 });
    const pickup = await placeOrder(db, [{ product, quantity: "1" }], { at: t0, payment: "at_pickup" });
    await payOnline(db, paid);
    expect(await level(product.id)).toBe("5.000/4.000");
    expect(await expireUnpaidCheckouts(db, { now: new Date(t0.getTime() + 30 * 60_000) })).toBe(0);
    expect(await expireUnpaidCheckouts(db, { now: new Date(t0.getTime() + 61 * 60_000) })).toBe(1);
    expect(await expireUnpaidCheckouts(db, { now: new Date(t0.getTime() + 61 * 60_000) })).toBe(0);
    expect(await level(product.id)).toBe("5.000/2.000");
    expect(await payOnline(db, unpaid)).toEqual({ outcome: "late" });
    const queue = await listStationOrders(db, { stationId: station.id, status: "cancelled" });
    expect(queue.map((o) => [o.id, o.cancelReason])).toEqual([[unpaid.orders[0]!.id, "expired"]]);
    expect(pickup.orders[0]).toBeDefined();
  });
});

describe("refunds and the station's settings", () => {
  it("a refund before completion comes out of prepayments; completion then recognises only what is left, and the books verify", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10", price: "33.33", commissionRate: "0.1500" });
    const placed = await placeOrder(db, [{ product, quantity: "3" }]);
    await payOnline(db, placed);
    const id = placed.orders[0]!.id;
    const a = { stationId: station.id, orderId: id, actorUserId: null };
    await refundOnline(db, id, "9.99");
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("-90.00");
    await packOrder(db, { ...a, idempotencyKey: key() });
    await markReadyForPickup(db, { ...a, idempotencyKey: key() });
    await handOverOrder(db, { ...a, idempotencyKey: key(), pickupCode: placed.orders[0]!.pickupCode });
    expect(await accountNet(station.id, ACCOUNTS.customerPrepayments)).toBe("0.00");
    const payable = new Map([[ACCOUNTS.householdPayable, await accountNet(station.id, ACCOUNTS.householdPayable)], [ACCOUNTS.commissionIncomeProduce, await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)]]);
    // 99.99 sold, 15 % → 15.00 commission, 84.99 household; 9.99 refunded pro rata (1.50 / 8.49).
    expect(Object.fromEntries(payable)).toEqual({ [ACCOUNTS.householdPayable]: "-76.50", [ACCOUNTS.commissionIncomeProduce]: "-13.50" });
    await refundOnline(db, id, "90.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable)).toBe("0.00");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)).toBe("0.00");
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("0.00");
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });

  it("delivery rule and packing list", async () => {
    const db = testDb();
    const station = await makeStation(db);
    expect(await getDeliveryRule(db, { stationId: station.id })).toEqual({ offered: false });
    expect(await failure(setDeliveryRule(db, { stationId: station.id, rule: { offered: true, flatFee: "-1", freeAbove: null } }))).toMatchObject({ code: "BAD_DELIVERY_RULE" });
    await setDeliveryRule(db, { stationId: station.id, rule: { offered: true, flatFee: "6", freeAbove: null } });
    expect(await getDeliveryRule(db, { stationId: station.id })).toEqual({ offered: true, flatFee: "6.00", freeAbove: null, bands: [] });
    const { product } = await makeStockedProduct(db, station, { stock: "10", price: "5.00" });
    await placeOrder(db, [{ product, quantity: "2" }], { payment: "at_pickup" });
    await placeOrder(db, [{ product, quantity: "1.5" }], { payment: "at_pickup" });
    const list = await packingList(db, { stationId: station.id });
    expect(list.orders.map((o) => o.number)).toEqual([1, 2]);
    expect(list.totals).toEqual([{ productId: product.id, nameZh: product.nameZh, nameEn: product.nameEn, unit: "jin", quantity: "3.500" }]);
    const other = await makeStation(db);
    expect((await packingList(db, { stationId: other.id, orderIds: list.orders.map((o) => o.id) })).orders).toEqual([]);
  });
});

import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Station } from "../../app/models/stations/geography.server";
import type { Product } from "../../app/models/catalog/products.server";
import { action as cartAction, loader as cartLoader } from "../../app/routes/cart";
import { action as checkoutAction, loader as checkoutLoader } from "../../app/routes/checkout";
import { action as orderPageAction, loader as orderPageLoader } from "../../app/routes/orders.$token._index";
import { loader as myOrdersLoader } from "../../app/routes/account_.orders";
import { action as deliveryAction, loader as deliveryLoader } from "../../app/routes/stations.$code.manage_.delivery";
import { action as stationOrderAction, loader as stationOrderLoader } from "../../app/routes/stations.$code.manage_.orders.$number";
import { loader as queueLoader } from "../../app/routes/stations.$code.manage_.orders._index";
import { loader as packingLoader } from "../../app/routes/stations.$code.manage_.orders.packing-list";
import { getDeliveryRule, placeCheckout, setDeliveryRule } from "../../app/models/orders/checkout.server";
import { recordOnlinePayment } from "../../app/models/orders/money.server";
import { makeStation } from "../factories/geography";
import { makeBuyer, makeCommitteeMember, makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, outcome, post, sessionCookieFor } from "../support/http";
import { type PaymentsWorld, startPaymentsWorld } from "../support/stripe";
import { countRows } from "../support/queries";

let context: AppLoadContext;
let station: Station;
let honeysuckle: Product;
let guest: string;
let operator: string;
const params = { code: "huawu" };

type Errors = { errors: Record<string, string> };

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  station = await makeStation(db, { code: "huawu" });
  honeysuckle = (await makeStockedProduct(db, station, { stock: "10", price: "40.00" })).product;
  operator = await sessionCookieFor(context, (await makeOperator(db, station)).id);
  const added = (await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "5" }), params: {}, context })) as Response;
  guest = cookiePair(added.headers.get("Set-Cookie"));
});

async function checkoutKey(cookie = guest): Promise<string> {
  return dataResult<{ idempotencyKey: string }>(await checkoutLoader({ request: get("/checkout", cookie), params: {}, context })).data.idempotencyKey;
}

const pickupForm = (idempotencyKey: string, extra: Record<string, string> = {}) => ({ idempotencyKey, name: "王芳", phone: "138 0000 1234", fulfilment: "pickup", payment: "at_pickup", ...extra });

async function placePickupOrder(): Promise<string> {
  const placed = (await checkoutAction({ request: post("/checkout", pickupForm(await checkoutKey()), guest), params: {}, context })) as Response;
  expect(placed.status).toBe(302);
  return placed.headers.get("Location")!.split("/orders/")[1]!.split("?")[0]!;
}

interface OrderPage {
  idempotencyKey: string;
  orders: { id: string; number: number; status: string; pickupCode: string; notifications: { text: string }[]; buyerMayCancel: boolean }[];
}

async function orderPage(token: string): Promise<OrderPage> {
  return dataResult<OrderPage>(await orderPageLoader({ request: get(`/orders/${token}`), params: { token }, context })).data;
}

describe("checkout route", () => {
  it("refuses a malformed phone and a delivery without an address with 400 field errors, writing nothing", async () => {
    const key = await checkoutKey();
    const badPhone = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(key, { phone: "12345" }), guest), params: {}, context }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.data.errors.phone).toBe("请填写 11 位手机号，例如 13800000000");
    const noAddress = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(key, { fulfilment: "delivery", payment: "online" }), guest), params: {}, context }));
    expect(noAddress.status).toBe(400);
    expect(noAddress.data.errors.address).toBeTruthy();
    // Online payment is not configured here: choosing it is a field error, not a 500.
    const online = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(key, { payment: "online" }), guest), params: {}, context }));
    expect([online.status, Object.keys(online.data.errors)]).toEqual([400, ["payment"]]);
    expect(await countRows("checkouts")).toBe(0);
  });

  it("places one order for a double submit and empties the cart", async () => {
    const key = await checkoutKey();
    const first = (await checkoutAction({ request: post("/checkout", pickupForm(key), guest), params: {}, context })) as Response;
    const second = (await checkoutAction({ request: post("/checkout", pickupForm(key), guest), params: {}, context })) as Response;
    expect(first.status).toBe(302);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect([await countRows("checkouts"), await countRows("orders")]).toEqual([1, 1]);
    const cart = dataResult<{ groups: unknown[] }>(await cartLoader({ request: get("/cart", guest), params: {}, context }));
    expect(cart.data.groups).toEqual([]);
    const [stock] = await rows<{ reserved: string }>(testDb(), sql`select reserved::text from products where id = ${honeysuckle.id}`);
    expect(stock!.reserved).toBe("5.000");
  });

  it("says the cart is empty (422), the price changed (409, the cart then shows the new price) and the stock ran out (409)", async () => {
    const empty = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(await checkoutKey("")), ""), params: {}, context }));
    expect([empty.status, empty.data.errors.form]).toEqual([422, "购物车是空的，没有可以结算的商品。"]);

    await testDb().execute(sql`update products set price = '42.00' where id = ${honeysuckle.id}`);
    const changed = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(await checkoutKey()), guest), params: {}, context }));
    expect(changed.status).toBe(409);
    expect(changed.data.errors.form).toContain("价格变了");
    const cart = dataResult<{ groups: { lines: { price: string; unit: string; oldPrice: string | null }[] }[] }>(await cartLoader({ request: get("/cart", guest), params: {}, context }));
    // The price per unit as a decimal string; the cart page shows it as "¥42.00/斤".
    expect([cart.data.groups[0]!.lines[0]!.price, cart.data.groups[0]!.lines[0]!.unit]).toEqual(["42.00", "jin"]);

    await testDb().execute(sql`update products set on_hand = '4' where id = ${honeysuckle.id}`);
    const short = dataResult<Errors>(await checkoutAction({ request: post("/checkout", pickupForm(await checkoutKey()), guest), params: {}, context }));
    expect(short.status).toBe(409);
    expect(short.data.errors.form).toContain("库存不够");
    expect(await countRows("checkouts")).toBe(0);
  });

  it("shows the delivery rule set on the station's settings screen at checkout; without online payment, delivery is paid on delivery, its fee in the total", async () => {
    const bad = dataResult<Errors>(await deliveryAction({ request: post("/x", { offered: "on", flatFee: "abc" }, operator), params, context }));
    expect(bad.status).toBe(400);
    const saved = (await deliveryAction({ request: post("/x", { offered: "on", flatFee: "8.00", freeAbove: "300" }, operator), params, context })) as Response;
    expect(saved.status).toBe(302);
    const shown = dataResult<{ stations: { delivery: { rule: unknown; flatFee: string } }[]; onlinePayment: boolean }>(await checkoutLoader({ request: get("/checkout", guest), params: {}, context }));
    // The rule's amounts as decimal strings; the page words it "…配送费 ¥8.00，满 ¥300.00 免配送费".
    expect(shown.data.stations[0]!.delivery.rule).toEqual({ offered: true, banded: false, flatFee: "8.00", freeAbove: "300.00" });
    expect(shown.data.stations[0]!.delivery.flatFee).toBe("8.00"); // the cart's ¥200.00 is below the free amount
    expect(shown.data.onlinePayment).toBe(false);
    // 更新合计 sends the form back as typed, placing nothing.
    const key = await checkoutKey();
    const form = pickupForm(key, { fulfilment: "delivery", address: "化屋村三组 12 号", payment: "at_pickup" });
    const quoted = dataResult<{ values: Record<string, string>; quoted: boolean }>(await checkoutAction({ request: post("/checkout", { ...form, intent: "quote" }, guest), params: {}, context }));
    expect(quoted.status).toBe(200);
    expect(quoted.data.values).toMatchObject({ idempotencyKey: key, fulfilment: "delivery", address: "化屋村三组 12 号", payment: "at_pickup", name: "王芳" });
    expect(await countRows("checkouts")).toBe(0);
    // Online payment is not configured here: delivery is paid to the courier (货到付款), the fee in the order's total.
    const placed = (await checkoutAction({ request: post("/checkout", { ...form, intent: "place" }, guest), params: {}, context })) as Response;
    expect(placed.status).toBe(302);
    expect(placed.headers.get("Location")).toMatch(/^\/orders\/[\w-]+\?placed=1$/);
    const [order] = await rows<{ payment: string; fulfilment: string; status: string; fee: string; total: string }>(
      testDb(),
      sql`select payment, fulfilment, status, delivery_fee::text as fee, total::text as total from orders`,
    );
    expect(order).toEqual({ payment: "at_pickup", fulfilment: "delivery", status: "placed", fee: "8.00", total: "208.00" });
  });
});

describe("my orders", () => {
  it("lists a signed-in buyer's orders with their tracking links, and no one else's", async () => {
    await placePickupOrder(); // a guest's order
    const buyer = await sessionCookieFor(context, (await makeBuyer(testDb())).id);
    await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "2" }, buyer), params: {}, context });
    const placed = (await checkoutAction({ request: post("/checkout", pickupForm(await checkoutKey(buyer)), buyer), params: {}, context })) as Response;
    const token = placed.headers.get("Location")!.split("/orders/")[1]!.split("?")[0]!;
    const mine = (await myOrdersLoader({ request: get("/account/orders", buyer), params: {}, context })) as { orders: { token: string; lines: { quantity: string }[] }[] };
    expect(mine.orders.map((o) => [o.token, o.lines[0]!.quantity])).toEqual([[token, "2 斤"]]);
    expect(await outcome(() => myOrdersLoader({ request: get("/account/orders"), params: {}, context }))).toBe("login");
  });
});

describe("order page", () => {
  it("answers 404 to a forged or malformed token", async () => {
    await placePickupOrder();
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAA", "x", "../../etc/passwd"]) {
      expect(await outcome(() => orderPageLoader({ request: get(`/orders/${token}`), params: { token }, context }))).toBe(404);
      expect(await outcome(() => orderPageAction({ request: post(`/orders/${token}`, { intent: "cancel", orderId: "00000000-0000-4000-8000-000000000000", idempotencyKey: "k-12345678" }), params: { token }, context }))).toBe(404);
    }
  });

  it("shows the pickup code and the outbox notifications, and lets the buyer cancel before packing", async () => {
    const token = await placePickupOrder();
    const page = await orderPage(token);
    expect(page.orders[0]!.pickupCode).toMatch(/^\d{6}$/);
    expect(page.orders[0]!.notifications.map((n) => n.text)).toEqual([`订单 ${page.orders[0]!.number} 已提交。`]);
    expect(page.orders[0]!.buyerMayCancel).toBe(true);
    const cancelled = (await orderPageAction({ request: post(`/orders/${token}`, { intent: "cancel", orderId: page.orders[0]!.id, idempotencyKey: page.idempotencyKey }), params: { token }, context })) as Response;
    expect(cancelled.status).toBe(302);
    const after = await orderPage(token);
    expect([after.orders[0]!.status, after.orders[0]!.buyerMayCancel]).toEqual(["cancelled", false]);
    const [stock] = await rows<{ reserved: string }>(testDb(), sql`select reserved::text from products where id = ${honeysuckle.id}`);
    expect(stock!.reserved).toBe("0.000");
  });
});

describe("station order desk", () => {
  it("is the operator's: a committee member may not open the queue", async () => {
    const committee = await sessionCookieFor(context, (await makeCommitteeMember(testDb(), station)).id);
    expect(await outcome(() => queueLoader({ request: get("/stations/huawu/manage/orders", committee), params, context }))).toBe(403);
    expect(await outcome(() => queueLoader({ request: get("/stations/huawu/manage/orders"), params, context }))).toBe("login");
  });

  it("packs, refuses a step the state does not allow (409), checks the pickup code and hands over", async () => {
    const token = await placePickupOrder();
    const { orders } = await orderPage(token);
    const number = String(orders[0]!.number);
    const queue = (await queueLoader({ request: get("/stations/huawu/manage/orders?status=placed", operator), params, context })) as { orders: { number: number }[] };
    expect(queue.orders.map((o) => o.number)).toEqual([orders[0]!.number]);
    const packing = (await packingLoader({ request: get("/stations/huawu/manage/orders/packing-list", operator), params, context })) as { totals: { quantity: string }[] };
    expect(packing.totals.map((x) => x.quantity)).toEqual(["5 斤"]);

    const key = async () => dataResult<{ idempotencyKey: string }>(await stationOrderLoader({ request: get(`/x`, operator), params: { ...params, number }, context })).data.idempotencyKey;
    const act = async (form: Record<string, string>) => stationOrderAction({ request: post("/x", form, operator), params: { ...params, number }, context });

    const shipFirst = dataResult<Errors>(await act({ intent: "ship", idempotencyKey: await key(), trackingNumber: "SF123" }));
    expect([shipFirst.status, shipFirst.data.errors.form]).toEqual([409, "订单现在的状态不能做这一步，请刷新后再看。"]);
    const packKey = await key();
    expect(((await act({ intent: "pack", idempotencyKey: packKey })) as Response).status).toBe(302);
    expect(((await act({ intent: "pack", idempotencyKey: packKey })) as Response).status).toBe(302); // the same form again: nothing twice
    const packAgain = dataResult<Errors>(await act({ intent: "pack", idempotencyKey: await key() }));
    expect(packAgain.status).toBe(409);
    expect(((await act({ intent: "ready", idempotencyKey: await key() })) as Response).status).toBe(302);
    const wrongCode = dataResult<Errors>(await act({ intent: "handover", idempotencyKey: await key(), pickupCode: orders[0]!.pickupCode === "000000" ? "111111" : "000000", paidWith: "mobile" }));
    expect([wrongCode.status, wrongCode.data.errors.pickupCode]).toEqual([400, "取货码不对，请核对买家手里的 6 位数字。还可以再试 4 次。"]);
    const malformed = dataResult<Errors>(await act({ intent: "handover", idempotencyKey: await key(), pickupCode: "12" }));
    expect(malformed.status).toBe(400);
    expect(((await act({ intent: "handover", idempotencyKey: await key(), pickupCode: orders[0]!.pickupCode, paidWith: "mobile" })) as Response).status).toBe(302);
    expect((await orderPage(token)).orders[0]!.status).toBe("completed");
    const [events] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from order_events where event = 'pack'`);
    expect(events!.n).toBe(1);
    expect(await outcome(() => stationOrderLoader({ request: get("/x", operator), params: { ...params, number: "999" }, context }))).toBe(404);
  });
});

describe("pickup codes at the desk", () => {
  it("pause the handover after too many wrong codes, saying until when (429)", async () => {
    const token = await placePickupOrder();
    const { orders } = await orderPage(token);
    const number = String(orders[0]!.number);
    const key = async () => dataResult<{ idempotencyKey: string }>(await stationOrderLoader({ request: get("/x", operator), params: { ...params, number }, context })).data.idempotencyKey;
    const act = async (form: Record<string, string>) => stationOrderAction({ request: post("/x", form, operator), params: { ...params, number }, context });
    await act({ intent: "pack", idempotencyKey: await key() });
    await act({ intent: "ready", idempotencyKey: await key() });
    type Desk = { pickup: { attemptsLeft: number; lockedUntil: string | null }; pickupHint: string };
    const desk = async () => dataResult<Desk>(await stationOrderLoader({ request: get("/x", operator), params: { ...params, number }, context })).data;
    expect(await desk()).toMatchObject({ pickup: { attemptsLeft: 5, lockedUntil: null }, pickupHint: "取货码还可以输错 5 次，之后暂停交货 15 分钟。" });
    const wrong = orders[0]!.pickupCode === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(dataResult<Errors>(await act({ intent: "handover", idempotencyKey: await key(), pickupCode: wrong, paidWith: "mobile" })).status);
      if (i === 0) expect((await desk()).pickup).toEqual({ attemptsLeft: 4, lockedUntil: null }); // the operator sees what is left
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429]); // the fifth wrong code locks the handover at once
    const lockedDesk = await desk();
    expect(lockedDesk.pickup.attemptsLeft).toBe(0);
    expect(lockedDesk.pickup.lockedUntil).not.toBeNull();
    expect(lockedDesk.pickupHint).toContain("交货暂停到");
    const locked = dataResult<Errors>(await act({ intent: "handover", idempotencyKey: await key(), pickupCode: orders[0]!.pickupCode, paidWith: "mobile" }));
    expect(locked.status).toBe(429);
    expect(locked.data.errors.pickupCode).toContain("交货暂停到");
    expect((await orderPage(token)).orders[0]!.status).toBe("ready_for_pickup");
  });
});

describe("a delivered order", () => {
  it("is shipped with its tracking number from the desk; the buyer sees it and confirms receipt", async () => {
    const db = testDb();
    await setDeliveryRule(db, { stationId: station.id, rule: { offered: true, flatFee: "8.00", freeAbove: null } });
    const placed = await placeCheckout(db, {
      buyerUserId: null,
      idempotencyKey: "delivered-order-1",
      contact: { name: "李娜", phone: "13912345678" },
      fulfilment: { kind: "delivery", address: "贵阳市云岩区中华北路 8 号" },
      payment: "online",
      lines: [{ productId: honeysuckle.id, quantity: "5", expectedUnitPrice: "40.00" }],
    });
    expect(placed.total).toBe("208.00");
    // The payment as the webhook records it (the payments side's own tests cover the gateway).
    await db.transaction((tx) => recordOnlinePayment(tx, { checkoutId: placed.checkoutId, amount: placed.total, paymentIntentId: "pi_routes_test", occurredAt: new Date() }));
    const number = String(placed.orders[0]!.number);
    const key = async () => dataResult<{ idempotencyKey: string }>(await stationOrderLoader({ request: get("/x", operator), params: { ...params, number }, context })).data.idempotencyKey;
    const act = async (form: Record<string, string>) => stationOrderAction({ request: post("/x", form, operator), params: { ...params, number }, context });
    expect(((await act({ intent: "pack", idempotencyKey: await key() })) as Response).status).toBe(302);
    const noTracking = dataResult<Errors>(await act({ intent: "ship", idempotencyKey: await key(), trackingNumber: " " }));
    expect([noTracking.status, Object.keys(noTracking.data.errors)]).toEqual([400, ["trackingNumber"]]);
    const ready = dataResult<Errors>(await act({ intent: "ready", idempotencyKey: await key() }));
    expect(ready.status).toBe(409); // a delivery is shipped, never "ready for pickup"
    expect(((await act({ intent: "ship", idempotencyKey: await key(), trackingNumber: "SF1234567890" })) as Response).status).toBe(302);

    const shown = await orderPage(placed.token);
    expect(shown.orders[0]!.status).toBe("shipped");
    expect(shown.orders[0]!.notifications.map((n) => n.text)).toContain(`订单 ${number} 已发货。`);
    const received = (await orderPageAction({ request: post(`/orders/${placed.token}`, { intent: "received", orderId: placed.orders[0]!.id, idempotencyKey: shown.idempotencyKey }), params: { token: placed.token }, context })) as Response;
    expect(received.status).toBe(302);
    expect((await orderPage(placed.token)).orders[0]!.status).toBe("completed");
    const [stock] = await rows<{ onHand: string; reserved: string }>(db, sql`select on_hand::text as "onHand", reserved::text from products where id = ${honeysuckle.id}`);
    expect(stock).toEqual({ onHand: "5.000", reserved: "0.000" });
  });
});

describe("delivery by distance band", () => {
  let world: PaymentsWorld;
  beforeAll(async () => {
    world = await startPaymentsWorld();
  });
  afterAll(async () => {
    await world.close();
  });
  const bands = [
    { upToKm: "3", fee: "0.00" },
    { upToKm: "15", fee: "5.00" },
  ];

  it("lets the buyer pick a band per station at checkout, each with its fee; the order is charged that band's fee; a missing or unknown band is a 400 that writes nothing", async () => {
    const ctx = world.context;
    await setDeliveryRule(testDb(), { stationId: station.id, rule: { offered: true, flatFee: "10.00", freeAbove: "500.00", bands } });
    type Shown = { idempotencyKey: string; stations: { stationId: string; delivery: { rule: unknown; bands: { value: string; distance: string; fee: string }[] } }[] };
    const shown = dataResult<Shown>(await checkoutLoader({ request: get("/checkout", guest), params: {}, context: ctx })).data;
    // Decimal strings; the page words the rule "…送货上门按路程收配送费，满 ¥500.00 免配送费" and the options "≤3 公里 免费", "≤15 公里 ¥5.00", …
    expect(shown.stations[0]!.delivery.rule).toEqual({ offered: true, banded: true, flatFee: "10.00", freeAbove: "500.00" });
    expect(shown.stations[0]!.delivery.bands.map((b) => [b.value, b.distance, b.fee])).toEqual([
      ["3", "≤3 公里", "0.00"],
      ["15", "≤15 公里", "5.00"],
      ["far", "更远（超过 15 公里）", "10.00"],
    ]);
    const field = `band-${station.id}`;
    const movements = await countRows("stock_movements");
    const delivery = (extra: Record<string, string>) => pickupForm(shown.idempotencyKey, { fulfilment: "delivery", address: "化屋村三组 12 号", payment: "online", ...extra });
    const missing = dataResult<Errors>(await checkoutAction({ request: post("/checkout", delivery({}), guest), params: {}, context: ctx }));
    expect([missing.status, missing.data.errors[field]]).toEqual([400, "送货上门请选择路程"]);
    for (const bad of ["7", "abc", "-3"]) {
      const refused = dataResult<Errors & { values: Record<string, string> }>(await checkoutAction({ request: post("/checkout", delivery({ [field]: bad }), guest), params: {}, context: ctx }));
      expect([refused.status, refused.data.errors[field], refused.data.values[field]]).toEqual([400, "这个路程选项已经没有了，请重新选择", bad]);
    }
    expect([await countRows("checkouts"), await countRows("orders"), await countRows("stock_movements")]).toEqual([0, 0, movements]);

    const placed = (await checkoutAction({ request: post("/checkout", delivery({ [field]: "15" }), guest), params: {}, context: ctx })) as Response;
    expect(placed.status).toBe(302); // on to the payment page
    const [order] = await rows<{ goods: string; fee: string; km: string; total: string }>(
      testDb(),
      sql`select goods_total::text as goods, delivery_fee::text as fee, delivery_band_km::text as km, total::text from orders`,
    );
    expect(order).toEqual({ goods: "200.00", fee: "5.00", km: "15.00", total: "205.00" });
    // The operator sees the distance the buyer declared beside the address.
    const [{ number }] = (await rows<{ number: number }>(testDb(), sql`select number from orders`)) as [{ number: number }];
    const desk = dataResult<{ buyer: { bandKm: string | null } }>(await stationOrderLoader({ request: get("/x", operator), params: { ...params, number: String(number) }, context: ctx }));
    expect(desk.data.buyer.bandKm).toBe("15");
  });

  it("charges the flat fee for 'farther' and declares no distance", async () => {
    const ctx = world.context;
    await setDeliveryRule(testDb(), { stationId: station.id, rule: { offered: true, flatFee: "10.00", freeAbove: null, bands } });
    const key = dataResult<{ idempotencyKey: string }>(await checkoutLoader({ request: get("/checkout", guest), params: {}, context: ctx })).data.idempotencyKey;
    const form = pickupForm(key, { fulfilment: "delivery", address: "化屋村三组 12 号", payment: "online", [`band-${station.id}`]: "far" });
    expect(((await checkoutAction({ request: post("/checkout", form, guest), params: {}, context: ctx })) as Response).status).toBe(302);
    const [order] = await rows<{ fee: string; km: string | null }>(testDb(), sql`select delivery_fee::text as fee, delivery_band_km::text as km from orders`);
    expect(order).toEqual({ fee: "10.00", km: null });
  });
});

describe("the delivery-fee settings screen", () => {
  type Screen = { rule: { flatFee: string; freeAbove: string }; bands: { upToKm: string; fee: string }[] };
  const screen = async () => (await deliveryLoader({ request: get("/x", operator), params, context })) as unknown as Screen;
  const formOf = (s: Screen, extra: Record<string, string> = {}) => ({
    offered: "on",
    flatFee: s.rule.flatFee,
    freeAbove: s.rule.freeAbove,
    bandRows: String(s.bands.length),
    ...Object.fromEntries(s.bands.flatMap((b, i) => [[`bandKm${i}`, b.upToKm], [`bandFee${i}`, b.fee]])),
    ...extra,
  });
  const save = async (form: Record<string, string>) => deliveryAction({ request: post("/x", form, operator), params, context });

  it("saves bands from the fixed rows (stored nearest first), keeps them when saved untouched or from a form without the rows, and refuses bad rows beside the field", async () => {
    const empty = await screen();
    expect(empty.bands).toHaveLength(8);
    const first = formOf(empty, { flatFee: "10", freeAbove: "150", bandKm0: "15", bandFee0: "5", bandKm3: "3", bandFee3: "0" });
    expect(((await save(first)) as Response).status).toBe(302);
    const expected = { offered: true, flatFee: "10.00", freeAbove: "150.00", bands: [{ upToKm: "3", fee: "0.00" }, { upToKm: "15", fee: "5.00" }] };
    expect(await getDeliveryRule(testDb(), { stationId: station.id })).toEqual(expected);

    const shown = await screen();
    expect(shown.bands.slice(0, 3)).toEqual([{ upToKm: "3", fee: "0.00" }, { upToKm: "15", fee: "5.00" }, { upToKm: "", fee: "" }]);
    // Saved again as shown (the operator changed only the flat fee): the bands stay.
    expect(((await save(formOf(shown, { flatFee: "12.00" }))) as Response).status).toBe(302);
    expect(await getDeliveryRule(testDb(), { stationId: station.id })).toEqual({ ...expected, flatFee: "12.00" });
    // An older page without the band rows: the setter replaces the whole rule, so the screen keeps the bands.
    expect(((await save({ offered: "on", flatFee: "11", freeAbove: "" })) as Response).status).toBe(302);
    expect(await getDeliveryRule(testDb(), { stationId: station.id })).toEqual({ ...expected, flatFee: "11.00", freeAbove: null });

    const now = await screen();
    for (const [extra, errorField, message] of [
      [{ bandKm2: "3", bandFee2: "2" }, "bandKm2", "这个路程上限和别的行重复了"],
      [{ bandKm2: "3.00", bandFee2: "2" }, "bandKm2", "这个路程上限和别的行重复了"],
      [{ bandKm2: "0", bandFee2: "2" }, "bandKm2", "请填大于 0 的公里数（最多两位小数）"],
      [{ bandKm2: "20" }, "bandFee2", "请填写此项"],
      [{ bandFee2: "8" }, "bandKm2", "请填写此项"],
      [{ bandKm2: "20", bandFee2: "-1" }, "bandFee2", null],
    ] as const) {
      const refused = dataResult<Errors>(await save(formOf(now, extra)));
      expect(refused.status).toBe(400);
      if (message) expect(refused.data.errors[errorField]).toBe(message);
      else expect(refused.data.errors[errorField]).toBeTruthy();
    }
    expect(await getDeliveryRule(testDb(), { stationId: station.id })).toEqual({ ...expected, flatFee: "11.00", freeAbove: null });
    // Clearing a row's two boxes removes that band.
    expect(((await save(formOf(now, { bandKm0: "", bandFee0: "" }))) as Response).status).toBe(302);
    expect((await getDeliveryRule(testDb(), { stationId: station.id })) as { bands: unknown[] }).toMatchObject({ bands: [{ upToKm: "15", fee: "5.00" }] });
  });
});

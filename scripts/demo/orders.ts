import { addDays, chinaToday } from "../../app/domain/dates";
import { D, toAmountString } from "../../app/domain/money";
import { withLedgerRetry } from "../../app/models/ledger/journals.server";
import { placeCheckout, type PlaceCheckoutResult, setDeliveryRule } from "../../app/models/orders/checkout.server";
import { cancelOrder, completeDelivery, handOverOrder, markReadyForPickup, packOrder, shipOrder } from "../../app/models/orders/lifecycle.server";
import { recordOnlinePayment, recordOrderRefund } from "../../app/models/orders/money.server";
import { expireUnpaidCheckouts } from "../../app/models/orders/sweeper.server";
import { listStationProducts } from "../../app/models/catalog/products.server";
import { findUserForSignIn } from "../../app/models/identity/users.server";
import type { Db } from "../../db/client.server";

/**
 * Online orders for the demo (issue 7), through the order models only: across the stations
 * orders in each state a buyer and an operator meet — waiting for payment, paid, packed, ready,
 * shipped, completed (picked up, delivered, paid at the counter), partly and wholly refunded,
 * cancelled and expired — spread over the last weeks. Online payments are recorded the way the
 * payment webhook records them (recordOnlinePayment with a demo payment-intent id). Small and
 * deterministic, so the first start stays quick: each state once, dealt round the stations.
 * Before them, a modest history of completed orders over the year (HISTORY): what a desk has
 * behind it, so the year's reports and closed months carry online sales too.
 */

type Step = "pending" | "paid" | "packed" | "ready" | "shipped" | "picked_up" | "delivered" | "at_pickup_done" | "placed" | "part_refunded" | "refunded" | "cancelled" | "expired";

/** What each station's orders go through, and how many days ago they were placed. */
const PLAN: readonly { step: Step; daysAgo: number }[] = [
  { step: "picked_up", daysAgo: 40 },
  { step: "delivered", daysAgo: 33 },
  { step: "part_refunded", daysAgo: 26 },
  { step: "refunded", daysAgo: 20 },
  { step: "at_pickup_done", daysAgo: 15 },
  { step: "cancelled", daysAgo: 12 },
  { step: "expired", daysAgo: 9 },
  { step: "shipped", daysAgo: 3 },
  { step: "ready", daysAgo: 2 },
  { step: "packed", daysAgo: 1 },
  { step: "paid", daysAgo: 1 },
  { step: "placed", daysAgo: 0 },
  { step: "pending", daysAgo: 0 },
];

/**
 * The year behind each desk: a few completed orders per station, months apart (days ago, moved
 * a little per station), picked up or delivered by band, paid online or at the counter. Dates
 * before the seeded year's start are left out, so a demo seeded in January has less history.
 */
const HISTORY: readonly { step: "picked_up" | "delivered" | "at_pickup_done"; daysAgo: number; band?: string }[] = [
  { step: "picked_up", daysAgo: 290 },
  { step: "delivered", daysAgo: 215, band: "3" },
  { step: "at_pickup_done", daysAgo: 140 },
  { step: "delivered", daysAgo: 70, band: "15" },
];

/** The seeded stations' distance bands (km by road from the station). */
const DEMO_BANDS = [
  { upToKm: "3", fee: "0.00" },
  { upToKm: "15", fee: "5.00" },
];

const BUYERS = [
  { name: "张丽", phone: "13900000001" },
  { name: "刘洋", phone: "13900000002" },
];

export async function seedOrders(tx: Db, { stations }: { stations: readonly { code: string; id: string; operatorId: string }[] }): Promise<{ orders: number }> {
  const now = new Date();
  const today = chinaToday(now);
  // The till's year starts on 2 January (the opening balances on the 1st).
  const yearStart = `${today.slice(0, 4)}-01-02`;
  const buyerIds = await Promise.all(BUYERS.map(async (b) => (await findUserForSignIn(tx, { kind: "phone", phone: b.phone }))?.id ?? null));
  let count = 0;
  for (const [s, station] of stations.entries()) {
    // ¥10 beyond 15 km (or when the buyer names no band), less nearer by, free from ¥150 of goods.
    await setDeliveryRule(tx, { stationId: station.id, rule: { offered: true, flatFee: "10.00", freeAbove: "150.00", bands: DEMO_BANDS } });
    const goods = (await listStationProducts(tx, { stationId: station.id, status: "listed" }))
      .map((r) => r.product)
      .filter((p) => p.ownerKind !== "partner" && new D(p.onHand).minus(p.reserved).gte(1));
    const left = new Map(goods.map((p) => [p.id, new D(p.onHand).minus(p.reserved)]));
    /** Round the station's goods from `from`, taking only what is still there (the till's history sold some). */
    const take = (from: number) => {
      const product = [...goods.slice(from % Math.max(1, goods.length)), ...goods].find((p) => left.get(p.id)!.gte(1));
      if (!product) return null;
      const byWeight = product.unit === "jin" || product.unit === "kg";
      const want = new D(byWeight ? 1 + (from % 5) : 1);
      const quantity = (want.gt(left.get(product.id)!) ? new D(1) : want).toString();
      left.set(product.id, left.get(product.id)!.minus(quantity));
      return { product, quantity };
    };
    for (const [j, h] of HISTORY.entries()) {
      const day = addDays(today, -(h.daysAgo + s * 4));
      if (day < yearStart) continue;
      const picked = take(j * 3 + s + 1);
      if (!picked) break;
      const delivery = h.step === "delivered";
      const placedAt = new Date(`${day}T${String(10 + ((j + s) % 7)).padStart(2, "0")}:40:00+08:00`);
      const placed = await placeCheckout(tx, {
        ...(delivery && h.band ? { deliveryBands: { [station.id]: h.band } } : {}),
        buyerUserId: buyerIds[(j + s + 1) % BUYERS.length] ?? null,
        idempotencyKey: `seed-order:${station.code}:history:${j}`,
        contact: BUYERS[(j + s + 1) % BUYERS.length]!,
        fulfilment: delivery ? { kind: "delivery", address: "贵州省黔西县城关镇水西大道 56 号" } : { kind: "pickup" },
        payment: h.step === "at_pickup_done" ? "at_pickup" : "online",
        lines: [{ productId: picked.product.id, quantity: picked.quantity, expectedUnitPrice: picked.product.price }],
        at: placedAt,
      });
      count++;
      await advance(tx, station, placed, h.step, (minutes) => new Date(placedAt.getTime() + minutes * 60_000));
    }
    for (const [i, { step, daysAgo }] of PLAN.entries()) {
      // Each state once in the county, dealt round the stations (two or three orders each): every
      // desk has a queue, and seeding stays quick (it runs at every e2e start; see ADR 010).
      if (i % stations.length !== s) continue;
      const picked = take(i + s);
      if (!picked) break;
      const { product, quantity } = picked;
      const buyer = BUYERS[(i + s) % BUYERS.length]!;
      const delivery = step === "delivered" || step === "shipped" || step === "refunded";
      const atPickup = step === "at_pickup_done" || step === "placed";
      const hour = 9 + ((i * 3 + s) % 9);
      const placedAt = daysAgo === 0 ? new Date(now.getTime() - (10 + i) * 60_000) : new Date(`${addDays(today, -daysAgo)}T${String(hour).padStart(2, "0")}:15:00+08:00`);
      const later = (minutes: number) => new Date(placedAt.getTime() + minutes * 60_000);
      const placed = await placeCheckout(tx, {
        ...(delivery ? { deliveryBands: { [station.id]: step === "shipped" ? "15" : "40" } } : {}),
        buyerUserId: buyerIds[(i + s) % BUYERS.length] ?? null,
        idempotencyKey: `seed-order:${station.code}:${i}`,
        contact: buyer,
        fulfilment: delivery ? { kind: "delivery", address: "贵州省贵阳市云岩区中华北路 108 号 3 单元 502" } : { kind: "pickup" },
        payment: atPickup ? "at_pickup" : "online",
        lines: [{ productId: product.id, quantity, expectedUnitPrice: product.price }],
        at: placedAt,
      });
      count++;
      await advance(tx, station, placed, step, later);
    }
  }
  // The unpaid one from days ago runs out of time, as the sweeper would find it.
  await expireUnpaidCheckouts(tx, { now: new Date(now.getTime() - 3600_000) });
  return { orders: count };
}

async function advance(tx: Db, station: { id: string; code: string; operatorId: string }, placed: PlaceCheckoutResult, step: Step, later: (minutes: number) => Date): Promise<void> {
  const order = placed.orders[0]!;
  const key = (what: string) => `seed:${order.id}:${what}`;
  const desk = { stationId: station.id, orderId: order.id, actorUserId: station.operatorId };
  if (step === "pending" || step === "expired" || step === "placed") return;
  if (step === "cancelled") {
    await cancelOrder(tx, { token: placed.token, orderId: order.id, actorUserId: null, idempotencyKey: key("cancel"), by: "buyer", reason: "买错了 ordered the wrong thing", at: later(20) });
    return;
  }
  if (step !== "at_pickup_done") {
    await withLedgerRetry(tx, (t) => recordOnlinePayment(t, { checkoutId: placed.checkoutId, amount: placed.total, paymentIntentId: `pi_demo_${order.id.slice(0, 8)}`, occurredAt: later(5) }));
  }
  if (step === "paid") return;
  if (step === "refunded") {
    await cancelOrder(tx, { ...desk, idempotencyKey: key("cancel"), by: "station", reason: "暂时缺货 out of stock for now", at: later(90) });
    await withLedgerRetry(tx, (t) => recordOrderRefund(t, { orderId: order.id, amount: order.total, refundId: `re_demo_${order.id.slice(0, 8)}`, occurredAt: later(120), createdBy: station.operatorId }));
    return;
  }
  await packOrder(tx, { ...desk, idempotencyKey: key("pack"), at: later(60 * 3) });
  if (step === "packed") return;
  if (step === "shipped" || step === "delivered") {
    await shipOrder(tx, { ...desk, idempotencyKey: key("ship"), trackingNumber: `YT${order.id.replace(/\D/g, "").slice(0, 10).padEnd(10, "0")}`, at: later(60 * 5) });
    if (step === "delivered") await completeDelivery(tx, { token: placed.token, orderId: order.id, actorUserId: null, idempotencyKey: key("complete"), at: later(60 * 48) });
    return;
  }
  await markReadyForPickup(tx, { ...desk, idempotencyKey: key("ready"), at: later(60 * 4) });
  if (step === "ready") return;
  await handOverOrder(tx, { ...desk, idempotencyKey: key("handover"), pickupCode: order.pickupCode, paidWith: step === "at_pickup_done" ? "mobile" : undefined, at: later(60 * 26) });
  if (step === "part_refunded") {
    const part = toAmountString(new D(order.total).div(4).toDecimalPlaces(2, D.ROUND_DOWN));
    await withLedgerRetry(tx, (t) => recordOrderRefund(t, { orderId: order.id, amount: part, refundId: `re_demo_${order.id.slice(0, 8)}`, occurredAt: later(60 * 50), createdBy: station.operatorId }));
  }
}

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { setDeliveryRule } from "../../app/models/orders/checkout.server";
import { completeDelivery, packOrder, shipOrder } from "../../app/models/orders/lifecycle.server";
import { sessionFigures } from "../../app/models/till/cash-sessions.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { key, placeOrder } from "../factories/orders";
import { makeStockedProduct, openTill } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";

/**
 * Pay on delivery (货到付款, issue 14): a delivered order paid in person, to the courier, works
 * on an install without online payment. The courier checks the buyer's pickup code and takes
 * cash (into the open till session's drawer) or mobile pay (its reference kept); only the
 * station completes it, since it records the money; the journal is the pay-at-pickup one.
 */

const ADDRESS = { kind: "delivery" as const, address: "黔西县林泉镇高锦村三组 12 号" };

async function shippedCashOnDelivery() {
  const db = testDb();
  const station = await makeStation(db);
  await setDeliveryRule(db, { stationId: station.id, rule: { offered: true, flatFee: "6", freeAbove: null } });
  const { product } = await makeStockedProduct(db, station, { stock: "10", price: "12.00" });
  const placed = await placeOrder(db, [{ product, quantity: "2" }], { fulfilment: ADDRESS, payment: "at_pickup" });
  const order = placed.orders[0]!;
  const actor = { stationId: station.id, orderId: order.id, actorUserId: null };
  expect(placed.payment).toBe("at_pickup");
  expect((await orderRow(order.id)).status).toBe("placed");
  await packOrder(db, { ...actor, idempotencyKey: key() });
  await shipOrder(db, { ...actor, idempotencyKey: key(), trackingNumber: "送货员 王师傅" });
  const wrong = order.pickupCode === "000000" ? "111111" : "000000";
  return { db, station, order, actor, wrong, placed };
}

async function orderRow(id: string) {
  const [row] = await rows<{ status: string; paid_with: string | null; paid_reference: string | null; cash_session_id: string | null; total: string }>(
    testDb(),
    sql`select status, paid_with, paid_reference, cash_session_id, total::text as total from orders where id = ${id}`,
  );
  return row!;
}

async function postings(orderId: string) {
  return rows<{ account_code: string; amount: string }>(
    testDb(),
    sql`select p.account_code, p.amount::text as amount from ledger_postings p join ledger_journals j on j.id = p.journal_id
        where j.source_type = 'order' and j.source_id = ${orderId} order by p.account_code, p.amount`,
  );
}

describe("pay on delivery (货到付款)", () => {
  it("is placed without online payment, total with the delivery fee; the buyer cannot confirm it; the station completes it with the code and cash into the drawer", async () => {
    const { db, station, order, actor, wrong, placed } = await shippedCashOnDelivery();
    expect((await orderRow(order.id)).total).toBe("30.00");

    // The buyer's link may not complete an order whose money the station has to record.
    expect(await failure(completeDelivery(db, { token: placed.token, orderId: order.id, actorUserId: null, idempotencyKey: key() }))).toMatchObject({ code: "FORBIDDEN" });

    // No code, a wrong code, no payment method, cash without an open session: refused, nothing recorded.
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), paidWith: "cash" }))).toMatchObject({ code: "WRONG_PICKUP_CODE" });
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: wrong, paidWith: "cash" }))).toMatchObject({ code: "WRONG_PICKUP_CODE", details: { attemptsLeft: 3 } });
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: order.pickupCode }))).toMatchObject({ code: "PAID_WITH_REQUIRED" });
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: order.pickupCode, paidWith: "cash" }))).toMatchObject({ code: "SESSION_REQUIRED" });
    expect(await orderRow(order.id)).toMatchObject({ status: "shipped", paid_with: null });
    expect(await postings(order.id)).toEqual([]);

    const session = await openTill(db, station, "50.00");
    const requestKey = key();
    const done = await completeDelivery(db, { ...actor, idempotencyKey: requestKey, pickupCode: ` ${order.pickupCode} `, paidWith: "cash" });
    expect(done.order.status).toBe("completed");
    expect(await orderRow(order.id)).toMatchObject({ status: "completed", paid_with: "cash", paid_reference: null, cash_session_id: session.id });
    // The drawer holds the float and the ¥30.00 the courier brought back.
    expect((await sessionFigures(db, session)).expected.toFixed(2)).toBe("80.00");
    // Booked like a pay-at-pickup hand-over: cash in, the delivery fee as service income.
    const lines = await postings(order.id);
    expect(lines.filter((l) => l.account_code === ACCOUNTS.cash)).toEqual([{ account_code: ACCOUNTS.cash, amount: "30.00" }]);
    expect(lines.filter((l) => l.account_code === ACCOUNTS.serviceIncome)).toEqual([{ account_code: ACCOUNTS.serviceIncome, amount: "-6.00" }]);

    // The same request again (a double tap) changes nothing.
    const again = await completeDelivery(db, { ...actor, idempotencyKey: requestKey, pickupCode: order.pickupCode, paidWith: "cash" });
    expect(again.replayed).toBe(true);
    expect(await postings(order.id)).toEqual(lines);
  });

  it("by mobile pay needs the payment's reference, kept on the order, the money into clearing", async () => {
    const { db, order, actor } = await shippedCashOnDelivery();
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: order.pickupCode, paidWith: "mobile" }))).toMatchObject({
      code: "PAID_REFERENCE_REQUIRED",
      field: "paidReference",
    });
    expect(await failure(completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: order.pickupCode, paidWith: "mobile", paidReference: "12" }))).toMatchObject({
      code: "PAID_REFERENCE_REQUIRED",
    });
    await completeDelivery(db, { ...actor, idempotencyKey: key(), pickupCode: order.pickupCode, paidWith: "mobile", paidReference: " 4200001234567890 " });
    expect(await orderRow(order.id)).toMatchObject({ status: "completed", paid_with: "mobile", paid_reference: "4200001234567890", cash_session_id: null });
    expect((await postings(order.id)).filter((l) => l.account_code === ACCOUNTS.paymentClearing)).toEqual([{ account_code: ACCOUNTS.paymentClearing, amount: "30.00" }]);
    // The database keeps a reference only on a mobile payment, of a readable length.
    await expect(db.execute(sql`update orders set paid_with = 'cash' where id = ${order.id}`)).rejects.toThrow();
    await expect(db.execute(sql`update orders set paid_reference = 'x' where id = ${order.id}`)).rejects.toThrow();
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { addDays, chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { handOverOrder, markReadyForPickup, packOrder } from "../../app/models/orders/lifecycle.server";
import { partnerOwed, recordRemittance } from "../../app/models/partners/money.server";
import { partnerStatement } from "../../app/models/partners/statements.server";
import { partnerBalance } from "../../app/models/partners/shared.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { key, payOnline, placeOrder, refundOnline } from "../factories/orders";
import { makeConsignedProduct, makePartner } from "../factories/partners";
import { makeStockedProduct, sell } from "../factories/till";
import { testDb } from "../support/db";
import { accountNet } from "../support/queries";

describe("a partner's consigned goods sold online", () => {
  it("till sale + online orders (refunds before and after completion): the statement's sold, commission and owed equal 21102 and 50102, dated by China day", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, station, { kind: "input_supplier", commissionRate: "0.0800" });
    const { product } = await makeConsignedProduct(db, station, partner.id, { stock: "20", price: "85.00" });
    const { product: produce } = await makeStockedProduct(db, station, { stock: "10", price: "20.00", commissionRate: "0.1500" });

    // Till: 3 × 85.00 → commission 20.40, partner 234.60 (today).
    await sell(db, station, [{ product, quantity: "3" }]);

    // Order A, with a household's goods beside: completed at 16:30 UTC of `utcDay` = 00:30 China time the next day.
    const utcDay = addDays(chinaToday(), -5);
    const chinaDay = addDays(utcDay, 1);
    const t1 = new Date(`${utcDay}T16:30:00Z`);
    const a = await placeOrder(db, [{ product, quantity: "2" }, { product: produce, quantity: "1" }], { at: new Date(t1.getTime() - 3_600_000) });
    expect(a.total).toBe("190.00");
    await payOnline(db, a, { at: new Date(t1.getTime() - 1_800_000) });
    const orderA = { stationId: station.id, orderId: a.orders[0]!.id, actorUserId: null, at: t1 };
    await packOrder(db, { ...orderA, idempotencyKey: key() });
    await markReadyForPickup(db, { ...orderA, idempotencyKey: key() });
    expect((await handOverOrder(db, { ...orderA, idempotencyKey: key(), pickupCode: a.orders[0]!.pickupCode })).order.status).toBe("completed");
    // Parts 156.40 / 13.60 / 17.00 / 3.00; a refund of 50.00 after completion takes 41.16 / 3.58 / 4.47 / 0.79 (today).
    await refundOnline(db, a.orders[0]!.id, "50.00");

    // Order B: 85.00, 30.00 refunded before completion (27.60 / 2.40), handed over, then 20.00 after (18.40 / 1.60).
    const b = await placeOrder(db, [{ product, quantity: "1" }]);
    await payOnline(db, b);
    await refundOnline(db, b.orders[0]!.id, "30.00");
    const orderB = { stationId: station.id, orderId: b.orders[0]!.id, actorUserId: null };
    await packOrder(db, { ...orderB, idempotencyKey: key() });
    await markReadyForPickup(db, { ...orderB, idempotencyKey: key() });
    await handOverOrder(db, { ...orderB, idempotencyKey: key(), pickupCode: b.orders[0]!.pickupCode });
    await refundOnline(db, b.orders[0]!.id, "20.00");

    await recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: new D("100.00"), reference: "BANK-9", idempotencyKey: `req-${randomUUID()}`, actorUserId });

    // The ledger: partner 234.60 + (156.40 − 41.16) + (78.20 − 27.60 − 18.40) − 100 remitted; commission 20.40 + 10.02 + 2.80.
    expect((await partnerOwed(db, { partnerId: partner.id, stationId: station.id })).toFixed(2)).toBe("282.04");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomePartner)).toBe("-33.22");

    for (const scope of [{}, { stationId: station.id }]) {
      const all = await partnerStatement(db, { partnerId: partner.id, ...scope, from: "2000-01-01", to: "2999-12-31" });
      expect(all.consignment).toMatchObject({ opening: "0.00", sold: "415.26", commission: "33.22", partnerShare: "382.04", remitted: "100.00", owed: "282.04", ledgerOwed: "282.04" });
      expect(all.consignment.goods).toMatchObject([{ productId: product.id, received: "20.000", returned: "0.000", sold: "6.000" }]);
      expect(all.reconciled).toBe(true);
    }
    const ledgerShare = (await partnerBalance(db, { partnerId: partner.id, stationId: station.id, accountCode: ACCOUNTS.partnerPayable })).neg();
    expect(ledgerShare.plus(100).toFixed(2)).toBe("382.04");

    // Dated by the China day of completion: not on the UTC day, on the next.
    const utc = await partnerStatement(db, { partnerId: partner.id, from: utcDay, to: utcDay });
    expect(utc.consignment).toMatchObject({ sold: "0.00", commission: "0.00", owed: "0.00", ledgerOwed: "0.00" });
    expect(utc.consignment.goods).toEqual([]);
    const completion = await partnerStatement(db, { partnerId: partner.id, from: chinaDay, to: chinaDay });
    expect(completion.consignment).toMatchObject({ opening: "0.00", sold: "170.00", commission: "13.60", partnerShare: "156.40", owed: "156.40", ledgerOwed: "156.40" });
    expect(completion.consignment.goods).toMatchObject([{ productId: product.id, sold: "2.000" }]);
    expect(completion.reconciled).toBe(true);

    // Today: the till, A's refund after completion, all of B; opening is A's completion.
    const today = chinaToday();
    const now = await partnerStatement(db, { partnerId: partner.id, stationId: station.id, from: today, to: today });
    expect(now.consignment).toMatchObject({ opening: "156.40", sold: "245.26", commission: "19.62", partnerShare: "225.64", remitted: "100.00", owed: "282.04", ledgerOwed: "282.04" });
    expect(now.consignment.goods).toMatchObject([{ productId: product.id, received: "20.000", sold: "4.000" }]);
    expect(now.reconciled).toBe(true);

    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
  });

  it("one order with two partners' goods: each statement reconciles with its 21102, and their commissions add up to 50102", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const p = await makePartner(db, station, { kind: "input_supplier", commissionRate: "0.0800" });
    const q = await makePartner(db, station, { kind: "input_supplier", commissionRate: "0.1000" });
    const { product: pp } = await makeConsignedProduct(db, station, p.id, { stock: "5", price: "85.00" });
    const { product: qp } = await makeConsignedProduct(db, station, q.id, { stock: "5", price: "40.00" });
    const placed = await placeOrder(db, [{ product: pp, quantity: "1" }, { product: qp, quantity: "1" }]);
    await payOnline(db, placed);
    const order = { stationId: station.id, orderId: placed.orders[0]!.id, actorUserId: null };
    await packOrder(db, { ...order, idempotencyKey: key() });
    await markReadyForPickup(db, { ...order, idempotencyKey: key() });
    await handOverOrder(db, { ...order, idempotencyKey: key(), pickupCode: placed.orders[0]!.pickupCode });
    // Parts 78.20 (P) / 10.80 commission / 36.00 (Q); 33.33 back takes 20.85 / 2.88 / 9.60; the 2.88 is P 1.81, Q 1.07 by their commissions.
    await refundOnline(db, placed.orders[0]!.id, "33.33");

    const sp = await partnerStatement(db, { partnerId: p.id, stationId: station.id, from: "2000-01-01", to: "2999-12-31" });
    const sq = await partnerStatement(db, { partnerId: q.id, stationId: station.id, from: "2000-01-01", to: "2999-12-31" });
    expect(sp.consignment).toMatchObject({ sold: "62.34", commission: "4.99", partnerShare: "57.35", owed: "57.35", ledgerOwed: "57.35" });
    expect(sq.consignment).toMatchObject({ sold: "29.33", commission: "2.93", partnerShare: "26.40", owed: "26.40", ledgerOwed: "26.40" });
    expect(sp.consignment.goods).toMatchObject([{ productId: pp.id, sold: "1.000" }]);
    expect(sq.consignment.goods).toMatchObject([{ productId: qp.id, sold: "1.000" }]);
    expect(sp.reconciled && sq.reconciled).toBe(true);
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomePartner)).toBe("-7.92");
    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
  });
});

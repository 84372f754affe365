import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { dbErrorInfo } from "../../app/models/database/errors.server";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import { confirmBulkOrder, createBulkOrder, endBulkOrder, getBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { listPartnerDeliveries, planProRata, recordDelivery } from "../../app/models/partners/deliveries.server";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { listConsignedStock, returnConsignment } from "../../app/models/partners/consignment.server";
import { partnerOwed, partnerReceivable, recordPartnerPayment, recordRemittance } from "../../app/models/partners/money.server";
import { partnerStatement } from "../../app/models/partners/statements.server";
import { listAvailableProduce, stationCountyId, updatePartner } from "../../app/models/partners/partners.server";
import { householdOwed } from "../../app/models/households/payouts.server";
import { getProduct } from "../../app/models/catalog/products.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeConsignedProduct, makeHoldings, makePartner, DELIVERY_DATE } from "../factories/partners";
import { sell } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";
import { accountNet } from "../support/queries";

async function counts() {
  const [row] = await rows<{ journals: number; deliveries: number; payments: number; remittances: number; notes: number; movements: number }>(
    testDb(),
    sql`select (select count(*) from ledger_journals)::int as journals, (select count(*) from bulk_deliveries)::int as deliveries,
        (select count(*) from partner_payments)::int as payments, (select count(*) from partner_remittances)::int as remittances,
        (select count(*) from partner_consignment_notes)::int as notes, (select count(*) from stock_movements)::int as movements`,
  );
  return row!;
}

const key = () => `req-${randomUUID()}`;

describe("consignment supply", () => {
  it("receives a partner's goods, sells them at the till (partner payable + commission), remits, returns the unsold", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, station, { kind: "input_supplier", commissionRate: "0.0800" });
    const { product, note } = await makeConsignedProduct(db, station, partner.id, { stock: "20", price: "85.00" });
    expect(note).toMatchObject({ number: 1, kind: "received" });
    expect(product).toMatchObject({ ownerKind: "partner", partnerId: partner.id, commissionRate: "0.0800" });

    await sell(db, station, [{ product, quantity: "3" }]);
    expect(await accountNet(station.id, ACCOUNTS.partnerPayable)).toBe("-234.60");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomePartner)).toBe("-20.40");
    expect((await partnerOwed(db, { partnerId: partner.id, stationId: station.id })).toFixed(2)).toBe("234.60");

    const before = await counts();
    expect(await failure(recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: new D("234.61"), reference: "BANK-1", idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "ABOVE_OWED" });
    expect(await failure(recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: new D("10"), reference: " ", idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "REFERENCE_REQUIRED" });
    expect(await counts()).toEqual(before);

    const k = key();
    const first = await recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: new D("200.00"), reference: "BANK-1", idempotencyKey: k, actorUserId });
    const again = await recordRemittance(db, { stationId: station.id, partnerId: partner.id, amount: new D("200.00"), reference: "BANK-1", idempotencyKey: k, actorUserId });
    expect(again.id).toBe(first.id);
    expect(await accountNet(station.id, ACCOUNTS.partnerPayable)).toBe("-34.60");
    expect(await accountNet(station.id, ACCOUNTS.bank)).toBe("-200.00");

    expect(await failure(returnConsignment(db, { stationId: station.id, partnerId: partner.id, lines: [{ productId: product.id, quantity: new D("18") }], idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "NOT_ENOUGH_STOCK" });
    const back = await returnConsignment(db, { stationId: station.id, partnerId: partner.id, lines: [{ productId: product.id, quantity: new D("5") }], idempotencyKey: key(), actorUserId });
    expect(back).toMatchObject({ number: 2, kind: "returned" });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("12.000");
    expect(await listConsignedStock(db, { partnerId: partner.id })).toMatchObject([{ productId: product.id, onHand: "12.000", available: "12.000" }]);

    const statement = await partnerStatement(db, { partnerId: partner.id, from: "2000-01-01", to: "2999-12-31" });
    expect(statement.consignment).toMatchObject({ opening: "0.00", sold: "255.00", commission: "20.40", partnerShare: "234.60", remitted: "200.00", owed: "34.60", ledgerOwed: "34.60" });
    expect(statement.consignment.goods).toMatchObject([{ received: "20.000", returned: "5.000", sold: "3.000" }]);
    expect(statement.reconciled).toBe(true);
    // All of the above is dated today (the business date, China time): a statement that ends today says the same.
    const today = chinaToday();
    expect(await partnerStatement(db, { partnerId: partner.id, from: "2000-01-01", to: today })).toEqual({ ...statement, to: today });
    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
  });
});

describe("bulk purchase orders", () => {
  it("fills an order pro rata across three households in two deliveries, takes payment, and keeps every book consistent", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, station, { commissionRate: "0.0800", paymentTermsDays: 30 });
    const holders = await makeHoldings(db, station, ["300", "200", "100"]);
    const countyId = (await stationCountyId(db, { stationId: station.id }))!;
    expect(await listAvailableProduce(db, { countyId, stationCode: station.code })).toMatchObject([{ productKey: "金银花", unit: "jin", available: "600.000", households: 3 }]);

    const idempotencyKey = key();
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "150", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey });
    expect(order).toMatchObject({ number: 1, status: "placed", total: "4500.00", lines: [{ unit: "jin", quantity: "150.000", deliveredQuantity: "0.000" }] });
    expect((await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "150", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey })).id).toBe(order.id);
    const line = order.lines[0]!;

    expect(await failure(recordDelivery(db, { stationId: station.id, orderId: order.id, lines: [{ orderLineId: line.id, productId: holders[0]!.product.id, quantity: new D("1") }], idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "ORDER_NOT_OPEN" });
    await confirmBulkOrder(db, { stationId: station.id, orderId: order.id, actorUserId });

    const plan = await planProRata(db, { stationId: station.id, orderId: order.id, orderLineId: line.id, quantity: new D("100") });
    expect(plan.map((p) => [p.householdId, p.quantity.toFixed(3)])).toEqual([
      [holders[0]!.household.id, "50.000"],
      [holders[1]!.household.id, "33.333"],
      [holders[2]!.household.id, "16.667"],
    ]);
    const before = await counts();
    const tooMuch = [{ orderLineId: line.id, productId: holders[2]!.product.id, quantity: new D("100.001") }];
    expect(await failure(recordDelivery(db, { stationId: station.id, orderId: order.id, lines: tooMuch, idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "OVER_AVAILABLE" });
    const overOrdered = [
      { orderLineId: line.id, productId: holders[0]!.product.id, quantity: new D("100") },
      { orderLineId: line.id, productId: holders[1]!.product.id, quantity: new D("50.001") },
    ];
    expect(await failure(recordDelivery(db, { stationId: station.id, orderId: order.id, lines: overOrdered, idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "OVER_ORDERED" });
    expect(await counts()).toEqual(before);

    const d1 = await recordDelivery(db, { stationId: station.id, orderId: order.id, date: "2026-05-20", lines: plan.map((p) => ({ orderLineId: line.id, productId: p.productId, quantity: p.quantity })), idempotencyKey: key(), actorUserId });
    expect(d1).toMatchObject({ number: 1, amount: "3000.00", commission: "240.00", dueDate: "2026-06-19" });
    expect((await getProduct(db, { stationId: station.id, productId: holders[1]!.product.id }))!.onHand).toBe("166.667");
    expect(await accountNet(station.id, ACCOUNTS.partnerReceivable)).toBe("3000.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable)).toBe("-2760.00");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)).toBe("-240.00");
    // 50 × 30 = 1500.00 − 120.00; 33.333 × 30 = 999.99 − 80.00; 16.667 × 30 = 500.01 − 40.00
    const owed = await Promise.all(holders.map((x) => householdOwed(db, { stationId: station.id, householdId: x.household.id })));
    expect(owed.map((o) => o.toFixed(2))).toEqual(["1380.00", "919.99", "460.01"]);

    expect(await failure(recordPartnerPayment(db, { stationId: station.id, orderId: order.id, amount: new D("3000.01"), reference: "HX-1", idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "ABOVE_OUTSTANDING" });
    await recordPartnerPayment(db, { stationId: station.id, orderId: order.id, amount: new D("2000.00"), reference: "HX-1", idempotencyKey: key(), actorUserId, date: "2026-06-01" });
    expect((await partnerReceivable(db, { partnerId: partner.id, stationId: station.id })).toFixed(2)).toBe("1000.00");
    expect(await accountNet(station.id, ACCOUNTS.bank)).toBe("2000.00");

    const partial = (await getBulkOrder(db, { partnerId: partner.id, orderId: order.id }))!;
    expect(partial).toMatchObject({ status: "confirmed", delivered: "3000.00", paid: "2000.00", outstanding: "1000.00", overdue: true, lines: [{ deliveredQuantity: "100.000", remainingQuantity: "50.000" }] });
    expect(await getBulkOrder(db, { partnerId: (await makePartner(db, station)).id, orderId: order.id })).toBeNull();

    await recordDelivery(db, { stationId: station.id, orderId: order.id, date: "2026-06-02", lines: [{ orderLineId: line.id, productId: holders[0]!.product.id, quantity: new D("50") }], idempotencyKey: key(), actorUserId });
    const done = (await getBulkOrder(db, { partnerId: partner.id, orderId: order.id }))!;
    expect(done).toMatchObject({ status: "delivered", delivered: "4500.00", outstanding: "2500.00" });
    const invoices = await listPartnerDeliveries(db, { partnerId: partner.id, today: "2026-06-25" });
    expect(invoices.map((i) => [i.number, i.paid, i.unpaid, i.overdue])).toEqual([
      [2, "0.00", "1500.00", false],
      [1, "2000.00", "1000.00", true],
    ]);

    const statement = await partnerStatement(db, { partnerId: partner.id, stationId: station.id, from: "2026-06-01", to: "2026-06-30" });
    expect(statement.orders).toMatchObject({ opening: "3000.00", delivered: "1500.00", paid: "2000.00", outstanding: "2500.00", ledgerOutstanding: "2500.00" });
    expect(statement.reconciled).toBe(true);

    const [books] = await rows<{ stock_mismatch: number; line_mismatch: number }>(
      db,
      sql`select (select count(*)::int from products p where p.on_hand <> (select coalesce(sum(on_hand_delta), 0) from stock_movements m where m.product_id = p.id)) as stock_mismatch,
        (select count(*)::int from bulk_order_lines l where l.delivered_quantity <> (select coalesce(sum(quantity), 0) from bulk_delivery_lines d where d.order_line_id = l.id)) as line_mismatch`,
    );
    expect(books).toEqual({ stock_mismatch: 0, line_mismatch: 0 });
    for (const r of (await verifyLedger(db))!) expect(r).toMatchObject({ ok: true });
  });

  it("refuses orders from an inactive partner or for produce the station has not, and cancels or closes short", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, station);
    const holders = await makeHoldings(db, station, ["40"]);
    const place = (lines = [{ productKey: "金银花", quantity: "30", unitPrice: "28.00" }]) =>
      createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines, deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey: key() });
    expect(await failure(place([{ productKey: "松茸", quantity: "3", unitPrice: "28.00" }]))).toMatchObject({ code: "UNKNOWN_PRODUCE" });
    expect(await failure(place([{ productKey: "金银花", quantity: "-3", unitPrice: "28.00" }]))).toMatchObject({ code: "BAD_QUANTITY" });

    const cancelled = await place();
    expect(await endBulkOrder(db, { stationId: station.id, orderId: cancelled.id, actorUserId, reason: "客户取消" })).toBe("cancelled");

    const short = await place();
    await confirmBulkOrder(db, { stationId: station.id, orderId: short.id, actorUserId });
    await recordDelivery(db, { stationId: station.id, orderId: short.id, lines: [{ orderLineId: short.lines[0]!.id, productId: holders[0]!.product.id, quantity: new D("20") }], idempotencyKey: key(), actorUserId });
    expect(await endBulkOrder(db, { stationId: station.id, orderId: short.id, actorUserId, reason: "减产" })).toBe("closed");
    expect((await getBulkOrder(db, { partnerId: partner.id, orderId: short.id }))).toMatchObject({ status: "closed", delivered: "560.00" });
    expect(await failure(recordDelivery(db, { stationId: station.id, orderId: short.id, lines: [{ orderLineId: short.lines[0]!.id, productId: holders[0]!.product.id, quantity: new D("1") }], idempotencyKey: key(), actorUserId }))).toMatchObject({ code: "ORDER_NOT_OPEN" });

    const countyId = (await stationCountyId(db, { stationId: station.id }))!;
    await updatePartner(db, { countyId, partnerId: partner.id, status: "inactive", actorUserId: null, input: { nameZh: partner.nameZh, nameEn: partner.nameEn, kind: partner.kind, mode: partner.mode, contactName: "", contactPhone: "", addressZh: "", bankAccount: "", bankName: "" } });
    const [{ n: before }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from bulk_orders`)) as [{ n: number }];
    expect(await failure(place())).toMatchObject({ code: "PARTNER_INACTIVE" });
    const [{ n: after }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from bulk_orders`)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it("has the database refuse a line delivered beyond its order", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const partner = await makePartner(db, station);
    await makeHoldings(db, station, ["40"]);
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "30", unitPrice: "28.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey: key() });
    // Beyond the order: the line's CHECK. Within it but without delivery lines: the guard at commit.
    expect(dbErrorInfo(await failure(db.execute(sql`update bulk_order_lines set delivered_quantity = 30.001 where order_id = ${order.id}`)))).toMatchObject({ code: "23514", constraint: "bulk_order_lines_delivered_range" });
    expect(dbErrorInfo(await failure(db.execute(sql`update bulk_order_lines set delivered_quantity = 3 where order_id = ${order.id}`)))).toMatchObject({ code: "23514", constraint: "bulk_order_lines_delivered_matches" });
  });
});

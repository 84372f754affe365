import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../app/domain/dates";
import { D, sum, toAmountString } from "../../app/domain/money";
import { householdGoods, listHouseholds } from "../../app/models/households/households.server";
import { type HouseholdStatement, householdOwed, householdStatement, recordPayout } from "../../app/models/households/payouts.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { confirmBulkOrder, createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { recordDelivery } from "../../app/models/partners/deliveries.server";
import { returnSale } from "../../app/models/till/returns.server";
import { createSale, getSale } from "../../app/models/till/sales.server";
import { loader as statementLoader } from "../../app/routes/stations.$code.manage_.households.$id_.statement";
import { households } from "../../db/schema/households";
import { products } from "../../db/schema/catalog";
import { stations } from "../../db/schema/stations";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeHoldings, makePartner } from "../factories/partners";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb, useDemoDatabase } from "../support/db";
import { dataResult, openEntry } from "../support/http";
import { staffSessions } from "../support/sessions";
import type { Db } from "../../db/client.server";

/** The bank-book identities every statement must satisfy, whatever its range. */
async function expectAddsUp(db: Db, s: HouseholdStatement, ids: { stationId: string; householdId: string }) {
  const changes = s.lines.map((l) => new D(l.change));
  expect(toAmountString(new D(s.opening).plus(sum(changes)))).toBe(s.closing);
  expect(s.lines.at(-1)?.balance ?? s.opening).toBe(s.closing);
  let balance = new D(s.opening);
  for (const line of s.lines) {
    balance = balance.plus(line.change);
    expect(line.balance).toBe(toAmountString(balance));
  }
  // In date order, then by voucher number.
  const keys = s.lines.map((l) => `${l.date}#${String(l.journalNumber).padStart(8, "0")}`);
  expect(keys).toEqual([...keys].sort());
  expect(s.opening).toBe(toAmountString(await householdOwed(db, { ...ids, asOf: addDays(s.from, -1) })));
  expect(s.closing).toBe(toAmountString(await householdOwed(db, { ...ids, asOf: s.to })));
}

describe("every demo household's statement", () => {
  useDemoDatabase();

  it("adds up like a bank book, ends at what is owed, and names every line; the goods figures add up to what is on hand", async () => {
    const db = testDb();
    const today = chinaToday();
    const all = await db.select({ householdId: households.id, stationId: households.stationId }).from(households);
    expect(all.length).toBeGreaterThanOrEqual(10);
    let lines = 0;
    for (const ids of all) {
      const whole = await householdStatement(db, { ...ids, from: "2000-01-01", to: today });
      expect(whole.opening).toBe("0.00");
      await expectAddsUp(db, whole, ids);
      expect(whole.closing).toBe(toAmountString(await householdOwed(db, ids)));
      expect(whole.lines.filter((l) => l.kind === "other")).toEqual([]);
      lines += whole.lines.length;
      // A range that starts mid-history: it opens at the balance of the day before.
      const middle = whole.lines[Math.floor(whole.lines.length / 2)];
      if (middle) {
        const part = await householdStatement(db, { ...ids, from: middle.date, to: today });
        await expectAddsUp(db, part, ids);
        expect(part.closing).toBe(whole.closing);
        const firstOfDay = whole.lines.findIndex((l) => l.date === middle.date);
        expect(part.opening).toBe(firstOfDay === 0 ? "0.00" : whole.lines[firstOfDay - 1]!.balance);
      }
      for (const g of await householdGoods(db, ids)) {
        const onHand = new D(g.consigned).minus(g.sold).minus(g.returned).minus(g.spoiled).plus(g.counted);
        expect(onHand.toFixed(3), g.nameZh).toBe(g.onHand);
      }
    }
    expect(lines).toBeGreaterThan(100);
    const kinds = new Set<string>();
    for (const ids of all) for (const l of (await householdStatement(db, { ...ids, from: "2000-01-01", to: today })).lines) kinds.add(l.kind);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["bulkDelivery", "payout", "sale"]));
  });

  it("counts on the household list the goods each household supplies, not archived ones", async () => {
    const db = testDb();
    const [station] = await db.select().from(stations).limit(1);
    const list = await listHouseholds(db, { stationId: station!.id });
    for (const { household, productCount } of list) {
      const own = await db.select().from(products).where(and(eq(products.stationId, station!.id), eq(products.householdId, household.id)));
      expect(productCount, household.headName).toBe(own.filter((p) => p.status !== "archived").length);
    }
    expect(list.some((h) => h.productCount > 0)).toBe(true);
  });
});

describe("a household's statement", () => {
  it("takes a sale, a refund after it, a bulk delivery and a payout in date order, with balances, across ranges", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const operatorId = await systemUserId(db);
    const [holder] = await makeHoldings(db, station, ["100"]);
    const { household, product: honeysuckle } = holder!;
    const ids = { stationId: station.id, householdId: household.id };
    const eggs = await makeProduct(db, station, { householdId: household.id, ownerKind: "household", price: "10.00", commissionRate: "0.1000", unit: "jin" });
    await receive(db, eggs, "20");
    const today = chinaToday();
    const [d1, d2, d3, d4] = [addDays(today, -9), addDays(today, -6), addDays(today, -3), addDays(today, -1)];

    // Day 1: 5 jin at 10.00, 10 % commission → +45.00.
    const { sale } = await createSale(db, { stationId: station.id, operatorId, idempotencyKey: randomUUID(), lines: [{ productId: eggs.id, quantity: new D("5") }], payment: { kind: "mobile", reference: "wx-1" }, date: d1 });
    // Day 2: 2 jin come back → −18.00.
    const lineId = (await getSale(db, { stationId: station.id, number: sale.number }))!.lines[0]!.id;
    await returnSale(db, "refund", { stationId: station.id, saleId: sale.id, operatorId, reason: "坏了", idempotencyKey: randomUUID(), quantities: { [lineId]: new D("2") }, date: d2 });
    // Day 3: a partner takes 10 jin of honeysuckle at 30.00, commission 8 % → +276.00.
    const partner = await makePartner(db, station, { commissionRate: "0.0800", paymentTermsDays: 30 });
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "10", unitPrice: "30.00" }], deliveryDate: d3, placedByUserId: null, idempotencyKey: randomUUID(), at: new Date(`${d3}T09:00:00+08:00`) });
    await confirmBulkOrder(db, { stationId: station.id, orderId: order.id, actorUserId: operatorId });
    await recordDelivery(db, { stationId: station.id, orderId: order.id, date: d3, lines: [{ orderLineId: order.lines[0]!.id, productId: honeysuckle.id, quantity: new D("10") }], idempotencyKey: randomUUID(), actorUserId: operatorId });
    // Day 4: paid 100.00 by bank.
    const payout = await recordPayout(db, { ...ids, operatorId, amount: new D("100.00"), method: "bank", reference: "6217-1", idempotencyKey: randomUUID(), date: d4 });

    const whole = await householdStatement(db, { ...ids, from: d1, to: today });
    expect(whole.lines.map((l) => [l.date, l.kind, l.ref, l.change, l.balance])).toEqual([
      [d1, "sale", String(sale.number), "45.00", "45.00"],
      [d2, "refund", String(sale.number), "-18.00", "27.00"],
      [d3, "bulkDelivery", "1", "276.00", "303.00"],
      [d4, "payout", String(payout.number), "-100.00", "203.00"],
    ]);
    expect(whole.lines[2]!.order).toBe(String(order.number));
    expect(whole.lines.map((l) => l.goods.map((g) => `${g.nameZh} ${g.quantity}`))).toEqual([[`${eggs.nameZh} 5.000`], [`${eggs.nameZh} 2.000`], [], []]);
    expect(whole).toMatchObject({ opening: "0.00", closing: "203.00" });
    expect(whole.closing).toBe(toAmountString(await householdOwed(db, ids)));
    await expectAddsUp(db, whole, ids);

    // Starting mid-history: the sale and the refund are the opening balance.
    const later = await householdStatement(db, { ...ids, from: d3, to: today });
    expect(later).toMatchObject({ opening: "27.00", closing: "203.00" });
    expect(later.lines.map((l) => l.kind)).toEqual(["bulkDelivery", "payout"]);
    await expectAddsUp(db, later, ids);

    // Ending mid-history: the payout is after the range, so the closing is what was owed then.
    const earlier = await householdStatement(db, { ...ids, from: d2, to: d3 });
    expect(earlier).toMatchObject({ opening: "45.00", closing: "303.00" });
    await expectAddsUp(db, earlier, ids);

    // A range with nothing in it opens and closes at the same balance.
    const quiet = await householdStatement(db, { ...ids, from: today, to: today });
    expect(quiet).toMatchObject({ opening: "203.00", closing: "203.00", lines: [] });

    // Another household's lines never appear.
    const other = await makeStockedProduct(db, station, { stock: "5", price: "10.00" });
    await createSale(db, { stationId: station.id, operatorId, idempotencyKey: randomUUID(), lines: [{ productId: other.product.id, quantity: new D("1") }], payment: { kind: "mobile", reference: "wx-2" }, date: d2 });
    expect((await householdStatement(db, { ...ids, from: d1, to: today })).lines).toHaveLength(4);

    // The goods: eggs 20 in, 5 sold, 2 back from the buyer → sold (net) 3, on hand 17.
    const goods = await householdGoods(db, ids);
    expect(goods.find((g) => g.productId === eggs.id)).toMatchObject({ consigned: "20.000", sold: "3.000", returned: "0.000", onHand: "17.000" });
    expect((await listHouseholds(db, { stationId: station.id })).find((h) => h.household.id === household.id)!.productCount).toBe(2);
  });
});

describe("the statement page", () => {
  it("reads the period from the query and refuses a reversed or malformed one beside the field, in the reader's language", async () => {
    const context = testContext();
    const { station, operator } = await staffSessions(context);
    const household = await makeHousehold(context.db, station);
    const params = { code: station.code, id: household.id };
    const url = `/stations/${station.code}/manage/households/${household.id}/statement`;
    const ok = (await openEntry((request) => statementLoader({ request, params, context }), `${url}?from=2026-01-01&to=2026-01-31`, operator)) as { statement: { from: string; to: string; opening: string; closing: string } };
    expect(ok.statement).toMatchObject({ from: "2026-01-01", to: "2026-01-31", opening: "0.00", closing: "0.00" });

    const reversed = dataResult<{ rangeErrors: Record<string, string>; statement: unknown }>(await openEntry((request) => statementLoader({ request, params, context }), `${url}?from=2026-02-01&to=2026-01-01`, operator));
    expect(reversed.status).toBe(400);
    expect(reversed.data.rangeErrors.to).toBe("截止日期不能早于起始日期");
    expect(reversed.data.statement).toBeNull();

    const malformed = dataResult<{ rangeErrors: Record<string, string> }>(await openEntry((request) => statementLoader({ request, params, context }), `${url}?from=2026-02-30&lng=en`, operator));
    expect(malformed.status).toBe(400);
    expect(malformed.data.rangeErrors.from).toBe("Write the date as year-month-day, e.g. 2026-03-01");

    const future = dataResult<{ rangeErrors: Record<string, string> }>(await openEntry((request) => statementLoader({ request, params, context }), `${url}?to=${addDays(chinaToday(), 2)}`, operator));
    expect(future.status).toBe(400);
    expect(future.data.rangeErrors.to).toBe("截止日期不能晚于今天");
  });
});

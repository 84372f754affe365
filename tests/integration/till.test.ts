import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { addDays, chinaToday, firstOfMonth } from "../../app/domain/dates";
import { postJournal } from "../../app/models/ledger/journals.server";
import { closePeriod } from "../../app/models/ledger/periods.server";
import { D } from "../../app/domain/money";
import { closeSession, getOpenSession } from "../../app/models/till/cash-sessions.server";
import { getProduct } from "../../app/models/catalog/products.server";
import { householdOwed, recordPayout } from "../../app/models/households/payouts.server";
import { returnSale } from "../../app/models/till/returns.server";
import { createSale, getSale } from "../../app/models/till/sales.server";
import { todaySummary } from "../../app/models/till/summary.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeStockedProduct, openTill, sell } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";
import { accountNet } from "../support/queries";

describe("the till", () => {
  it("records a cash sale of consigned goods: stock, lines, one balanced journal split by commission", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product, household } = await makeStockedProduct(db, station, { stock: "10", price: "38.00", commissionRate: "0.1500" });
    await openTill(db, station);
    const { sale, replayed } = await sell(db, station, [{ product, quantity: "2.5" }], { kind: "cash", tendered: new D("100") });
    expect(replayed).toBe(false);
    expect(sale).toMatchObject({ number: 1, total: "95.00", tendered: "100.00", payment: "cash" });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("7.500");
    const view = await getSale(db, { stationId: station.id, number: 1 });
    expect(view!.lines[0]).toMatchObject({ quantity: "2.500", amount: "95.00", commission: "14.25" });
    expect(await accountNet(station.id, ACCOUNTS.cash)).toBe("95.00");
    expect(await accountNet(station.id, ACCOUNTS.householdPayable)).toBe("-80.75");
    expect(await accountNet(station.id, ACCOUNTS.commissionIncomeProduce)).toBe("-14.25");
    expect((await householdOwed(db, { stationId: station.id, householdId: household!.id })).toFixed(2)).toBe("80.75");
    const summary = await todaySummary(db, { stationId: station.id });
    expect([summary.count, summary.total.toFixed(2), summary.cash.toFixed(2), summary.commission.toFixed(2)]).toEqual([1, "95.00", "95.00", "14.25"]);
  });

  it("credits the collective's own goods to sales income and mobile pay to payment clearing", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { ownerKind: "collective", price: "5.00", unit: "piece" });
    await sell(db, station, [{ product, quantity: "3" }], { kind: "mobile", reference: "4200001234" });
    expect(await accountNet(station.id, ACCOUNTS.paymentClearing)).toBe("15.00");
    expect(await accountNet(station.id, ACCOUNTS.ownSalesIncome)).toBe("-15.00");
  });

  it("refuses bad sales and writes nothing", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "3" });
    const piece = (await makeStockedProduct(db, station, { unit: "piece" })).product;
    expect(await failure(sell(db, station, [{ product, quantity: "3.5" }]))).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect(await failure(sell(db, station, [{ product, quantity: "0" }]))).toMatchObject({ code: "EMPTY_SALE" });
    expect(await failure(sell(db, station, [{ product: piece, quantity: "1.5" }]))).toMatchObject({ code: "TOO_MANY_DECIMALS" });
    expect(await failure(sell(db, station, [{ product, quantity: "1" }], { kind: "cash", tendered: new D("100") }))).toMatchObject({ code: "SESSION_REQUIRED" });
    await openTill(db, station);
    expect(await failure(sell(db, station, [{ product, quantity: "1" }], { kind: "cash", tendered: new D("1") }))).toMatchObject({ code: "TENDER_TOO_LOW" });
    const [count] = await rows<{ n: number }>(db, sql`select (select count(*) from sales)::int + (select count(*) from ledger_journals)::int as n`);
    expect(count!.n).toBe(0);
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("3.000");
  });

  it("uses the current price when it changed since the form was rendered, and says so", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { price: "20.00" });
    const result = await createSale(db, {
      stationId: station.id,
      operatorId: await systemUserId(db),
      idempotencyKey: randomUUID(),
      lines: [{ productId: product.id, quantity: new D("1"), seenPrice: "18.00" }],
      payment: { kind: "mobile", reference: "x1" },
    });
    expect(result.priceChanged).toEqual([product.id]);
    expect(result.sale.total).toBe("20.00");
  });

  it("records one sale for a form submitted twice", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station);
    const key = randomUUID();
    const [a, b] = await Promise.all([sell(db, station, [{ product, quantity: "1" }], undefined, key), sell(db, station, [{ product, quantity: "1" }], undefined, key)]);
    const again = await sell(db, station, [{ product, quantity: "1" }], undefined, key);
    expect(new Set([a.sale.id, b.sale.id, again.sale.id]).size).toBe(1);
    expect(again.replayed).toBe(true);
    const [n] = await rows<{ sales: number; journals: number }>(db, sql`select (select count(*) from sales)::int as sales, (select count(*) from ledger_journals)::int as journals`);
    expect(n).toEqual({ sales: 1, journals: 1 });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("9.000");
  });

  it("refuses a sale in a closed month", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station);
    const operatorId = await systemUserId(db);
    const lastMonth = addDays(firstOfMonth(chinaToday()), -1);
    await closePeriod(db, { stationId: station.id, month: lastMonth.slice(0, 7), closedBy: operatorId });
    const late = createSale(db, { stationId: station.id, operatorId, idempotencyKey: randomUUID(), date: lastMonth, lines: [{ productId: product.id, quantity: new D("1") }], payment: { kind: "mobile", reference: "x" } });
    expect(await failure(late)).toMatchObject({ code: "PERIOD_CLOSED" });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("10.000");
  });

  it("voids the same day and refunds in part: stock comes back, reversing journals, owed falls", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product, household } = await makeStockedProduct(db, station, { stock: "10", price: "10.00", commissionRate: "0.1000" });
    await openTill(db, station);
    const operatorId = await systemUserId(db);
    const first = (await sell(db, station, [{ product, quantity: "2" }], { kind: "cash", tendered: new D("20") })).sale;
    const second = (await sell(db, station, [{ product, quantity: "3" }])).sale;
    await returnSale(db, "void", { stationId: station.id, saleId: first.id, operatorId, reason: "按错了", idempotencyKey: randomUUID() });
    expect(await failure(returnSale(db, "void", { stationId: station.id, saleId: first.id, operatorId, reason: "again", idempotencyKey: randomUUID() }))).toMatchObject({ code: "NOTHING_TO_RETURN" });
    const lines = (await getSale(db, { stationId: station.id, number: second.number }))!.lines;
    await returnSale(db, "refund", { stationId: station.id, saleId: second.id, operatorId, reason: "坏了一斤", idempotencyKey: randomUUID(), quantities: { [lines[0]!.id]: new D("1") } });
    expect(await failure(returnSale(db, "refund", { stationId: station.id, saleId: second.id, operatorId, reason: "too much", idempotencyKey: randomUUID(), quantities: { [lines[0]!.id]: new D("2.5") } }))).toMatchObject({ code: "RETURN_TOO_LARGE" });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("8.000");
    expect((await householdOwed(db, { stationId: station.id, householdId: household!.id })).toFixed(2)).toBe("18.00");
    expect(await accountNet(station.id, ACCOUNTS.cash)).toBe("0.00");
    const [rev] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_journals where reverses_journal_id = ${first.journalId}`);
    expect(rev!.n).toBe(1);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: true });
  });

  it("closes a session once with a counted variance posted to cash over/short", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { price: "38.00" });
    const session = await openTill(db, station, "50.00");
    await sell(db, station, [{ product, quantity: "2.5" }], { kind: "cash", tendered: new D("100") });
    const operatorId = await systemUserId(db);
    // expected 50 + 95 = 145; counted 144
    const counts = { "100": 1, "20": 2, "1": 4 };
    expect(await failure(closeSession(db, { stationId: station.id, sessionId: session.id, operatorId, counts, note: "" }))).toMatchObject({ code: "REASON_REQUIRED" });
    const { difference, figures } = await closeSession(db, { stationId: station.id, sessionId: session.id, operatorId, counts, note: "少了一元" });
    expect([figures.expected.toFixed(2), difference.toFixed(2)]).toEqual(["145.00", "-1.00"]);
    expect(await accountNet(station.id, ACCOUNTS.cashOverShort)).toBe("1.00");
    expect(await failure(closeSession(db, { stationId: station.id, sessionId: session.id, operatorId, counts, note: "x" }))).toMatchObject({ code: "SESSION_CLOSED" });
    expect(await getOpenSession(db, { stationId: station.id })).toBeNull();
    expect(await failure(openTill(db, station).then(() => openTill(db, station)))).toMatchObject({ code: "SESSION_OPEN" });
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: true });
  });

  it("pays a household up to what it is owed, never more (model and database)", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product, household } = await makeStockedProduct(db, station, { price: "10.00", commissionRate: "0.1000" });
    await sell(db, station, [{ product, quantity: "5" }]);
    const operatorId = await systemUserId(db);
    const pay = (amount: string, method: "cash" | "bank" = "bank") =>
      recordPayout(db, { stationId: station.id, householdId: household!.id, operatorId, amount: new D(amount), method, reference: "6217000012345678", idempotencyKey: randomUUID() });
    expect(await failure(pay("45.01"))).toMatchObject({ code: "PAYOUT_ABOVE_OWED" });
    expect(await failure(pay("10", "cash"))).toMatchObject({ code: "SESSION_REQUIRED" });
    await pay("40.00");
    expect((await householdOwed(db, { stationId: station.id, householdId: household!.id })).toFixed(2)).toBe("5.00");
    // Past the model's check: a journal paying 6.00 of the 5.00 owed, and its payout row. The deferred trigger refuses at commit.
    const refused = await failure(
      db.transaction(async (tx) => {
        const id = randomUUID();
        const { journal } = await postJournal(tx, {
          stationId: station.id, date: chinaToday(), memo: "overpay", source: { type: "payout", id }, idempotencyKey: `payout:${id}`, createdBy: operatorId,
          lines: [{ accountCode: ACCOUNTS.householdPayable, amount: "6.00", subledger: { kind: "household", id: household!.id } }, { accountCode: ACCOUNTS.bank, amount: "-6.00" }],
        });
        await tx.execute(sql`insert into household_payouts (id, station_id, household_id, number, business_date, amount, method, reference, paid_by, idempotency_key, journal_id)
          values (${id}, ${station.id}, ${household!.id}, 99, ${chinaToday()}, 6, 'bank', 'r', ${operatorId}, 'raw', ${journal.id})`);
      }),
    );
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused ?? {})) + String((refused as { cause?: unknown })?.cause)).toMatch(/household_payouts_within_owed|overpaid/);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: true });
  });
});

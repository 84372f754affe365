import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { D } from "../../app/domain/money";
import { recordPayout } from "../../app/models/households/payouts.server";
import { farmerIncome, incomeStatement } from "../../app/models/reports/reports.server";
import { partnerReceivables } from "../../app/models/reports/sales.server";
import { returnSale } from "../../app/models/till/returns.server";
import { createSale } from "../../app/models/till/sales.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { postTestJournal } from "../factories/ledger";
import { makePartner } from "../factories/partners";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";

async function sellOn(stationId: string, productId: string, quantity: string, date: string) {
  const db = testDb();
  return createSale(db, {
    stationId,
    operatorId: await systemUserId(db),
    idempotencyKey: randomUUID(),
    lines: [{ productId, quantity: new D(quantity) }],
    payment: { kind: "mobile", reference: "wx-report" },
    date,
  });
}

describe("income statement and farmer income", () => {
  it("reads income by source, expenses by kind and month from the postings, ragged ends included", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "100", price: "20.00", commissionRate: "0.1500" });
    const { product: own } = await makeStockedProduct(db, station, { stock: "100", price: "10.00", ownerKind: "collective" });
    await sellOn(station.id, product.id, "10", "2025-03-15"); // 200.00: commission 30.00
    await sellOn(station.id, product.id, "5", "2025-04-01"); // 100.00: commission 15.00
    await sellOn(station.id, own.id, "3", "2025-04-30"); // own sales 30.00
    await sellOn(station.id, product.id, "1", "2025-05-01"); // outside the range
    await postTestJournal(db, station.id, { date: "2025-04-10", lines: [{ accountCode: ACCOUNTS.upkeepElectricity, amount: "12.30" }, { accountCode: ACCOUNTS.cash, amount: "-12.30" }] });
    await postTestJournal(db, station.id, { date: "2025-03-20", lines: [{ accountCode: ACCOUNTS.cash, amount: "5.00" }, { accountCode: ACCOUNTS.serviceIncome, amount: "-5.00" }] });

    const s = await incomeStatement(db, { stationId: station.id, from: "2025-03-10", to: "2025-04-30" });
    const amount = (source: string) => s.bySource.find((b) => b.source === source)!.amount;
    expect(amount("commission_produce")).toBe("45.00");
    expect(amount("own_sales")).toBe("30.00");
    expect(amount("service")).toBe("5.00");
    expect(amount("commission_partner")).toBe("0.00");
    expect(s.bySource.find((b) => b.source === "commission_produce")!.accountCodes).toEqual(["50101"]);
    expect(s.totalIncome).toBe("80.00");
    expect(s.expensesByKind.find((e) => e.kind === "electricity")).toMatchObject({ amount: "12.30", accountCodes: ["51302"] });
    expect(s.totalExpenses).toBe("12.30");
    expect(s.net).toBe("67.70");
    expect(s.byMonth.map((m) => [m.month, m.income, m.expenses])).toEqual([
      ["2025-03", "35.00", "0.00"],
      ["2025-04", "45.00", "12.30"],
    ]);
    // A whole-month range reads the month-totals cache: the same figures.
    const whole = await incomeStatement(db, { stationId: station.id, from: "2025-03-01", to: "2025-04-30" });
    expect(whole.totalIncome).toBe("80.00");
  });

  it("counts income added, paid and owed per household, village, product and month; a void lowers added", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const operatorId = await systemUserId(db);
    const { product: a, household: ha } = await makeStockedProduct(db, station, { stock: "100", price: "20.00", commissionRate: "0.1000" });
    const { product: b, household: hb } = await makeStockedProduct(db, station, { stock: "100", price: "8.00", commissionRate: "0.2500" });
    await sellOn(station.id, a.id, "10", "2025-06-02"); // household a: 180.00
    await sellOn(station.id, b.id, "5", "2025-07-03"); // household b: 30.00
    const voided = await sellOn(station.id, b.id, "1", "2025-07-03"); // b: 6.00, then voided
    await returnSale(db, "void", { stationId: station.id, saleId: voided.sale.id, operatorId, reason: "称错", idempotencyKey: randomUUID(), date: "2025-07-03" });
    await recordPayout(db, { stationId: station.id, householdId: ha!.id, operatorId, amount: new D("100.00"), method: "bank", reference: "6217000012345678", idempotencyKey: randomUUID(), date: "2025-07-05" });

    const f = await farmerIncome(db, { stationId: station.id, from: "2025-06-01", to: "2025-07-31" });
    expect(f).toMatchObject({ added: "210.00", paid: "100.00", owed: "110.00", households: 2, notFromSales: "0.00" });
    expect(f.byHousehold.find((h) => h.householdId === ha!.id)).toMatchObject({ added: "180.00", paid: "100.00", owed: "80.00", village: "3组" });
    expect(f.byHousehold.find((h) => h.householdId === hb!.id)).toMatchObject({ added: "30.00", paid: "0.00", owed: "30.00" });
    expect(f.byVillage).toEqual([{ village: "3组", households: 2, added: "210.00", paid: "100.00", owed: "110.00" }]);
    expect(f.byProduct.map((p) => [p.productId, p.quantity, p.added])).toEqual([
      [a.id, "10.000", "180.00"],
      [b.id, "5.000", "30.00"],
    ]);
    expect(f.byMonth).toEqual([
      { month: "2025-06", added: "180.00", paid: "0.00" },
      { month: "2025-07", added: "30.00", paid: "100.00" },
    ]);
    // Only June: owed is the balance at the end of June.
    const june = await farmerIncome(db, { stationId: station.id, from: "2025-06-01", to: "2025-06-30" });
    expect(june).toMatchObject({ added: "180.00", paid: "0.00", owed: "180.00", households: 1 });
  });

  it("ages a partner's receivable on 11201 first in, first out, with the partner's name", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const partner = await makePartner(db, station);
    const owe = (date: string, amount: string) =>
      postTestJournal(db, station.id, { date, lines: [{ accountCode: ACCOUNTS.partnerReceivable, amount, subledger: { kind: "partner", id: partner.id } }, { accountCode: ACCOUNTS.commissionIncomePartner, amount: `-${amount}` }] });
    await owe("2025-01-10", "300.00");
    await owe("2025-03-01", "200.00");
    await postTestJournal(db, station.id, { date: "2025-03-20", lines: [{ accountCode: ACCOUNTS.bank, amount: "350.00" }, { accountCode: ACCOUNTS.partnerReceivable, amount: "-350.00", subledger: { kind: "partner", id: partner.id } }] });
    const r = await partnerReceivables(db, { stationId: station.id, asOf: "2025-04-15", from: "2025-01-01" });
    expect(r.total).toBe("150.00");
    expect(r.rows).toEqual([{ partnerId: partner.id, partnerName: partner.nameZh, partnerNameEn: partner.nameEn, total: "150.00", oldest: "2025-03-01", buckets: { d0_30: "0.00", d31_60: "150.00", d61_90: "0.00", d90_plus: "0.00" } }]);
    expect((await partnerReceivables(db, { stationId: station.id, asOf: "2025-02-01" })).buckets.d0_30).toBe("300.00");
  });
});

import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import { recordPayout } from "../../app/models/households/payouts.server";
import { postJournal } from "../../app/models/ledger/journals.server";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { getOpenSession, sessionFigures } from "../../app/models/till/cash-sessions.server";
import { returnSale } from "../../app/models/till/returns.server";
import { getSale } from "../../app/models/till/sales.server";
import type { Db } from "../../db/client.server";
import type { Station } from "../../app/models/stations/geography.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeStockedProduct, openTill, sell } from "../factories/till";
import { testDb } from "../support/db";
import { failure } from "../support/failure";

/** Issue 15: cash going out of the drawer never takes what the open session should hold below zero. */

async function expected(db: Db, station: Station): Promise<string> {
  const session = await getOpenSession(db, { stationId: station.id });
  return (await sessionFigures(db, session!)).expected.toFixed(2);
}

async function counts(db: Db, station: Station) {
  const [row] = await rows<{ payouts: number; returns: number; journals: number }>(
    db,
    sql`select (select count(*)::int from household_payouts where station_id = ${station.id}) as payouts,
      (select count(*)::int from sale_returns where station_id = ${station.id}) as returns,
      (select count(*)::int from ledger_journals where station_id = ${station.id}) as journals`,
  );
  return row!;
}

/** ¥200 float, a ¥380 cash sale of consigned goods (the household is owed ¥323), a ¥40 cash refund: the drawer holds ¥540. */
async function dayWithCash(db: Db) {
  const station = await makeStation(db);
  const { product, household } = await makeStockedProduct(db, station, { stock: "50", price: "38.00", commissionRate: "0.1500" });
  const operatorId = await systemUserId(db);
  await openTill(db, station, "200.00");
  const { sale } = await sell(db, station, [{ product, quantity: "10" }], { kind: "cash", tendered: new D("400") });
  const line = (await getSale(db, { stationId: station.id, number: sale.number }))!.lines[0]!;
  // A second sale by mobile: the household is owed more than the drawer holds.
  await sell(db, station, [{ product, quantity: "30" }]);
  await returnSale(db, "refund", { stationId: station.id, saleId: sale.id, operatorId, reason: "坏了一斤", idempotencyKey: randomUUID(), quantities: { [line.id]: new D("1") } });
  return { station, product, household: household!, operatorId, sale, line };
}

describe("the cash drawer never goes below zero", () => {
  it("refuses a cash payout above what the drawer holds, naming what is there, and writes nothing", async () => {
    const db = testDb();
    const { station, household, operatorId } = await dayWithCash(db);
    expect(await expected(db, station)).toBe("542.00");
    const before = await counts(db, station);
    const pay = (amount: string, method: "cash" | "bank" = "cash") =>
      recordPayout(db, { stationId: station.id, householdId: household.id, operatorId, amount: new D(amount), method, reference: method === "cash" ? "" : "6217000012345678", idempotencyKey: randomUUID() });
    const refused = await failure(pay("600.00"));
    expect(refused).toMatchObject({ code: "DRAWER_SHORT", kind: "conflict", details: { available: "542.00" } });
    expect(await counts(db, station)).toEqual(before);
    expect(await expected(db, station)).toBe("542.00");
    // By bank the same amount is fine: it does not touch the drawer.
    await pay("600.00", "bank");
    // Exactly what the drawer holds goes out; then not a fen more.
    await pay("542.00");
    expect(await expected(db, station)).toBe("0.00");
    expect(await failure(pay("0.01"))).toMatchObject({ code: "DRAWER_SHORT", details: { available: "0.00" } });
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: true });
  });

  it("refuses a cash refund above what the drawer holds", async () => {
    const db = testDb();
    const { station, household, operatorId, sale, line } = await dayWithCash(db);
    await recordPayout(db, { stationId: station.id, householdId: household.id, operatorId, amount: new D("500.00"), method: "cash", reference: "", idempotencyKey: randomUUID() });
    expect(await expected(db, station)).toBe("42.00");
    const before = await counts(db, station);
    const refund = await failure(
      returnSale(db, "refund", { stationId: station.id, saleId: sale.id, operatorId, reason: "退两斤", idempotencyKey: randomUUID(), quantities: { [line.id]: new D("2") } }),
    );
    expect(refund).toMatchObject({ code: "DRAWER_SHORT", details: { available: "42.00" } });
    expect(await counts(db, station)).toEqual(before);
    await returnSale(db, "refund", { stationId: station.id, saleId: sale.id, operatorId, reason: "退一斤", idempotencyKey: randomUUID(), quantities: { [line.id]: new D("1") } });
    expect(await expected(db, station)).toBe("4.00");
  });

  it("the database refuses at commit a cash payout that bypasses the model", async () => {
    const db = testDb();
    const { station, household, operatorId } = await dayWithCash(db);
    const session = await getOpenSession(db, { stationId: station.id });
    const before = await counts(db, station);
    const refused = await failure(
      db.transaction(async (tx) => {
        const id = randomUUID();
        const { journal } = await postJournal(tx, {
          stationId: station.id, date: chinaToday(), memo: "raw payout", source: { type: "payout", id }, idempotencyKey: `payout:${id}`, createdBy: operatorId,
          lines: [{ accountCode: ACCOUNTS.householdPayable, amount: "600.00", subledger: { kind: "household", id: household.id } }, { accountCode: ACCOUNTS.cash, amount: "-600.00" }],
        });
        await tx.execute(sql`insert into household_payouts (id, station_id, household_id, number, business_date, amount, method, reference, cash_session_id, paid_by, idempotency_key, journal_id)
          values (${id}, ${station.id}, ${household.id}, 99, ${chinaToday()}, 600, 'cash', '', ${session!.id}, ${operatorId}, 'raw', ${journal.id})`);
      }),
    );
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused ?? {})) + String((refused as { cause?: unknown })?.cause)).toMatch(/cash_sessions_drawer_covers|short by/);
    expect(await counts(db, station)).toEqual(before);
    expect(await expected(db, station)).toBe("542.00");
  });

  it("the database refuses at commit a cash refund row that bypasses the model", async () => {
    const db = testDb();
    const { station, operatorId, sale } = await dayWithCash(db);
    const session = await getOpenSession(db, { stationId: station.id });
    const refused = await failure(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into sale_returns (id, sale_id, station_id, kind, business_date, amount, reason, cash_session_id, created_by, idempotency_key, journal_id)
          values (${randomUUID()}, ${sale.id}, ${station.id}, 'refund', ${chinaToday()}, 543, 'raw', ${session!.id}, ${operatorId}, 'raw-return', ${sale.journalId})`);
      }),
    );
    expect(JSON.stringify(refused, Object.getOwnPropertyNames(refused ?? {})) + String((refused as { cause?: unknown })?.cause)).toMatch(/cash_sessions_drawer_covers|short by/);
    expect(await expected(db, station)).toBe("542.00");
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("two cash payouts racing for one drawer: never both, the drawer never below zero", { timeout: 60_000 }, async () => {
    const db = testDb();
    const { station, household, operatorId } = await dayWithCash(db);
    for (let round = 0; round < 10; round++) {
      const held = new D(await expected(db, station));
      if (held.lt("0.02")) break;
      const amount = held.div(2).plus("0.01").toDecimalPlaces(2, D.ROUND_DOWN);
      const outcomes = await Promise.allSettled(
        [1, 2].map(() => recordPayout(db, { stationId: station.id, householdId: household.id, operatorId, amount, method: "cash", reference: "", idempotencyKey: randomUUID() })),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "DRAWER_SHORT" });
      expect(new D(await expected(db, station)).gte(0)).toBe(true);
    }
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: true });
  });
});

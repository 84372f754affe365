import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import type { Station } from "../../app/models/stations/geography.server";
import { prepareClose, signClose } from "../../app/models/committee/close.server";
import { setUpkeepRate } from "../../app/models/committee/upkeep-rules.server";
import { decideExpense, recordExpense, reserveBalance, setBudget, upkeepFund } from "../../app/models/committee/upkeep.server";
import { action as newExpense } from "../../app/routes/stations.$code.upkeep.new";
import { action as decide } from "../../app/routes/stations.$code.upkeep._index";
import { loader as receiptLoader } from "../../app/routes/stations.$code.upkeep.receipts.$hash";
import type { Db } from "../../db/client.server";
import { MONTH, preparedReceipt, receiptJpeg, sellInMonth } from "../factories/committee";
import { type MadeUser, makeStaffedStation } from "../factories/identity";
import { rows } from "../factories/ledger";
import { testContext, testDb } from "../support/db";
import { BASE, dataResult, outcome, post, sessionCookieFor } from "../support/http";
import { countRows } from "../support/queries";

let db: Db;
let context: AppLoadContext;
let station: Station;
let operator: MadeUser;
let member: MadeUser;

beforeEach(async () => {
  db = testDb();
  context = testContext();
  ({ station, operator, member } = await makeStaffedStation(db));
  await setUpkeepRate(db, { stationId: station.id, rate: new D("0.3"), userId: operator.id });
  await sellInMonth(db, station);
  await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
  await signClose(db, { stationId: station.id, period: MONTH, userId: member.id }); // 7.92 set aside
});

const base = { kind: "electricity" as const, date: "2025-07-05", paidFrom: "cash" as const, payee: "供电所", note: "" };

describe("upkeep expenses", () => {
  it("posts an expense within the reserve and releases it from the reserve", async () => {
    expect((await reserveBalance(db, { stationId: station.id })).toFixed(2)).toBe("7.92");
    const e = await recordExpense(db, { ...base, stationId: station.id, userId: operator.id, amount: new D("5.00"), receipt: await preparedReceipt(), idempotencyKey: "k1" });
    expect(e).toMatchObject({ status: "posted", overReserve: "0.00" });
    const lines = await rows<{ account_code: string; amount: string }>(db, sql`select account_code, amount::text from ledger_postings where journal_id = ${e.journalId} order by account_code`);
    expect(lines).toEqual([
      { account_code: "101", amount: "-5.00" },
      { account_code: "31101", amount: "5.00" },
      { account_code: "32202", amount: "-5.00" },
      { account_code: "51302", amount: "5.00" },
    ]);
    expect((await reserveBalance(db, { stationId: station.id })).toFixed(2)).toBe("2.92");
    // the same request key records it once
    const again = await recordExpense(db, { ...base, stationId: station.id, userId: operator.id, amount: new D("5.00"), receipt: await preparedReceipt(), idempotencyKey: "k1" });
    expect(again.id).toBe(e.id);
    expect(await countRows("upkeep_expenses")).toBe(1);
  });

  it("keeps an expense above the reserve waiting until a committee member approves it", async () => {
    const e = await recordExpense(db, { ...base, stationId: station.id, userId: operator.id, amount: new D("20.00"), receipt: await preparedReceipt(2), idempotencyKey: "k2" });
    expect(e).toMatchObject({ status: "awaiting_approval", overReserve: "12.08", journalId: null });
    await expect(decideExpense(db, { stationId: station.id, expenseId: e.id, userId: operator.id, approve: true, note: "" })).rejects.toMatchObject({ code: "OWN_EXPENSE" });
    const approved = await decideExpense(db, { stationId: station.id, expenseId: e.id, userId: member.id, approve: true, note: "路由器坏了，同意" });
    expect(approved).toMatchObject({ status: "posted", decidedBy: member.id });
    const release = await rows<{ amount: string }>(db, sql`select amount::text from ledger_postings where journal_id = ${approved.journalId} and account_code = '31101'`);
    expect(release).toEqual([{ amount: "7.92" }]);
    expect((await reserveBalance(db, { stationId: station.id })).toFixed(2)).toBe("0.00");
    // The fund's figures reconcile: closing = opening + set aside − drawn; the approved overspend is the rest of what was spent.
    const fund = await upkeepFund(db, { stationId: station.id, from: "2000-01-01", to: "2099-12-31" });
    expect(new D(fund.opening).plus(fund.setAside).minus(fund.released).toFixed(2)).toBe(fund.closing);
    expect([fund.spentTotal, fund.released, fund.closing]).toEqual(["20.00", "7.92", "0.00"]);
    await expect(decideExpense(db, { stationId: station.id, expenseId: e.id, userId: member.id, approve: false, note: "" })).rejects.toMatchObject({ code: "NOT_AWAITING" });
    // the database refuses to change a decided expense
    await expect(db.execute(sql`update upkeep_expenses set amount = 1 where id = ${e.id}`)).rejects.toThrow();
  });

  it("refuses an expense without a receipt or dated in a closed month, writing nothing", async () => {
    await expect(recordExpense(db, { ...base, stationId: station.id, userId: operator.id, amount: new D("5.00"), receipt: null, idempotencyKey: "k3" })).rejects.toMatchObject({ code: "RECEIPT_REQUIRED" });
    await expect(
      recordExpense(db, { ...base, date: `${MONTH}-20`, stationId: station.id, userId: operator.id, amount: new D("5.00"), receipt: await preparedReceipt(3), idempotencyKey: "k4" }),
    ).rejects.toMatchObject({ code: "PERIOD_CLOSED" });
    expect(await countRows("upkeep_expenses")).toBe(0);
    expect(await countRows("upkeep_receipts")).toBe(0);
  });

  it("reports the fund with budget against actual", async () => {
    await setBudget(db, { stationId: station.id, year: 2025, kind: "electricity", amount: new D("4.00"), userId: operator.id });
    await recordExpense(db, { ...base, stationId: station.id, userId: operator.id, amount: new D("5.00"), receipt: await preparedReceipt(4), idempotencyKey: "k5" });
    const fund = await upkeepFund(db, { stationId: station.id, from: "2025-01-01", to: "2025-12-31" });
    expect(fund).toMatchObject({ opening: "0.00", setAside: "7.92", spentTotal: "5.00", released: "5.00", closing: "2.92" });
    expect(fund.budget.rows.find((r) => r.kind === "electricity")).toEqual({ kind: "electricity", budget: "4.00", actual: "5.00", remaining: "-1.00", over: true });
    const july = await upkeepFund(db, { stationId: station.id, from: "2025-07-05", to: "2025-07-05" });
    expect(july).toMatchObject({ opening: "7.92", setAside: "0.00", released: "5.00", closing: "2.92" });
  });
});

describe("the expense form", () => {
  async function submit(fields: Record<string, string>, photo: Uint8Array | null, cookie: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (photo) form.set("photo", new File([photo as Uint8Array<ArrayBuffer>], "receipt.jpg", { type: "image/jpeg" }));
    return newExpense({ request: new Request(`${BASE}/stations/alpha/upkeep/new`, { method: "POST", body: form, headers: { Cookie: cookie } }), params: { code: "alpha" }, context });
  }
  const fields = { kind: "internet", amount: "30.00", date: "2025-07-06", paidFrom: "bank", payee: "电信营业厅", note: "7月网费", idempotencyKey: "0b6f3c1e-8a47-4c1f-9d0e-2b7a5c3d9e10" };

  it("refuses a form without a receipt photo, writing nothing", async () => {
    const asOperator = await sessionCookieFor(context, operator.id);
    const result = dataResult<{ errors: Record<string, string> }>(await submit(fields, null, asOperator));
    expect(result.status).toBe(400);
    expect(result.data.errors.photo).toBe("请上传收据照片。");
    expect(await countRows("upkeep_expenses")).toBe(0);
  });

  it("records an expense above the reserve as waiting, and the committee approves it on the page", async () => {
    const asOperator = await sessionCookieFor(context, operator.id);
    const asMember = await sessionCookieFor(context, member.id);
    const done = (await submit(fields, await receiptJpeg(5), asOperator)) as Response;
    expect(done.headers.get("Location")).toBe("/stations/alpha/upkeep?done=awaiting");
    const [e] = await rows<{ id: string; receipt_hash: string }>(db, sql`select id, receipt_hash from upkeep_expenses`);
    const photo = (await receiptLoader({ request: new Request(`${BASE}/x`, { headers: { Cookie: asMember } }), params: { code: "alpha", hash: e!.receipt_hash }, context })) as Response;
    expect(photo.headers.get("Content-Type")).toBe("image/jpeg");
    expect(await outcome(() => decide({ request: post("/stations/alpha/upkeep", { intent: "approve", expenseId: e!.id, note: "" }, asOperator), params: { code: "alpha" }, context }))).toBe(403);
    const approved = (await decide({ request: post("/stations/alpha/upkeep", { intent: "approve", expenseId: e!.id, note: "同意" }, asMember), params: { code: "alpha" }, context })) as Response;
    expect(approved.status).toBe(302);
    const [row] = await rows<{ status: string }>(db, sql`select status from upkeep_expenses where id = ${e!.id}`);
    expect(row!.status).toBe("posted");
  });
});

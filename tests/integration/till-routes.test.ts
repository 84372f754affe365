import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Station } from "../../app/models/stations/geography.server";
import type { Product } from "../../app/models/catalog/products.server";
import { action as payoutAction, loader as statementLoader } from "../../app/routes/stations.$code.manage_.households.$id_.statement";
import { loader as publicReceipt } from "../../app/routes/r.$token";
import { action as saleAction, loader as saleLoader } from "../../app/routes/stations.$code.manage_.sales.$number";
import { action as tillAction, loader as tillLoader } from "../../app/routes/stations.$code.manage_.till._index";
import { action as sessionAction } from "../../app/routes/stations.$code.manage_.till.session";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { dataResult, get, openEntry, outcome, post } from "../support/http";
import { staffSessions } from "../support/sessions";

let context: AppLoadContext;
let station: Station;
let operator: string;
let committee: string;
let product: Product;
let householdId: string;
const params = { code: "alpha" };

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  ({ station, operator, committee } = await staffSessions(context));
  const made = await makeStockedProduct(db, station, { stock: "10", price: "40.00", commissionRate: "0.1200" });
  product = made.product;
  householdId = made.household!.id;
});

/** What the till does when opened: sends a page without an entry key to one with a new key. */
async function openTill(): Promise<string> {
  const thrown = await tillLoader({ request: get("/stations/alpha/manage/till", operator), params, context }).then(
    () => null,
    (r: unknown) => r,
  );
  expect(thrown).toBeInstanceOf(Response);
  const location = (thrown as Response).headers.get("Location")!;
  expect(location).toMatch(/^\/stations\/alpha\/manage\/till\?entry=[0-9a-f-]{36}$/);
  return location;
}

async function freshKey(): Promise<string> {
  const location = await openTill();
  const loaded = (await tillLoader({ request: get(location, operator), params, context })) as { idempotencyKey: string };
  expect(loaded.idempotencyKey).toBe(new URL(location, "http://x").searchParams.get("entry"));
  return loaded.idempotencyKey;
}

const saleForm = (idempotencyKey: string, extra: Record<string, string> = {}) => ({ idempotencyKey, intent: "complete", payment: "mobile", reference: "wx-1", [`q.${product.id}`]: "2.5", [`p.${product.id}`]: "40.00", ...extra });

describe("till routes", () => {
  it("are the operator's: a committee member may not sell", async () => {
    expect(await outcome(() => tillLoader({ request: get("/stations/alpha/manage/till", committee), params, context }))).toBe(403);
  });

  it("record one sale for a form submitted twice and redirect both to its receipt", async () => {
    const key = await freshKey();
    const first = (await tillAction({ request: post("/stations/alpha/manage/till", saleForm(key), operator), params, context })) as Response;
    const second = (await tillAction({ request: post("/stations/alpha/manage/till", saleForm(key), operator), params, context })) as Response;
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/stations/alpha/manage/sales/1?new=1");
    // The second is answered with the first one's receipt, saying so.
    expect(second.headers.get("Location")).toBe("/stations/alpha/manage/sales/1?already=1");
    const [n] = await rows<{ sales: number; journals: number }>(testDb(), sql`select (select count(*)::int from sales) as sales, (select count(*)::int from ledger_journals) as journals`);
    expect(n).toEqual({ sales: 1, journals: 1 });
    type Receipt = { total: string; tendered: string | null; change: string | null; returned: string | null; lines: { quantity: string; unit: string; price: string; amount: string }[] };
    const receipt = (await saleLoader({ request: get(first.headers.get("Location")!, operator), params: { ...params, number: "1" }, context })) as { receipt: Receipt & { publicUrl: string } };
    // Decimal strings, formatted only by the receipt component (ADR 019): 2.5 斤 × 40.00 = 100.00, paid by phone.
    expect(receipt.receipt).toMatchObject({ total: "100.00", tendered: null, change: null, returned: null, lines: [{ quantity: "2.5 斤", unit: "jin", price: "40.00", amount: "100.00" }] });
    const token = receipt.receipt.publicUrl.split("/r/")[1]!;
    const shown = (await publicReceipt({ request: get(`/r/${token}`), params: { token }, context })) as { receipt: { total: string } };
    expect(shown.receipt.total).toBe("100.00");
  });

  it("keep the entry's key in the URL: Back, reload or a restored tab after completing finds the receipt, and sending the form again records nothing", async () => {
    const location = await openTill();
    const key = new URL(location, "http://x").searchParams.get("entry")!;
    // Reloading before completing keeps the same entry (its key), so the form it shows is the same sale.
    const again = (await tillLoader({ request: get(location, operator), params, context })) as { idempotencyKey: string };
    expect(again.idempotencyKey).toBe(key);
    const done = (await tillAction({ request: post(location, saleForm(key), operator), params, context })) as Response;
    expect(done.headers.get("Location")).toBe("/stations/alpha/manage/sales/1?new=1");
    // Back / reload / restored tab: the same URL now leads to the receipt.
    const back = await tillLoader({ request: get(location, operator), params, context }).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect([back?.status, back?.headers.get("Location")]).toEqual([302, "/stations/alpha/manage/sales/1?already=1"]);
    // The page the browser kept (bfcache, or Back without a reload): 完成收款 again, even with other quantities.
    const resent = (await tillAction({ request: post(location, saleForm(key, { [`q.${product.id}`]: "1" }), operator), params, context })) as Response;
    expect(resent.headers.get("Location")).toBe("/stations/alpha/manage/sales/1?already=1");
    const shown = (await saleLoader({ request: get("/stations/alpha/manage/sales/1?already=1", operator), params: { ...params, number: "1" }, context })) as { already: boolean };
    expect(shown.already).toBe(true);
    const [n] = await rows<{ sales: number; journals: number; moved: string }>(
      testDb(),
      sql`select (select count(*)::int from sales) as sales, (select count(*)::int from ledger_journals) as journals, (select sum(on_hand_delta)::text from stock_movements where kind = 'sold') as moved`,
    );
    expect(n).toEqual({ sales: 1, journals: 1, moved: "-2.500" });
    // A new sale (the receipt's "next sale" link) opens the till without the key: a new entry.
    const next = await openTill();
    expect(next).not.toBe(location);
  });

  it("refuse bad input with field errors and rule violations with a plain message, writing nothing", async () => {
    const key = await freshKey();
    const tooFine = dataResult<{ errors: Record<string, string> }>(await tillAction({ request: post("/x", saleForm(key, { [`q.${product.id}`]: "1.2345" }), operator), params, context }));
    expect(tooFine.status).toBe(400);
    expect(tooFine.data.errors[`q.${product.id}`]).toContain("三位小数");
    const zero = dataResult<{ errors: Record<string, string> }>(await tillAction({ request: post("/x", saleForm(key, { [`q.${product.id}`]: "0" }), operator), params, context }));
    expect(zero.status).toBe(400);
    const tooMuch = dataResult<{ errors: Record<string, string> }>(await tillAction({ request: post("/x", saleForm(key, { [`q.${product.id}`]: "11" }), operator), params, context }));
    expect([tooMuch.status, tooMuch.data.errors.form]).toEqual([409, "库存不足，卖不了这么多。"]);
    const noSession = dataResult<{ errors: Record<string, string> }>(await tillAction({ request: post("/x", saleForm(key, { payment: "cash", tendered: "100" }), operator), params, context }));
    expect([noSession.status, noSession.data.errors.form]).toEqual([409, "现金收付需要先开班。"]);
    const [n] = await rows<{ sales: number }>(testDb(), sql`select count(*)::int as sales from sales`);
    expect(n!.sales).toBe(0);
  });

  it("say which rule a typed number breaks: a weight or an amount too large, a count not whole, in the reader's language", async () => {
    const key = await freshKey();
    const errorsOf = async (form: Record<string, string>, path = "/x") => dataResult<{ errors: Record<string, string> }>(await tillAction({ request: post(path, form, operator), params, context })).data.errors;
    expect((await errorsOf(saleForm(key, { [`q.${product.id}`]: "99999999" })))[`q.${product.id}`]).toBe("数量太大了：一笔最多 100000 斤，请检查是不是多输了数字。");
    expect((await errorsOf(saleForm(key, { [`q.${product.id}`]: "99999999" }), "/x?lng=en"))[`q.${product.id}`]).toBe("That quantity is too large: at most 100000 jin in one sale. Check for extra digits.");
    expect((await errorsOf(saleForm(key, { [`q.${product.id}`]: "-1" })))[`q.${product.id}`]).toBe("数量必须大于零。");
    expect((await errorsOf(saleForm(key, { [`q.${product.id}`]: "两斤" })))[`q.${product.id}`]).toBe("重量必须大于零，最多精确到克（三位小数）。");
    expect((await errorsOf(saleForm(key, { payment: "cash", tendered: "99999999999999" }))).tendered).toBe("金额太大了：不能超过 999,999,999,999.99 元，请检查是不是多输了数字。");
    expect((await errorsOf(saleForm(key, { payment: "cash", tendered: "100.001" }))).tendered).toBe("金额只能精确到分：最多两位小数，例如 12.50。");
    const session = async (form: Record<string, string>, path = "/x") => dataResult<{ errors: Record<string, string> }>(await sessionAction({ request: post(path, form, operator), params, context }));
    const float = await session({ intent: "open", float: "99999999999999" });
    expect([float.status, float.data.errors.float]).toEqual([400, "金额太大了：不能超过 999,999,999,999.99 元，请检查是不是多输了数字。"]);
    expect((await session({ intent: "open", float: "99999999999999" }, "/x?lng=en")).data.errors.float).toBe("That amount is too large: at most ¥999,999,999,999.99. Check for extra digits.");
    const counts = await session({ intent: "close", sessionId: "a0000000-0000-4000-8000-000000000001", d100: "999999", "d0.5": "1.5", d10: "3" });
    expect(counts.status).toBe(400);
    // Each denomination its own message, beside its box.
    expect(counts.data.errors).toMatchObject({ d100: "张数太大了：最多 99999 张。", "d0.5": "张数必须是整数。" });
    expect(counts.data.errors.d10).toBeUndefined();
    const [n] = await rows<{ sales: number; sessions: number }>(testDb(), sql`select (select count(*)::int from sales) as sales, (select count(*)::int from cash_sessions) as sessions`);
    expect(n).toEqual({ sales: 0, sessions: 0 });
  });

  it("says when the price changed since the form was rendered", async () => {
    const key = await freshKey();
    const response = (await tillAction({ request: post("/x", saleForm(key, { [`p.${product.id}`]: "38.00" }), operator), params, context })) as Response;
    expect(response.headers.get("Location")).toMatch(/priceChanged=1/);
  });

  it("open and close a session; closing twice is refused", async () => {
    expect(((await sessionAction({ request: post("/x", { intent: "open", float: "50" }, operator), params, context })) as Response).status).toBe(302);
    const again = dataResult<{ errors: Record<string, string> }>(await sessionAction({ request: post("/x", { intent: "open", float: "50" }, operator), params, context }));
    expect(again.status).toBe(409);
    const [s] = await rows<{ id: string }>(testDb(), sql`select id from cash_sessions`);
    const close = { intent: "close", sessionId: s!.id, d50: "1", note: "" };
    expect(((await sessionAction({ request: post("/x", close, operator), params, context })) as Response).status).toBe(302);
    const twice = dataResult<{ errors: Record<string, string> }>(await sessionAction({ request: post("/x", close, operator), params, context }));
    expect([twice.status, twice.data.errors.form]).toEqual([409, "这个班已经交过了。"]);
  });

  it("voids a sale and pays a household no more than owed", async () => {
    const key = await freshKey();
    await tillAction({ request: post("/x", saleForm(key), operator), params, context });
    const voided = (await saleAction({ request: post("/x", { intent: "void", idempotencyKey: crypto.randomUUID(), reason: "按错" }, operator), params: { ...params, number: "1" }, context })) as Response;
    expect(voided.status).toBe(302);
    await tillAction({ request: post("/x", saleForm(await freshKey()), operator), params, context });
    const statement = (await openEntry((request) => statementLoader({ request, params: { ...params, id: householdId }, context }), "/x", operator)) as { owedPlain: string };
    expect(statement.owedPlain).toBe("88.00");
    const over = dataResult<{ errors: Record<string, string> }>(
      await payoutAction({ request: post("/x", { idempotencyKey: crypto.randomUUID(), amount: "88.01", method: "bank", reference: "r1" }, operator), params: { ...params, id: householdId }, context }),
    );
    expect([over.status, over.data.errors.form]).toEqual([409, "付款金额不能超过应付给农户的金额。"]);
    const payoutKey = crypto.randomUUID();
    const payout = { idempotencyKey: payoutKey, amount: "88.00", method: "bank", reference: "r1" };
    const paid = (await payoutAction({ request: post("/x", payout, operator), params: { ...params, id: householdId }, context })) as Response;
    expect(paid.headers.get("Location")).toBe("/stations/alpha/manage/payouts/1");
    // Sent again (Back, then the same button): the slip it recorded, nothing paid twice.
    const resent = (await payoutAction({ request: post("/x", payout, operator), params: { ...params, id: householdId }, context })) as Response;
    expect(resent.headers.get("Location")).toBe("/stations/alpha/manage/payouts/1?already=1");
    const reopened = await statementLoader({ request: get(`/x?entry=${payoutKey}`, operator), params: { ...params, id: householdId }, context }).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe("/stations/alpha/manage/payouts/1?already=1");
    const [n] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from household_payouts`);
    expect(n!.n).toBe(1);
  });
});

import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Product } from "../../app/models/catalog/products.server";
import type { Station } from "../../app/models/stations/geography.server";
import { action as tillAction, loader as tillLoader } from "../../app/routes/stations.$code.manage_.till._index";
import { loader as labelsLoader } from "../../app/routes/stations.$code.manage_.products.labels";
import { makeProduct } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { dataResult, get, outcome, post, openEntry } from "../support/http";
import { staffSessions } from "../support/sessions";

let context: AppLoadContext;
let station: Station;
let operator: string;
let committee: string;
let eggs: Product;
let honey: Product;
const params = { code: "alpha" };

type ScanData = { errors: Record<string, string>; values: Record<string, string>; scanned: { id: string; name: string; weighed: boolean } | null };

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  ({ station, operator, committee } = await staffSessions(context));
  eggs = (await makeStockedProduct(db, station, { unit: "piece", price: "1.20", stock: "30" })).product;
  honey = (await makeStockedProduct(db, station, { unit: "jin", price: "40.00", stock: "10" })).product;
});

async function written() {
  const [n] = await rows<{ sales: number; journals: number }>(testDb(), sql`select (select count(*)::int from sales) as sales, (select count(*)::int from ledger_journals) as journals`);
  return n;
}

const scan = (code: string, extra: Record<string, string> = {}, lng = "") =>
  tillAction({ request: post(`/stations/alpha/manage/till?index${lng}`, { idempotencyKey: crypto.randomUUID(), intent: "scan", code, payment: "mobile", [`p.${eggs.id}`]: "1.20", [`p.${honey.id}`]: "40.00", ...extra }, operator), params, context });

describe("scanning at the till", () => {
  it("adds one of a counted product per scan and re-renders the form with the line, writing nothing", async () => {
    const first = dataResult<ScanData>(await scan(eggs.code));
    expect(first.status).toBe(200);
    expect(first.data.values[`q.${eggs.id}`]).toBe("1");
    expect(first.data.values.code).toBe("");
    expect(first.data.scanned).toEqual({ id: eggs.id, name: eggs.nameZh, weighed: false });
    // The scanner again, on the form as it came back (full-width digits from an IME read the same).
    const fullWidth = eggs.code.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const second = dataResult<ScanData>(await scan(fullWidth, { [`q.${eggs.id}`]: first.data.values[`q.${eggs.id}`]! }));
    expect(second.data.values[`q.${eggs.id}`]).toBe("2");
    expect(await written()).toEqual({ sales: 0, journals: 0 });
  });

  it("leaves a weighed product's quantity to the operator", async () => {
    const result = dataResult<ScanData>(await scan(honey.code, { [`q.${honey.id}`]: "1.5" }));
    expect(result.status).toBe(200);
    expect(result.data.values[`q.${honey.id}`]).toBe("1.5");
    expect(result.data.scanned).toMatchObject({ id: honey.id, weighed: true });
  });

  it("refuses an unknown code, another station's, and goods not for sale with a field error in the reader's language", async () => {
    const unknown = dataResult<ScanData>(await scan("2000000009999"));
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.code).toBe("没有商品码为 2000000009999 的商品。");
    expect(unknown.data.values[`q.${eggs.id}`]).toBeUndefined();
    const english = dataResult<ScanData>(await scan("nonsense", {}, "&lng=en"));
    expect([english.status, english.data.errors.code]).toEqual([400, "No product has the code nonsense."]);
    // Codes are per station: another station's fourth product is no product of ours (we have two).
    const other = await makeStation(testDb());
    for (let i = 0; i < 3; i++) await makeProduct(testDb(), other);
    const theirs = await makeProduct(testDb(), other);
    const elsewhere = dataResult<ScanData>(await scan(theirs.code));
    expect([elsewhere.status, elsewhere.data.errors.code]).toEqual([400, `没有商品码为 ${theirs.code} 的商品。`]);
    const draft = await makeProduct(testDb(), station, { status: "draft", nameZh: "新米" });
    const notForSale = dataResult<ScanData>(await scan(draft.code));
    expect([notForSale.status, notForSale.data.errors.code]).toEqual([400, "新米现在不能卖：没有上架或没有库存。"]);
    expect(await written()).toEqual({ sales: 0, journals: 0 });
  });

  it("treats Enter with the code field blank as working out the total, as before", async () => {
    const result = dataResult<{ reviewTotal: string | null }>(await scan("  ", { [`q.${eggs.id}`]: "3" }));
    expect([result.status, result.data.reviewTotal]).toEqual([200, "3.60"]);
  });

  it("sells what was scanned", async () => {
    const scanned = dataResult<ScanData>(await scan(eggs.code));
    // The till's key is the entry's, from its URL (ADR 023): opened as a browser would, following the redirect.
    const key = ((await openEntry((request) => tillLoader({ request, params, context }), "/stations/alpha/manage/till", operator)) as { idempotencyKey: string }).idempotencyKey;
    const response = (await tillAction({ request: post("/stations/alpha/manage/till?index", { ...scanned.data.values, idempotencyKey: key, intent: "complete", reference: "wx-scan" }, operator), params, context })) as Response;
    expect(response.status).toBe(302);
    const [line] = await rows<{ quantity: string }>(testDb(), sql`select quantity::text from sale_lines`);
    expect(line!.quantity).toBe("1.000");
  });

  it("are the operator's: a committee member may not scan", async () => {
    expect(await outcome(() => tillAction({ request: post("/stations/alpha/manage/till?index", { intent: "scan", code: eggs.code }, committee), params, context }))).toBe(403);
  });
});

describe("shelf labels", () => {
  it("draw each listed product's name, price and code as an EAN-13 barcode and a QR code", async () => {
    const loaded = (await labelsLoader({ request: get("/stations/alpha/manage/products/labels?paper=58", operator), params, context })) as {
      paper: string;
      labels: { name: string; price: string; code: string; barcodeSvg: string; qrSvg: string }[];
    };
    expect(loaded.paper).toBe("58");
    expect(loaded.labels.map((l) => l.code).sort()).toEqual([eggs.code, honey.code].sort());
    for (const label of loaded.labels) {
      expect(label.barcodeSvg).toMatch(/^<svg [^>]*viewBox/);
      expect(label.qrSvg).toContain("<svg");
    }
    const one = (await labelsLoader({ request: get(`/stations/alpha/manage/products/labels?product=${honey.id}`, operator), params, context })) as { labels: { name: string; price: string }[] };
    expect(one.labels).toMatchObject([{ name: honey.nameZh, price: "40.00" }]);
    expect(await outcome(() => labelsLoader({ request: get(`/stations/alpha/manage/products/labels?product=${crypto.randomUUID()}`, operator), params, context }))).toBe(404);
  });
});

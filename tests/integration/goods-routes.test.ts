import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import sharp from "sharp";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loader as mediaLoader } from "../../app/routes/media.$file";
import { loader as productPageLoader } from "../../app/routes/products.$id";
import { loader as robotsLoader } from "../../app/routes/robots[.]txt";
import { loader as sitemapLoader } from "../../app/routes/sitemap[.]xml";
import { action as householdNewAction, loader as householdNewLoader } from "../../app/routes/stations.$code.manage_.households.new";
import { loader as householdLoader } from "../../app/routes/stations.$code.manage_.households.$id";
import { action as productAction, loader as productLoader } from "../../app/routes/stations.$code.manage_.products.$id";
import { action as productsAction, loader as productsLoader } from "../../app/routes/stations.$code.manage_.products._index";
import { action as newProductAction, loader as newProductLoader } from "../../app/routes/stations.$code.manage_.products.new";
import { loader as receiptLoader } from "../../app/routes/stations.$code.manage_.receipts.$number";
import { action as receiveAction, loader as receiveLoader } from "../../app/routes/stations.$code.manage_.receive";
import { action as stockTakeAction } from "../../app/routes/stations.$code.manage_.stock-take";
import type { Station } from "../../app/models/stations/geography.server";
import { listMovements } from "../../app/models/catalog/stock.server";
import { listPhotos } from "../../app/models/catalog/products.server";
import { products } from "../../db/schema/index";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeCommitteeMember, makeOperator } from "../factories/identity";
import { sql } from "drizzle-orm";
import { rows } from "../factories/ledger";
import { testContext, testDb } from "../support/db";
import { BASE, dataResult, get, openEntry, outcome, post, sessionCookieFor } from "../support/http";

const uploads = mkdtempSync(path.join(tmpdir(), "cunzhan-uploads-"));
afterAll(() => rmSync(uploads, { recursive: true, force: true }));

let context: AppLoadContext;
let station: Station;
let other: Station;
let operator: string;
let committee: string;

beforeEach(async () => {
  const db = testDb();
  const base = testContext();
  context = { ...base, env: { ...base.env, dataDir: uploads } };
  station = await makeStation(db, { code: "alpha" });
  other = await makeStation(db, { code: "bravo" });
  operator = await sessionCookieFor(context, (await makeOperator(db, station)).id);
  committee = await sessionCookieFor(context, (await makeCommitteeMember(db, station)).id);
});

const params = (extra: Record<string, string> = {}) => ({ code: "alpha", ...extra });

function multipart(url: string, fields: Record<string, string>, photo: Blob | null, cookie: string): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (photo) form.append("photo", photo, "photo.jpg");
  return new Request(`${BASE}${url}`, { method: "POST", body: form, headers: { Cookie: cookie } });
}

const productFields = (overrides: Record<string, string> = {}) => ({
  nameZh: "高山金银花",
  nameEn: "Mountain honeysuckle",
  category: "produce",
  unit: "jin",
  price: "42.50",
  ownerKind: "collective",
  householdId: "",
  commissionPercent: "",
  harvestedOn: "",
  shelfLifeDays: "",
  status: "listed",
  ...overrides,
});

async function productCount(): Promise<number> {
  return testDb().$count(products);
}

describe("operators list goods", () => {
  it("creates a listed product with a photo, resized and served with a year-long cache", async () => {
    const png = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#3a7d44" } }).png().toBuffer();
    const response = (await newProductAction({ request: multipart("/stations/alpha/manage/products/new", productFields(), new Blob([new Uint8Array(png)], { type: "image/png" }), operator), params: params(), context })) as Response;
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.match(/products\/([0-9a-f-]{36})/)![1]!;
    const [photo] = await listPhotos(testDb(), { productId: id });
    expect(photo).toMatchObject({ widths: "240,480,960", width: 960, height: 720 });
    const media = await mediaLoader({ request: get(`/media/${photo!.hash}-480.webp`), params: { file: `${photo!.hash}-480.webp` }, context });
    expect(media.headers.get("Content-Type")).toBe("image/webp");
    expect(media.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(await outcome(() => mediaLoader({ request: get("/media/../../etc/passwd"), params: { file: "../../etc/passwd" }, context }))).toBe(404);
    const page = await productPageLoader({ request: get(`/products/${id}`), params: { id }, context });
    expect(page.product).toMatchObject({ name: "高山金银花", price: "42.50", unit: "jin" });
    expect(page.meta.canonical).toBe(`http://localhost/products/${id}`);
  });

  it("makes one product for an entry sent twice (a second tap, or again after Back) and shows it, saying so, when the entry is opened again", async () => {
    const page = await openEntry((request) => newProductLoader({ request, params: params(), context }), "/stations/alpha/manage/products/new", operator);
    const entryUrl = `/stations/alpha/manage/products/new?entry=${page.idempotencyKey}`;
    const send = async () => (await newProductAction({ request: post(entryUrl, { ...productFields(), idempotencyKey: page.idempotencyKey }, operator), params: params(), context })) as Response;
    const [first, second] = await Promise.all([send(), send()]);
    const id = (first.headers.get("Location") ?? second.headers.get("Location"))!.match(/products\/([0-9a-f-]{36})/)![1]!;
    // Both at once: one product, both answered with it.
    for (const r of [first, second]) expect(r.headers.get("Location")).toMatch(new RegExp(`^/stations/alpha/manage/products/${id}\\?(saved|already)=1$`));
    const third = await send();
    expect(third.headers.get("Location")).toBe(`/stations/alpha/manage/products/${id}?already=1`);
    expect(await productCount()).toBe(1);
    const reopened = await newProductLoader({ request: get(entryUrl, operator), params: params(), context }).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe(`/stations/alpha/manage/products/${id}?already=1`);
    const shown = (await productLoader({ request: get(`/stations/alpha/manage/products/${id}?already=1`, operator), params: params({ id }), context })) as { already: boolean };
    expect(shown.already).toBe(true);
    // Another entry (the "new product" link again) makes another product.
    const next = await openEntry((request) => newProductLoader({ request, params: params(), context }), "/stations/alpha/manage/products/new", operator);
    expect(next.idempotencyKey).not.toBe(page.idempotencyKey);
    await newProductAction({ request: post("/x", { ...productFields(), idempotencyKey: next.idempotencyKey }, operator), params: params(), context });
    expect(await productCount()).toBe(2);
  });

  it("refuses a price with three decimals beside the field, in the visitor's language, writing nothing", async () => {
    const zh = dataResult<{ errors: Record<string, string> }>(await newProductAction({ request: post("/stations/alpha/manage/products/new", productFields({ price: "12.345" }), operator), params: params(), context }));
    expect(zh.status).toBe(400);
    expect(zh.data.errors.price).toBe("价格只能精确到分（最多两位小数）");
    const en = dataResult<{ errors: Record<string, string> }>(
      await newProductAction({ request: post("/stations/alpha/manage/products/new", productFields({ price: "12.345" }), `${operator}; lng=en`), params: params(), context }),
    );
    expect(en.data.errors.price).toBe("A price goes to the fen: at most two decimals");
    expect(await productCount()).toBe(0);
  });

  it("refuses a file that is not an image, and one that is too large, writing nothing", async () => {
    const text = new Blob(["this is not a picture"], { type: "image/jpeg" });
    const notImage = dataResult<{ errors: Record<string, string> }>(await newProductAction({ request: multipart("/stations/alpha/manage/products/new", productFields(), text, operator), params: params(), context }));
    expect([notImage.status, notImage.data.errors.photo]).toEqual([400, "这不是图片文件，请选择 JPG、PNG 或 WebP 照片"]);
    const huge = new Blob([new Uint8Array(9 * 1024 * 1024)], { type: "image/jpeg" });
    const tooLarge = dataResult<{ errors: Record<string, string>; values: Record<string, string> }>(
      await newProductAction({ request: multipart("/stations/alpha/manage/products/new", productFields(), huge, operator), params: params(), context }),
    );
    expect([tooLarge.status, tooLarge.data.errors.photo, tooLarge.data.values.nameZh]).toEqual([400, "照片太大了，请选择 8 MB 以内的照片", "高山金银花"]);
    expect(await productCount()).toBe(0);
  });

  it("does not let a committee member change goods, but lets them read", async () => {
    const product = await makeProduct(testDb(), station);
    expect(await outcome(() => productLoader({ request: get(`/stations/alpha/manage/products/${product.id}`, committee), params: params({ id: product.id }), context }))).toBe("ok");
    expect(await outcome(() => productAction({ request: post(`/stations/alpha/manage/products/${product.id}`, { intent: "status", status: "archived" }, committee), params: params({ id: product.id }), context }))).toBe(403);
    expect(await outcome(() => receiveAction({ request: post("/stations/alpha/manage/receive", { productId: product.id, quantity: "3" }, committee), params: params(), context }))).toBe(403);
  });

  it("answers 404 for another station's product, whoever asks", async () => {
    const theirs = await makeProduct(testDb(), other);
    expect(await outcome(() => productLoader({ request: get(`/stations/alpha/manage/products/${theirs.id}`, operator), params: params({ id: theirs.id }), context }))).toBe(404);
    expect(await outcome(() => productLoader({ request: get(`/stations/bravo/manage/products/${theirs.id}`, operator), params: { code: "bravo", id: theirs.id }, context }))).toBe(404);
    expect(await outcome(() => productLoader({ request: get(`/stations/alpha/manage/products/not-a-uuid`, operator), params: params({ id: "not-a-uuid" }), context }))).toBe(404);
  });
});

describe("the station's default commission", () => {
  it("is set by the operator as a percentage, refused out of range, and read-only for the committee", async () => {
    const set = async (value: string, cookie: string) => productsAction({ request: post("/stations/alpha/manage/products", { defaultCommissionPercent: value }, cookie), params: params(), context });
    expect(((await set("8", operator)) as Response).status).toBe(302);
    const page = await productsLoader({ request: get("/stations/alpha/manage/products", committee), params: params(), context });
    expect([page.defaultRatePercent, page.canSetRate]).toEqual(["8", false]);
    expect(dataResult<{ errors: Record<string, string> }>(await set("120", operator)).data.errors.defaultCommissionPercent).toBe("佣金比例不能超过 100%");
    expect(await outcome(() => set("5", committee))).toBe(403);
  });
});

describe("receiving and counting goods", () => {
  it("receives 30 斤 from a household and prints its receipt", async () => {
    const db = testDb();
    const household = await makeHousehold(db, station, { headName: "韦德富", villageGroup: "3组" });
    const product = await makeProduct(db, station, { nameZh: "金银花", householdId: household.id, price: "38.00" });
    const response = (await receiveAction({ request: post("/stations/alpha/manage/receive", { productId: product.id, quantity: "30" }, operator), params: params(), context })) as Response;
    expect(response.headers.get("Location")).toBe("/stations/alpha/manage/receipts/1?new=1");
    const slip = await receiptLoader({ request: get("/stations/alpha/manage/receipts/1", operator), params: params({ number: "1" }), context });
    expect(slip.receipt).toMatchObject({ household: "韦德富", group: "3组", quantity: "30.000", unitPrice: "38.00", value: "1140.00" });
    expect(await outcome(() => receiptLoader({ request: get("/stations/alpha/manage/receipts/2", operator), params: params({ number: "2" }), context }))).toBe(404);
  });

  it("records one receipt when the same form is sent twice, and a new form makes a new receipt", async () => {
    const db = testDb();
    const household = await makeHousehold(db, station);
    const product = await makeProduct(db, station, { householdId: household.id });
    const form = await openEntry((request) => receiveLoader({ request, params: params(), context }), "/stations/alpha/manage/receive", operator);
    const send = async (idempotencyKey: string) =>
      ((await receiveAction({ request: post("/stations/alpha/manage/receive", { productId: product.id, quantity: "30", idempotencyKey }, operator), params: params(), context })) as Response).headers.get("Location");
    const [first, again] = await Promise.all([send(form.idempotencyKey), send(form.idempotencyKey)]);
    // Both at once: one receipt, both answered with it (the later one may already see it made).
    for (const answer of [first, again]) expect(answer).toMatch(/^\/stations\/alpha\/manage\/receipts\/1\?(new|already)=1$/);
    expect([first, again]).toContain("/stations/alpha/manage/receipts/1?new=1");
    expect(await send(form.idempotencyKey)).toBe("/stations/alpha/manage/receipts/1?already=1");
    const reopened = await receiveLoader({ request: get(`/stations/alpha/manage/receive?entry=${form.idempotencyKey}`, operator), params: params(), context }).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe("/stations/alpha/manage/receipts/1?already=1");
    expect(await listMovements(db, { stationId: station.id, productId: product.id })).toHaveLength(1);
    const next = await openEntry((request) => receiveLoader({ request, params: params(), context }), "/stations/alpha/manage/receive", operator);
    expect(next.idempotencyKey).not.toBe(form.idempotencyKey);
    expect(await send(next.idempotencyKey)).toBe("/stations/alpha/manage/receipts/2?new=1");
    expect(await listMovements(db, { stationId: station.id, productId: product.id })).toHaveLength(2);
  });

  it("refuses 2.5 个, negative and absurd quantities, and another station's product, writing nothing", async () => {
    const db = testDb();
    const eggs = await makeProduct(db, station, { nameZh: "土鸡蛋", unit: "piece" });
    const theirs = await makeProduct(db, other);
    const attempt = async (fields: Record<string, string>) =>
      dataResult<{ errors: Record<string, string> }>(await receiveAction({ request: post("/stations/alpha/manage/receive", fields, operator), params: params(), context }));
    const half = await attempt({ productId: eggs.id, quantity: "2.5" });
    expect([half.status, half.data.errors.quantity]).toEqual([400, "按个卖的商品只能填整数"]);
    expect((await attempt({ productId: eggs.id, quantity: "-3" })).data.errors.quantity).toBe("数量要大于 0");
    expect((await attempt({ productId: eggs.id, quantity: "99999999" })).data.errors.quantity).toBe("数量太大了，请检查");
    expect((await attempt({ productId: eggs.id, quantity: "abc" })).data.errors.quantity).toBe("请填写数量，例如 30 或 2.5");
    expect((await attempt({ productId: theirs.id, quantity: "3" })).data.errors.productId).toBe("本站没有这个商品");
    expect(await listMovements(db, { stationId: station.id, productId: eggs.id })).toEqual([]);
    expect(await listMovements(db, { stationId: other.id, productId: theirs.id })).toEqual([]);
  });

  it("takes stock with a reason and refuses a count below zero", async () => {
    const db = testDb();
    const product = await makeProduct(db, station);
    await receive(db, product, "10");
    const attempt = async (fields: Record<string, string>) => stockTakeAction({ request: post("/stations/alpha/manage/stock-take", fields, operator), params: params(), context });
    const negative = dataResult<{ errors: Record<string, string> }>(await attempt({ productId: product.id, kind: "counted", quantity: "-1", reason: "盘点" }));
    expect(negative.data.errors.quantity).toBe("数量要大于 0");
    const noReason = dataResult<{ errors: Record<string, string> }>(await attempt({ productId: product.id, kind: "counted", quantity: "9", reason: "" }));
    expect(noReason.data.errors.reason).toBe("请写明原因");
    const ok = (await attempt({ productId: product.id, kind: "counted", quantity: "9.5", reason: "称重少了半斤" })) as Response;
    expect(ok.status).toBe(302);
    const tooMuch = dataResult<{ errors: Record<string, string> }>(await attempt({ productId: product.id, kind: "spoiled", quantity: "20", reason: "坏了" }));
    expect(tooMuch.data.errors.quantity).toBe("库存不够");
    const [latest] = await listMovements(db, { stationId: station.id, productId: product.id });
    expect(latest).toMatchObject({ kind: "counted", onHandAfter: "9.500" });
  });
});

describe("households", () => {
  it("makes one household for an entry sent twice, and answers a used entry with the household it made", async () => {
    const page = await openEntry((request) => householdNewLoader({ request, params: params(), context }), "/stations/alpha/manage/households/new", operator);
    const fields = { headName: "罗大妹", villageGroup: "5组", phone: "", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "", notes: "", idempotencyKey: page.idempotencyKey };
    const send = async () => ((await householdNewAction({ request: post("/x", fields, operator), params: params(), context })) as Response).headers.get("Location")!;
    const [a, b] = await Promise.all([send(), send()]);
    const id = a.match(/households\/([0-9a-f-]{36})/)![1]!;
    expect(b.match(/households\/([0-9a-f-]{36})/)![1]).toBe(id);
    expect(await send()).toBe(`/stations/alpha/manage/households/${id}?already=1`);
    const [n] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from households where head_name = '罗大妹'`);
    expect(n!.n).toBe(1);
    const reopened = await householdNewLoader({ request: get(`/stations/alpha/manage/households/new?entry=${page.idempotencyKey}`, operator), params: params(), context }).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe(`/stations/alpha/manage/households/${id}?already=1`);
  });

  it("stores a bank account and shows it masked", async () => {
    const response = (await householdNewAction({
      request: post("/stations/alpha/manage/households/new", { headName: "杨秀梅", villageGroup: "2组", phone: "13608570202", paymentMethod: "bank", paymentAccount: "6217 0028 7005 5566 677", paymentInstitution: "黔西农商银行", notes: "" }, operator),
      params: params(),
      context,
    })) as Response;
    const id = response.headers.get("Location")!.match(/households\/([0-9a-f-]{36})/)![1]!;
    const page = await householdLoader({ request: get(`/stations/alpha/manage/households/${id}`, committee), params: params({ id }), context });
    expect(page.household.account).toBe("**** 6677");
    expect(JSON.stringify(page)).not.toContain("62170028700555");
    expect(page.canWrite).toBe(false);
    const bad = dataResult<{ errors: Record<string, string> }>(
      await householdNewAction({ request: post("/stations/alpha/manage/households/new", { headName: "李四", paymentMethod: "bank", paymentAccount: "123" }, operator), params: params(), context }),
    );
    expect(bad.data.errors.paymentAccount).toBe("银行卡号是 12 到 19 位数字");
  });
});

describe("public pages of the catalogue", () => {
  it("hides drafts, and lists goods in the sitemap with robots.txt pointing at it", async () => {
    const db = testDb();
    const draft = await makeProduct(db, station, { status: "draft" });
    const listed = await makeProduct(db, station);
    expect(await outcome(() => productPageLoader({ request: get(`/products/${draft.id}`), params: { id: draft.id }, context }))).toBe(404);
    expect(await outcome(() => productPageLoader({ request: get(`/products/${listed.id}`), params: { id: listed.id }, context }))).toBe("ok");
    const sitemap = await (await sitemapLoader({ request: get("/sitemap.xml"), params: {}, context })).text();
    expect(sitemap).toContain(`<loc>http://localhost/products/${listed.id}</loc>`);
    expect(sitemap).not.toContain(draft.id);
    expect(sitemap).toContain("<loc>http://localhost/stations/alpha</loc>");
    const robots = await (await robotsLoader({ request: get("/robots.txt"), params: {}, context })).text();
    expect(robots).toContain("Sitemap: http://localhost/sitemap.xml");
  });
});

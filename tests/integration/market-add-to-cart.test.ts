import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Product } from "../../app/models/catalog/products.server";
import { setProductStatus } from "../../app/models/catalog/products.server";
import { recordMovement } from "../../app/models/catalog/stock.server";
import { D } from "../../app/domain/money";
import type { Station } from "../../app/models/stations/geography.server";
import { action as cartAction, loader as cartLoader } from "../../app/routes/cart";
import { action as productAction, loader as productLoader } from "../../app/routes/products.$id";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, post } from "../support/http";

let context: AppLoadContext;
let station: Station;
/** 兴国's 金银花: 23.789 斤 left, the figure the issue saw as "现有 23.789 斤". */
let honeysuckle: Product;
/** 德富's 金银花, another lot of the same goods on the same page. */
let defu: Product;
let eggs: Product;

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  station = await makeStation(db, { code: "addcart" });
  const lot = async (headName: string, price: string, stock: string) => {
    const household = await makeHousehold(db, station, { headName });
    const p = await makeProduct(db, station, { nameZh: "金银花", price, ownerKind: "household", householdId: household.id });
    await receive(db, p, stock);
    return p;
  };
  honeysuckle = await lot("韦兴国", "36.00", "23.789");
  defu = await lot("韦德富", "38.00", "30.5");
  eggs = (await makeStockedProduct(db, station, { stock: "118", price: "1.50", unit: "piece" })).product;
});

interface Refused {
  errors: Record<string, string>;
  values: Record<string, string>;
}

/** Posts the product page's form for `lotId` on `pageId`'s page, as a browser without JavaScript does. */
async function addOnPage(pageId: string, form: Record<string, string>, lng = "") {
  const request = post(`/products/${pageId}${lng}`, form);
  return productAction({ request, params: { id: pageId }, context });
}

async function refused(pageId: string, form: Record<string, string>, lng = "") {
  return dataResult<Refused>(await addOnPage(pageId, form, lng));
}

async function cartItems() {
  const [n] = await rows<{ items: number }>(testDb(), sql`select count(*)::int as items from cart_items`);
  return n!.items;
}

describe("add to cart from a product page", () => {
  it("goes to the cart with a cart cookie when it can", async () => {
    const response = (await addOnPage(honeysuckle.id, { productId: defu.id, quantity: "2.5" })) as Response;
    expect([response.status, response.headers.get("Location")]).toEqual([302, "/cart?added=1"]);
    const cookie = cookiePair(response.headers.get("Set-Cookie"));
    const cart = dataResult<{ groups: { lines: { productId: string; quantity: string; lot: string | null }[] }[] }>(await cartLoader({ request: get("/cart", cookie), params: {}, context }));
    // The line says whose lot it is, as the product page did.
    expect(cart.data.groups[0]!.lines.map((l) => [l.productId, l.quantity, l.lot])).toEqual([[defu.id, "2.5", "3组 · 农户德富家"]]);
  });

  it("refuses more than is left with 409, saying how much is left as the page shows it, beside that lot's quantity", async () => {
    const tooMuch = await refused(honeysuckle.id, { productId: honeysuckle.id, quantity: "24" });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.data.errors.quantity).toBe("库存不够：这一批只剩 约 23.7 斤。请改小数量再加入。");
    // What was typed and which lot come back, so the page puts the message and the 24 beside that lot.
    expect(tooMuch.data.values).toEqual({ productId: honeysuckle.id, quantity: "24" });
    const en = await refused(honeysuckle.id, { productId: honeysuckle.id, quantity: "24" }, "?lng=en");
    expect(en.data.errors.quantity).toBe("Not enough in stock: only about 23.7 jin of this lot is left. Please enter a smaller quantity.");
    expect(await cartItems()).toBe(0);
  });

  it("says how much the cart already holds when that is what tips it over", async () => {
    const first = (await addOnPage(eggs.id, { productId: eggs.id, quantity: "100" })) as Response;
    const cookie = cookiePair(first.headers.get("Set-Cookie"));
    const request = post(`/products/${eggs.id}`, { productId: eggs.id, quantity: "20" }, cookie);
    const again = dataResult<Refused>(await productAction({ request, params: { id: eggs.id }, context }));
    expect([again.status, again.data.errors.quantity]).toEqual([409, "库存不够：这一批只剩 118 个，你的购物车里已有 100 个。请改小数量再加入。"]);
  });

  it("refuses a bad quantity with 400 in the product's unit, and an empty one", async () => {
    const bad = await refused(honeysuckle.id, { productId: honeysuckle.id, quantity: "两斤" });
    expect([bad.status, bad.data.errors.quantity]).toEqual([400, "请填写正确的数量（斤）。"]);
    const half = await refused(eggs.id, { productId: eggs.id, quantity: "1.5" });
    expect([half.status, half.data.errors.quantity]).toEqual([400, "个只能买整数。"]);
    const empty = await refused(eggs.id, { productId: eggs.id, quantity: "  " });
    expect([empty.status, empty.data.errors.quantity]).toEqual([400, "请填写要买多少。"]);
    expect(empty.data.values.productId).toBe(eggs.id);
    expect(await cartItems()).toBe(0);
  });

  it("says a lot sold out meanwhile, and that a product left the market, while its page still renders", async () => {
    const db = testDb();
    // Someone bought the rest of 德富's lot at the till after this page was loaded.
    await recordMovement(db, { actorUserId: null, stationId: station.id, productId: defu.id, movement: { kind: "spoiled", quantity: new D("30.5") }, reason: "受潮" });
    const soldOut = await refused(honeysuckle.id, { productId: defu.id, quantity: "1" });
    expect([soldOut.status, soldOut.data.errors.quantity]).toEqual([409, "这一批刚刚卖完了。可以选同款的其他批次，或看看别的商品。"]);
    const operator = await makeOperator(db, station);
    await setProductStatus(db, { actorUserId: operator.id, stationId: station.id, productId: defu.id, status: "archived" });
    const gone = await refused(honeysuckle.id, { productId: defu.id, quantity: "1" });
    expect([gone.status, gone.data.errors.form]).toEqual([409, "这件商品已下架或暂不能购买。看看本站的其他商品吧。"]);
    // The page the buyer posted from renders again around the message (Remix runs its loader after the action).
    const page = await productLoader({ request: get(`/products/${honeysuckle.id}`), params: { id: honeysuckle.id }, context });
    expect(page.product.lots.map((l) => l.id)).toEqual([honeysuckle.id]);
    expect(await cartItems()).toBe(0);
  });

  it("answers a refused add posted to the cart with the product it was for, for the link back", async () => {
    const tooMuch = dataResult<Refused>(await cartAction({ request: post("/cart", { intent: "add", productId: eggs.id, quantity: "500" }), params: {}, context }));
    expect([tooMuch.status, tooMuch.data.errors.quantity, tooMuch.data.values.productId]).toEqual([409, "库存不够：这一批只剩 118 个。请改小数量再加入。", eggs.id]);
  });
});

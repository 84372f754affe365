import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Station } from "../../app/models/stations/geography.server";
import type { Product } from "../../app/models/catalog/products.server";
import { action as cartAction, loader as cartLoader } from "../../app/routes/cart";
import { action as loginAction } from "../../app/routes/login";
import { makeStation } from "../factories/geography";
import { makeBuyer } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, post, sessionCookieFor } from "../support/http";

let context: AppLoadContext;
let station: Station;
let honeysuckle: Product;

interface CartPage {
  groups: { stationName: string; lines: { productId: string; quantity: string; oldPrice: string | null }[] }[];
}

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  station = await makeStation(db, { code: "huawu" });
  honeysuckle = (await makeStockedProduct(db, station, { stock: "30", price: "40.00" })).product;
});

async function cartOf(cookie?: string): Promise<CartPage> {
  return dataResult<CartPage>(await cartLoader({ request: get("/cart", cookie), params: {}, context })).data;
}

describe("cart routes", () => {
  it("give a guest a signed cart cookie on the first add and show the line in the product's unit", async () => {
    const response = (await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "5" }), params: {}, context })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/cart?added=1");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookiePair(setCookie);
    const page = await cartOf(cookie);
    expect(page.groups[0]!.lines.map((l) => [l.productId, l.quantity])).toEqual([[honeysuckle.id, "5"]]);
    // A second add with the cookie keeps the cart (no new cookie) and adds up.
    const again = (await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "0.5" }, cookie), params: {}, context })) as Response;
    expect(again.headers.get("Set-Cookie")).toBeNull();
    expect((await cartOf(cookie)).groups[0]!.lines[0]!.quantity).toBe("5.5");
    // A forged cookie opens nothing.
    expect((await cartOf("cunzhan_cart=forged")).groups).toEqual([]);
  });

  it("answer a bad quantity with 400 and more than the stock with 409, writing nothing", async () => {
    const bad = dataResult<{ errors: Record<string, string> }>(await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "abc" }), params: {}, context }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors.quantity).toContain("斤");
    const tooMuch = dataResult<{ errors: Record<string, string> }>(await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "31" }), params: {}, context }));
    expect([tooMuch.status, tooMuch.data.errors.quantity]).toEqual([409, "库存不够：这一批只剩 30 斤。请改小数量再加入。"]);
    const noIntent = dataResult<{ errors: Record<string, string> }>(await cartAction({ request: post("/cart", { productId: honeysuckle.id }), params: {}, context }));
    expect(noIntent.status).toBe(400);
    const [n] = await rows<{ items: number }>(testDb(), sql`select count(*)::int as items from cart_items`);
    expect(n!.items).toBe(0);
  });

  it("update and remove lines by form", async () => {
    const added = (await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "2" }), params: {}, context })) as Response;
    const cookie = cookiePair(added.headers.get("Set-Cookie"));
    await cartAction({ request: post("/cart", { intent: "update", productId: honeysuckle.id, quantity: "3.25" }, cookie), params: {}, context });
    expect((await cartOf(cookie)).groups[0]!.lines[0]!.quantity).toBe("3.25");
    await cartAction({ request: post("/cart", { intent: "remove", productId: honeysuckle.id }, cookie), params: {}, context });
    expect((await cartOf(cookie)).groups).toEqual([]);
  });

  it("merge the guest's cart into the buyer's at sign-in and forget the guest cookie", async () => {
    const db = testDb();
    const buyer = await makeBuyer(db);
    await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "1" }, await sessionCookieFor(context, buyer.id)), params: {}, context });
    const added = (await cartAction({ request: post("/cart", { intent: "add", productId: honeysuckle.id, quantity: "4" }), params: {}, context })) as Response;
    const guestCookie = cookiePair(added.headers.get("Set-Cookie"));
    const signedIn = (await loginAction({ request: post("/login", { login: buyer.login, password: buyer.password, redirectTo: "/cart" }, guestCookie), params: {}, context })) as Response;
    expect(signedIn.status).toBe(302);
    const cookies = signedIn.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("cunzhan_cart=;") && /Max-Age=0/i.test(c))).toBe(true);
    const session = cookiePair(cookies.find((c) => c.startsWith("cunzhan_session="))!);
    expect((await cartOf(session)).groups[0]!.lines[0]!.quantity).toBe("5");
    const [n] = await rows<{ carts: number }>(db, sql`select count(*)::int as carts from carts`);
    expect(n!.carts).toBe(1);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { CartError } from "../../app/domain/carts";
import { UnitError } from "../../app/domain/units";
import { acceptCurrentPrices, addToCart, type CartOwner, countCartLines, getCartLines, mergeGuestCart, removeFromCart, removeOrderedLines, setCartQuantity } from "../../app/models/orders/carts.server";
import type { Station } from "../../app/models/stations/geography.server";
import type { Product } from "../../app/models/catalog/products.server";
import { makeProduct } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeBuyer } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";

let alpha: Station;
let beta: Station;
let honeysuckle: Product;
let eggs: Product;
const guest: CartOwner = { kind: "guest", token: "g".repeat(43) };

beforeEach(async () => {
  const db = testDb();
  alpha = await makeStation(db, { code: "alpha" });
  beta = await makeStation(db, { code: "beta" });
  honeysuckle = (await makeStockedProduct(db, alpha, { stock: "20", price: "40.00" })).product;
  eggs = (await makeStockedProduct(db, beta, { stock: "30", price: "1.50", unit: "piece" })).product;
});

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    if (error instanceof CartError || error instanceof UnitError) return error.code;
    throw error;
  }
  return "accepted";
};

describe("carts", () => {
  it("keep a guest's lines in the product's unit with the price seen when added, adding up repeats", async () => {
    const db = testDb();
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "2.5" });
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "2.5" });
    await addToCart(db, { owner: guest, productId: eggs.id, quantity: "12" });
    const lines = await getCartLines(db, { owner: guest }, "zh-CN");
    expect(lines.map((l) => [l.stationId, l.quantity, l.seenUnitPrice, l.lineTotal])).toEqual([
      [alpha.id, "5", "40.00", "200.00"],
      [beta.id, "12", "1.50", "18.00"],
    ]);
    expect(await countCartLines(db, { owner: guest })).toBe(2);
    const [stored] = await rows<{ hash: string }>(db, sql`select guest_token_hash as hash from carts`);
    expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.hash).not.toContain("ggg");
  });

  it("refuse what cannot be bought, a bad quantity and more than the station has, writing nothing", async () => {
    const db = testDb();
    const draft = await makeProduct(db, alpha, { status: "draft" });
    expect(await refusal(() => addToCart(db, { owner: guest, productId: draft.id, quantity: "1" }))).toBe("PRODUCT_UNAVAILABLE");
    expect(await refusal(() => addToCart(db, { owner: guest, productId: eggs.id, quantity: "1.5" }))).toBe("TOO_MANY_DECIMALS");
    expect(await refusal(() => addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "-1" }))).toBe("NOT_POSITIVE");
    expect(await refusal(() => addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "abc" }))).toBe("INVALID_QUANTITY");
    expect(await refusal(() => addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "20.001" }))).toBe("INSUFFICIENT_STOCK");
    const [n] = await rows<{ items: number }>(db, sql`select count(*)::int as items from cart_items`);
    expect(n!.items).toBe(0);
  });

  it("change and remove lines; a zero quantity removes; a line not in the cart is refused", async () => {
    const db = testDb();
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "1" });
    await setCartQuantity(db, { owner: guest, productId: honeysuckle.id, quantity: "7.25" });
    expect((await getCartLines(db, { owner: guest }, "zh-CN"))[0]!.quantity).toBe("7.25");
    expect(await refusal(() => setCartQuantity(db, { owner: guest, productId: eggs.id, quantity: "1" }))).toBe("NOT_IN_CART");
    expect(await refusal(() => setCartQuantity(db, { owner: guest, productId: honeysuckle.id, quantity: "21" }))).toBe("INSUFFICIENT_STOCK");
    await setCartQuantity(db, { owner: guest, productId: honeysuckle.id, quantity: "0" });
    expect(await getCartLines(db, { owner: guest }, "zh-CN")).toEqual([]);
    await addToCart(db, { owner: guest, productId: eggs.id, quantity: "2" });
    await removeFromCart(db, { owner: guest, productId: eggs.id });
    await removeFromCart(db, { owner: guest, productId: eggs.id });
    expect(await countCartLines(db, { owner: guest })).toBe(0);
  });

  it("show a changed price beside the seen one until the buyer accepts the current prices", async () => {
    const db = testDb();
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "2" });
    await db.execute(sql`update products set price = '45.00' where id = ${honeysuckle.id}`);
    const [line] = await getCartLines(db, { owner: guest }, "zh-CN");
    expect([line!.priceChanged, line!.seenUnitPrice, line!.currentPrice, line!.lineTotal]).toEqual([true, "40.00", "45.00", "90.00"]);
    await acceptCurrentPrices(db, { owner: guest });
    const [after] = await getCartLines(db, { owner: guest }, "zh-CN");
    expect([after!.priceChanged, after!.seenUnitPrice]).toEqual([false, "45.00"]);
  });

  it("merge the guest's cart into the buyer's at sign-in, once", async () => {
    const db = testDb();
    const buyer = await makeBuyer(db);
    const mine: CartOwner = { kind: "user", userId: buyer.id };
    await addToCart(db, { owner: mine, productId: honeysuckle.id, quantity: "1" });
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "2.5" });
    await addToCart(db, { owner: guest, productId: eggs.id, quantity: "6" });
    expect(await mergeGuestCart(db, { guestToken: guest.token, userId: buyer.id })).toEqual({ merged: 2 });
    expect(await mergeGuestCart(db, { guestToken: guest.token, userId: buyer.id })).toEqual({ merged: 0 });
    const lines = await getCartLines(db, { owner: mine }, "zh-CN");
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      [honeysuckle.id, "3.5"],
      [eggs.id, "6"],
    ]);
    const [n] = await rows<{ carts: number }>(db, sql`select count(*)::int as carts from carts`);
    expect(n!.carts).toBe(1);
  });

  it("drop only the ordered lines after checkout", async () => {
    const db = testDb();
    await addToCart(db, { owner: guest, productId: honeysuckle.id, quantity: "1" });
    await addToCart(db, { owner: guest, productId: eggs.id, quantity: "1" });
    await removeOrderedLines(db, { owner: guest, productIds: [honeysuckle.id] });
    expect((await getCartLines(db, { owner: guest }, "zh-CN")).map((l) => l.productId)).toEqual([eggs.id]);
  });

  it("keep one cart per owner: the database refuses a second", async () => {
    const db = testDb();
    const buyer = await makeBuyer(db);
    await addToCart(db, { owner: { kind: "user", userId: buyer.id }, productId: eggs.id, quantity: "1" });
    await expect(db.execute(sql`insert into carts (user_id) values (${buyer.id})`)).rejects.toThrow();
    await expect(db.execute(sql`insert into carts (user_id, guest_token_hash) values (null, null)`)).rejects.toThrow();
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addToCart, type CartOwner, getCartLines, mergeGuestCart } from "../../app/models/orders/carts.server";
import { makeStation } from "../factories/geography";
import { makeBuyer } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testDb } from "../support/db";

const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("cart-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

describe.runIf(onPostgres)("one cart under concurrent requests on PostgreSQL", () => {
  it("adds up 20 simultaneous adds into one cart and one line", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "alpha" });
    const { product } = await makeStockedProduct(db, station, { stock: "100", price: "40.00" });
    const guest: CartOwner = { kind: "guest", token: "c".repeat(43) };
    await Promise.all(Array.from({ length: 20 }, () => addToCart(db, { owner: guest, productId: product.id, quantity: "0.5" })));
    const lines = await getCartLines(db, { owner: guest }, "zh-CN");
    expect(lines.map((l) => l.quantity)).toEqual(["10"]);
    const [n] = await rows<{ carts: number }>(db, sql`select count(*)::int as carts from carts`);
    expect(n!.carts).toBe(1);
  });

  it("merges a guest cart once even when sign-in and adds race", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "alpha" });
    const { product } = await makeStockedProduct(db, station, { stock: "100", price: "40.00" });
    const buyer = await makeBuyer(db);
    const guest: CartOwner = { kind: "guest", token: "d".repeat(43) };
    await addToCart(db, { owner: guest, productId: product.id, quantity: "3" });
    const merges = await Promise.all(Array.from({ length: 5 }, () => mergeGuestCart(db, { guestToken: guest.token, userId: buyer.id })));
    expect(merges.map((m) => m.merged).sort()).toEqual([0, 0, 0, 0, 1]);
    expect((await getCartLines(db, { owner: { kind: "user", userId: buyer.id } }, "zh-CN")).map((l) => l.quantity)).toEqual(["3"]);
  });
});

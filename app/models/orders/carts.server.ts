import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { CartError, cartLineQuantity, mergeCartLine } from "~/domain/carts";
import { publicHouseholdName } from "~/domain/catalog";
import { D, lineTotal, toAmountString } from "~/domain/money";
import { checkQuantity, parseQuantity, type UnitCode } from "~/domain/units";
import { type Lang, pick } from "~/domain/language";
import type { Db } from "../../../db/client.server";
import { cartItems, carts } from "../../../db/schema/carts";
import { products } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { stations } from "../../../db/schema/stations";

/**
 * Carts: a guest's, found by the hash of their cart cookie's token, and a signed-in buyer's,
 * found by their user id. Every write is one transaction; the owner is part of every query,
 * so one buyer's request never touches another's cart.
 */

export type CartOwner = { kind: "guest"; token: string } | { kind: "user"; userId: string };

/** The cookie holds the token; the database only its SHA-256, so a leaked table opens no cart. */
export function hashCartToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const ownerWhere = (owner: CartOwner) =>
  owner.kind === "user" ? eq(carts.userId, owner.userId) : eq(carts.guestTokenHash, hashCartToken(owner.token));

async function findCartId(db: Db, owner: CartOwner, lock = false): Promise<string | null> {
  const query = db.select({ id: carts.id }).from(carts).where(ownerWhere(owner));
  const [row] = lock ? await query.for("update") : await query;
  return row?.id ?? null;
}

/** The owner's cart, created on first use (a concurrent first use finds the one the other made). */
async function ensureCartId(tx: Db, owner: CartOwner): Promise<string> {
  await tx
    .insert(carts)
    .values(owner.kind === "user" ? { userId: owner.userId } : { guestTokenHash: hashCartToken(owner.token) })
    .onConflictDoNothing();
  const id = await findCartId(tx, owner, true);
  if (!id) throw new Error("cart vanished while being created");
  return id;
}

/** A product a buyer may put in a cart: listed, at an active station. Locked so the check holds until commit. */
async function purchasableProduct(tx: Db, productId: string) {
  const [row] = await tx
    .select({ id: products.id, unit: products.unit, price: products.price, available: sql<string>`(${products.onHand} - ${products.reserved})::text` })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(and(eq(products.id, productId), eq(products.status, "listed"), eq(stations.status, "active")))
    .for("share", { of: products });
  if (!row) throw new CartError("PRODUCT_UNAVAILABLE");
  return row;
}

/**
 * Adds `quantity` (as typed, in the product's unit) to the cart; the line's seen price becomes
 * the current price, which is what the buyer is looking at when they press the button.
 * @throws CartError PRODUCT_UNAVAILABLE | INSUFFICIENT_STOCK | QUANTITY_TOO_LARGE; UnitError for a bad quantity
 */
export async function addToCart(db: Db, { owner, productId, quantity }: { owner: CartOwner; productId: string; quantity: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const product = await purchasableProduct(tx, productId);
    const added = parseQuantity(quantity, product.unit);
    const cartId = await ensureCartId(tx, owner);
    const [existing] = await tx
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
    const total = cartLineQuantity(existing ? new D(existing.quantity) : null, added, product.unit, new D(product.available));
    const now = new Date();
    await tx
      .insert(cartItems)
      .values({ cartId, productId, quantity: total.toFixed(3), seenUnitPrice: product.price, addedAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.productId],
        set: { quantity: total.toFixed(3), seenUnitPrice: product.price, updatedAt: now },
      });
    await tx.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId));
  });
}

/**
 * Sets a line's quantity (as typed); "0" removes the line. The seen price is kept: changing
 * how much you want does not mean you have seen a new price.
 * @throws CartError NOT_IN_CART | PRODUCT_UNAVAILABLE | INSUFFICIENT_STOCK | QUANTITY_TOO_LARGE; UnitError
 */
export async function setCartQuantity(db: Db, { owner, productId, quantity }: { owner: CartOwner; productId: string; quantity: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const cartId = await findCartId(tx, owner, true);
    if (!cartId) throw new CartError("NOT_IN_CART");
    if (/^\s*0+(\.0*)?\s*$/.test(quantity)) {
      await tx.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
      return;
    }
    const [existing] = await tx.select({ id: cartItems.id }).from(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
    if (!existing) throw new CartError("NOT_IN_CART");
    const product = await purchasableProduct(tx, productId);
    const wanted = cartLineQuantity(null, parseQuantity(quantity, product.unit), product.unit, new D(product.available));
    await tx.update(cartItems).set({ quantity: wanted.toFixed(3), updatedAt: new Date() }).where(eq(cartItems.id, existing.id));
  });
}

/** Takes a product out of the cart; taking out what is not there changes nothing. */
export async function removeFromCart(db: Db, { owner, productId }: { owner: CartOwner; productId: string }): Promise<void> {
  const cartId = await findCartId(db, owner);
  if (!cartId) return;
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
}

/**
 * After checkout refused a changed price: the lines now carry the current prices, so the
 * cart shows them and the next checkout (the buyer having seen them) goes through.
 */
export async function acceptCurrentPrices(db: Db, { owner }: { owner: CartOwner }): Promise<void> {
  const cartId = await findCartId(db, owner);
  if (!cartId) return;
  await db
    .update(cartItems)
    .set({ seenUnitPrice: sql`(select ${products.price} from ${products} where ${products.id} = ${cartItems.productId})`, updatedAt: new Date() })
    .where(eq(cartItems.cartId, cartId));
}

/** Removes the lines that became an order (by product): what was added meanwhile in another tab stays. */
export async function removeOrderedLines(db: Db, { owner, productIds }: { owner: CartOwner; productIds: readonly string[] }): Promise<void> {
  if (productIds.length === 0) return;
  const cartId = await findCartId(db, owner);
  if (!cartId) return;
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cartId), inArray(cartItems.productId, [...productIds])));
}

/**
 * At sign-in: the guest's lines move into the buyer's cart (quantities of one product add up,
 * the later-seen price wins) and the guest cart is deleted, in one transaction. A guest cart
 * that is already gone (a second sign-in with the same cookie) changes nothing.
 */
export async function mergeGuestCart(db: Db, { guestToken, userId }: { guestToken: string; userId: string }): Promise<{ merged: number }> {
  return db.transaction(async (tx) => {
    const guestId = await findCartId(tx, { kind: "guest", token: guestToken }, true);
    if (!guestId) return { merged: 0 };
    const userCartId = await ensureCartId(tx, { kind: "user", userId });
    const theirs = await tx.select().from(cartItems).where(eq(cartItems.cartId, guestId));
    const mine = new Map((await tx.select().from(cartItems).where(eq(cartItems.cartId, userCartId))).map((l) => [l.productId, l]));
    const units = new Map(
      theirs.length ? (await tx.select({ id: products.id, unit: products.unit }).from(products).where(inArray(products.id, theirs.map((l) => l.productId)))).map((p) => [p.id, p.unit] as const) : [],
    );
    const now = new Date();
    for (const line of theirs) {
      const existing = mine.get(line.productId);
      if (!existing) {
        await tx.update(cartItems).set({ cartId: userCartId, updatedAt: now }).where(eq(cartItems.id, line.id));
        continue;
      }
      const merged = mergeCartLine(
        { quantity: new D(existing.quantity), seenUnitPrice: new D(existing.seenUnitPrice), updatedAt: existing.updatedAt },
        { quantity: new D(line.quantity), seenUnitPrice: new D(line.seenUnitPrice), updatedAt: line.updatedAt },
      );
      checkQuantity(merged.quantity, units.get(line.productId) as UnitCode);
      await tx
        .update(cartItems)
        .set({ quantity: merged.quantity.toFixed(3), seenUnitPrice: toAmountString(merged.seenUnitPrice), updatedAt: now })
        .where(eq(cartItems.id, existing.id));
    }
    await tx.delete(carts).where(eq(carts.id, guestId));
    return { merged: theirs.length };
  });
}

export interface CartLineView {
  productId: string;
  name: string;
  /** Whose lot it is, as the storefront names them (given name, village group); null when not a household's. */
  household: { name: string; group: string } | null;
  unit: UnitCode;
  stationId: string;
  stationCode: string;
  stationName: string;
  quantity: string;
  /** The price the buyer saw when adding; checkout sends it as the expected price. */
  seenUnitPrice: string;
  currentPrice: string;
  priceChanged: boolean;
  available: string;
  /** Still listed at an active station. */
  purchasable: boolean;
  enoughStock: boolean;
  /** quantity × current price, rounded to the fen. */
  lineTotal: string;
}

/** The cart's lines in the order they were added, with what checkout will check already worked out. */
export async function getCartLines(db: Db, { owner }: { owner: CartOwner }, lang: Lang): Promise<CartLineView[]> {
  const rows = await db
    .select({
      item: cartItems,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unit: products.unit,
      price: products.price,
      status: products.status,
      available: sql<string>`(${products.onHand} - ${products.reserved})::text`,
      stationId: stations.id,
      stationCode: stations.code,
      stationNameZh: stations.nameZh,
      stationNameEn: stations.nameEn,
      stationStatus: stations.status,
      headName: households.headName,
      villageGroup: households.villageGroup,
    })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(stations, eq(stations.id, products.stationId))
    .leftJoin(households, and(eq(households.id, products.householdId), eq(households.stationId, products.stationId)))
    .where(ownerWhere(owner))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.id));
  return rows.map((r) => {
    const quantity = new D(r.item.quantity);
    return {
      productId: r.item.productId,
      name: pick(lang, r.nameZh, r.nameEn),
      household: r.headName ? { name: publicHouseholdName(r.headName), group: r.villageGroup ?? "" } : null,
      unit: r.unit,
      stationId: r.stationId,
      stationCode: r.stationCode,
      stationName: pick(lang, r.stationNameZh, r.stationNameEn),
      quantity: quantity.toFixed(),
      seenUnitPrice: r.item.seenUnitPrice,
      currentPrice: r.price,
      priceChanged: !new D(r.price).eq(r.item.seenUnitPrice),
      available: new D(r.available).toFixed(),
      purchasable: r.status === "listed" && r.stationStatus === "active",
      enoughStock: quantity.lte(r.available),
      lineTotal: toAmountString(lineTotal(quantity, new D(r.price))),
    };
  });
}

/** How many lines the cart has (the header's badge); 0 for no cart. */
export async function countCartLines(db: Db, { owner }: { owner: CartOwner }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(ownerWhere(owner));
  return row?.n ?? 0;
}

/** The unit a product is sold in (to word a refused quantity), or null for no such product. */
export async function productUnit(db: Db, { productId }: { productId: string }): Promise<UnitCode | null> {
  const [row] = await db.select({ unit: products.unit }).from(products).where(eq(products.id, productId));
  return row?.unit ?? null;
}

import { sql } from "drizzle-orm";
import { check, index, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { users } from "./identity";

/**
 * A buyer's cart: a guest's is found by the SHA-256 of the random token in their cart cookie
 * (the token itself is never stored), a signed-in buyer's by their user id. Exactly one of
 * the two; at sign-in the guest's cart is merged into the buyer's and deleted.
 */
export const carts = pgTable(
  "carts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    guestTokenHash: text("guest_token_hash"),
    userId: uuid("user_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("carts_guest_token_key").on(t.guestTokenHash),
    uniqueIndex("carts_user_key").on(t.userId),
    check("carts_one_owner", sql`(${t.guestTokenHash} is null) <> (${t.userId} is null)`),
    check("carts_guest_token_format", sql`${t.guestTokenHash} is null or ${t.guestTokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * One product in a cart: the quantity in the product's own unit and the unit price the buyer
 * saw when they added it (checkout sends it as the expected price, so a changed price is
 * caught and shown instead of silently charged).
 */
export const cartItems = pgTable(
  "cart_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: uuid("product_id")
      .notNull()
      .references(() => products.id),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    seenUnitPrice: numeric("seen_unit_price", { precision: 14, scale: 2 }).notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("cart_items_cart_product_key").on(t.cartId, t.productId),
    index("cart_items_product_idx").on(t.productId),
    check("cart_items_quantity_positive", sql`${t.quantity} > 0`),
    check("cart_items_price_positive", sql`${t.seenUnitPrice} > 0`),
  ],
);

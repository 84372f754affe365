import { randomBytes } from "node:crypto";
import { type AppLoadContext, data, redirect } from "@remix-run/node";
import { z } from "zod";
import { signedCookie } from "~/utils/cookies.server";
import { isDomainError } from "~/domain/errors";
import { UnitError, type UnitCode, UNITS, unitLabel } from "~/domain/units";
import { addToCart, type CartOwner, mergeGuestCart, productUnit } from "~/models/orders/carts.server";
import { describeRefusal } from "~/routes-support/refusals.server";
import { getOptionalUser } from "~/utils/auth.server";
import type { Env } from "~/utils/env.server";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";

const CART_DAYS = 30;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A guest's cart is found by a random token in a signed, HttpOnly cookie (SameSite=Lax, Secure
 * in production). The token only opens a cart: it proves nothing about who the guest is.
 */
const cartCookie = signedCookie("cunzhan_cart", CART_DAYS * 24 * 3600);

/** The guest token in the request's cart cookie, or null (missing, unsigned or mangled). */
export async function readGuestCartToken(request: Request, env: Env): Promise<string | null> {
  try {
    const value: unknown = await cartCookie(env).parse(request.headers.get("Cookie"));
    return typeof value === "string" && TOKEN.test(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whose cart this request is about: the signed-in buyer's, else the guest cookie's, else nobody's yet. */
export async function currentCartOwner(request: Request, context: AppLoadContext): Promise<CartOwner | null> {
  const user = await getOptionalUser(request, context);
  if (user) return { kind: "user", userId: user.id };
  const token = await readGuestCartToken(request, context.env);
  return token ? { kind: "guest", token } : null;
}

/**
 * The cart owner for a request that is about to write to a cart: a guest without a cookie gets
 * a fresh token and the Set-Cookie header that keeps it.
 */
export async function cartOwnerForWrite(request: Request, context: AppLoadContext): Promise<{ owner: CartOwner; setCookie: string | null }> {
  const owner = await currentCartOwner(request, context);
  if (owner) return { owner, setCookie: null };
  const token = randomBytes(32).toString("base64url");
  return { owner: { kind: "guest", token }, setCookie: await cartCookie(context.env).serialize(token) };
}

/**
 * At sign-in: the guest cart (if any) joins the buyer's, and the Set-Cookie that forgets the
 * guest token (or null when there was none).
 */
export async function mergeCartAtSignIn(request: Request, context: AppLoadContext, userId: string): Promise<string | null> {
  const token = await readGuestCartToken(request, context.env);
  if (!token) return null;
  await mergeGuestCart(context.db, { guestToken: token, userId });
  return cartCookie(context.env).serialize("", { maxAge: 0, expires: new Date(0) });
}

/**
 * A cart write refused by a rule, as { status, field, message }: a malformed quantity is the
 * input's fault (400, worded with the product's unit); the cart's own refusals are worded by its
 * refusal table (app/routes-support/orders/refusals.ts). Anything else is rethrown.
 */
export function cartRefusal(error: unknown, t: Translate, unit: UnitCode | null, lang: Lang): { status: number; field: string; message: string } {
  if (error instanceof UnitError) {
    const counted = unit !== null && UNITS[unit].kind === "count";
    const key: MessageKey = error.code === "TOO_MANY_DECIMALS" && counted ? "orders.cart.error.wholeNumber" : "orders.cart.error.quantity";
    return { status: 400, field: "quantity", message: t(key, { unit: unit ? unitLabel(unit, lang) : "" }) };
  }
  // Only the cart's own refusals are the buyer's to read; anything else is a bug (500).
  if (!isDomainError(error) || error.feature !== "cart") throw error;
  // A line that is not in the cart is said on the cart page (404), not a bare "not found".
  const { status, field, message } = describeRefusal(error, { t, lang });
  return { status, field, message };
}

/** The add-to-cart form, wherever it is posted (a product page, the cart). */
export const AddToCartFields = {
  productId: z.uuid("validation.invalid"),
  quantity: z.string().trim().min(1, "orders.cart.error.quantityRequired").max(20, "validation.invalid"),
};
export const AddToCartForm = z.object({ intent: z.literal("add").optional(), ...AddToCartFields });

/**
 * The one way a buyer's "add to cart" is answered, from a product page or the cart: on success
 * the cart (a guest gets their cart cookie); refused, the message beside the quantity of the lot
 * that was posted (`values.productId`) with what was typed kept, in the status of the refusal,
 * so the page that posted renders again with the reason and the form to try again.
 */
export async function addToCartResponse(
  request: Request,
  context: AppLoadContext,
  form: { productId: string; quantity: string },
  { t, lang }: { t: Translate; lang: Lang },
) {
  const { owner, setCookie } = await cartOwnerForWrite(request, context);
  try {
    await addToCart(context.db, { owner, productId: form.productId, quantity: form.quantity });
  } catch (error) {
    const refusal = cartRefusal(error, t, await productUnit(context.db, { productId: form.productId }), lang);
    // Nothing was written, so a new guest gets no cart cookie yet.
    return data({ errors: { [refusal.field]: refusal.message } as Record<string, string>, values: { productId: form.productId, quantity: form.quantity } }, { status: refusal.status });
  }
  return redirect("/cart?added=1", setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}

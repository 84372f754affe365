import type { OwnerKind, ProductCategory, ProductStatus } from "~/domain/catalog";
import type { PaymentMethod } from "~/domain/households";
import { D, formatMoney } from "~/domain/money";
import type { MovementKind } from "~/domain/stock";
import { formatQuantity, readableStock, type UnitCode, unitLabel, UNITS } from "~/domain/units";
import { type Lang, makeTranslate, type MessageKey } from "~/utils/i18n";

/**
 * Display helpers for goods, shared by server and browser: every code has its label key here,
 * so a new category, status or movement kind without a translation does not compile.
 */

export const CATEGORY_LABELS: Record<ProductCategory, MessageKey> = {
  produce: "catalog.category.produce",
  inputs: "catalog.category.inputs",
  daily: "catalog.category.daily",
  services: "catalog.category.services",
};

export const STATUS_LABELS: Record<ProductStatus, MessageKey> = {
  draft: "catalog.status.draft",
  listed: "catalog.status.listed",
  archived: "catalog.status.archived",
};

/** The button that moves a product to this status. */
export const SET_STATUS_LABELS: Record<ProductStatus, MessageKey> = {
  draft: "goods.setStatus.draft",
  listed: "goods.setStatus.listed",
  archived: "goods.setStatus.archived",
};

export const OWNER_LABELS: Record<OwnerKind, MessageKey> = {
  household: "catalog.owner.household",
  collective: "catalog.owner.collective",
  partner: "catalog.owner.partner",
};

export const MOVEMENT_LABELS: Record<MovementKind, MessageKey> = {
  received: "stock.kind.received",
  sold: "stock.kind.sold",
  reserved: "stock.kind.reserved",
  released: "stock.kind.released",
  returned: "stock.kind.returned",
  spoiled: "stock.kind.spoiled",
  counted: "stock.kind.counted",
};

export const PAYMENT_LABELS: Record<PaymentMethod, MessageKey> = {
  cash: "households.payment.cash",
  bank: "households.payment.bank",
  mobile: "households.payment.mobile",
};

/** "¥12.50/斤", "CN¥12.50/jin". */
export function formatPrice(price: string, unit: UnitCode, lang: Lang): string {
  return `${formatMoney(price, lang)}/${unitLabel(unit, lang)}`;
}

/** A product's lots' prices: "¥36.00/斤" when they agree, "¥36.00–¥38.00/斤" when they differ. */
export function formatPriceRange(min: string, max: string, unit: UnitCode, lang: Lang): string {
  if (new D(min).eq(max)) return formatPrice(min, unit, lang);
  return `${formatMoney(min, lang)}–${formatMoney(max, lang)}/${unitLabel(unit, lang)}`;
}

/** "30 斤", "12 pieces"; a stored "30.000" loses its trailing zeros. */
export function formatQty(quantity: string, unit: UnitCode, lang: Lang): string {
  return formatQuantity(new D(quantity), unit, lang);
}

/**
 * The one way the public side (market, product page, cart) shows how much is left: "约 23.7 斤",
 * "24 斤", "118 个", "不足 0.1 斤" (readableStock: rounded down, so what it shows can be bought).
 * Operators' screens keep formatQty, which shows every decimal the books hold (till, stock take).
 */
export function formatStock(available: string, unit: UnitCode, lang: Lang): string {
  const { kind, qty } = readableStock(new D(available), unit);
  const quantity = formatQuantity(qty, unit, lang);
  if (kind === "exact") return quantity;
  return makeTranslate(lang)(kind === "about" ? "market.stock.about" : "market.stock.under", { quantity });
}

/** A signed movement quantity: "+30 斤", "−2.5 斤". */
export function formatSignedQty(quantity: string, unit: UnitCode, lang: Lang): string {
  const q = new D(quantity);
  const sign = q.isNeg() ? "−" : q.isZero() ? "±" : "+";
  return `${sign}${formatQuantity(q.abs(), unit, lang)}`;
}

export function isCountUnit(unit: UnitCode): boolean {
  return UNITS[unit].kind === "count";
}

/** "by weight (to 0.001)" or "by count" for a unit. */
export function sellModeKey(unit: UnitCode): MessageKey {
  return UNITS[unit].kind === "weight" ? "goods.sellsByWeight" : "goods.sellsByCount";
}

export function hasStock(available: string): boolean {
  return new D(available).gt(0);
}

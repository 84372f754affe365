import type { CatalogErrorCode, GoodsErrorCode } from "~/domain/catalog";
import type { DomainError } from "~/domain/errors";
import type { HouseholdErrorCode } from "~/domain/households";
import type { StockErrorCode } from "~/domain/stock";
import { isUnitCode, type UnitCode, type UnitErrorCode, unitLabel } from "~/domain/units";
import type { PhotoErrorCode } from "~/services/photos.server";
import type { MessageKey } from "~/utils/i18n";
import type { Refusal, RefusalTable } from "~/utils/refusal";
import { isCountUnit } from "./format";

/**
 * The words for the goods desk's refused rules (ADR 017): products and their prices (catalog,
 * goods), stock levels and quantities (stock, units), households' accounts and photos. A code
 * without words does not compile. Kinds and fields come from the errors themselves.
 */

const CATALOG: Record<CatalogErrorCode, Refusal> = {
  PRICE_INVALID: { key: "goods.error.priceInvalid" },
  PRICE_TOO_MANY_DECIMALS: { key: "goods.error.priceDecimals" },
  PRICE_NOT_POSITIVE: { key: "goods.error.pricePositive" },
  PRICE_TOO_HIGH: { key: "goods.error.priceTooHigh" },
  RATE_INVALID: { key: "goods.error.rateInvalid" },
  RATE_OUT_OF_RANGE: { key: "goods.error.rateRange" },
  RATE_TOO_MANY_DECIMALS: { key: "goods.error.rateDecimals" },
  DATE_INVALID: { key: "goods.error.dateInvalid" },
  DATE_IN_FUTURE: { key: "goods.error.dateFuture" },
  SHELF_LIFE_INVALID: { key: "goods.error.shelfLife" },
};

const GOODS: Record<GoodsErrorCode, Refusal> = {
  PRODUCT_NOT_FOUND: { key: "goods.error.productNotFound" },
  HOUSEHOLD_NOT_FOUND: { key: "goods.error.householdNotFound" },
  HOUSEHOLD_INACTIVE: { key: "goods.error.householdInactive" },
  PRODUCT_NOT_CONSIGNED: { key: "goods.error.productNotFound" },
  PRODUCT_ARCHIVED: { key: "goods.error.productArchived" },
  UNIT_LOCKED: { key: "goods.error.unitLocked" },
  OWNER_LOCKED: { key: "goods.error.ownerLocked" },
  PHOTO_NOT_FOUND: { key: "goods.error.photoNotFound" },
  TOO_MANY_PHOTOS: { key: "goods.error.tooManyPhotos" },
};

const STOCK_KEYS: Record<StockErrorCode, MessageKey> = {
  INSUFFICIENT_STOCK: "stock.error.insufficient",
  INSUFFICIENT_RESERVED: "stock.error.insufficientReserved",
  BELOW_RESERVED: "stock.error.belowReserved",
  QUANTITY_TOO_LARGE: "stock.error.quantityTooLarge",
  REASON_REQUIRED: "validation.required",
};

const UNIT_KEYS: Record<UnitErrorCode, MessageKey> = {
  TOO_MANY_DECIMALS: "stock.error.quantityDecimals",
  NOT_POSITIVE: "stock.error.quantityPositive",
  INVALID_QUANTITY: "stock.error.quantityInvalid",
  OUT_OF_RANGE: "stock.error.quantityTooLarge",
  NOT_A_WEIGHT_UNIT: "stock.error.quantityInvalid",
};

const HOUSEHOLDS: Record<Exclude<HouseholdErrorCode, "HOUSEHOLD_NOT_FOUND">, Refusal> = {
  ACCOUNT_REQUIRED: { key: "households.error.accountRequired" },
  ACCOUNT_NOT_ALLOWED: { key: "households.error.accountNotAllowed" },
  BANK_ACCOUNT_INVALID: { key: "households.error.bankAccount" },
  MOBILE_ACCOUNT_INVALID: { key: "households.error.mobileAccount" },
};

const PHOTOS: Record<PhotoErrorCode, Refusal> = {
  NOT_AN_IMAGE: { key: "goods.error.photoNotImage" },
  TOO_LARGE: { key: "goods.error.photoTooLarge" },
  TOO_SMALL: { key: "goods.error.photoTooSmall" },
};

/** The unit a quantity was refused in, when the error carries it: the messages name it. */
function unitOf(error: DomainError): UnitCode | null {
  const unit = error.details.unit;
  return typeof unit === "string" && isUnitCode(unit) ? unit : null;
}

const withUnit = (key: MessageKey): Refusal => ({
  key,
  vars: (error, lang) => {
    const unit = unitOf(error);
    return { unit: unit ? unitLabel(unit, lang) : "" };
  },
});

const mapKeys = <C extends string>(keys: Record<C, MessageKey>, entry: (key: MessageKey, code: C) => Refusal): Record<C, Refusal> =>
  Object.fromEntries(Object.entries<MessageKey>(keys).map(([code, key]) => [code, entry(key, code as C)])) as Record<C, Refusal>;

export const GOODS_REFUSALS: RefusalTable = {
  catalog: CATALOG,
  goods: GOODS,
  stock: mapKeys(STOCK_KEYS, withUnit),
  units: mapKeys(UNIT_KEYS, withUnit),
  households: HOUSEHOLDS,
  photos: PHOTOS,
};

/**
 * The receive and stock-take forms: every refused quantity lands beside the quantity field as
 * a 400 (the person retypes it), named in the product's unit; goods counted in whole pieces get
 * their own words for a decimal.
 */
export function quantityFormRefusals(unit: UnitCode): RefusalTable {
  const entry = (key: MessageKey): Refusal => ({ key, field: "quantity", kind: "invalid", vars: (_error, lang) => ({ unit: unitLabel(unit, lang) }) });
  const wholePieces = isCountUnit(unit);
  return {
    stock: mapKeys(STOCK_KEYS, entry),
    units: mapKeys(UNIT_KEYS, (key, code) => entry(code === "TOO_MANY_DECIMALS" && wholePieces ? "stock.error.wholeNumber" : key)),
  };
}

/** The station's default commission: a refused percentage shows beside that one field. */
export const DEFAULT_RATE_REFUSALS: RefusalTable = {
  catalog: {
    RATE_OUT_OF_RANGE: { key: "goods.error.rateRange", field: "defaultCommissionPercent" },
    RATE_TOO_MANY_DECIMALS: { key: "goods.error.rateDecimals", field: "defaultCommissionPercent" },
    "*": { key: "goods.error.rateInvalid", field: "defaultCommissionPercent" },
  },
};

/** The words for a domain error met while parsing a form field (a zod issue's message key). */
export function fieldMessageKey(error: DomainError): MessageKey {
  return GOODS_REFUSALS[error.feature]?.[error.code]?.key ?? "validation.invalid";
}

import { addDays } from "./dates";
import { DomainError, type ErrorSpec, specOf } from "./errors";
import { D, type Dec, MoneyError, parseAmount, toAsciiDigits } from "./money";
import { type UnitCode, UNITS } from "./units";

/**
 * The rules of the catalogue: what a product is, how its price and commission are read from a
 * form, and what the public may see of the household behind it. Pure: values in, values out,
 * `CatalogError` for input a person must correct.
 */

/** Stable codes, stored in the database; their names live in the dictionaries (catalog.category.*). */
export const PRODUCT_CATEGORIES = ["produce", "inputs", "daily", "services"] as const; // 农特产品 农资 日用品 服务
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const PRODUCT_STATUSES = ["draft", "listed", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Who owns the goods: a household's on consignment (代卖), the village collective's, or a partner company's. */
export const OWNER_KINDS = ["household", "collective", "partner"] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** The commission a new station takes until its operator sets another: 10 %. */
export const DEFAULT_COMMISSION_RATE = "0.1000";

/** A price per unit above this is a typing slip, not a village price (NUMERIC(14,2) would take it). */
export const MAX_UNIT_PRICE = new D("100000");

/** Longest shelf life worth recording: ten years (dried goods, tools). */
export const MAX_SHELF_LIFE_DAYS = 3650;

export type CatalogErrorCode =
  | "PRICE_INVALID"
  | "PRICE_TOO_MANY_DECIMALS"
  | "PRICE_NOT_POSITIVE"
  | "PRICE_TOO_HIGH"
  | "RATE_INVALID"
  | "RATE_OUT_OF_RANGE"
  | "RATE_TOO_MANY_DECIMALS"
  | "DATE_INVALID"
  | "DATE_IN_FUTURE"
  | "SHELF_LIFE_INVALID";

/** The product-form field each catalog code is about. */
const CATALOG_FIELDS: Record<CatalogErrorCode, string> = {
  PRICE_INVALID: "price",
  PRICE_TOO_MANY_DECIMALS: "price",
  PRICE_NOT_POSITIVE: "price",
  PRICE_TOO_HIGH: "price",
  RATE_INVALID: "commissionPercent",
  RATE_OUT_OF_RANGE: "commissionPercent",
  RATE_TOO_MANY_DECIMALS: "commissionPercent",
  DATE_INVALID: "harvestedOn",
  DATE_IN_FUTURE: "harvestedOn",
  SHELF_LIFE_INVALID: "shelfLifeDays",
};

/** A price, rate, date or shelf life typed wrong: always the input's fault (400). */
export class CatalogError extends DomainError<CatalogErrorCode> {
  static override readonly errorName = "CatalogError";
  constructor(code: CatalogErrorCode, message: string) {
    super({ feature: "catalog", code, kind: "invalid", field: CATALOG_FIELDS[code] }, message);
  }
}

export function isCategory(value: unknown): value is ProductCategory {
  return typeof value === "string" && (PRODUCT_CATEGORIES as readonly string[]).includes(value);
}

/**
 * A price per unit typed by an operator: to the fen (a third decimal is refused, never
 * rounded), more than zero, at most MAX_UNIT_PRICE.
 * @throws CatalogError PRICE_INVALID | PRICE_TOO_MANY_DECIMALS | PRICE_NOT_POSITIVE | PRICE_TOO_HIGH
 */
export function parsePrice(input: string): Dec {
  let price: Dec;
  try {
    price = parseAmount(input);
  } catch (error) {
    if (error instanceof MoneyError) {
      if (error.code === "TOO_MANY_DECIMALS") throw new CatalogError("PRICE_TOO_MANY_DECIMALS", error.message);
      if (error.code === "NEGATIVE") throw new CatalogError("PRICE_NOT_POSITIVE", error.message);
      if (error.code === "OUT_OF_RANGE") throw new CatalogError("PRICE_TOO_HIGH", error.message);
      throw new CatalogError("PRICE_INVALID", error.message);
    }
    throw error;
  }
  if (price.isZero()) throw new CatalogError("PRICE_NOT_POSITIVE", "a price must be more than zero");
  if (price.gt(MAX_UNIT_PRICE)) throw new CatalogError("PRICE_TOO_HIGH", `price ${price.toString()} is above ${MAX_UNIT_PRICE.toString()}`);
  return price;
}

/**
 * A commission typed as a percentage ("15", "12.5", "15%") → the fraction stored as
 * NUMERIC(6,4) ("0.1500"). Between 0 and 100 inclusive, at most two decimals of a percent,
 * so the fraction never needs rounding.
 * @throws CatalogError RATE_INVALID | RATE_OUT_OF_RANGE | RATE_TOO_MANY_DECIMALS
 */
export function parseCommissionPercent(input: string): Dec {
  const m = /^(\d{1,3})(?:\.(\d+))?\s*[%％]?$/.exec(toAsciiDigits(input).trim());
  if (!m) throw new CatalogError("RATE_INVALID", `not a percentage: ${JSON.stringify(input)}`);
  const [, intPart = "0", frac = ""] = m;
  if (frac.length > 2) throw new CatalogError("RATE_TOO_MANY_DECIMALS", `a percentage has at most 2 decimals: ${input}`);
  const percent = new D(`${intPart}.${frac || "0"}`);
  if (percent.gt(100)) throw new CatalogError("RATE_OUT_OF_RANGE", `a percentage is at most 100: ${input}`);
  return percent.div(100);
}

/** NUMERIC(6,4) text of a rate in [0, 1]: "0.1500". */
export function toRateString(rate: Dec): string {
  if (rate.isNeg() || rate.gt(1) || rate.decimalPlaces() > 4) throw new CatalogError("RATE_OUT_OF_RANGE", `not a storable rate: ${rate.toString()}`);
  return rate.toFixed(4);
}

/** "15", "12.5": a stored rate shown as the percentage an operator typed. */
export function rateToPercent(rate: string | Dec): string {
  const percent = new D(rate).times(100);
  return percent.toFixed(Math.min(2, percent.decimalPlaces()));
}

/** The rate that applies to a product: its own when set, else the station's default. */
export function effectiveCommissionRate(productRate: string | null, stationDefault: string): Dec {
  return new D(productRate ?? stationDefault);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date typed in a form ("2026-06-15"), checked to exist and not to lie in the
 * future (a harvest has happened). `today` is the station's date as YYYY-MM-DD.
 * @throws CatalogError DATE_INVALID | DATE_IN_FUTURE
 */
export function parsePastDate(input: string, today: string): string {
  const value = input.trim();
  const m = DATE_RE.exec(value);
  if (!m) throw new CatalogError("DATE_INVALID", `not a date: ${JSON.stringify(input)}`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new CatalogError("DATE_INVALID", `no such day: ${value}`);
  }
  if (value > today) throw new CatalogError("DATE_IN_FUTURE", `${value} is after ${today}`);
  if (value < "1990-01-01") throw new CatalogError("DATE_INVALID", `too long ago: ${value}`);
  return value;
}

/**
 * Shelf life in whole days, 1 to MAX_SHELF_LIFE_DAYS; empty means "not recorded" (null).
 * @throws CatalogError SHELF_LIFE_INVALID
 */
export function parseShelfLifeDays(input: string): number | null {
  const value = input.trim();
  if (value === "") return null;
  if (!/^\d{1,4}$/.test(value)) throw new CatalogError("SHELF_LIFE_INVALID", `not a whole number of days: ${input}`);
  const days = Number(value);
  if (days < 1 || days > MAX_SHELF_LIFE_DAYS) throw new CatalogError("SHELF_LIFE_INVALID", `shelf life out of range: ${days}`);
  return days;
}

/** The last good day, when both the harvest date and the shelf life are known. */
export function bestBefore(harvestedOn: string | null, shelfLifeDays: number | null): string | null {
  return harvestedOn && shelfLifeDays ? addDays(harvestedOn, shelfLifeDays) : null;
}

/** How far back a harvest still counts as "in season" on the market home. */
export const SEASON_DAYS = 90;

/**
 * In season: harvested within SEASON_DAYS of `today` and not past its best-before date.
 * Goods without a harvest date (fertiliser, soap) are never "in season".
 */
export function isInSeason(harvestedOn: string | null, shelfLifeDays: number | null, today: string): boolean {
  if (!harvestedOn || harvestedOn > today) return false;
  if (harvestedOn < addDays(today, -SEASON_DAYS)) return false;
  const last = bestBefore(harvestedOn, shelfLifeDays);
  return last === null || last >= today;
}

/** A moment as a station reads it: "2026-06-15 14:30" in China time. */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

// Two-character surnames common enough to matter; everything else is one character.
const COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "独孤"];

/**
 * What the public storefront says of a household: the head's given name only (名, "兰芬" for
 * 韦兰芬), never the full name, phone or account. A one-character given name keeps the family
 * instead ("韦家"), so nobody is reduced to a single character. Latin-script names keep their
 * first word.
 */
export function publicHouseholdName(headName: string): string {
  const name = headName.trim();
  if (!name) return "";
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(name)) return name.split(/\s+/)[0] ?? name;
  const chars = [...name];
  const surnameLength = COMPOUND_SURNAMES.some((s) => name.startsWith(s)) && chars.length > 2 ? 2 : 1;
  const given = chars.slice(surnameLength).join("");
  if (given.length >= 2) return given;
  return `${chars.slice(0, surnameLength).join("")}家`;
}

/** The quantity step a unit allows, as typed in a form's `step` attribute ("0.001" or "1"). */
export function quantityStep(unit: UnitCode): string {
  const decimals = UNITS[unit].decimals;
  return decimals === 0 ? "1" : `0.${"0".repeat(decimals - 1)}1`;
}

export type GoodsErrorCode =
  | "PRODUCT_NOT_FOUND"
  | "HOUSEHOLD_NOT_FOUND"
  | "HOUSEHOLD_INACTIVE"
  | "PRODUCT_NOT_CONSIGNED"
  | "PRODUCT_ARCHIVED"
  | "UNIT_LOCKED"
  | "OWNER_LOCKED"
  | "PHOTO_NOT_FOUND"
  | "TOO_MANY_PHOTOS";

/**
 * Each goods code's kind and the form field it is about. A product or household named by a form
 * field that is not (or no longer) there is the input's fault (invalid, beside the field);
 * what earlier movements or photos have fixed is a conflict.
 */
const GOODS_SPEC: ErrorSpec<GoodsErrorCode> = {
  PRODUCT_NOT_FOUND: { kind: "invalid", field: "productId" },
  HOUSEHOLD_NOT_FOUND: { kind: "invalid", field: "householdId" },
  HOUSEHOLD_INACTIVE: { kind: "invalid", field: "householdId" },
  PRODUCT_NOT_CONSIGNED: { kind: "invalid", field: "productId" },
  PRODUCT_ARCHIVED: { kind: "invalid", field: "productId" },
  UNIT_LOCKED: { kind: "conflict", field: "unit" },
  OWNER_LOCKED: { kind: "conflict", field: "ownerKind" },
  PHOTO_NOT_FOUND: { kind: "invalid", field: "photo" },
  TOO_MANY_PHOTOS: { kind: "conflict", field: "photo" },
};

/** A rule about goods a request breaks. */
export class GoodsError extends DomainError<GoodsErrorCode> {
  static override readonly errorName = "GoodsError";
  constructor(code: GoodsErrorCode, message: string = code) {
    super({ feature: "goods", code, ...specOf(GOODS_SPEC, code) }, message);
  }
}

/** At most this many photos per product: enough to show it, few enough for a weak link. */
export const MAX_PHOTOS_PER_PRODUCT = 6;

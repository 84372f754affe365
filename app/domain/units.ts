import { DomainError } from "./errors";
import { D, toAsciiDigits, type Dec, type Locale } from "./money";

/**
 * Stable ASCII codes, in display order; the Postgres enum and the zod enum are built from
 * this tuple, so a code is never renamed once stored (add new ones at the end).
 */
export const UNIT_CODES = ["jin", "kg", "g", "piece", "head", "bag", "bottle", "box", "bunch", "bundle"] as const;
export type UnitCode = (typeof UNIT_CODES)[number];

export type UnitKind = "weight" | "count";

export interface UnitInfo {
  readonly zh: string;
  readonly en: { readonly one: string; readonly other: string };
  readonly kind: UnitKind;
  /** Decimals a quantity in this unit may have; NUMERIC(14,3) stores at most 3. */
  readonly decimals: 0 | 1 | 2 | 3;
  /** Weight units only: exact grams in one unit. */
  readonly grams?: number;
}

export const UNITS: { readonly [U in UnitCode]: UnitInfo } = {
  // 3 decimals: 0.001 斤 = 0.5 g and 0.001 kg = 1 g, finer than any village scale reads.
  jin: { zh: "斤", en: { one: "jin", other: "jin" }, kind: "weight", decimals: 3, grams: 500 },
  kg: { zh: "公斤", en: { one: "kg", other: "kg" }, kind: "weight", decimals: 3, grams: 1000 },
  g: { zh: "克", en: { one: "g", other: "g" }, kind: "weight", decimals: 0, grams: 1 },
  piece: { zh: "个", en: { one: "piece", other: "pieces" }, kind: "count", decimals: 0 },
  // 只 counts live animals and birds (chickens, ducks, geese); "head" is the English for it.
  head: { zh: "只", en: { one: "head", other: "head" }, kind: "count", decimals: 0 },
  bag: { zh: "袋", en: { one: "bag", other: "bags" }, kind: "count", decimals: 0 },
  bottle: { zh: "瓶", en: { one: "bottle", other: "bottles" }, kind: "count", decimals: 0 },
  box: { zh: "箱", en: { one: "box", other: "boxes" }, kind: "count", decimals: 0 },
  bunch: { zh: "束", en: { one: "bunch", other: "bunches" }, kind: "count", decimals: 0 },
  bundle: { zh: "把", en: { one: "bundle", other: "bundles" }, kind: "count", decimals: 0 },
};

export type UnitErrorCode =
  | "TOO_MANY_DECIMALS"
  | "NOT_POSITIVE"
  | "INVALID_QUANTITY"
  | "OUT_OF_RANGE"
  | "NOT_A_WEIGHT_UNIT";

/** A quantity typed wrong for its unit: always the input's fault (400), beside the quantity. */
export class UnitError extends DomainError<UnitErrorCode> {
  static override readonly errorName = "UnitError";
  /** `unit`: the unit the quantity was read in, where known (the message names it). */
  constructor(code: UnitErrorCode, message: string, unit?: UnitCode) {
    super({ feature: "units", code, kind: "invalid", field: "quantity", details: unit ? { unit } : {} }, message);
  }
}

/** NUMERIC(14,3): eleven integer digits. */
const QUANTITY_LIMIT = new D("1e11");

export function isUnitCode(value: string): value is UnitCode {
  return (UNIT_CODES as readonly string[]).includes(value);
}

export function isWeightUnit(unit: UnitCode): boolean {
  return UNITS[unit].kind === "weight";
}

function gramsPer(unit: UnitCode): Dec {
  const grams = UNITS[unit].grams;
  if (grams === undefined) throw new UnitError("NOT_A_WEIGHT_UNIT", `${unit} is counted, not weighed`);
  return new D(grams);
}

/**
 * Exact conversion between weight units through grams (1 斤 = 500 g, 1 公斤 = 1000 g).
 * Every ratio is 2^a·5^b, so the result is a finite decimal and nothing is rounded; it may
 * have more decimals than `to` allows (0.001 斤 = 0.0005 公斤) — check with `checkQuantity`
 * before storing it.
 * @throws UnitError NOT_A_WEIGHT_UNIT | OUT_OF_RANGE (too many digits to stay exact)
 */
export function convertWeight(qty: Dec, from: UnitCode, to: UnitCode): Dec {
  const ratio = gramsPer(from).div(gramsPer(to));
  if (!qty.isFinite()) throw new UnitError("INVALID_QUANTITY", "quantity must be finite");
  // A product has at most sd(a) + sd(b) significant digits; beyond D's precision it would round.
  if (qty.sd() + ratio.sd() > D.precision) {
    throw new UnitError("OUT_OF_RANGE", `${qty.toString()} ${from} has too many digits to convert exactly`);
  }
  return qty.times(ratio);
}

/** 斤 → 公斤, exact (halves). */
export function jinToKg(qty: Dec): Dec {
  return convertWeight(qty, "jin", "kg");
}

/** 公斤 → 斤, exact (doubles). */
export function kgToJin(qty: Dec): Dec {
  return convertWeight(qty, "kg", "jin");
}

/**
 * Checks a quantity already held as a decimal (a conversion result, a database value)
 * against the unit's rules; returns it unchanged.
 * Invariants: finite, > 0, at most `UNITS[unit].decimals` decimals, < 10^11.
 * @throws UnitError INVALID_QUANTITY | NOT_POSITIVE | TOO_MANY_DECIMALS | OUT_OF_RANGE
 */
export function checkQuantity(qty: Dec, unit: UnitCode): Dec {
  if (!qty.isFinite()) throw new UnitError("INVALID_QUANTITY", "quantity must be finite", unit);
  if (!qty.isPos() || qty.isZero()) {
    throw new UnitError("NOT_POSITIVE", `quantity must be more than zero, got ${qty.toString()}`, unit);
  }
  const allowed = UNITS[unit].decimals;
  if (qty.decimalPlaces() > allowed) {
    throw new UnitError(
      "TOO_MANY_DECIMALS",
      allowed === 0
        ? `${unit} is counted in whole numbers, got ${qty.toString()}`
        : `${unit} allows ${allowed} decimals, got ${qty.toString()}`,
      unit,
    );
  }
  if (qty.gte(QUANTITY_LIMIT)) throw new UnitError("OUT_OF_RANGE", `quantity too large: ${qty.toString()}`, unit);
  return qty;
}

/**
 * Parses a quantity typed by a person ("2.5", " 3 ", "２.５").
 * Decimals are counted as typed, so "2.0" is refused for a count unit just as
 * "12.500" is refused for money: input is never silently reinterpreted.
 * Invariants of the result: as `checkQuantity`.
 * @throws UnitError INVALID_QUANTITY | NOT_POSITIVE | TOO_MANY_DECIMALS | OUT_OF_RANGE
 */
export function parseQuantity(input: string, unit: UnitCode): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(toAsciiDigits(input).trim());
  if (!m) throw new UnitError("INVALID_QUANTITY", `not a quantity: ${JSON.stringify(input)}`, unit);
  const [, sign = "", intPart = "", frac = ""] = m;
  const qty = new D(`${sign}${intPart}.${frac || "0"}`);
  if (sign || qty.isZero()) throw new UnitError("NOT_POSITIVE", `quantity must be more than zero: ${input}`, unit);
  if (frac.length > UNITS[unit].decimals) {
    // Report with the typed digits, which checkQuantity would not see ("2.0" is 2).
    throw new UnitError("TOO_MANY_DECIMALS", `${unit} allows ${UNITS[unit].decimals} decimals: ${input}`, unit);
  }
  return checkQuantity(qty, unit);
}

function isOne(qty: Dec): boolean {
  return qty.eq(1);
}

/** The unit's name in a language; with `qty`, the English plural agrees with it. */
export function unitLabel(unit: UnitCode, locale: Locale, qty?: Dec): string {
  const info = UNITS[unit];
  if (locale === "zh-CN") return info.zh;
  return qty === undefined || isOne(qty) ? info.en.one : info.en.other;
}

/**
 * Display only: "2.5 斤", "2.5 jin", "3 pieces". Trailing zeros dropped, never exponent
 * notation, never rounded (a converted weight shows every decimal it has).
 */
export function formatQuantity(qty: Dec, unit: UnitCode, locale: Locale): string {
  if (!qty.isFinite()) throw new UnitError("INVALID_QUANTITY", "quantity must be finite");
  const digits = qty.isZero() ? "0" : qty.toFixed(); // toFixed() without places: no exponent, no padding
  return `${digits} ${unitLabel(unit, locale, qty)}`;
}

/** How a stock figure reads to a buyer: exactly, about (rounded down), or under one step. */
export interface ReadableStock {
  readonly kind: "exact" | "about" | "under";
  /** The figure to show: `exact` and `about` the stock rounded down to `step`; `under` the step. */
  readonly qty: Dec;
}

/** The finest step a buyer reads stock in: a tenth of a 斤 or 公斤, whole units otherwise (counts, grams). */
export function readableStep(unit: UnitCode): Dec {
  return UNITS[unit].decimals === 0 ? new D(1) : new D("0.1");
}

/**
 * Display only: a stock figure as a person reads it. The books keep every decimal (23.789 斤 is
 * 11 894.5 g); a buyer reads "about 23.7 斤". Rounded DOWN to `readableStep`, so what is shown can
 * always be bought; a count is a whole number. Invariants: `qty` ≤ the stock for exact/about, and
 * `kind` is "exact" exactly when nothing was dropped; a stock above zero but under one step is
 * "under" that step, never "0"; zero or less reads as exactly 0.
 */
export function readableStock(qty: Dec, unit: UnitCode): ReadableStock {
  if (!qty.isFinite()) throw new UnitError("INVALID_QUANTITY", "quantity must be finite", unit);
  if (!qty.gt(0)) return { kind: "exact", qty: new D(0) };
  const step = readableStep(unit);
  const shown = qty.div(step).floor().times(step);
  if (shown.isZero()) return { kind: "under", qty: step };
  return { kind: shown.eq(qty) ? "exact" : "about", qty: shown };
}

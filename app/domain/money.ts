import Decimal from "decimal.js";
import { DomainError } from "./errors";

/**
 * The one decimal constructor for money and quantities.
 * 34 significant digits holds any NUMERIC(14,2) × NUMERIC(14,3) product exactly, so
 * rounding only ever happens where a named function below asks for it.
 */
export const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export type Locale = "zh-CN" | "en";

export type MoneyErrorCode =
  | "INVALID_AMOUNT"
  | "TOO_MANY_DECIMALS"
  | "OUT_OF_RANGE"
  | "NEGATIVE"
  | "INVALID_WEIGHTS"
  | "INVALID_RATE"
  | "NOT_WHOLE_FEN";

/** An amount, rate or split refused as given: always the input's fault (400). */
export class MoneyError extends DomainError<MoneyErrorCode> {
  static override readonly errorName = "MoneyError";
  constructor(code: MoneyErrorCode, message: string) {
    super({ feature: "money", code, kind: "invalid" }, message);
  }
}

export const ZERO: Dec = new D(0);

/** NUMERIC(14,2): twelve integer digits. */
const AMOUNT_LIMIT = new D("1e12");

/**
 * Phones with a Chinese IME often send full-width digits (１２．５０); they mean the same
 * number, so they are folded to ASCII before any checks. Nothing else is rewritten.
 */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\uFF10-\uFF19\uFF0E\uFF0D]/g, (ch) =>
    ch === "\uFF0E" ? "." : ch === "\uFF0D" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

// Sign may come before or after the currency symbol ("-¥3.20", "¥-3.20"); grouping, when
// present, must be real thousands groups so "1,2,3" is refused rather than read as 123.
const AMOUNT_RE = /^(-?)\s*[¥￥]?\s*(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses an amount typed by a person or read from the database.
 * Invariants of the result: finite, at most 2 decimals (more is refused, never rounded),
 * |value| < 10^12, non-negative unless `allowNegative`, never -0.
 * @throws MoneyError INVALID_AMOUNT | TOO_MANY_DECIMALS | OUT_OF_RANGE | NEGATIVE
 */
export function parseAmount(input: string, opts: { allowNegative?: boolean } = {}): Dec {
  const m = AMOUNT_RE.exec(toAsciiDigits(input).trim());
  if (!m || (m[1] && m[2])) throw new MoneyError("INVALID_AMOUNT", `not an amount: ${JSON.stringify(input)}`);
  const [, signA, signB, intPart = "", frac = ""] = m;
  if (frac.length > 2) {
    throw new MoneyError("TOO_MANY_DECIMALS", `an amount has at most 2 decimals: ${JSON.stringify(input)}`);
  }
  const negative = Boolean(signA || signB);
  const abs = new D(`${intPart.replace(/,/g, "")}.${frac || "0"}`);
  if (abs.gte(AMOUNT_LIMIT)) throw new MoneyError("OUT_OF_RANGE", `amount too large: ${JSON.stringify(input)}`);
  if (abs.isZero()) return ZERO;
  if (negative && !opts.allowNegative) throw new MoneyError("NEGATIVE", `amount must not be negative: ${input}`);
  return negative ? abs.neg() : abs;
}

function assertFen(d: Dec, what: string): void {
  if (!d.isFinite()) throw new MoneyError("INVALID_AMOUNT", `${what}: not a finite amount`);
  if (d.decimalPlaces() > 2) {
    throw new MoneyError("TOO_MANY_DECIMALS", `${what}: ${d.toString()} has more than 2 decimals; round it first`);
  }
}

/**
 * Canonical wire format: exactly 2 decimals, no grouping, "0.00" never "-0.00".
 * Refuses values with more than 2 decimals: rounding must have happened earlier, by name.
 * Range is not checked here; NUMERIC(14,2) enforces it at the database.
 * @throws MoneyError TOO_MANY_DECIMALS | INVALID_AMOUNT
 */
export function toAmountString(d: Dec): string {
  assertFen(d, "toAmountString");
  return d.isZero() ? "0.00" : d.toFixed(2);
}

/**
 * Rounds to the fen, half-up (四舍五入). For negatives ROUND_HALF_UP rounds half away from
 * zero (−0.005 → −0.01), so a refund rounds to the mirror image of its sale.
 */
export function roundFen(d: Dec): Dec {
  const r = d.toDecimalPlaces(2, D.ROUND_HALF_UP);
  return r.isZero() ? ZERO : r;
}

/** One sale/order line: round(qty × unitPrice) once; documents total the rounded lines. */
export function lineTotal(quantity: Dec, unitPrice: Dec): Dec {
  return roundFen(quantity.times(unitPrice));
}

/** round(amount × rate); `rate` is a fraction (0.1500 for 15 %), NUMERIC(6,4) in the database. */
export function applyRate(amount: Dec, rate: Dec): Dec {
  if (!rate.isFinite()) throw new MoneyError("INVALID_RATE", "rate must be a finite number");
  return roundFen(amount.times(rate));
}

/**
 * Splits one line into the part a rate claims (station commission) and what is left
 * (household share). Invariant: rateShare + remainder === amount exactly, both have the
 * sign of `amount` (or are zero) because 0 ≤ rate ≤ 1.
 * @throws MoneyError TOO_MANY_DECIMALS (amount not in fen) | INVALID_RATE (outside [0, 1])
 */
export function splitByRate(amount: Dec, rate: Dec): { rateShare: Dec; remainder: Dec } {
  assertFen(amount, "splitByRate");
  if (!rate.isFinite() || rate.isNeg() || rate.gt(1)) {
    throw new MoneyError("INVALID_RATE", `rate must be between 0 and 1, got ${rate.toString()}`);
  }
  const rateShare = applyRate(amount, rate);
  const remainder = amount.minus(rateShare);
  return { rateShare, remainder: remainder.isZero() ? ZERO : remainder };
}

/** Exact sum; the empty sum is 0. */
export function sum(values: readonly Dec[]): Dec {
  return values.reduce<Dec>((acc, v) => acc.plus(v), ZERO);
}

export function isZero(d: Dec): boolean {
  return d.isZero();
}

/**
 * The one conversion to Stripe's integer fen.
 * @throws MoneyError NOT_WHOLE_FEN if `d` has sub-fen digits or does not fit a safe integer
 */
export function toFen(d: Dec): number {
  if (!d.isFinite() || d.decimalPlaces() > 2) {
    throw new MoneyError("NOT_WHOLE_FEN", `${d.toString()} is not a whole number of fen`);
  }
  const fen = d.times(100).toNumber();
  if (!Number.isSafeInteger(fen)) throw new MoneyError("NOT_WHOLE_FEN", `${d.toString()} yuan overflows integer fen`);
  return fen === 0 ? 0 : fen; // no -0 for Stripe
}

/** Inverse of `toFen`: integer fen from Stripe → yuan with 2 decimals. */
export function fromFen(fen: number): Dec {
  if (!Number.isSafeInteger(fen)) throw new MoneyError("NOT_WHOLE_FEN", `${fen} is not a safe integer of fen`);
  return fen === 0 ? ZERO : new D(`${fen}e-2`);
}

const CNY_PREFIX: Record<Locale, string> = {
  // Both match what Intl.NumberFormat(locale, { currency: "CNY" }) prints; "CN¥" keeps
  // English readers from taking the amount for Japanese yen.
  "zh-CN": "¥",
  en: "CN¥",
};

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The one way an amount is shown (ADR 019): "¥1,234.50" (zh-CN), "CN¥1,234.50" (en), "-¥3.20"
 * for negatives; with `{ symbol: false }` only grouped ("1,234.50"), as ledger columns write it.
 * Takes the decimal string a loader sends (or a Dec) and works from its own digits, never via a
 * JS number, so every digit survives.
 * @throws MoneyError INVALID_AMOUNT (not an amount) | TOO_MANY_DECIMALS, like `toAmountString`
 */
export function formatMoney(amount: Dec | string, locale: Locale, { symbol = true }: { symbol?: boolean } = {}): string {
  // Totals may pass NUMERIC(14,2)'s range, so a plain decimal string is taken as it is.
  const value = typeof amount !== "string" ? amount : PLAIN_DECIMAL.test(amount) ? new D(amount) : parseAmount(amount, { allowNegative: true });
  const plain = toAmountString(value);
  const negative = plain.startsWith("-");
  const [intPart = "0", frac = "00"] = (negative ? plain.slice(1) : plain).split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+$)/g, ",");
  return `${negative ? "-" : ""}${symbol ? CNY_PREFIX[locale] : ""}${grouped}.${frac}`;
}

/** formatMoney with the currency sign, for a Dec already in hand. */
export function formatCNY(d: Dec, locale: Locale): string {
  return formatMoney(d, locale);
}

/** Integer digits of a finite non-negative decimal scaled by 10^places, exactly. */
function scaledBigInt(d: Dec, places: number): bigint {
  return BigInt(d.toFixed(places).replace(".", ""));
}

function toWeight(w: Dec | string, i: number): Dec {
  if (typeof w === "string") {
    // decimal.js would also read "0x10" and "1e3"; weights are plain decimals only.
    if (!/^\d+(\.\d+)?$/.test(w.trim())) throw new MoneyError("INVALID_WEIGHTS", `weight ${i} is not a decimal: ${w}`);
    return new D(w.trim());
  }
  if (!w.isFinite()) throw new MoneyError("INVALID_WEIGHTS", `weight ${i} is not finite`);
  if (w.isNeg() && !w.isZero()) throw new MoneyError("INVALID_WEIGHTS", `weight ${i} is negative`);
  return w;
}

/**
 * Splits `total` into parts proportional to `weights` by largest remainder, at fen precision.
 * Invariants: sum(parts) === total exactly; parts have the sign of total (or are zero);
 * each part is within 1 fen of its exact share; deterministic (leftover fen go to the
 * largest remainders, ties to the lower index). A negative total is split as its absolute
 * value and negated, so a refund mirrors its sale.
 * @throws MoneyError TOO_MANY_DECIMALS (total) | INVALID_WEIGHTS (empty, negative, malformed,
 *   or all zero while total ≠ 0)
 */
export function allocate(total: Dec, weights: readonly Dec[] | readonly string[]): Dec[] {
  assertFen(total, "allocate");
  if (weights.length === 0) throw new MoneyError("INVALID_WEIGHTS", "allocate needs at least one weight");
  const ws = (weights as readonly (Dec | string)[]).map(toWeight);

  // Integers throughout: weights scaled to a common number of decimals, total in fen.
  const places = Math.max(...ws.map((w) => w.decimalPlaces()));
  const units = ws.map((w) => scaledBigInt(w, places));
  const weightSum = units.reduce((a, b) => a + b, 0n);
  const totalFen = scaledBigInt(total.abs(), 2);
  if (weightSum === 0n) {
    if (totalFen !== 0n) throw new MoneyError("INVALID_WEIGHTS", "all weights are zero but the total is not");
    return ws.map(() => ZERO);
  }

  const fen = units.map((u) => (totalFen * u) / weightSum);
  const remainders = units.map((u) => (totalFen * u) % weightSum);
  let leftover = totalFen - fen.reduce((a, b) => a + b, 0n);
  const order = remainders
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  // leftover < number of parts, because each floor lost less than one fen.
  for (const { i } of order) {
    if (leftover === 0n) break;
    fen[i] = (fen[i] ?? 0n) + 1n;
    leftover -= 1n;
  }

  const negative = total.isNeg();
  return fen.map((f) => (f === 0n ? ZERO : new D(`${negative ? "-" : ""}${f}e-2`)));
}

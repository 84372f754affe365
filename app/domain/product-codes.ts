import { toAsciiDigits } from "./money";
import { isWeightUnit, parseQuantity, type UnitCode } from "./units";

/**
 * Product codes (issue 15): every product carries an EAN-13 a shelf label prints and a USB or
 * Bluetooth scanner reads back at the till. GS1 keeps prefix "20" for numbers a shop gives its
 * own goods ("restricted circulation"), so no manufacturer's code collides with ours and any
 * EAN-13 scanner reads it. 21–29 are left alone: many scales print weight or price into those.
 *
 *   20 SSSSSSSSSS C    "20", the station's 10-digit product sequence, the GS1 check digit
 *
 * The sequence is per station (station_catalog_settings.last_product_number), so a code is
 * unique within a station; the database checks the shape and the check digit too (0046).
 */
export const PRODUCT_CODE_PREFIX = "20";
/** The largest sequence number ten digits hold. */
export const MAX_PRODUCT_SEQUENCE = 9_999_999_999;

/**
 * The GS1 check digit of a 12-digit body: weights 1, 3, 1, 3, ... from the left, the digit
 * that brings the sum to a multiple of ten.
 * @throws RangeError when `body` is not twelve ASCII digits
 */
export function ean13CheckDigit(body: string): number {
  if (!/^\d{12}$/.test(body)) throw new RangeError("an EAN-13 body is twelve digits");
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * The code of a station's `sequence`-th product: 13 digits, starting "20", a valid EAN-13.
 * Different sequences give different codes (the body is the sequence itself).
 * @throws RangeError when `sequence` is not an integer in 1 … MAX_PRODUCT_SEQUENCE
 */
export function productCode(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_PRODUCT_SEQUENCE) throw new RangeError("a product sequence is 1 to 9999999999");
  const body = `${PRODUCT_CODE_PREFIX}${String(sequence).padStart(10, "0")}`;
  return `${body}${ean13CheckDigit(body)}`;
}

/** Whether `code` is a well-formed EAN-13 (13 ASCII digits, right check digit). */
export function isEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/**
 * What a scanner or a person typed into the till's code field, as a code to look up: spaces
 * and dashes dropped (printed codes are read aloud in groups), full-width digits from a Chinese
 * IME folded to ASCII. Anything else is kept, so a wrong code stays wrong and is refused.
 */
export function normalizeScannedCode(raw: string): string {
  return toAsciiDigits(raw).replace(/[\s-]/g, "");
}

/**
 * The quantity field after a scan: counted goods (个, 袋, ...) go up by one, blank counting as
 * none; weighed goods (斤, 公斤, 克) keep what is there, since the scale says how much.
 * `null` for weighed goods: the person types the weight. A quantity that does not parse is
 * replaced by 1, the one thing the scan says for sure.
 */
export function quantityAfterScan(current: string, unit: UnitCode): string | null {
  if (isWeightUnit(unit)) return null;
  try {
    return current.trim() ? parseQuantity(current, unit).plus(1).toFixed(0) : "1";
  } catch {
    return "1";
  }
}

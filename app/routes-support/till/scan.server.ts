import { z } from "zod";
import { normalizeScannedCode, quantityAfterScan } from "~/domain/product-codes";
import type { UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { getProductByCode } from "~/models/catalog/products.server";
import { type FieldErrors, formValues, keptValues, parseValues } from "~/utils/forms";
import { type Lang, pick, type Translate } from "~/utils/i18n";

/** A product the till can sell, as the scan needs it. */
export interface ScanProduct {
  id: string;
  code: string;
  name: string;
  unit: UnitCode;
}

const ScanFields = z.object({
  code: z.string({ error: "scan.error.empty" }).max(40, "scan.error.empty").transform(normalizeScannedCode).pipe(z.string().min(1, "scan.error.empty")),
});

/**
 * Whether the form was sent to scan a code. Enter in any field of the form presses its first
 * button, the scan button: with the code field blank, the person meant what Enter did before
 * (work out the total), so the form goes on as a review.
 */
export function isScan(formData: FormData): boolean {
  if (formData.get("intent") !== "scan") return false;
  if (normalizeScannedCode(String(formData.get("code") ?? ""))) return true;
  formData.set("intent", "review");
  return false;
}

export interface ScanResult {
  status: 200 | 400;
  errors: FieldErrors;
  /** The form as sent, with the scanned line's quantity raised and the code field emptied. */
  values: Record<string, string>;
  /** What was scanned: the page focuses its quantity when it is weighed. */
  scanned: { id: string; name: string; weighed: boolean } | null;
}

/**
 * The till's scan intent (no JavaScript, or a code the page did not know): what a scanner typed
 * into the code field, looked up among the goods the till can sell. Counted goods get one more;
 * weighed goods are left for the operator to weigh. Writes nothing: the sale is still a form.
 */
export async function scanIntoSale(
  db: Db,
  { stationId, formData, products, t, lang }: { stationId: string; formData: FormData; products: readonly ScanProduct[]; t: Translate; lang: Lang },
): Promise<ScanResult> {
  const values = keptValues(formValues(formData));
  delete values.intent;
  const parsed = parseValues(ScanFields, values, t);
  if (!parsed.ok) return { status: 400, errors: parsed.errors, values, scanned: null };
  const code = parsed.data.code;
  const product = products.find((p) => p.code === code);
  if (!product) {
    const known = await getProductByCode(db, { stationId, code });
    const error = known ? t("scan.error.notForSale", { name: pick(lang, known.nameZh, known.nameEn) }) : t("scan.error.unknown", { code });
    return { status: 400, errors: { code: error }, values, scanned: null };
  }
  const next = quantityAfterScan(values[`q.${product.id}`] ?? "", product.unit);
  if (next !== null) values[`q.${product.id}`] = next;
  values.code = "";
  return { status: 200, errors: {}, values, scanned: { id: product.id, name: product.name, weighed: next === null } };
}

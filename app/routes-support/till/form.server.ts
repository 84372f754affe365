import { z } from "zod";
import { isDomainError } from "~/domain/errors";
import { D, type Dec, lineTotal, parseAmount } from "~/domain/money";
import { checkMovementQuantity } from "~/domain/stock";
import { parseQuantity, type UnitCode } from "~/domain/units";
import type { Payment } from "~/models/till/sales.server";
import { type FieldErrors, formValues, keptValues, parseValues } from "~/utils/forms";
import type { Translate } from "~/utils/i18n";
import { idempotencyKeyField } from "~/utils/idempotency";

/**
 * The sale form: fixed fields parsed by zod, and one quantity field per product (`q.<id>`,
 * with the price the form showed in `p.<id>`), parsed in the product's unit.
 */
const SaleFields = z.object({
  idempotencyKey: idempotencyKeyField("till.error.key"),
  intent: z.enum(["review", "complete"]).default("complete"),
  payment: z.enum(["cash", "mobile"], { error: "till.error.payment" }),
  tendered: z.string().trim().max(20).optional().default(""),
  reference: z.string().trim().max(64, "validation.tooLong").optional().default(""),
});

/** An amount typed at the till (a float, a payout): "12.50", full-width digits too; refused in the till's words. */
export const tillAmountField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(15, "till.error.amount")
    .transform((value, ctx) => {
      try {
        return parseAmount(value);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        ctx.addIssue({ code: "custom", message: "till.error.amount" });
        return z.NEVER;
      }
    });

export interface TillProduct {
  id: string;
  unit: UnitCode;
  price: string;
}

export type ParsedSale =
  | { ok: false; errors: FieldErrors; values: Record<string, string>; total: Dec; intent: "review" | "complete" }
  | {
      ok: true;
      intent: "review" | "complete";
      idempotencyKey: string;
      lines: { productId: string; quantity: Dec; seenPrice?: string }[];
      total: Dec;
      payment: Payment;
      values: Record<string, string>;
    };

export function parseSaleForm(formData: FormData, products: readonly TillProduct[], t: Translate): ParsedSale {
  const values = keptValues(formValues(formData));
  const parsed = parseValues(SaleFields, values, t);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const lines: { productId: string; quantity: Dec; seenPrice?: string }[] = [];
  let total = new D(0);
  for (const p of products) {
    const raw = values[`q.${p.id}`]?.trim();
    if (!raw) continue;
    try {
      const quantity = checkMovementQuantity(parseQuantity(raw, p.unit), p.unit);
      if (quantity.lte(0)) throw new Error("zero");
      const seen = values[`p.${p.id}`];
      lines.push({ productId: p.id, quantity, seenPrice: seen && /^\d{1,12}(\.\d{1,2})?$/.test(seen) ? seen : undefined });
      total = total.plus(lineTotal(quantity, new D(p.price)));
    } catch {
      errors[`q.${p.id}`] = t(p.unit === "jin" || p.unit === "kg" ? "till.error.quantityWeight" : "till.error.quantityCount");
    }
  }
  if (!errors.form && lines.length === 0 && Object.keys(errors).length === 0) errors.form = t("till.error.empty");
  let payment: Payment | null = null;
  const intent = values.intent === "review" ? "review" : "complete";
  if (intent === "review") {
    // Reviewing only prices the lines: payment is asked for when completing.
    delete errors.payment;
    delete errors.tendered;
    delete errors.reference;
    return { ok: false, errors, values, total, intent };
  }
  if (parsed.ok) {
    if (parsed.data.payment === "cash") {
      try {
        const tendered = parsed.data.tendered ? parseAmount(parsed.data.tendered) : total;
        payment = { kind: "cash", tendered };
        if (tendered.lt(total)) errors.tendered = t("till.error.tender");
      } catch {
        errors.tendered = t("till.error.amount");
      }
    } else {
      if (!parsed.data.reference) errors.reference = t("till.error.reference");
      payment = { kind: "mobile", reference: parsed.data.reference };
    }
  }
  if (!parsed.ok || !payment || Object.keys(errors).length > 0) return { ok: false, errors, values, total, intent };
  return { ok: true, intent: parsed.data.intent, idempotencyKey: parsed.data.idempotencyKey, lines, total, payment, values };
}

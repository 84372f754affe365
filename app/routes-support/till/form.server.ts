import { z } from "zod";
import { D, type Dec, lineTotal, MoneyError, type MoneyErrorCode, parseAmount } from "~/domain/money";
import { checkMovementQuantity, MAX_MOVEMENT_QUANTITY, StockError } from "~/domain/stock";
import { parseQuantity, UnitError, type UnitErrorCode, type UnitCode } from "~/domain/units";
import type { Payment } from "~/models/till/sales.server";
import { formatQty } from "~/routes-support/goods/format";
import { type FieldErrors, formValues, keptValues, parseValues } from "~/utils/forms";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";
import { idempotencyKeyField } from "~/utils/idempotency";

/**
 * The sale form: fixed fields parsed by zod, and one quantity field per product (`q.<id>`,
 * with the price the form showed in `p.<id>`), parsed in the product's unit.
 */
const SaleFields = z.object({
  idempotencyKey: idempotencyKeyField("till.error.key"),
  intent: z.enum(["review", "complete"]).default("complete"),
  payment: z.enum(["cash", "mobile"], { error: "till.error.payment" }),
  tendered: z.string().trim().max(40, "till.error.amountTooLarge").optional().default(""),
  reference: z.string().trim().max(64, "validation.tooLong").optional().default(""),
});

/** One message per rule a typed amount breaks (issue 15): the person reads which rule, not "invalid". */
const AMOUNT_MESSAGES: Partial<Record<MoneyErrorCode, MessageKey>> = {
  TOO_MANY_DECIMALS: "till.error.amountDecimals",
  OUT_OF_RANGE: "till.error.amountTooLarge",
  NEGATIVE: "till.error.amountNegative",
};

/** The message for an amount parseAmount refused; anything else is rethrown. */
export function amountMessage(error: unknown): MessageKey {
  if (!(error instanceof MoneyError)) throw error;
  return AMOUNT_MESSAGES[error.code] ?? "till.error.amount";
}

/** An amount typed at the till (a float, a payout): "12.50", full-width digits too; refused in the till's words, one per rule. */
export const tillAmountField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(40, "till.error.amountTooLarge")
    .transform((value, ctx) => {
      try {
        return parseAmount(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: amountMessage(error) });
        return z.NEVER;
      }
    });

const WEIGHT_MESSAGES: Partial<Record<UnitErrorCode, MessageKey>> = {
  NOT_POSITIVE: "till.error.quantityNotPositive",
  TOO_MANY_DECIMALS: "till.error.weightDecimals",
};
const COUNT_MESSAGES: Partial<Record<UnitErrorCode, MessageKey>> = {
  NOT_POSITIVE: "till.error.quantityNotPositive",
  TOO_MANY_DECIMALS: "till.error.quantityWhole",
};

/**
 * The message for a quantity typed at the till that parseQuantity or checkMovementQuantity refused,
 * naming the rule: not a number, not above zero, too fine for the unit, or more than one movement
 * can be (MAX_MOVEMENT_QUANTITY, in the unit). Anything else is rethrown.
 */
export function quantityMessage(error: unknown, unit: UnitCode, t: Translate, lang: Lang): string {
  if (error instanceof StockError && error.code === "QUANTITY_TOO_LARGE") return t("till.error.quantityTooLarge", { max: formatQty(MAX_MOVEMENT_QUANTITY, unit, lang) });
  if (!(error instanceof UnitError)) throw error;
  const weight = unit === "jin" || unit === "kg";
  const key = (weight ? WEIGHT_MESSAGES : COUNT_MESSAGES)[error.code];
  return t(key ?? (weight ? "till.error.quantityWeight" : "till.error.quantityCount"));
}

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

export function parseSaleForm(formData: FormData, products: readonly TillProduct[], t: Translate, lang: Lang): ParsedSale {
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
      const seen = values[`p.${p.id}`];
      lines.push({ productId: p.id, quantity, seenPrice: seen && /^\d{1,12}(\.\d{1,2})?$/.test(seen) ? seen : undefined });
      total = total.plus(lineTotal(quantity, new D(p.price)));
    } catch (error) {
      errors[`q.${p.id}`] = quantityMessage(error, p.unit, t, lang);
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
      } catch (error) {
        errors.tendered = t(amountMessage(error));
      }
    } else {
      if (!parsed.data.reference) errors.reference = t("till.error.reference");
      payment = { kind: "mobile", reference: parsed.data.reference };
    }
  }
  if (!parsed.ok || !payment || Object.keys(errors).length > 0) return { ok: false, errors, values, total, intent };
  return { ok: true, intent: parsed.data.intent, idempotencyKey: parsed.data.idempotencyKey, lines, total, payment, values };
}

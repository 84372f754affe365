import { z } from "zod";
import { isBusinessDate } from "~/domain/ledger";
import { CatalogError, parseCommissionPercent } from "~/domain/catalog";
import { MoneyError, parseAmount } from "~/domain/money";
import { UPKEEP_KIND_LIST } from "~/domain/upkeep";
import { optionalText, requiredText } from "~/utils/forms";
import { idempotencyKeyField } from "~/utils/idempotency";

/** The upkeep and committee forms' schemas; messages are dictionary keys (translated by parseForm). */

/** A positive amount in yuan, to the fen. */
export const amountField = (allowZero = false) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .transform((raw, ctx) => {
      try {
        const value = parseAmount(raw);
        if (value.isZero() && !allowZero) throw new MoneyError("INVALID_AMOUNT", "zero");
        return value;
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
        ctx.addIssue({ code: "custom", message: "committee.form.amount" });
        return z.NEVER;
      }
    });

/** A percentage 0–100 with at most two decimals, returned as a rate 0–1. */
export const percentField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .transform((raw, ctx) => {
      try {
        return parseCommissionPercent(raw);
      } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        ctx.addIssue({ code: "custom", message: "committee.upkeep.error.rate" });
        return z.NEVER;
      }
    });

export const dateField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .refine((s) => isBusinessDate(s), "committee.form.date");

export const ExpenseForm = z.object({
  kind: z.enum(UPKEEP_KIND_LIST as [string, ...string[]], { error: "validation.required" }),
  amount: amountField(),
  date: dateField(),
  paidFrom: z.enum(["cash", "bank"], { error: "validation.required" }),
  payee: requiredText(100),
  note: optionalText(200),
  idempotencyKey: idempotencyKeyField("validation.invalid"),
});

export const DecisionForm = z.object({
  intent: z.enum(["approve", "reject"], { error: "validation.invalid" }),
  expenseId: z.string().uuid("validation.invalid"),
  note: optionalText(200),
});

export const SettingsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rate"), rate: percentField() }),
  z.object({
    intent: z.literal("budget"),
    year: z.coerce.number().int().min(2000).max(2100),
    ...Object.fromEntries(UPKEEP_KIND_LIST.map((k) => [k, amountField(true)])),
  }),
]);

import { z } from "zod";
import { OWNER_KINDS, parseCommissionPercent, parsePastDate, parsePrice, parseShelfLifeDays, PRODUCT_CATEGORIES, PRODUCT_STATUSES } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { isDomainError } from "~/domain/errors";
import { normalizePaymentAccount, PAYMENT_METHODS } from "~/domain/households";
import { UNIT_CODES } from "~/domain/units";
import { optionalPhoneField, optionalText, requiredText } from "~/utils/forms";
import { fieldMessageKey } from "./refusals";

/**
 * The goods and household forms: zod schemas whose messages are dictionary keys (translated
 * by parseForm). A domain parser's refusal becomes the field's message, in the words of the
 * goods refusal table (./refusals.ts).
 */

/** A form field read through a domain parser; its refusal (a CatalogError) becomes the field's message. */
function viaCatalog<T>(parse: (value: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.addIssue({ code: "custom", message: fieldMessageKey(error) });
      return z.NEVER;
    }
  };
}

const text = () => z.string().optional().transform((v) => v ?? "");
const optionalUuid = () =>
  text().refine((v) => v === "" || z.uuid().safeParse(v).success, "validation.invalid").transform((v) => (v === "" ? null : v));

export const ProductForm = z
  .object({
    nameZh: requiredText(60),
    nameEn: optionalText(100),
    descriptionZh: optionalText(2000),
    descriptionEn: optionalText(3000),
    category: z.enum(PRODUCT_CATEGORIES, { error: "validation.required" }),
    unit: z.enum(UNIT_CODES, { error: "validation.required" }),
    price: requiredText(20).transform(viaCatalog(parsePrice)),
    ownerKind: z.enum(OWNER_KINDS, { error: "validation.required" }),
    householdId: optionalUuid(),
    commissionPercent: text().transform(viaCatalog((v) => (v.trim() === "" ? null : parseCommissionPercent(v)))),
    originZh: optionalText(60),
    originEn: optionalText(100),
    harvestedOn: text().transform(viaCatalog((v) => (v.trim() === "" ? null : parsePastDate(v, chinaToday())))),
    shelfLifeDays: text().transform(viaCatalog(parseShelfLifeDays)),
    status: z.enum(PRODUCT_STATUSES).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.ownerKind === "household" && !form.householdId) {
      ctx.addIssue({ code: "custom", path: ["householdId"], message: "goods.error.householdRequired" });
    }
  })
  .transform(({ commissionPercent, ...form }) => ({
    ...form,
    commissionRate: commissionPercent,
    householdId: form.ownerKind === "household" ? form.householdId : null,
    partnerId: null,
  }));

/** The station's default commission, a percentage; anything unreadable gets the one message. */
export const DefaultRateForm = z.object({
  defaultCommissionPercent: z
    .string({ error: "goods.error.rateInvalid" })
    .trim()
    .min(1, "goods.error.rateInvalid")
    .max(10, "goods.error.rateInvalid")
    .transform(viaCatalog(parseCommissionPercent)),
});

export const HouseholdForm = z
  .object({
    headName: requiredText(40),
    villageGroup: optionalText(20),
    phone: optionalPhoneField(),
    paymentMethod: z.enum(PAYMENT_METHODS, { error: "validation.required" }),
    paymentAccount: optionalText(60),
    paymentInstitution: optionalText(40),
    notes: optionalText(500),
    status: z.enum(["active", "inactive"]).optional(),
  })
  .transform((form, ctx) => {
    // On edit an empty account box keeps the stored account (never sent back to the form).
    let paymentAccount: string | null = null;
    if (form.paymentAccount !== "" || form.paymentMethod === "cash") {
      try {
        paymentAccount = normalizePaymentAccount(form.paymentMethod, form.paymentAccount);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        ctx.addIssue({ code: "custom", path: ["paymentAccount"], message: fieldMessageKey(error) });
        return z.NEVER;
      }
    }
    return { ...form, phone: form.phone ?? "", paymentAccount };
  });

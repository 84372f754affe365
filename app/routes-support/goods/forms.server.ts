import { z } from "zod";
import {
  CatalogError,
  type CatalogErrorCode,
  GoodsError,
  type GoodsErrorCode,
  OWNER_KINDS,
  parseCommissionPercent,
  parsePastDate,
  parsePrice,
  parseShelfLifeDays,
  PRODUCT_CATEGORIES,
  PRODUCT_STATUSES,
} from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { HouseholdError, type HouseholdErrorCode, normalizePaymentAccount, PAYMENT_METHODS } from "~/domain/households";
import { StockError, type StockErrorCode } from "~/domain/stock";
import { UNIT_CODES, UnitError, type UnitErrorCode } from "~/domain/units";
import { PhotoError, type PhotoErrorCode } from "~/services/photos.server";
import { optionalPhoneField, optionalText, requiredText } from "~/utils/forms";
import type { MessageKey } from "~/utils/i18n";

/**
 * The goods and household forms: zod schemas whose messages are dictionary keys (translated
 * by parseForm), and the one mapping from each domain error code to the message shown beside
 * the field. A new error code without a message does not compile.
 */

const CATALOG_MESSAGES: Record<CatalogErrorCode, MessageKey> = {
  PRICE_INVALID: "goods.error.priceInvalid",
  PRICE_TOO_MANY_DECIMALS: "goods.error.priceDecimals",
  PRICE_NOT_POSITIVE: "goods.error.pricePositive",
  PRICE_TOO_HIGH: "goods.error.priceTooHigh",
  RATE_INVALID: "goods.error.rateInvalid",
  RATE_OUT_OF_RANGE: "goods.error.rateRange",
  RATE_TOO_MANY_DECIMALS: "goods.error.rateDecimals",
  DATE_INVALID: "goods.error.dateInvalid",
  DATE_IN_FUTURE: "goods.error.dateFuture",
  SHELF_LIFE_INVALID: "goods.error.shelfLife",
};

export const GOODS_MESSAGES: Record<GoodsErrorCode, MessageKey> = {
  PRODUCT_NOT_FOUND: "goods.error.productNotFound",
  HOUSEHOLD_NOT_FOUND: "goods.error.householdNotFound",
  HOUSEHOLD_INACTIVE: "goods.error.householdInactive",
  PRODUCT_NOT_CONSIGNED: "goods.error.productNotFound",
  PRODUCT_ARCHIVED: "goods.error.productArchived",
  UNIT_LOCKED: "goods.error.unitLocked",
  OWNER_LOCKED: "goods.error.ownerLocked",
  PHOTO_NOT_FOUND: "goods.error.photoNotFound",
  TOO_MANY_PHOTOS: "goods.error.tooManyPhotos",
};

const UNIT_MESSAGES: Record<UnitErrorCode, MessageKey> = {
  TOO_MANY_DECIMALS: "stock.error.quantityDecimals",
  NOT_POSITIVE: "stock.error.quantityPositive",
  INVALID_QUANTITY: "stock.error.quantityInvalid",
  OUT_OF_RANGE: "stock.error.quantityTooLarge",
  NOT_A_WEIGHT_UNIT: "stock.error.quantityInvalid",
};

export const STOCK_MESSAGES: Record<StockErrorCode, MessageKey> = {
  INSUFFICIENT_STOCK: "stock.error.insufficient",
  INSUFFICIENT_RESERVED: "stock.error.insufficientReserved",
  BELOW_RESERVED: "stock.error.belowReserved",
  QUANTITY_TOO_LARGE: "stock.error.quantityTooLarge",
  REASON_REQUIRED: "validation.required",
};

const HOUSEHOLD_MESSAGES: Record<HouseholdErrorCode, MessageKey> = {
  ACCOUNT_REQUIRED: "households.error.accountRequired",
  ACCOUNT_NOT_ALLOWED: "households.error.accountNotAllowed",
  BANK_ACCOUNT_INVALID: "households.error.bankAccount",
  MOBILE_ACCOUNT_INVALID: "households.error.mobileAccount",
};

export const PHOTO_MESSAGES: Record<PhotoErrorCode, MessageKey> = {
  NOT_AN_IMAGE: "goods.error.photoNotImage",
  TOO_LARGE: "goods.error.photoTooLarge",
  TOO_SMALL: "goods.error.photoTooSmall",
};

/** The message key for a quantity refused by the units or stock rules; a count unit gets its own wording. */
export function quantityMessage(error: unknown, countUnit: boolean): MessageKey | null {
  if (error instanceof UnitError) return error.code === "TOO_MANY_DECIMALS" && countUnit ? "stock.error.wholeNumber" : UNIT_MESSAGES[error.code];
  if (error instanceof StockError) return STOCK_MESSAGES[error.code];
  return null;
}

/** A form field read through a domain parser; its CatalogError becomes the field's message. */
function viaCatalog<T>(parse: (value: string) => T) {
  return (value: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      ctx.addIssue({ code: "custom", message: CATALOG_MESSAGES[error.code] });
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
        if (!(error instanceof HouseholdError)) throw error;
        ctx.addIssue({ code: "custom", path: ["paymentAccount"], message: HOUSEHOLD_MESSAGES[error.code] });
        return z.NEVER;
      }
    }
    return { ...form, phone: form.phone ?? "", paymentAccount };
  });

/** A new household must give its account now (when it is not paid in cash). */
export function missingAccount(form: { paymentMethod: string; paymentAccount: string | null }): boolean {
  return form.paymentMethod !== "cash" && form.paymentAccount === null;
}

export { GoodsError, PhotoError };

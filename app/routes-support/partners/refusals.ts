import { chinaToday } from "~/domain/dates";
import type { PartnerApiErrorCode } from "~/domain/partner-api";
import type { PartnerErrorCode } from "~/domain/partners";
import type { MessageKey } from "~/utils/i18n";
import type { Refusal, RefusalTable } from "~/utils/refusal";

/** The words for this feature's refused rules, by error feature and code (ADR 017). */

/** The station's and the admin's words for each partner rule: a new code without one does not compile. */
const PARTNER_MESSAGES: Record<PartnerErrorCode, MessageKey> = {
  PARTNER_NOT_FOUND: "partners.error.PARTNER_NOT_FOUND",
  PARTNER_INACTIVE: "partners.error.PARTNER_INACTIVE",
  PARTNER_NAME_TAKEN: "partners.error.PARTNER_NAME_TAKEN",
  NO_TERMS: "partners.error.NO_TERMS",
  UNKNOWN_PRODUCE: "partners.error.UNKNOWN_PRODUCE",
  MIXED_UNITS: "partners.error.MIXED_UNITS",
  EMPTY_ORDER: "partners.error.EMPTY_ORDER",
  DUPLICATE_LINE: "partners.error.DUPLICATE_LINE",
  BAD_QUANTITY: "partners.error.BAD_QUANTITY",
  BAD_PRICE: "partners.error.BAD_PRICE",
  BAD_DATE: "partners.error.BAD_DATE",
  DELIVERY_DATE_PAST: "partners.error.DELIVERY_DATE_PAST",
  ORDER_NOT_FOUND: "partners.error.ORDER_NOT_FOUND",
  ORDER_NOT_PLACED: "partners.error.ORDER_NOT_PLACED",
  ORDER_NOT_OPEN: "partners.error.ORDER_NOT_OPEN",
  ORDER_HAS_DELIVERIES: "partners.error.ORDER_HAS_DELIVERIES",
  OVER_ORDERED: "partners.error.OVER_ORDERED",
  OVER_AVAILABLE: "partners.error.OVER_AVAILABLE",
  NOT_ENOUGH_AVAILABLE: "partners.error.NOT_ENOUGH_AVAILABLE",
  EMPTY_DELIVERY: "partners.error.EMPTY_DELIVERY",
  WRONG_PRODUCE: "partners.error.WRONG_PRODUCE",
  PRODUCT_NOT_FOUND: "partners.error.PRODUCT_NOT_FOUND",
  NOT_PARTNER_GOODS: "partners.error.NOT_PARTNER_GOODS",
  NOT_ENOUGH_STOCK: "partners.error.NOT_ENOUGH_STOCK",
  ABOVE_OWED: "partners.error.ABOVE_OWED",
  ABOVE_OUTSTANDING: "partners.error.ABOVE_OUTSTANDING",
  REFERENCE_REQUIRED: "partners.error.REFERENCE_REQUIRED",
  IDEMPOTENCY_KEY_REUSED: "partners.error.IDEMPOTENCY_KEY_REUSED",
  STATION_NOT_FOUND: "partners.error.STATION_NOT_FOUND",
  DELIVERY_NOT_FOUND: "partners.error.DELIVERY_NOT_FOUND",
};

/** The admin's key screen and the API's own refusals. */
const PARTNER_API_MESSAGES: Record<PartnerApiErrorCode, Refusal> = {
  PARTNER_NOT_FOUND: { key: "partnerPortal.admin.choosePartner" },
  KEY_NOT_FOUND: { key: "partnerPortal.keys.keyNotFound" },
  IDEMPOTENCY_CONFLICT: { key: "partnerPortal.api.idempotencyConflict" },
};

/** A code → key table as refusals, each with the same extras (a screen's own kind). */
function byCode<C extends string>(messages: Partial<Record<C, MessageKey>>, extra: Omit<Refusal, "key"> = {}): Partial<Record<string, Refusal>> {
  const refusals: Partial<Record<string, Refusal>> = {};
  for (const [code, key] of Object.entries<MessageKey | undefined>(messages)) if (key) refusals[code] = { key, ...extra };
  return refusals;
}

export const PARTNER_REFUSALS: RefusalTable = {
  partners: byCode(PARTNER_MESSAGES),
  "partner-api": PARTNER_API_MESSAGES,
};

/** How a partner is told an order was refused, in the portal and the API alike: in the partner's own words. */
const PARTNER_ORDER_MESSAGES: Partial<Record<PartnerErrorCode, MessageKey>> = {
  PARTNER_NOT_FOUND: "partnerPortal.error.PARTNER_NOT_FOUND",
  PARTNER_INACTIVE: "partnerPortal.error.PARTNER_INACTIVE",
  NO_TERMS: "partnerPortal.error.NO_TERMS",
  EMPTY_ORDER: "partnerPortal.error.EMPTY_ORDER",
  DUPLICATE_LINE: "partnerPortal.error.DUPLICATE_LINE",
  UNKNOWN_PRODUCE: "partnerPortal.error.UNKNOWN_PRODUCE",
  MIXED_UNITS: "partnerPortal.error.MIXED_UNITS",
  BAD_QUANTITY: "partnerPortal.error.BAD_QUANTITY",
  BAD_PRICE: "partnerPortal.error.BAD_PRICE",
  BAD_DATE: "partnerPortal.error.BAD_DATE",
  STATION_NOT_FOUND: "partnerPortal.error.STATION_NOT_FOUND",
};

/**
 * The portal's order form and POST /api/v1/orders: every partner rule an order breaks is one
 * answer, 422, whatever its kind elsewhere (a partner cannot tell a station it may not see from
 * one that is not there, and an inactive company's order is refused as such, not as a conflict).
 */
export const PARTNER_ORDER_REFUSALS: RefusalTable = {
  partners: {
    ...byCode(PARTNER_ORDER_MESSAGES, { kind: "rule" }),
    DELIVERY_DATE_PAST: { key: "partnerPortal.error.DELIVERY_DATE_PAST", kind: "rule", field: "deliveryDate", vars: () => ({ today: chinaToday() }) },
    "*": { key: "partnerPortal.error.generic", kind: "rule" },
  },
};

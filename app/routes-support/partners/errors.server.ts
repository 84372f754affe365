import type { PartnerErrorCode } from "~/domain/partners";
import type { MessageKey } from "~/utils/i18n";

/** The message for a partner rule broken while placing an order, for the portal and the API alike. */
const ORDER_ERRORS: Partial<Record<PartnerErrorCode, MessageKey>> = {
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

export function orderErrorMessage(code: PartnerErrorCode): MessageKey {
  return ORDER_ERRORS[code] ?? "partnerPortal.error.generic";
}

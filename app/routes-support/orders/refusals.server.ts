import { data } from "@remix-run/node";
import { type OrderErrorCode, OrderError } from "~/domain/orders";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";
import { formatWhen } from "./view.server";

/**
 * How the order screens answer a rule the model refused: which status and which words. Input
 * the person can fix in a field → 400 with the field's error; a state that changed under them →
 * 409; a request that can never succeed as sent (an empty cart) → 422; a missing order → 404.
 */
const REFUSALS: Partial<Record<OrderErrorCode, { status: number; field: string; key: MessageKey }>> = {
  EMPTY_CART: { status: 422, field: "form", key: "orders.checkout.emptyCart" },
  PRICE_CHANGED: { status: 409, field: "form", key: "orders.checkout.priceChanged" },
  INSUFFICIENT_STOCK: { status: 409, field: "form", key: "orders.checkout.insufficientStock" },
  PRODUCT_UNAVAILABLE: { status: 409, field: "form", key: "orders.checkout.unavailable" },
  BAD_QUANTITY: { status: 409, field: "form", key: "orders.checkout.insufficientStock" },
  DELIVERY_NOT_OFFERED: { status: 422, field: "fulfilment", key: "orders.checkout.deliveryNotOffered" },
  PAYMENT_NOT_OFFERED: { status: 400, field: "payment", key: "orders.checkout.onlineUnavailable" },
  BAD_CONTACT: { status: 400, field: "phone", key: "validation.phone" },
  BAD_ADDRESS: { status: 400, field: "address", key: "orders.checkout.error.address" },
  TRANSITION_NOT_ALLOWED: { status: 409, field: "form", key: "orders.manage.error.notAllowed" },
  FORBIDDEN: { status: 403, field: "form", key: "orders.manage.error.forbidden" },
  WRONG_PICKUP_CODE: { status: 400, field: "pickupCode", key: "orders.manage.error.pickupCode" },
  SESSION_REQUIRED: { status: 409, field: "paidWith", key: "orders.manage.error.sessionRequired" },
  PAID_WITH_REQUIRED: { status: 400, field: "paidWith", key: "orders.checkout.error.choose" },
  TRACKING_REQUIRED: { status: 400, field: "trackingNumber", key: "validation.required" },
  REFUND_TOO_LARGE: { status: 400, field: "amount", key: "orders.manage.error.refundTooMuch" },
  NOT_REFUNDABLE: { status: 409, field: "form", key: "orders.manage.error.notAllowed" },
  BAD_DELIVERY_RULE: { status: 400, field: "flatFee", key: "validation.invalid" },
  BAD_DELIVERY_BAND: { status: 400, field: "form", key: "orders.checkout.error.badBand" },
};

/**
 * The response for an OrderError: `data({ errors, values }, { status })`, or a thrown 404 for an
 * order that is not there (or not this station's). Anything else is rethrown.
 */
export function orderRefusal(error: unknown, t: Translate, values: Record<string, string>, lang: Lang = "zh-CN") {
  if (!(error instanceof OrderError)) throw error;
  if (error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
  if (error.code === "PICKUP_CODE_LOCKED") {
    const until = error.details.lockedUntil ? formatWhen(error.details.lockedUntil, lang) : "";
    return data({ errors: { pickupCode: t("orders.manage.error.pickupLocked", { until }) } as Record<string, string>, values }, { status: 429 });
  }
  if (error.code === "WRONG_PICKUP_CODE" && error.details.attemptsLeft !== undefined) {
    const message = `${t("orders.manage.error.pickupCode")}${t("orders.manage.error.pickupAttemptsLeft", { count: error.details.attemptsLeft })}`;
    return data({ errors: { pickupCode: message } as Record<string, string>, values }, { status: 400 });
  }
  const refusal = REFUSALS[error.code];
  const message = refusal ? t(refusal.key) : t("orders.manage.error.generic", { code: error.code });
  const field = refusal?.field ?? "form";
  return data({ errors: { [field]: message } as Record<string, string>, values }, { status: refusal?.status ?? 409 });
}

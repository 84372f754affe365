import type { CartErrorCode, CartErrorDetails } from "~/domain/carts";
import { D } from "~/domain/money";
import { formatQty, formatStock } from "~/routes-support/goods/format";
import type { OrderErrorCode, OrderErrorDetails } from "~/domain/orders";
import type { PaymentErrorCode } from "~/domain/payments";
import type { Refusal, RefusalTable } from "~/utils/refusal";
import { formatWhen } from "./view.server";

/**
 * The words for the shop's and the orders' refused rules, by error feature and code (ADR 017):
 * the order model ("orders"), the cart ("cart") and online payment ("payments"). A code without
 * its own entry answers "this step could not be done: CODE" as a conflict (409), as the order
 * screens always have.
 */

const details = (error: { details: unknown }) => error.details as OrderErrorDetails;

const ORDER_WORDS: Partial<Record<OrderErrorCode | "*", Refusal>> = {
  EMPTY_CART: { key: "orders.checkout.emptyCart", field: "form" },
  PRICE_CHANGED: { key: "orders.checkout.priceChanged", field: "form" },
  INSUFFICIENT_STOCK: { key: "orders.checkout.insufficientStock", field: "form" },
  PRODUCT_UNAVAILABLE: { key: "orders.checkout.unavailable", field: "form" },
  BAD_QUANTITY: { key: "orders.checkout.insufficientStock", field: "form" },
  DELIVERY_NOT_OFFERED: { key: "orders.checkout.deliveryNotOffered", field: "fulfilment" },
  PAYMENT_NOT_OFFERED: { key: "orders.checkout.onlineUnavailable", field: "payment" },
  BAD_CONTACT: { key: "validation.phone", field: "phone" },
  BAD_ADDRESS: { key: "orders.checkout.error.address", field: "address" },
  TRANSITION_NOT_ALLOWED: { key: "orders.manage.error.notAllowed", field: "form" },
  FORBIDDEN: { key: "orders.manage.error.forbidden", field: "form" },
  // The wrong code, and how many more the operator may type before the handover locks.
  WRONG_PICKUP_CODE: {
    key: "orders.manage.error.pickupCodeTries",
    field: "pickupCode",
    vars: (error, _lang, t) => {
      const { attemptsLeft } = details(error);
      return { wrong: t("orders.manage.error.pickupCode"), left: attemptsLeft === undefined ? "" : t("orders.manage.error.pickupAttemptsLeft", { count: attemptsLeft }) };
    },
  },
  PICKUP_CODE_LOCKED: {
    key: "orders.manage.error.pickupLocked",
    field: "pickupCode",
    vars: (error, lang) => {
      const { lockedUntil } = details(error);
      return { until: lockedUntil ? formatWhen(lockedUntil, lang) : "" };
    },
  },
  SESSION_REQUIRED: { key: "orders.manage.error.sessionRequired", field: "paidWith" },
  PAID_WITH_REQUIRED: { key: "orders.checkout.error.choose", field: "paidWith" },
  PAID_REFERENCE_REQUIRED: { key: "orders.manage.error.paidReference", field: "paidReference" },
  TRACKING_REQUIRED: { key: "validation.required", field: "trackingNumber" },
  REFUND_TOO_LARGE: { key: "orders.manage.error.refundTooMuch", field: "amount" },
  NOT_REFUNDABLE: { key: "orders.manage.error.notAllowed", field: "form" },
  BAD_DELIVERY_RULE: { key: "validation.invalid", field: "flatFee" },
  BAD_DELIVERY_BAND: { key: "orders.checkout.error.badBand", field: "form" },
  "*": { key: "orders.manage.error.generic", field: "form", vars: (error) => ({ code: error.code }), kind: "conflict" },
};

const CART_WORDS: Record<CartErrorCode, Refusal> = {
  PRODUCT_UNAVAILABLE: { key: "orders.cart.error.unavailable", field: "form" },
  // How much is left (as the page shows stock) and how much the cart already holds, so the buyer knows what to type.
  INSUFFICIENT_STOCK: {
    key: "orders.cart.error.notEnough",
    field: "quantity",
    vars: (error, lang, t) => {
      const { unit, available, inCart } = error.details as unknown as CartErrorDetails;
      return {
        available: formatStock(available, unit, lang),
        inCart: new D(inCart).gt(0) ? t("orders.cart.error.alreadyInCart", { quantity: formatQty(inCart, unit, lang) }) : "",
      };
    },
  },
  SOLD_OUT: { key: "orders.cart.error.soldOut", field: "quantity" },
  QUANTITY_TOO_LARGE: { key: "orders.cart.error.tooMuch", field: "quantity" },
  NOT_IN_CART: { key: "orders.cart.error.notInCart", field: "form" },
};

type PaymentsCode = PaymentErrorCode | "BAD_SIGNATURE" | "GATEWAY_REFUSED" | "GATEWAY_UNAVAILABLE";

const PAYMENT_WORDS: Partial<Record<PaymentsCode | "*", Refusal>> = {
  NOT_PAYABLE: { key: "payments.error.notPayable", field: "form" },
  REFUND_TOO_LARGE: { key: "orders.manage.error.refundTooMuch", field: "amount" },
  BAD_AMOUNT: { key: "orders.manage.error.refundTooMuch", field: "amount" },
  GATEWAY_UNAVAILABLE: { key: "orders.checkout.paymentUnavailable", field: "form" },
};

export const ORDER_REFUSALS: RefusalTable = { orders: ORDER_WORDS, cart: CART_WORDS, payments: PAYMENT_WORDS };

/**
 * The station's refund form words every refused refund its own way: a gateway that is down means
 * "press Refund again later", and any other refusal of the payment model is a conflict (409).
 */
export const REFUND_REFUSALS: RefusalTable = {
  payments: {
    REFUND_TOO_LARGE: PAYMENT_WORDS.REFUND_TOO_LARGE,
    BAD_AMOUNT: PAYMENT_WORDS.BAD_AMOUNT,
    GATEWAY_UNAVAILABLE: { key: "orders.manage.refundGatewayDown", field: "form" },
    "*": { key: "orders.manage.error.generic", field: "form", vars: (error) => ({ code: error.code }), kind: "conflict" },
  } satisfies Partial<Record<PaymentsCode | "*", Refusal>>,
};

/**
 * Online orders (issue 7, ADR 010): one import for the order models. Each file below owns one
 * responsibility; this only gathers their exports for the payments and order-screen code.
 */
export * from "./orders-checkout.server";
export * from "./orders-lifecycle.server";
export * from "./orders-money.server";
export * from "./orders-pickup.server";
export * from "./orders-read.server";
export * from "./orders-sweeper.server";
export type { Checkout, Notification, Order, OrderEventRow, OrderLine, OrderScope, TransitionInput, TransitionResult } from "./orders-shared.server";
export { OrderError } from "~/domain/orders";
export type { DeliveryBand, DeliveryRule, OrderErrorCode, OrderPayment, OrderStatus, PaidWith } from "~/domain/orders";

/**
 * Online orders (issue 7, ADR 010): one import for the order models. Each file below owns one
 * responsibility; this only gathers their exports for the payments and order-screen code.
 */
export * from "./checkout.server";
export * from "./lifecycle.server";
export * from "./money.server";
export * from "./pickup.server";
export * from "./read.server";
export * from "./sweeper.server";
export type { Checkout, Notification, Order, OrderEventRow, OrderLine, OrderScope, TransitionInput, TransitionResult } from "./shared.server";
export { OrderError } from "~/domain/orders";
export type { DeliveryBand, DeliveryRule, OrderErrorCode, OrderPayment, OrderStatus, PaidWith } from "~/domain/orders";

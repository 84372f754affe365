import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { OWNER_KINDS } from "../../app/domain/catalog";
import {
  CHECKOUT_STATUSES,
  FULFILMENT_KINDS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  ORDER_EVENTS,
  ORDER_PAYMENTS,
  ORDER_STATUSES,
  PAID_WITH,
  type DeliveryBand,
  MAX_DELIVERY_BANDS,
  PICKUP_CODE_MAX_ATTEMPTS,
} from "../../app/domain/orders";
import { cashSessions } from "./cash-sessions";
import { products } from "./catalog";
import { users } from "./identity";
import { stations } from "./stations";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * Online orders (issue 7, ADR 010). A checkout is one buyer submission, paid together; it has one
 * order per station. Orders change status only through the models' transitions (each writes an
 * order_events row and a notifications row in the same transaction); the database holds the
 * shapes (CHECKs) and the flow (trigger `orders_status_flow`, custom migration).
 */
export const checkouts = pgTable(
  "checkouts",
  {
    id: uuid("id").primaryKey(),
    /** The guest's tracking link /orders/<token>: 128 random bits, base64url. */
    token: text("token").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    buyerUserId: uuid("buyer_user_id").references(() => users.id),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    contactEmail: text("contact_email"),
    fulfilment: text("fulfilment", { enum: FULFILMENT_KINDS }).notNull(),
    deliveryAddress: text("delivery_address"),
    payment: text("payment", { enum: ORDER_PAYMENTS }).notNull(),
    status: text("status", { enum: CHECKOUT_STATUSES }).notNull(),
    total: numeric("total", { precision: 14, scale: 2 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    paymentIntentId: text("payment_intent_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checkouts_token_key").on(t.token),
    uniqueIndex("checkouts_idempotency_key").on(t.idempotencyKey),
    index("checkouts_buyer_idx").on(t.buyerUserId),
    index("checkouts_pending_idx").on(t.status, t.expiresAt),
    check("checkouts_token_format", sql`${t.token} ~ '^[A-Za-z0-9_-]{22,64}$'`),
    check("checkouts_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 8 and 100`),
    check("checkouts_status_valid", sql`${t.status} in (${inList(CHECKOUT_STATUSES)})`),
    check("checkouts_payment_valid", sql`${t.payment} in (${inList(ORDER_PAYMENTS)})`),
    check("checkouts_fulfilment_valid", sql`${t.fulfilment} in (${inList(FULFILMENT_KINDS)})`),
    check("checkouts_total_nonnegative", sql`${t.total} >= 0`),
    check("checkouts_contact", sql`char_length(${t.contactName}) between 1 and 60 and ${t.contactPhone} ~ '^1[3-9][0-9]{9}$'`),
    check("checkouts_address_shape", sql`(${t.fulfilment} = 'delivery') = (${t.deliveryAddress} is not null and char_length(${t.deliveryAddress}) between 5 and 200)`),
    check("checkouts_status_shape", sql`(${t.payment} = 'online') = (${t.status} <> 'placed')`),
    check("checkouts_paid_shape", sql`${t.status} <> 'paid' or ${t.paidAt} is not null`),
  ]
);

/** One station's part of a checkout. Numbered per station; money as NUMERIC(14,2). */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey(),
    checkoutId: uuid("checkout_id")
      .notNull()
      .references(() => checkouts.id),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    number: integer("number").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull(),
    payment: text("payment", { enum: ORDER_PAYMENTS }).notNull(),
    fulfilment: text("fulfilment", { enum: FULFILMENT_KINDS }).notNull(),
    goodsTotal: numeric("goods_total", { precision: 14, scale: 2 }).notNull(),
    deliveryFee: numeric("delivery_fee", { precision: 14, scale: 2 }).notNull().default("0"),
    /** The distance (km) the buyer declared for a banded delivery fee; null: flat fee or pickup. */
    deliveryBandKm: numeric("delivery_band_km", { precision: 6, scale: 2 }),
    total: numeric("total", { precision: 14, scale: 2 }).notNull(),
    refundedAmount: numeric("refunded_amount", { precision: 14, scale: 2 }).notNull().default("0"),
    pickupCode: text("pickup_code").notNull(),
    paidWith: text("paid_with", { enum: PAID_WITH }),
    /** A mobile payment taken at the hand-over: the payer's transaction number, as typed (4–64 characters). */
    paidReference: text("paid_reference"),
    cashSessionId: uuid("cash_session_id"),
    trackingNumber: text("tracking_number"),
    cancelReason: text("cancel_reason"),
    cancelledBy: text("cancelled_by"),
    placedAt: timestamp("placed_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    packedAt: timestamp("packed_at", { withTimezone: true }),
    readyAt: timestamp("ready_at", { withTimezone: true }),
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("orders_station_number_key").on(t.stationId, t.number),
    unique("orders_id_station_key").on(t.id, t.stationId),
    index("orders_checkout_idx").on(t.checkoutId),
    index("orders_station_status_idx").on(t.stationId, t.status, t.number),
    foreignKey({ name: "orders_session_fk", columns: [t.cashSessionId, t.stationId], foreignColumns: [cashSessions.id, cashSessions.stationId] }),
    check("orders_number_positive", sql`${t.number} >= 1`),
    check("orders_status_valid", sql`${t.status} in (${inList(ORDER_STATUSES)})`),
    check("orders_payment_valid", sql`${t.payment} in (${inList(ORDER_PAYMENTS)})`),
    check("orders_fulfilment_valid", sql`${t.fulfilment} in (${inList(FULFILMENT_KINDS)})`),
    check("orders_amounts_nonnegative", sql`${t.goodsTotal} > 0 and ${t.deliveryFee} >= 0 and ${t.refundedAmount} >= 0`),
    check("orders_total_sum", sql`${t.total} = ${t.goodsTotal} + ${t.deliveryFee}`),
    check("orders_refund_within_total", sql`${t.refundedAmount} <= ${t.total}`),
    check("orders_refund_online_only", sql`${t.refundedAmount} = 0 or (${t.payment} = 'online' and ${t.paidAt} is not null)`),
    check("orders_pickup_code_format", sql`${t.pickupCode} ~ '^[0-9]{6}$'`),
    check("orders_paid_reference_shape", sql`${t.paidReference} is null or (${t.paidWith} = 'mobile' and char_length(${t.paidReference}) between 4 and 64)`),
    check("orders_paid_with_valid", sql`${t.paidWith} is null or (${t.payment} = 'at_pickup' and ${t.paidWith} in (${inList(PAID_WITH)}))`),
    check("orders_start_shape", sql`${t.status} not in ('pending_payment', 'paid') or ${t.payment} = 'online'`),
    check("orders_placed_shape", sql`${t.status} <> 'placed' or ${t.payment} = 'at_pickup'`),
    check("orders_delivery_shape", sql`${t.fulfilment} = 'delivery' or ${t.deliveryFee} = 0`),
    check("orders_delivery_band_shape", sql`${t.deliveryBandKm} is null or (${t.fulfilment} = 'delivery' and ${t.deliveryBandKm} > 0)`),
    check("orders_tracking_shape", sql`${t.trackingNumber} is null or char_length(${t.trackingNumber}) between 1 and 64`),
    check("orders_cancel_reason_length", sql`${t.cancelReason} is null or char_length(${t.cancelReason}) <= 200`),
  ]
);

/** One product of an order, priced at checkout (what the buyer saw and agreed to). */
export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    stationId: uuid("station_id").notNull(),
    lineNo: integer("line_no").notNull(),
    productId: uuid("product_id").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    commission: numeric("commission", { precision: 14, scale: 2 }).notNull(),
    commissionRate: numeric("commission_rate", { precision: 6, scale: 4 }).notNull(),
    ownerKind: text("owner_kind", { enum: OWNER_KINDS }).notNull(),
    householdId: uuid("household_id"),
    partnerId: uuid("partner_id"),
  },
  (t) => [
    unique("order_lines_order_line_key").on(t.orderId, t.lineNo),
    unique("order_lines_order_product_key").on(t.orderId, t.productId),
    foreignKey({ name: "order_lines_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [orders.id, orders.stationId] }),
    foreignKey({ name: "order_lines_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check("order_lines_amount_split", sql`${t.amount} > 0 and ${t.unitPrice} > 0 and ${t.commission} >= 0 and ${t.commission} <= ${t.amount}`),
    check(
      "order_lines_owner_shape",
      sql`(${t.ownerKind} = 'household' and ${t.householdId} is not null) or (${t.ownerKind} = 'partner' and ${t.partnerId} is not null)
       or (${t.ownerKind} = 'collective' and ${t.commission} = 0)`
    ),
  ]
);

/** Every status change (and payment, refund) of an order: append-only; a request key is used once per order. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid("order_id").notNull(),
    stationId: uuid("station_id").notNull(),
    event: text("event", { enum: ORDER_EVENTS }).notNull(),
    fromStatus: text("from_status", { enum: ORDER_STATUSES }),
    toStatus: text("to_status", { enum: ORDER_STATUSES }).notNull(),
    actorKind: text("actor_kind").notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    idempotencyKey: text("idempotency_key").notNull(),
    journalId: uuid("journal_id"),
    data: jsonb("data").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("order_events_idempotency_key").on(t.orderId, t.idempotencyKey),
    index("order_events_order_idx").on(t.orderId, t.id),
    foreignKey({ name: "order_events_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [orders.id, orders.stationId] }),
    check("order_events_event_valid", sql`${t.event} in (${inList(ORDER_EVENTS)})`),
    check("order_events_actor_valid", sql`${t.actorKind} in ('buyer', 'station', 'system')`),
    check("order_events_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 1 and 200`),
  ]
);

/** The outbox: what to tell the buyer, sent by email when SMTP is configured, else shown on the order page. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
    recipient: text("recipient").notNull(),
    templateKey: text("template_key").notNull(),
    vars: jsonb("vars").notNull().default({}),
    status: text("status", { enum: NOTIFICATION_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_pending_idx").on(t.status, t.createdAt),
    index("notifications_order_idx").on(t.orderId, t.createdAt),
    check("notifications_channel_valid", sql`${t.channel} in (${inList(NOTIFICATION_CHANNELS)})`),
    check("notifications_status_valid", sql`${t.status} in (${inList(NOTIFICATION_STATUSES)})`),
    check("notifications_sent_shape", sql`(${t.status} = 'sent') = (${t.sentAt} is not null)`),
    check("notifications_template_format", sql`${t.templateKey} ~ '^[a-z][a-z0-9_.]{2,80}$'`),
  ]
);

/**
 * A station's online-order settings: whether it delivers, the flat fee and the order value from
 * which delivery is free; and the last order number (taken under this row's lock, gap-free).
 */
export const stationOrderSettings = pgTable(
  "station_order_settings",
  {
    stationId: uuid("station_id")
      .primaryKey()
      .references(() => stations.id),
    deliveryOffered: boolean("delivery_offered").notNull().default(false),
    deliveryFlatFee: numeric("delivery_flat_fee", { precision: 14, scale: 2 }).notNull().default("0"),
    deliveryFreeAbove: numeric("delivery_free_above", { precision: 14, scale: 2 }),
    /** Distance bands, ascending by upToKm (checkDeliveryRule); empty: the flat fee everywhere. */
    deliveryBands: jsonb("delivery_bands").$type<DeliveryBand[]>().notNull().default([]),
    lastOrderNumber: integer("last_order_number").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("station_order_settings_fee_nonnegative", sql`${t.deliveryFlatFee} >= 0 and (${t.deliveryFreeAbove} is null or ${t.deliveryFreeAbove} >= 0)`),
    check("station_order_settings_number_nonnegative", sql`${t.lastOrderNumber} >= 0`),
    check(
      "station_order_settings_bands_shape",
      sql`jsonb_typeof(${t.deliveryBands}) = 'array' and jsonb_array_length(${t.deliveryBands}) <= ${sql.raw(String(MAX_DELIVERY_BANDS))}`
    ),
  ]
);

/**
 * Wrong pickup codes typed for an order (ADR 010): counted in the refusal's own transaction (the
 * order itself untouched); the 5th in a row locks the handover until `locked_until` and starts a
 * new count. `total_failed` only grows (for the audit).
 */
export const orderPickupAttempts = pgTable(
  "order_pickup_attempts",
  {
    orderId: uuid("order_id").primaryKey(),
    stationId: uuid("station_id").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    totalFailed: integer("total_failed").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull(),
    lastFailedBy: uuid("last_failed_by").references(() => users.id),
  },
  (t) => [
    foreignKey({ name: "order_pickup_attempts_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [orders.id, orders.stationId] }),
    check(
      "order_pickup_attempts_counts",
      sql`${t.failedAttempts} >= 0 and ${t.failedAttempts} < ${sql.raw(String(PICKUP_CODE_MAX_ATTEMPTS))} and ${t.totalFailed} >= ${t.failedAttempts}`
    ),
  ]
);

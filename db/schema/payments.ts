import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, numeric, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { checkouts, orders } from "./orders";
import { stations } from "./stations";

/**
 * Online payment through Stripe Checkout (issue 7, ADR 011). The orders and their journals are
 * H1's (db/schema/orders.ts); these tables only remember what was asked of Stripe and which of
 * its webhook events have been applied, so a replay changes nothing.
 */

export const PAYMENT_STATUSES = ["open", "paid", "expired", "rejected"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Why a payment that arrived was not kept, and is refunded in full automatically. */
export const PAYMENT_REJECTIONS = ["late", "mismatch"] as const;
export const REFUND_KINDS = ["order", "automatic"] as const;
export const REFUND_STATUSES = ["requested", "pending", "succeeded", "failed", "canceled", "requires_action"] as const;
export type RefundRowStatus = (typeof REFUND_STATUSES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** One Checkout Session we opened for a checkout: attempt 1, and a new attempt only after the previous one expired. */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    checkoutId: uuid("checkout_id")
      .notNull()
      .references(() => checkouts.id),
    attempt: integer("attempt").notNull(),
    /** Null until the gateway answered: the row is written first so the call's idempotency key and parameters never change. */
    sessionId: text("session_id"),
    url: text("url"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull().default("open"),
    rejection: text("rejection", { enum: PAYMENT_REJECTIONS }),
    paymentIntentId: text("payment_intent_id"),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("payments_checkout_attempt_key").on(t.checkoutId, t.attempt),
    unique("payments_session_key").on(t.sessionId),
    unique("payments_intent_key").on(t.paymentIntentId),
    // At most one payment is kept per checkout; any other that arrives is rejected and refunded.
    uniqueIndex("payments_one_paid_per_checkout").on(t.checkoutId).where(sql`status = 'paid'`),
    check("payments_attempt_positive", sql`${t.attempt} >= 1`),
    check("payments_amount_positive", sql`${t.amount} > 0`),
    check("payments_open_has_session", sql`${t.status} = 'open' or ${t.sessionId} is not null`),
    check("payments_status_valid", sql`${t.status} in (${inList(PAYMENT_STATUSES)})`),
    check(
      "payments_status_shape",
      sql`(${t.status} in ('open', 'expired') and ${t.rejection} is null)
       or (${t.status} = 'paid' and ${t.rejection} is null and ${t.paymentIntentId} is not null and ${t.paidAt} is not null)
       or (${t.status} = 'rejected' and ${t.rejection} in (${inList(PAYMENT_REJECTIONS)}) and ${t.paymentIntentId} is not null)`,
    ),
  ],
);

/**
 * Each webhook event applied, keyed by Stripe's event id: inserted in the same transaction as
 * the event's effect, so a replayed or concurrent duplicate finds it and changes nothing.
 */
export const paymentEvents = pgTable(
  "payment_events",
  {
    eventId: text("event_id").primaryKey(),
    type: text("type").notNull(),
    objectId: text("object_id").notNull(),
    /** What applying it did, for the record: "paid", "expired", "refund:succeeded", "none", ... */
    effect: text("effect").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("payment_events_object_idx").on(t.objectId)],
);

/**
 * A refund asked of Stripe: an operator's (whole or part of one order) or an automatic one (a
 * payment that arrived after its checkout expired). Written before the SDK call, so the call's
 * idempotency key (`refund:<id>`) survives a crash; posted to the books only when a webhook
 * confirms it (`recordedAt`).
 */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id),
    kind: text("kind", { enum: REFUND_KINDS }).notNull(),
    stationId: uuid("station_id").references(() => stations.id),
    orderId: uuid("order_id"),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    providerRefundId: text("provider_refund_id"),
    status: text("status", { enum: REFUND_STATUSES }).notNull().default("requested"),
    requestedBy: uuid("requested_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
  },
  (t) => [
    unique("refunds_provider_key").on(t.providerRefundId),
    unique("refunds_idempotency_key").on(t.paymentId, t.idempotencyKey),
    index("refunds_order_idx").on(t.orderId),
    foreignKey({ name: "refunds_order_fk", columns: [t.orderId, t.stationId], foreignColumns: [orders.id, orders.stationId] }),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
    check("refunds_status_valid", sql`${t.status} in (${inList(REFUND_STATUSES)})`),
    check(
      "refunds_kind_shape",
      sql`(${t.kind} = 'order' and ${t.orderId} is not null and ${t.stationId} is not null)
       or (${t.kind} = 'automatic' and ${t.orderId} is null)`,
    ),
    check("refunds_recorded_only_succeeded", sql`${t.recordedAt} is null or ${t.status} = 'succeeded'`),
  ],
);

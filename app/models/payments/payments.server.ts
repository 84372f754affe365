import { and, desc, eq, sql } from "drizzle-orm";
import { D } from "~/domain/money";
import type { GatewayEvent, GatewaySession, PaymentsGateway } from "~/domain/payments";
import type { Db } from "../../../db/client.server";
import { paymentEvents, payments, refunds } from "../../../db/schema/payments";
import { withLedgerRetry } from "~/models/ledger/journals.server";
import { getCheckoutForPayment, recordOnlinePayment } from "~/models/orders/orders.server";
import { applyRefundState, sendPendingRefunds } from "./refunds.server";

export { listOrderRefunds, requestRefund } from "./refunds.server";
export { PaymentError, type PaymentErrorCode } from "~/domain/payments";
import { PaymentError } from "~/domain/payments";

/**
 * Online payment through the gateway (issue 7, ADR 011). The gateway is handed in (built once in
 * server.ts); nothing here trusts the order in which webhooks arrive: each event only says which
 * object changed, and its current state is read back from the gateway before anything is applied.
 * Each applied event's id is inserted in the same transaction as its effect, so a replay — or ten
 * copies at once — changes nothing. Lock order: payments row → H1's checkout → its orders.
 */

export type Payment = typeof payments.$inferSelect;

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after it is made. */
const MIN_SESSION_MINUTES = 31;

/** Where the buyer comes back to: the pay route confirms the payment, then shows the order. */
export function returnUrls(baseUrl: string, token: string): { successUrl: string; cancelUrl: string } {
  return {
    successUrl: `${baseUrl}/orders/${token}/pay?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${baseUrl}/orders/${token}?payment=cancelled`,
  };
}

async function latestAttempt(db: Db, checkoutId: string): Promise<Payment | null> {
  const [row] = await db.select().from(payments).where(eq(payments.checkoutId, checkoutId)).orderBy(desc(payments.attempt)).limit(1);
  return row ?? null;
}

/**
 * The hosted payment page for a checkout: the open session if there is one, else a new attempt.
 * The attempt's row is written before the gateway is called, so a double submit or a retry after
 * a crash sends the same idempotency key (`checkout:<id>:attempt:<n>`) with the same parameters.
 * When the checkout turns out to be paid already, the url is the order page.
 * @throws PaymentError NOT_FOUND | NOT_PAYABLE; PaymentsUnavailableError, PaymentsRefusedError
 */
export async function startOnlinePayment(
  db: Db,
  gateway: PaymentsGateway,
  { checkoutId, baseUrl, now = new Date() }: { checkoutId: string; baseUrl: string; now?: Date },
): Promise<{ url: string; alreadyPaid: boolean }> {
  const checkout = await getCheckoutForPayment(db, { checkoutId, now });
  if (!checkout) throw new PaymentError("NOT_FOUND");
  const orderPage = `${baseUrl}/orders/${checkout.token}`;
  let latest = await latestAttempt(db, checkoutId);
  if (latest?.status === "paid") return { url: orderPage, alreadyPaid: true };
  if (!checkout.payable) throw new PaymentError("NOT_PAYABLE");

  if (latest?.status === "open" && latest.sessionId) {
    const session = await gateway.retrieveCheckoutSession(latest.sessionId);
    if (session.status === "open" && session.url) return { url: session.url, alreadyPaid: false };
    // Paid while its webhook is still on the way, or expired: settle it now.
    await applySessionNow(db, gateway, session, now);
    latest = await latestAttempt(db, checkoutId);
    if (latest?.status === "paid") return { url: orderPage, alreadyPaid: true };
  }

  let row = latest?.status === "open" ? latest : null;
  if (!row) {
    const attempt = (latest?.attempt ?? 0) + 1;
    const floor = new Date(now.getTime() + MIN_SESSION_MINUTES * 60_000);
    const expiresAt = checkout.expiresAt && checkout.expiresAt > floor ? checkout.expiresAt : floor;
    await db.insert(payments).values({ checkoutId, attempt, amount: checkout.total, expiresAt }).onConflictDoNothing();
    row = (await db.select().from(payments).where(and(eq(payments.checkoutId, checkoutId), eq(payments.attempt, attempt))))[0]!;
  }
  if (row.sessionId && row.url) return { url: row.url, alreadyPaid: false };

  const lines = checkout.orders.map((o) => ({ name: `${o.stationNameZh} 订单 No.${o.number}`, amount: o.total }));
  if (!new D(checkout.total).eq(lines.reduce((a, l) => a.plus(l.amount), new D(0)))) throw new PaymentError("NOT_PAYABLE", "order totals do not add up to the checkout");
  const session = await gateway.createCheckoutSession({
    checkoutId,
    attempt: row.attempt,
    lines,
    ...returnUrls(baseUrl, checkout.token),
    expiresAt: row.expiresAt,
    idempotencyKey: `checkout:${checkoutId}:attempt:${row.attempt}`,
  });
  await db
    .update(payments)
    .set({ sessionId: session.id, url: session.url, updatedAt: sql`now()` })
    .where(and(eq(payments.id, row.id), sql`${payments.sessionId} is null`));
  if (!session.url) throw new PaymentError("NOT_PAYABLE", "the gateway gave no payment page");
  return { url: session.url, alreadyPaid: false };
}

/**
 * Applies a session's current state in the caller's transaction: paid → H1's recordOnlinePayment
 * (journals per order); a payment H1 cannot keep (late, mismatch) → rejected, with an automatic
 * whole refund row that `sendPendingRefunds` then sends; expired → the attempt is closed.
 * Returns what it did, for payment_events.effect.
 */
export async function applySession(tx: Db, session: GatewaySession, occurredAt: Date): Promise<string> {
  const [payment] = await tx.select().from(payments).where(eq(payments.sessionId, session.id)).for("update");
  if (!payment) return "unknown-session";
  if (payment.checkoutId !== session.checkoutId) return "checkout-mismatch";
  if (session.status === "expired") {
    const done = await tx
      .update(payments)
      .set({ status: "expired", updatedAt: sql`now()` })
      .where(and(eq(payments.id, payment.id), eq(payments.status, "open")))
      .returning({ id: payments.id });
    return done.length ? "expired" : "none";
  }
  if (session.status !== "complete" || !session.paid || !session.paymentIntentId) return "none";
  if (payment.status === "paid" || payment.status === "rejected") return "already";

  const { outcome } = await recordOnlinePayment(tx, {
    checkoutId: payment.checkoutId,
    amount: session.amount,
    paymentIntentId: session.paymentIntentId,
    occurredAt,
  });
  if (outcome === "recorded" || outcome === "already") {
    await tx
      .update(payments)
      .set({ status: "paid", paymentIntentId: session.paymentIntentId, paidAt: occurredAt, updatedAt: sql`now()` })
      .where(eq(payments.id, payment.id));
    return "paid";
  }
  // The goods were released (late) or the amount is wrong: the money goes back in full, by itself.
  await tx
    .update(payments)
    .set({ status: "rejected", rejection: outcome, paymentIntentId: session.paymentIntentId, updatedAt: sql`now()` })
    .where(eq(payments.id, payment.id));
  await tx
    .insert(refunds)
    .values({ paymentId: payment.id, kind: "automatic", amount: session.amount, idempotencyKey: "automatic" })
    .onConflictDoNothing();
  return `rejected:${outcome}`;
}

async function applySessionNow(db: Db, gateway: PaymentsGateway, session: GatewaySession, at: Date): Promise<string> {
  const effect = await withLedgerRetry(db, (tx) => applySession(tx, session, at));
  await sendPendingRefunds(db, gateway, { sessionId: session.id });
  return effect;
}

/**
 * The buyer is back from the hosted page (`?session_id=`): the session is read from the gateway
 * and applied at once, so the order shows paid even before the webhook arrives. A session that is
 * not this checkout's is refused (NOT_FOUND).
 */
export async function confirmReturn(
  db: Db,
  gateway: PaymentsGateway,
  { checkoutId, sessionId, now = new Date() }: { checkoutId: string; sessionId: string; now?: Date },
): Promise<"paid" | "pending" | "failed"> {
  const [payment] = await db.select().from(payments).where(and(eq(payments.sessionId, sessionId), eq(payments.checkoutId, checkoutId)));
  if (!payment) throw new PaymentError("NOT_FOUND");
  if (payment.status === "paid") return "paid";
  const session = await gateway.retrieveCheckoutSession(sessionId);
  await applySessionNow(db, gateway, session, now);
  const [after] = await db.select({ status: payments.status }).from(payments).where(eq(payments.id, payment.id));
  return after?.status === "paid" ? "paid" : after?.status === "open" ? "pending" : "failed";
}

const SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);
const REFUND_EVENTS = new Set(["refund.created", "refund.updated", "refund.failed"]);

export type EventOutcome = "applied" | "duplicate" | "ignored";

/** Inserts the event id and applies its effect in one transaction; a second copy finds the id and stops. */
async function once(db: Db, event: GatewayEvent, apply: (tx: Db) => Promise<string>): Promise<EventOutcome> {
  return withLedgerRetry(db, async (tx) => {
    const [fresh] = await tx
      .insert(paymentEvents)
      .values({ eventId: event.id, type: event.type, objectId: event.objectId, effect: "pending", createdAt: event.created })
      .onConflictDoNothing()
      .returning({ eventId: paymentEvents.eventId });
    if (!fresh) return "duplicate";
    const effect = await apply(tx);
    await tx.update(paymentEvents).set({ effect }).where(eq(paymentEvents.eventId, event.id));
    return "applied";
  });
}

/**
 * A verified webhook event. Session and refund events re-read their object from the gateway and
 * apply its current state; anything else is ignored (nothing written). Refunds the event makes
 * due (a late payment's) are sent afterwards — also on a duplicate, so a delivery retried after
 * the gateway was unreachable finishes the job.
 * @throws PaymentsUnavailableError (answer 5xx: the gateway will deliver again)
 */
export async function handleStripeEvent(db: Db, gateway: PaymentsGateway, event: GatewayEvent): Promise<EventOutcome> {
  if (SESSION_EVENTS.has(event.type) && event.objectType === "checkout.session") {
    const [seen] = await db.select({ id: paymentEvents.eventId }).from(paymentEvents).where(eq(paymentEvents.eventId, event.id));
    const session = seen ? null : await gateway.retrieveCheckoutSession(event.objectId);
    const outcome = session ? await once(db, event, (tx) => applySession(tx, session, event.created)) : "duplicate";
    await sendPendingRefunds(db, gateway, { sessionId: event.objectId });
    return outcome;
  }
  if (REFUND_EVENTS.has(event.type) && event.objectType === "refund") {
    const [seen] = await db.select({ id: paymentEvents.eventId }).from(paymentEvents).where(eq(paymentEvents.eventId, event.id));
    if (seen) return "duplicate";
    const refund = await gateway.retrieveRefund(event.objectId);
    return once(db, event, (tx) => applyRefundState(tx, refund, event.created));
  }
  return "ignored";
}

/** The checkout's payment attempts, newest first (for the order pages). */
export async function listCheckoutPayments(db: Db, { checkoutId }: { checkoutId: string }): Promise<Payment[]> {
  return db.select().from(payments).where(eq(payments.checkoutId, checkoutId)).orderBy(desc(payments.attempt));
}


import { and, asc, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import { D, type Dec, MoneyError, parseAmount, sum, toAmountString } from "~/domain/money";
import { isUuid } from "~/domain/ids";
import { type GatewayRefund, type PaymentsGateway, PaymentsRefusedError } from "~/domain/payments";
import type { Db } from "../../../db/client.server";
import { orders } from "../../../db/schema/orders";
import { payments, refunds } from "../../../db/schema/payments";
import { isUniqueViolation } from "~/models/database/errors.server";
import { recordOrderRefund, refundableAmount } from "~/models/orders/orders.server";
import { PaymentError } from "~/domain/payments";

/**
 * Refunds through the gateway (ADR 011). A refund row is written first (its id is the SDK call's
 * idempotency key, `refund:<id>`), then the gateway is asked; the books change only when a webhook
 * confirms the refund succeeded (H1's recordOrderRefund, in the same transaction as the event id).
 */

export type Refund = typeof refunds.$inferSelect;

/** Refunds asked for and not yet confirmed or refused: they hold their amount against the order. */
const SETTLED: Refund["status"][] = ["failed", "canceled"];

function parseRefundAmount(amount: string): Dec {
  try {
    const value = parseAmount(amount);
    if (value.lte(0)) throw new PaymentError("BAD_AMOUNT");
    return value;
  } catch (error) {
    if (error instanceof MoneyError) throw new PaymentError("BAD_AMOUNT", error.message);
    throw error;
  }
}

export interface RequestRefundInput {
  stationId: string;
  orderId: string;
  amount: string;
  actorUserId: string;
  /** Issued with the refund form: a resubmitted form asks for one refund. */
  idempotencyKey: string;
}

/**
 * Asks the gateway to refund part or all of an order paid online. Never more than what is still
 * refundable less the refunds already on their way. The same idempotencyKey again returns the same
 * refund (and resends it if the gateway never answered).
 * @throws PaymentError BAD_AMOUNT | BAD_IDEMPOTENCY_KEY | NOT_FOUND | NOT_REFUNDABLE | REFUND_TOO_LARGE | KEY_REUSED | REFUND_REFUSED;
 *   PaymentsUnavailableError (the row stays; the same idempotencyKey retries it)
 */
export async function requestRefund(db: Db, gateway: PaymentsGateway, input: RequestRefundInput): Promise<{ refundId: string; status: Refund["status"] }> {
  const amount = parseRefundAmount(input.amount);
  if (input.idempotencyKey.length < 8 || input.idempotencyKey.length > 100) throw new PaymentError("BAD_IDEMPOTENCY_KEY");
  if (!isUuid(input.orderId)) throw new PaymentError("NOT_FOUND");

  const find = async (tx: Db, paymentId: string) =>
    (await tx.select().from(refunds).where(and(eq(refunds.paymentId, paymentId), eq(refunds.idempotencyKey, input.idempotencyKey))))[0] ?? null;
  const same = (row: Refund) => {
    if (row.orderId !== input.orderId || !new D(row.amount).eq(amount)) throw new PaymentError("KEY_REUSED");
    return row;
  };

  let row: Refund;
  try {
    row = await db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(and(eq(orders.id, input.orderId), eq(orders.stationId, input.stationId)));
      if (!order) throw new PaymentError("NOT_FOUND");
      if (order.payment !== "online") throw new PaymentError("NOT_REFUNDABLE");
      // The payment row is the lock that serialises refunds of one checkout.
      const [payment] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.checkoutId, order.checkoutId), eq(payments.status, "paid")))
        .for("update");
      if (!payment) throw new PaymentError("NOT_REFUNDABLE");
      const existing = await find(tx, payment.id);
      if (existing) return same(existing);
      const onTheWay = await tx
        .select({ amount: refunds.amount })
        .from(refunds)
        .where(and(eq(refunds.orderId, order.id), isNull(refunds.recordedAt), notInArray(refunds.status, SETTLED)));
      const left = new D(await refundableAmount(tx, { orderId: order.id })).minus(sum(onTheWay.map((r) => new D(r.amount))));
      if (left.lte(0)) throw new PaymentError("NOT_REFUNDABLE");
      if (amount.gt(left)) throw new PaymentError("REFUND_TOO_LARGE", toAmountString(left));
      const [inserted] = await tx
        .insert(refunds)
        .values({
          paymentId: payment.id,
          kind: "order",
          stationId: order.stationId,
          orderId: order.id,
          amount: toAmountString(amount),
          idempotencyKey: input.idempotencyKey,
          requestedBy: input.actorUserId,
        })
        .returning();
      return inserted!;
    });
  } catch (error) {
    if (!isUniqueViolation(error, "refunds_idempotency_key")) throw error;
    const [order] = await db.select({ checkoutId: orders.checkoutId }).from(orders).where(eq(orders.id, input.orderId));
    const [payment] = await db.select({ id: payments.id }).from(payments).where(and(eq(payments.checkoutId, order!.checkoutId), eq(payments.status, "paid")));
    row = same((await find(db, payment!.id))!);
  }
  await sendPendingRefunds(db, gateway, { refundId: row.id });
  const [after] = await db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, row.id));
  if (after?.status === "failed") throw new PaymentError("REFUND_REFUSED");
  return { refundId: row.id, status: after!.status };
}

/**
 * Sends the refund rows the gateway has not answered yet (of one session's payment, or one row).
 * A refusal marks the row failed; an unreachable gateway leaves it for the next try.
 * @throws PaymentsUnavailableError
 */
export async function sendPendingRefunds(db: Db, gateway: PaymentsGateway, scope: { sessionId: string } | { refundId: string }): Promise<void> {
  const due = await db
    .select({ refund: refunds, paymentIntentId: payments.paymentIntentId })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(
      and(
        "sessionId" in scope ? eq(payments.sessionId, scope.sessionId) : eq(refunds.id, scope.refundId),
        isNull(refunds.providerRefundId),
        eq(refunds.status, "requested"),
      ),
    )
    .orderBy(asc(refunds.createdAt));
  for (const { refund, paymentIntentId } of due) {
    if (!paymentIntentId) continue;
    try {
      const sent = await gateway.createRefund({ paymentIntentId, amount: refund.amount, refundRowId: refund.id, idempotencyKey: `refund:${refund.id}` });
      // A webhook may have got here first (it finds the row by the metadata): never step back.
      await db
        .update(refunds)
        .set({ providerRefundId: sent.id, status: sent.status })
        .where(and(eq(refunds.id, refund.id), isNull(refunds.providerRefundId)));
    } catch (error) {
      if (!(error instanceof PaymentsRefusedError)) throw error;
      await db.update(refunds).set({ status: "failed" }).where(and(eq(refunds.id, refund.id), eq(refunds.status, "requested")));
    }
  }
}

/**
 * Applies a refund's current state (read back from the gateway) in the caller's transaction:
 * succeeded → posted once through recordOrderRefund (order refunds; an automatic refund of a
 * rejected payment was never booked) and marked recorded; failed/canceled → marked, nothing posted.
 */
export async function applyRefundState(tx: Db, refund: GatewayRefund, at: Date): Promise<string> {
  const byProvider = eq(refunds.providerRefundId, refund.id);
  const [row] = await tx
    .select()
    .from(refunds)
    .where(refund.refundRowId && isUuid(refund.refundRowId) ? or(byProvider, eq(refunds.id, refund.refundRowId)) : byProvider)
    .for("update");
  if (!row) return "unknown-refund";
  if (row.recordedAt) return "already";
  if (refund.status === "succeeded") {
    if (row.kind === "order") {
      await recordOrderRefund(tx, { orderId: row.orderId!, amount: refund.amount, refundId: row.id, occurredAt: at, createdBy: row.requestedBy });
    }
    await tx.update(refunds).set({ providerRefundId: refund.id, status: "succeeded", recordedAt: at }).where(eq(refunds.id, row.id));
    return "refund:recorded";
  }
  await tx.update(refunds).set({ providerRefundId: refund.id, status: refund.status }).where(eq(refunds.id, row.id));
  return `refund:${refund.status}`;
}

/** An order's refunds, oldest first, for the operator's order page. */
export async function listOrderRefunds(db: Db, { stationId, orderId }: { stationId: string; orderId: string }): Promise<Refund[]> {
  if (!isUuid(orderId)) return [];
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.stationId, stationId), eq(refunds.orderId, orderId), inArray(refunds.kind, ["order"])))
    .orderBy(asc(refunds.createdAt), sql`${refunds.id}`);
}

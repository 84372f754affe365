import { and, eq, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { isUuid } from "~/domain/ids";
import { D, toAmountString } from "~/domain/money";
import { completionJournalLines, OrderError, type PaidWith, paymentJournalLines, recognisedParts, refundable, refundJournalLines } from "~/domain/orders";
import type { Db } from "../../../db/client.server";
import { checkouts, orders } from "../../../db/schema/orders";
import { postJournal } from "~/models/ledger/journals.server";
import { businessDate, findEvent, loadLines, lockCheckoutOrders, lockOrder, type Order, pricedFromLines, recordEvent } from "./shared.server";
import { systemUserId } from "~/models/identity/users.server";

/**
 * An order's money (ADR 010): online payments into payment clearing (10202) against customer
 * prepayments (21103), recognition at completion exactly as a till sale, refunds. Each posts one
 * journal per order per business event, in the caller's transaction, keyed by the order and the
 * event so a replay posts nothing.
 */


export interface RecordOnlinePaymentInput {
  checkoutId: string;
  amount: string;
  paymentIntentId: string;
  occurredAt: Date;
  createdBy?: string;
}

export type OnlinePaymentOutcome = "recorded" | "already" | "late" | "mismatch";

/**
 * Records that a checkout was paid online, INSIDE the caller's (the payment webhook's)
 * transaction: every order pending_payment → paid, one journal per order (Dr 10202 / Cr 21103).
 * "already": this payment intent was recorded before; "late": the checkout was expired or
 * cancelled (its goods released) or already paid by another intent — the caller refunds in full;
 * "mismatch": the amount is not the checkout's total — nothing is written.
 */
export async function recordOnlinePayment(tx: Db, input: RecordOnlinePaymentInput): Promise<{ outcome: OnlinePaymentOutcome }> {
  if (!isUuid(input.checkoutId)) return { outcome: "mismatch" };
  const [checkout] = await tx.select().from(checkouts).where(eq(checkouts.id, input.checkoutId)).for("update");
  if (!checkout || checkout.payment !== "online") return { outcome: "mismatch" };
  if (checkout.status === "paid") return { outcome: checkout.paymentIntentId === input.paymentIntentId ? "already" : "late" };
  if (checkout.status !== "pending_payment") return { outcome: "late" };
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(input.amount) || !new D(input.amount).eq(checkout.total)) return { outcome: "mismatch" };

  const createdBy = input.createdBy ?? (await systemUserId(tx));
  const at = input.occurredAt;
  const idempotencyKey = `payment:${input.paymentIntentId}`.slice(0, 200);
  for (const order of await lockCheckoutOrders(tx, checkout.id)) {
    if (order.status !== "pending_payment") continue;
    const { journal } = await postJournal(tx, {
      stationId: order.stationId,
      date: businessDate(at),
      description: { kind: "orderPaid", vars: { number: String(order.number) } },
      source: { type: "order", id: order.id },
      idempotencyKey: `order:${order.id}:paid`,
      lines: paymentJournalLines(new D(order.total)),
      createdBy,
    });
    const [updated] = await tx
      .update(orders)
      .set({ status: "paid", paidAt: at, updatedAt: at })
      .where(and(eq(orders.id, order.id), eq(orders.status, "pending_payment")))
      .returning();
    await recordEvent(tx, {
      order: updated!,
      checkout,
      event: "pay",
      from: "pending_payment",
      to: "paid",
      actor: { kind: "system" },
      actorUserId: input.createdBy ?? null,
      idempotencyKey,
      journalId: journal.id,
      data: { paymentIntentId: input.paymentIntentId },
      at,
    });
  }
  await tx.update(checkouts).set({ status: "paid", paidAt: at, paymentIntentId: input.paymentIntentId, updatedAt: at }).where(eq(checkouts.id, checkout.id));
  return { outcome: "recorded" };
}

/**
 * Revenue recognised at completion, in the caller's transaction: the till sale's journal with
 * the money side taken from customer prepayments (online) or the cash drawer / clearing (paid
 * at the counter), less what was refunded before completion.
 */
export async function postCompletion(tx: Db, order: Order, { paidWith, createdBy, at }: { paidWith: PaidWith | null; createdBy: string; at: Date }): Promise<string> {
  const lines = pricedFromLines(await loadLines(tx, order.id));
  const money = order.payment === "online" ? ACCOUNTS.customerPrepayments : paidWith === "cash" ? ACCOUNTS.cash : ACCOUNTS.paymentClearing;
  const { journal } = await postJournal(tx, {
    stationId: order.stationId,
    date: businessDate(at),
    description: { kind: "orderCompleted", vars: { number: String(order.number) } },
    source: { type: "order", id: order.id },
    idempotencyKey: `order:${order.id}:completed`,
    lines: completionJournalLines(lines, new D(order.deliveryFee), money, new D(order.refundedAmount)),
    createdBy,
  });
  return journal.id;
}

export interface RecordOrderRefundInput {
  orderId: string;
  amount: string;
  refundId: string;
  occurredAt: Date;
  createdBy: string | null;
}

/**
 * Posts a refund the payment provider confirmed, in the caller's transaction: before completion
 * Dr 21103 / Cr 10202; after completion the recognised parts reversed pro rata (allocate), Cr
 * 10202. Raises refundedAmount; a whole refund makes the order "refunded". The same refund id
 * again → "already".
 * @throws OrderError NOT_FOUND | NOT_REFUNDABLE | REFUND_TOO_LARGE
 */
export async function recordOrderRefund(tx: Db, input: RecordOrderRefundInput): Promise<{ outcome: "recorded" | "already" }> {
  if (!isUuid(input.orderId)) throw new OrderError("NOT_FOUND");
  const [ref] = await tx.select({ stationId: orders.stationId }).from(orders).where(eq(orders.id, input.orderId));
  if (!ref) throw new OrderError("NOT_FOUND");
  const { checkout, order } = await lockOrder(tx, { stationId: ref.stationId }, input.orderId);
  const idempotencyKey = `refund:${input.refundId}`.slice(0, 200);
  if (await findEvent(tx, order.id, idempotencyKey)) return { outcome: "already" };
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(input.amount) || new D(input.amount).lte(0)) throw new OrderError("NOT_REFUNDABLE", `${input.amount} is not an amount`);
  const amount = new D(input.amount);
  const left = refundable(order);
  if (left.isZero()) throw new OrderError("NOT_REFUNDABLE", "nothing of this order was paid online or it is refunded already");
  if (amount.gt(left)) throw new OrderError("REFUND_TOO_LARGE", `only ${toAmountString(left)} can still be refunded`);

  const createdBy = input.createdBy ?? (await systemUserId(tx));
  const before = new D(order.refundedAmount);
  const completed = order.completedAt !== null;
  const lines = completed
    ? refundJournalLines({ completed: true, amount, refundedBefore: before, parts: recognisedParts(pricedFromLines(await loadLines(tx, order.id)), new D(order.deliveryFee)) })
    : refundJournalLines({ completed: false, amount });
  const at = input.occurredAt;
  const { journal } = await postJournal(tx, {
    stationId: order.stationId,
    date: businessDate(at),
    description: { kind: "orderRefund", vars: { number: String(order.number), amount: toAmountString(amount) } },
    source: { type: "order", id: order.id },
    idempotencyKey: `order:${order.id}:refund:${input.refundId}`.slice(0, 200),
    lines,
    createdBy,
  });
  const after = before.plus(amount);
  const whole = after.eq(order.total);
  const [updated] = await tx
    .update(orders)
    .set({ refundedAmount: toAmountString(after), status: whole ? "refunded" : order.status, updatedAt: sql`now()` })
    .where(eq(orders.id, order.id))
    .returning();
  await recordEvent(tx, {
    order: updated!,
    checkout,
    event: "refund",
    from: order.status,
    to: updated!.status,
    actor: { kind: input.createdBy ? "station" : "system" },
    actorUserId: input.createdBy,
    idempotencyKey,
    journalId: journal.id,
    data: { refundId: input.refundId, amount: toAmountString(amount), refundedAmount: toAmountString(after) },
    templateKey: "orders.notify.refunded",
    at,
  });
  return { outcome: "recorded" };
}

/** What may still be refunded of an order (money taken online only), as a decimal string. */
export async function refundableAmount(db: Db, { orderId }: { orderId: string }): Promise<string> {
  if (!isUuid(orderId)) return "0.00";
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return order ? toAmountString(refundable(order)) : "0.00";
}

import { and, asc, eq, lt } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { checkouts, orders } from "../../../db/schema/orders";
import { withLedgerRetry } from "~/models/ledger/journals.server";
import { loadLines, lockCheckoutOrders, moveOrderStock, recordEvent } from "./shared.server";

/**
 * The sweeper: unpaid online checkouts past their payment window are expired and their goods
 * released. Safe on several instances at once: each checkout is claimed with FOR UPDATE SKIP
 * LOCKED in its own short transaction (another instance skips it), and re-checked under the lock.
 * A payment that arrives afterwards finds the checkout expired ("late") and is refunded.
 */
export async function expireUnpaidCheckouts(db: Db, { now, olderThanMinutes, limit = 500 }: { now: Date; olderThanMinutes?: number; limit?: number }): Promise<number> {
  let expired = 0;
  for (let i = 0; i < limit; i++) {
    const done = await withLedgerRetry(db, async (tx) => {
      const due = olderThanMinutes === undefined ? lt(checkouts.expiresAt, now) : lt(checkouts.createdAt, new Date(now.getTime() - olderThanMinutes * 60_000));
      const [checkout] = await tx
        .select()
        .from(checkouts)
        .where(and(eq(checkouts.status, "pending_payment"), due))
        .orderBy(asc(checkouts.createdAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!checkout) return false;
      for (const order of await lockCheckoutOrders(tx, checkout.id)) {
        if (order.status !== "pending_payment") continue;
        await moveOrderStock(tx, order, await loadLines(tx, order.id), "released", null);
        const [updated] = await tx
          .update(orders)
          .set({ status: "cancelled", cancelledAt: now, cancelledBy: "system", cancelReason: "expired", updatedAt: now })
          .where(and(eq(orders.id, order.id), eq(orders.status, "pending_payment")))
          .returning();
        await recordEvent(tx, {
          order: updated!,
          checkout,
          event: "expire",
          from: "pending_payment",
          to: "cancelled",
          actor: { kind: "system" },
          actorUserId: null,
          idempotencyKey: `expire:${checkout.id}`,
          templateKey: "orders.notify.expired",
          at: now,
        });
      }
      await tx.update(checkouts).set({ status: "expired", updatedAt: now }).where(eq(checkouts.id, checkout.id));
      return true;
    });
    if (!done) break;
    expired++;
  }
  return expired;
}

import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { notifications } from "../../../db/schema/orders";

/**
 * The order notifications outbox (written by the order transitions, ADR 010): read for the order
 * page, and drained by the mail sender when SMTP is configured. Sending claims rows with
 * FOR UPDATE SKIP LOCKED inside one transaction per batch, so several app instances never send
 * the same message twice, and a message whose sending failed is retried a few times.
 */

export type NotificationRow = typeof notifications.$inferSelect;

/** After this many failed attempts a message is marked failed and left for a person to see. */
export const MAX_SEND_ATTEMPTS = 5;

/** The notifications of some orders, oldest first (the order page shows them when no e-mail is sent). */
export async function listOrderNotifications(db: Db, { orderIds }: { orderIds: readonly string[] }): Promise<NotificationRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(inArray(notifications.orderId, [...orderIds]))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

export interface OutgoingMail {
  to: string;
  templateKey: string;
  vars: Record<string, unknown>;
}

/**
 * Sends up to `limit` pending e-mail notifications through `send`, each marked sent (or its
 * attempt counted, failed after MAX_SEND_ATTEMPTS) in the same transaction that claimed it.
 * Returns how many were sent.
 */
export async function sendPendingEmails(db: Db, { send, limit = 20 }: { send: (mail: OutgoingMail) => Promise<void>; limit?: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const batch = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.channel, "email"), eq(notifications.status, "pending"), lt(notifications.attempts, MAX_SEND_ATTEMPTS)))
      .orderBy(asc(notifications.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    let sent = 0;
    for (const n of batch) {
      try {
        await send({ to: n.recipient, templateKey: n.templateKey, vars: (n.vars ?? {}) as Record<string, unknown> });
        await tx.update(notifications).set({ status: "sent", sentAt: new Date(), attempts: sql`${notifications.attempts} + 1`, lastError: null }).where(eq(notifications.id, n.id));
        sent++;
      } catch (error) {
        const attempts = n.attempts + 1;
        await tx
          .update(notifications)
          .set({ attempts, status: attempts >= MAX_SEND_ATTEMPTS ? "failed" : "pending", lastError: String(error instanceof Error ? error.message : error).slice(0, 500) })
          .where(eq(notifications.id, n.id));
      }
    }
    return sent;
  });
}

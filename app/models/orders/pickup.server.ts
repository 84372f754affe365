import { and, eq, sql } from "drizzle-orm";
import { isUuid } from "~/domain/ids";
import { afterWrongPickupCode, OrderError, PICKUP_CODE_MAX_ATTEMPTS, type PickupGuard, pickupAttemptsLeft, pickupLocked } from "~/domain/orders";
import type { Db } from "../../../db/client.server";
import { orderPickupAttempts } from "../../../db/schema/orders";

/**
 * Wrong pickup codes (ADR 010): counted per order in `order_pickup_attempts`, in the handover's
 * own transaction while the checkout and the order are locked (so two operators typing at once
 * are counted one after the other). The order row itself is never touched by a refusal.
 */

export interface PickupAttempts {
  /** Wrong codes the operator may still type before the handover is locked (0 while locked). */ attemptsLeft: number;
  /** While locked: when the handover opens again; else null. */
  lockedUntil: Date | null;
}

async function loadGuard(tx: Db, orderId: string): Promise<PickupGuard | null> {
  const [row] = await tx
    .select({ failedAttempts: orderPickupAttempts.failedAttempts, lockedUntil: orderPickupAttempts.lockedUntil })
    .from(orderPickupAttempts)
    .where(eq(orderPickupAttempts.orderId, orderId));
  return row ?? null;
}

/**
 * Inside the handover's transaction, before the code is compared: refuses while locked.
 * @throws OrderError PICKUP_CODE_LOCKED (details.lockedUntil)
 */
export async function assertPickupOpen(tx: Db, orderId: string, at: Date): Promise<void> {
  const guard = await loadGuard(tx, orderId);
  if (pickupLocked(guard, at)) {
    throw new OrderError("PICKUP_CODE_LOCKED", "too many wrong pickup codes: the handover is locked for a while", { attemptsLeft: 0, lockedUntil: guard!.lockedUntil });
  }
}

/**
 * Counts one wrong code (inside the handover's transaction, which then commits without changing
 * the order) and returns the refusal to throw after the commit: WRONG_PICKUP_CODE with the
 * attempts left, or PICKUP_CODE_LOCKED when this was the last one allowed.
 */
export async function recordWrongPickupCode(tx: Db, a: { orderId: string; stationId: string; actorUserId: string | null; at: Date }): Promise<OrderError> {
  // The order is locked FOR UPDATE by the caller, so read-then-write here cannot race.
  const guard = await loadGuard(tx, a.orderId);
  const next = afterWrongPickupCode(guard, a.at);
  const values = { failedAttempts: next.failedAttempts, lockedUntil: next.lockedUntil, lastFailedAt: a.at, lastFailedBy: a.actorUserId };
  if (guard) {
    await tx
      .update(orderPickupAttempts)
      .set({ ...values, totalFailed: sql`${orderPickupAttempts.totalFailed} + 1` })
      .where(eq(orderPickupAttempts.orderId, a.orderId));
  } else {
    await tx.insert(orderPickupAttempts).values({ orderId: a.orderId, stationId: a.stationId, totalFailed: 1, ...values });
  }
  return next.locked
    ? new OrderError("PICKUP_CODE_LOCKED", "wrong pickup code; too many wrong codes, the handover is locked for a while", { attemptsLeft: 0, lockedUntil: next.lockedUntil })
    : new OrderError("WRONG_PICKUP_CODE", "wrong pickup code", { attemptsLeft: PICKUP_CODE_MAX_ATTEMPTS - next.failedAttempts, lockedUntil: null });
}

/** What the operator's handover form shows: wrong codes left, or until when it is locked. */
export async function pickupAttempts(db: Db, { stationId, orderId, now = new Date() }: { stationId: string; orderId: string; now?: Date }): Promise<PickupAttempts> {
  if (!isUuid(orderId)) return { attemptsLeft: PICKUP_CODE_MAX_ATTEMPTS, lockedUntil: null };
  const [row] = await db
    .select({ failedAttempts: orderPickupAttempts.failedAttempts, lockedUntil: orderPickupAttempts.lockedUntil })
    .from(orderPickupAttempts)
    .where(and(eq(orderPickupAttempts.orderId, orderId), eq(orderPickupAttempts.stationId, stationId)));
  const guard = row ?? null;
  return { attemptsLeft: pickupAttemptsLeft(guard, now), lockedUntil: pickupLocked(guard, now) ? guard!.lockedUntil : null };
}

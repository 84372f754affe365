import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { signInThrottle } from "../../../db/schema/index";

/**
 * Sign-in attempts allowed per 15-minute window: few per account (a guesser aims at one
 * person), more per address (a village shares one carrier-grade NAT address).
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_LIMITS = { account: 5, address: 30 } as const;

/** Both drivers take an ISO string with a cast; a bare Date inside sql`` is not portable. */
const timestamptz = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Counts one attempt against each key and says whether it may go ahead. The count is taken
 * before the password is checked, in one conditional upsert per key, so a burst of parallel
 * guesses is counted in full even across several app instances.
 */
export async function reserveSignInAttempt(
  db: Db,
  { account, address, now = new Date() }: { account: string; address: string; now?: Date },
): Promise<ThrottleVerdict> {
  const keys = [
    { key: `account:${account}`, limit: THROTTLE_LIMITS.account },
    { key: `address:${address}`, limit: THROTTLE_LIMITS.address },
  ];
  let retryAt: Date | null = null;
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const { key, limit } of keys) {
    const stale = sql`${signInThrottle.windowStartedAt} <= ${timestamptz(windowStart)}`;
    const [row] = await db
      .insert(signInThrottle)
      .values({ key, attempts: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInThrottle.key,
        set: {
          attempts: sql`case when ${stale} then 1 else ${signInThrottle.attempts} + 1 end`,
          windowStartedAt: sql`case when ${stale} then ${timestamptz(now)} else ${signInThrottle.windowStartedAt} end`,
        },
      })
      .returning({ attempts: signInThrottle.attempts, windowStartedAt: signInThrottle.windowStartedAt });
    if (row && row.attempts > limit) {
      const until = new Date(row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS);
      if (!retryAt || until > retryAt) retryAt = until;
    }
  }
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

/**
 * After a successful sign-in: the account starts afresh, and the address gets back the one
 * attempt that succeeded (so neighbours behind one address are not punished for signing in,
 * while failures from it still count).
 */
export async function settleSuccessfulSignIn(
  db: Db,
  { account, address, now = new Date() }: { account: string; address: string; now?: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, `account:${account}`));
    await tx
      .update(signInThrottle)
      .set({ attempts: sql`greatest(${signInThrottle.attempts} - 1, 0)` })
      .where(eq(signInThrottle.key, `address:${address}`));
    // Old windows are cleared here rather than by a scheduled job.
    await tx
      .delete(signInThrottle)
      .where(and(lt(signInThrottle.windowStartedAt, new Date(now.getTime() - 24 * 60 * 60 * 1000))));
  });
}

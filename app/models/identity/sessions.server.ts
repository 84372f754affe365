import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt, ne, or } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { sessions, users } from "../../../db/schema/index";

/** Signed out after 12 hours without a request, and after 14 days whatever happens. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often: idle expiry is exact to within it, and reads stay reads. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this digest of the cookie's token is stored (the sessions.id). */
export function sessionIdFor(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface SessionUser {
  id: string;
  displayName: string;
  username: string | null;
  phone: string | null;
}

export interface ActiveSession {
  sessionId: string;
  user: SessionUser;
}

/** Starts a session; returns the token for the cookie (shown nowhere else, stored nowhere). */
export async function createSession(
  db: Db,
  { userId, userAgent = "", now = new Date() }: { userId: string; userAgent?: string; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.transaction(async (tx) => {
    // Expired rows are cleared here, at the rarest write, rather than by a scheduled job.
    await tx
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))));
    await tx.insert(sessions).values({
      id: sessionIdFor(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: userAgent.slice(0, 200),
    });
  });
  return { token, expiresAt };
}

/**
 * The signed-in person behind a token, or null: unknown, revoked, idle too long, past its
 * absolute end, or belonging to a deactivated account all read as signed out.
 */
export async function getActiveSession(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<ActiveSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const id = sessionIdFor(token);
  const [row] = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      user: { id: users.id, displayName: users.displayName, username: users.username, phone: users.phone },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        eq(users.status, "active"),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, now)));
  }
  return { sessionId: id, user: row.user };
}

/** Ends one session (sign-out, or the old one at sign-in). Unknown tokens are ignored. */
export async function revokeSession(db: Db, { token }: { token: string }): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  await db.delete(sessions).where(eq(sessions.id, sessionIdFor(token)));
}

/** Ends every session of a person, or every one but `exceptSessionId` (after a password change). */
export async function revokeAllSessions(db: Db, { userId, exceptSessionId }: { userId: string; exceptSessionId?: string }): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined))
    .returning({ id: sessions.id });
  return deleted.length;
}

/** How many live sessions (devices) a person has, for the account page. */
export async function countActiveSessions(db: Db, { userId, now = new Date() }: { userId: string; now?: Date }): Promise<number> {
  return db.$count(
    sessions,
    and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))),
  );
}

import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { CODE_ALPHABET, CODE_LENGTH, formatSetPasswordCode, IdentityError, normalizeSetPasswordCode } from "~/domain/identity";
import { passwordProblem } from "~/domain/passwords";
import { hashPassword } from "./password.server";
import type { Db } from "../../../db/client.server";
import { setPasswordCodes, users } from "../../../db/schema/index";
import { recordAudit } from "~/models/audit/audit.server";
import { revokeAllSessions } from "./sessions.server";

/** Long enough to reach someone in another village and back; short enough not to linger. */
export const CODE_TTL_MS = 72 * 60 * 60 * 1000;

function hashCode(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}

function newCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code; // 80 bits: guessing online is hopeless even without a rate limit
}

/**
 * Issues a one-time code for a person to set their password, and forgets it: only its hash
 * is stored. Any earlier unused code of theirs stops working. Returns the code, formatted,
 * to show once. Throws ACCOUNT_INACTIVE for a deactivated account (its code could never be used).
 */
export async function issueSetPasswordCode(
  db: Db,
  { userId, actorUserId, now = new Date() }: { userId: string; actorUserId: string | null; now?: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await db.transaction(async (tx) => {
    // Not locked (redeeming locks the code row first, then the user): a deactivation slipping in
    // after this check leaves a code that redeeming refuses anyway, as it needs an active account.
    const [holder] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId));
    if (!holder) throw new IdentityError("ACCOUNT_NOT_FOUND");
    if (holder.status !== "active") throw new IdentityError("ACCOUNT_INACTIVE");
    await tx.delete(setPasswordCodes).where(and(eq(setPasswordCodes.userId, userId), isNull(setPasswordCodes.usedAt)));
    await tx.insert(setPasswordCodes).values({ userId, codeHash: hashCode(code), createdBy: actorUserId, createdAt: now, expiresAt });
    await recordAudit(tx, {
      actorUserId,
      action: "user.code_issue",
      recordType: "user",
      recordId: userId,
      after: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { code: formatSetPasswordCode(code), expiresAt };
}

export interface CodeHolder {
  userId: string;
  displayName: string;
  username: string | null;
  phone: string | null;
}

function validCode(canonical: string, now: Date) {
  return and(eq(setPasswordCodes.codeHash, hashCode(canonical)), isNull(setPasswordCodes.usedAt), gt(setPasswordCodes.expiresAt, now));
}

/** Whose code this is, if it is still good (the form greets them by name); nothing is consumed. */
export async function peekSetPasswordCode(db: Db, { code, now = new Date() }: { code: string; now?: Date }): Promise<CodeHolder | null> {
  const canonical = normalizeSetPasswordCode(code);
  if (!canonical) return null;
  const [row] = await db
    .select({ userId: users.id, displayName: users.displayName, username: users.username, phone: users.phone })
    .from(setPasswordCodes)
    .innerJoin(users, eq(users.id, setPasswordCodes.userId))
    .where(and(validCode(canonical, now), eq(users.status, "active")))
    .limit(1);
  return row ?? null;
}

/**
 * Uses the code up and sets the password, in one transaction: the conditional update that
 * marks the code used is what makes it single-use, even when two tabs submit at once.
 * Every existing session of the person ends. Throws CODE_INVALID when the code is unknown,
 * used, expired, or its account deactivated; PASSWORD_CONTAINS_LOGIN when the password holds
 * the person's own phone or username.
 */
export async function redeemSetPasswordCode(
  db: Db,
  { code, password, now = new Date() }: { code: string; password: string; now?: Date },
): Promise<CodeHolder> {
  const canonical = normalizeSetPasswordCode(code);
  if (!canonical) throw new IdentityError("CODE_INVALID");
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(setPasswordCodes)
      .set({ usedAt: now })
      .where(validCode(canonical, now))
      .returning({ userId: setPasswordCodes.userId });
    if (!used) throw new IdentityError("CODE_INVALID");
    const [holder] = await tx
      .select({ phone: users.phone, username: users.username })
      .from(users)
      .where(and(eq(users.id, used.userId), eq(users.status, "active")));
    if (!holder) throw new IdentityError("CODE_INVALID");
    // Refused before anything is kept: the transaction rolls back, so the code still works.
    if (passwordProblem(password, [holder.phone, holder.username]) === "contains_login") throw new IdentityError("PASSWORD_CONTAINS_LOGIN");
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(and(eq(users.id, used.userId), eq(users.status, "active")))
      .returning({ userId: users.id, displayName: users.displayName, username: users.username, phone: users.phone });
    if (!user) throw new IdentityError("CODE_INVALID");
    await revokeAllSessions(tx, { userId: user.userId });
    await recordAudit(tx, { actorUserId: user.userId, action: "user.password_set", recordType: "user", recordId: user.userId });
    return user;
  });
}

import { loginKey, parseLoginName } from "~/domain/identity";
import { verifyPassword } from "./password.server";
import type { Db } from "../../../db/client.server";
import { reserveSignInAttempt, settleSuccessfulSignIn } from "./sign-in-throttle.server";
import { findUserForSignIn, type User } from "./users.server";

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date };

/**
 * Checks a sign-in. An unknown name, a wrong password, an account without a password yet and
 * a deactivated account all answer "invalid" after the same argon2 work, so the answer and its
 * timing say nothing about which accounts exist. Throttled attempts are refused before any
 * password is checked.
 */
export async function attemptSignIn(
  db: Db,
  { login, password, address, now = new Date() }: { login: string; password: string; address: string; now?: Date },
): Promise<SignInResult> {
  const account = loginKey(login);
  const verdict = await reserveSignInAttempt(db, { account, address, now });
  if (!verdict.allowed) return { ok: false, reason: "throttled", retryAt: verdict.retryAt };
  const name = parseLoginName(login);
  const row = name ? await findUserForSignIn(db, name) : null;
  const usable = row && row.status === "active" && row.passwordHash ? row : null;
  const matches = await verifyPassword(usable?.passwordHash, password);
  if (!usable || !matches) return { ok: false, reason: "invalid" };
  await settleSuccessfulSignIn(db, { account, address, now });
  const { passwordHash, ...user } = usable;
  void passwordHash; // never leaves this module
  return { ok: true, user };
}

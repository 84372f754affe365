import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "too_short" | "too_long" | "too_common" | "contains_login";

const common = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));
const BIRTHDAY = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

function isRepetitionOrRun(password: string): boolean {
  if (/^(.)\1+$/.test(password)) return true;
  // 12345678, 98765432, abcdefgh: each character one step from the last
  const codes = [...password].map((c) => c.charCodeAt(0));
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/**
 * Why a new password would be refused, or null when it is acceptable. Length is counted in
 * characters (a Chinese character counts once). A password that is a common one, a birthday,
 * a run like 12345678, or that contains the person's own phone or username is refused:
 * those are the first guesses.
 */
export function passwordProblem(password: string, ownLogins: readonly (string | null | undefined)[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (common.has(lower) || BIRTHDAY.test(password) || isRepetitionOrRun(lower)) return "too_common";
  for (const login of ownLogins) {
    if (login && login.length >= 3 && lower.includes(login.toLowerCase())) return "contains_login";
  }
  return null;
}

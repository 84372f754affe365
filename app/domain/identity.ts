import { DomainError, type ErrorKind } from "./errors";

/**
 * How people are named at sign-in: a mainland mobile number or a username. Usernames start
 * with a letter, so the two can never be confused (mirrored by CHECKs on the users table).
 */

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;

/**
 * A mainland mobile number as typed ("138 0000 0101", "+86 138-0000-0101") reduced to its
 * 11 digits, or null when it is not one.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.replace(/[\s()-]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);
  return PHONE_PATTERN.test(digits) ? digits : null;
}

export function normalizeUsername(input: string): string | null {
  const lower = input.trim().toLowerCase();
  return USERNAME_PATTERN.test(lower) ? lower : null;
}

export type LoginName = { kind: "phone"; phone: string } | { kind: "username"; username: string };

/** What the sign-in box holds: a phone number, a username, or neither (null). */
export function parseLoginName(input: string): LoginName | null {
  const phone = normalizePhone(input);
  if (phone) return { kind: "phone", phone };
  const username = normalizeUsername(input);
  if (username) return { kind: "username", username };
  return null;
}

/** The key a sign-in is throttled under: the same for every spelling of one login. */
export function loginKey(input: string): string {
  const parsed = parseLoginName(input);
  if (!parsed) return `other:${input.trim().toLowerCase().slice(0, 64)}`;
  return parsed.kind === "phone" ? `phone:${parsed.phone}` : `username:${parsed.username}`;
}

export type IdentityErrorCode =
  | "PHONE_TAKEN"
  | "USERNAME_TAKEN"
  | "WRONG_PASSWORD"
  | "PASSWORD_CONTAINS_LOGIN"
  | "ROLE_SCOPE_MISMATCH"
  | "PLACE_NOT_FOUND"
  | "ALREADY_ASSIGNED"
  | "SELF_CHANGE"
  | "ACCOUNT_NOT_FOUND"
  | "ACCOUNT_INACTIVE"
  | "CODE_INVALID"
  | "STATION_CODE_TAKEN"
  | "VILLAGE_CODE_TAKEN";

const IDENTITY_KINDS: Record<IdentityErrorCode, ErrorKind> = {
  PHONE_TAKEN: "conflict",
  USERNAME_TAKEN: "conflict",
  WRONG_PASSWORD: "invalid",
  PASSWORD_CONTAINS_LOGIN: "invalid",
  ROLE_SCOPE_MISMATCH: "invalid",
  // Another county's place is not found, never "forbidden": we do not say it exists.
  PLACE_NOT_FOUND: "not_found",
  ALREADY_ASSIGNED: "conflict",
  SELF_CHANGE: "conflict",
  ACCOUNT_NOT_FOUND: "not_found",
  ACCOUNT_INACTIVE: "conflict",
  // Unknown, used, expired or its account deactivated: one answer, so a code cannot be probed.
  CODE_INVALID: "invalid",
  STATION_CODE_TAKEN: "conflict",
  VILLAGE_CODE_TAKEN: "conflict",
};

/** A rule an identity change breaks (accounts, roles, codes, places); app/routes-support/admin/refusals.ts words it. */
export class IdentityError extends DomainError<IdentityErrorCode> {
  static override readonly errorName = "IdentityError";
  constructor(code: IdentityErrorCode, message: string = code) {
    super({ feature: "identity", code, kind: IDENTITY_KINDS[code] }, message);
  }
}

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 16;

/** A set-password code as typed (any case, dashes, spaces, O for 0, I/L for 1) in canonical form, or null. */
export function normalizeSetPasswordCode(input: string): string | null {
  const canonical = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (canonical.length !== CODE_LENGTH) return null;
  for (const c of canonical) if (!CODE_ALPHABET.includes(c)) return null;
  return canonical;
}

/** XXXX-XXXX-XXXX-XXXX, for reading out and writing down. */
export function formatSetPasswordCode(canonical: string): string {
  return canonical.match(/.{1,4}/g)?.join("-") ?? canonical;
}

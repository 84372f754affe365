/**
 * Farmer households (农户): how they want to be paid, and what anyone but the record itself
 * may see of the account. Pure.
 */

import { DomainError, type ErrorSpec, specOf } from "./errors";
import type { Dec } from "./money";

export const PAYMENT_METHODS = ["cash", "bank", "mobile"] as const; // 现金 银行卡 手机支付
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const HOUSEHOLD_STATUSES = ["active", "inactive"] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export type HouseholdErrorCode = "ACCOUNT_REQUIRED" | "ACCOUNT_NOT_ALLOWED" | "BANK_ACCOUNT_INVALID" | "MOBILE_ACCOUNT_INVALID" | "HOUSEHOLD_NOT_FOUND";

/** An account typed wrong is the input's fault (beside the account field); a household that is not there is a 404. */
const HOUSEHOLD_SPEC: ErrorSpec<HouseholdErrorCode> = {
  ACCOUNT_REQUIRED: { kind: "invalid", field: "paymentAccount" },
  ACCOUNT_NOT_ALLOWED: { kind: "invalid", field: "paymentAccount" },
  BANK_ACCOUNT_INVALID: { kind: "invalid", field: "paymentAccount" },
  MOBILE_ACCOUNT_INVALID: { kind: "invalid", field: "paymentAccount" },
  HOUSEHOLD_NOT_FOUND: { kind: "not_found" },
};

export class HouseholdError extends DomainError<HouseholdErrorCode> {
  static override readonly errorName = "HouseholdError";
  constructor(code: HouseholdErrorCode, message: string = code) {
    super({ feature: "households", code, ...specOf(HOUSEHOLD_SPEC, code) }, message);
  }
}

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === "string" && (PAYMENT_METHODS as readonly string[]).includes(value);
}

/**
 * The account a household is paid to, normalised for storage.
 * - cash: no account (an account typed anyway is refused, so nothing is stored by mistake);
 * - bank: a card or account number, 12–19 digits (spaces and dashes as printed on cards are dropped);
 * - mobile: a WeChat or Alipay account: an 11-digit mobile number, or an id of 5–40 letters,
 *   digits and _ - . @.
 * @throws HouseholdError ACCOUNT_REQUIRED | ACCOUNT_NOT_ALLOWED | BANK_ACCOUNT_INVALID | MOBILE_ACCOUNT_INVALID
 */
export function normalizePaymentAccount(method: PaymentMethod, input: string): string {
  const value = input.trim();
  switch (method) {
    case "cash":
      if (value) throw new HouseholdError("ACCOUNT_NOT_ALLOWED", "cash needs no account");
      return "";
    case "bank": {
      if (!value) throw new HouseholdError("ACCOUNT_REQUIRED", "a bank account number is needed");
      const digits = value.replace(/[\s-]/g, "");
      if (!/^\d{12,19}$/.test(digits)) throw new HouseholdError("BANK_ACCOUNT_INVALID", "a bank account is 12–19 digits");
      return digits;
    }
    case "mobile": {
      if (!value) throw new HouseholdError("ACCOUNT_REQUIRED", "a mobile-pay account is needed");
      const compact = value.replace(/\s/g, "");
      if (/^1[3-9]\d{9}$/.test(compact)) return compact;
      if (!/^[A-Za-z0-9_.@-]{5,40}$/.test(compact)) throw new HouseholdError("MOBILE_ACCOUNT_INVALID", "not a mobile-pay account");
      return compact;
    }
  }
}

/**
 * How an account is shown anywhere (screens, slips, logs): enough to recognise it, not enough
 * to use it. Bank: the last four digits ("**** 6789"); a mobile number: "138****5678";
 * another id: its first and last two characters.
 */
export function maskPaymentAccount(method: PaymentMethod, account: string): string {
  if (!account) return "";
  if (method === "bank") return `**** ${account.slice(-4)}`;
  if (/^1[3-9]\d{9}$/.test(account)) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  if (account.length <= 4) return "****";
  return `${account.slice(0, 2)}****${account.slice(-2)}`;
}

/** A mobile number shown to people who need to know it is there, not what it is. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone ? "****" : "";
}

/**
 * A bank book's balances: each line's balance is the one before plus its change, starting from
 * the opening balance. Invariant: closing = opening + Σ changes = the last line's balance (the
 * opening when there are no lines).
 */
export function runningBalances(opening: Dec, changes: readonly Dec[]): { balances: Dec[]; closing: Dec } {
  const balances: Dec[] = [];
  let balance = opening;
  for (const change of changes) {
    balance = balance.plus(change);
    balances.push(balance);
  }
  return { balances, closing: balance };
}

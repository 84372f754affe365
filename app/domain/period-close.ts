import { createHash } from "node:crypto";
import { parseMonth } from "./dates";
import { DomainError, type ErrorKind } from "./errors";

/**
 * The rules of a monthly close (ADR 014): what blocks it, who signs in which order, and the
 * seal — SHA-256 over the station's chain head at close and the canonical JSON of the
 * figures the signers saw, so a villager can check that neither changed afterwards.
 */

export type CloseErrorCode =
  | "BAD_PERIOD"
  | "NOT_ENDED"
  | "BLOCKED"
  | "ALREADY_CLOSED"
  | "NOT_PREPARED"
  | "ALREADY_SIGNED"
  | "OPERATOR_FIRST"
  | "OWN_CLOSE"
  | "STALE"
  | "NOT_SEALED"
  | "REASON_REQUIRED"
  | "NO_LEDGER";

/**
 * A malformed month is bad input (400); a month not ended yet or with open business is a rule
 * (422); a reopening without a reason is bad input beside the reason; the rest are states that
 * changed under the signer (409).
 */
const CLOSE_SPEC: Record<CloseErrorCode, { kind: ErrorKind; field?: string }> = {
  BAD_PERIOD: { kind: "invalid" },
  NOT_ENDED: { kind: "rule" },
  BLOCKED: { kind: "rule" },
  ALREADY_CLOSED: { kind: "conflict" },
  NOT_PREPARED: { kind: "conflict" },
  ALREADY_SIGNED: { kind: "conflict" },
  OPERATOR_FIRST: { kind: "conflict" },
  OWN_CLOSE: { kind: "conflict" },
  STALE: { kind: "conflict" },
  NOT_SEALED: { kind: "conflict" },
  REASON_REQUIRED: { kind: "invalid", field: "reason" },
  NO_LEDGER: { kind: "conflict" },
};

export class CloseError extends DomainError<CloseErrorCode> {
  static override readonly errorName = "CloseError";
  constructor(
    code: CloseErrorCode,
    message: string,
    readonly blockers: readonly Blocker[] = [],
  ) {
    super({ feature: "close", code, ...CLOSE_SPEC[code], details: blockers.length ? { blockers } : {} }, message);
  }
}

/** What stops a month from closing; each names how many records are in the way. */
export type BlockerKind = "till_open" | "draft_pending" | "order_pending_payment" | "expense_awaiting";
export interface Blocker {
  kind: BlockerKind;
  count: number;
}

export type SignerRole = "operator" | "overseer";
export interface Signature {
  role: SignerRole;
  userId: string;
}

/**
 * Checks one more sign-off against those already given. Invariants: the operator signs first,
 * each role once, nobody twice, and the second signer is neither the operator who signed nor
 * the person who prepared the close.
 * @throws CloseError ALREADY_SIGNED | OPERATOR_FIRST | OWN_CLOSE
 */
export function checkSignature({ role, userId, preparedBy, signatures }: { role: SignerRole; userId: string; preparedBy: string; signatures: readonly Signature[] }): void {
  if (signatures.some((s) => s.userId === userId)) throw new CloseError("ALREADY_SIGNED", "you have already signed this close");
  if (signatures.some((s) => s.role === role)) throw new CloseError("ALREADY_SIGNED", `the ${role} sign-off is already given`);
  if (role === "overseer") {
    if (!signatures.some((s) => s.role === "operator")) throw new CloseError("OPERATOR_FIRST", "the operator signs first");
    if (userId === preparedBy) throw new CloseError("OWN_CLOSE", "the person who prepared a close cannot be its second signer");
  }
}

/** "2026-03" → { month, first, last } or CloseError BAD_PERIOD / NOT_ENDED (a month closes after its last day). */
export function closablePeriod(value: string, today: string): { month: string; first: string; next: string } {
  const month = parseMonth(value);
  if (!month) throw new CloseError("BAD_PERIOD", `${JSON.stringify(value)} is not a month written YYYY-MM`);
  if (month >= today.slice(0, 7)) throw new CloseError("NOT_ENDED", `${month} has not ended yet`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { month, first: `${month}-01`, next };
}

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * JSON with object keys in code-point order at every level and no whitespace: the same
 * figures always give the same text, whatever order they were built in. Numbers must be
 * integers (money travels as decimal strings).
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson takes integers only, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v as Json)).join(",")}]`;
  const object = value as { readonly [key: string]: Json };
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k]!)}`).join(",")}}`;
}

/** seal = hex SHA-256 of the UTF-8 bytes of chainHead + "\n" + canonicalJson(figures). */
export function sealOf(chainHead: string, figures: Json): string {
  if (!/^[0-9a-f]{64}$/.test(chainHead)) throw new TypeError("the chain head is 64 lower-case hex digits");
  return createHash("sha256").update(`${chainHead}\n${canonicalJson(figures)}`, "utf8").digest("hex");
}

/** The seal as people read it aloud: 8 groups of 8. */
export function formatSeal(seal: string): string {
  return seal.match(/.{1,8}/g)?.join(" ") ?? seal;
}

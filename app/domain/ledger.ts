import { createHash } from "node:crypto";

import { type Chart, type SubledgerKind, compareCodes, selfAndAncestors } from "./chart-of-accounts";
import { DomainError, type ErrorKind } from "./errors";
import { type Dec, ZERO, toAmountString } from "./money";

/**
 * Journal rules of the collective's books, pure. Amounts are signed: a debit is positive,
 * a credit negative, so "balanced" means the postings sum to exactly zero.
 * The same rules are enforced again by app/models/ledger.server.ts and by the database
 * (docs/decisions/007-ledger.md); this module is the one the other two must agree with.
 */

export const SOURCE_TYPES = [
  "sale", "order", "payout", "expense", "adjustment", "opening", "remittance", "delivery", "allocation", "reversal", "cash_count", "partner_payment",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

export type Subledger = { kind: SubledgerKind; id: string };

export interface JournalLine {
  accountCode: string;
  /** Signed: debit positive, credit negative. Never zero, at most 2 decimals. */
  amount: Dec;
  subledger?: Subledger;
}

/**
 * What a journal the system posts says (ADR 022): a kind and its values — the receipt's number,
 * the household's name — stored beside the memo and worded at display in the reader's language
 * (dictionary key `ledger.memo.<kind>`). The memo column keeps the Chinese wording, which the
 * chain hashes and the exports carry; a memo a person typed (a draft, a reversal's reason) has
 * no kind and is shown as typed.
 */
export const JOURNAL_MEMO_KINDS = [
  "sale",
  "cashOverShort",
  "orderPaid",
  "orderCompleted",
  "orderRefund",
  "upkeep",
  "allocation",
  "payout",
  "partnerRemittance",
  "partnerPayment",
  "bulkDelivery",
  "opening",
] as const;
export type JournalMemoKind = (typeof JOURNAL_MEMO_KINDS)[number];
export interface JournalMemo {
  kind: JournalMemoKind;
  /** Values as text, ≤ 200 characters each: numbers, amounts as decimal strings, names. */
  vars: Record<string, string>;
}

export interface JournalDraft {
  stationId: string;
  /** YYYY-MM-DD, the day the business happened (not when it was typed). */
  businessDate: string;
  memo: string;
  source: { type: SourceType; id: string };
  idempotencyKey: string;
  currency: "CNY";
  lines: JournalLine[];
}

export type LedgerErrorCode =
  | "UNBALANCED" | "TOO_FEW_LINES" | "ZERO_LINE" | "TOO_MANY_DECIMALS" | "INVALID_AMOUNT" | "OUT_OF_RANGE"
  | "UNKNOWN_ACCOUNT" | "NOT_POSTABLE" | "SUBLEDGER_REQUIRED" | "SUBLEDGER_NOT_ALLOWED" | "SUBLEDGER_MISMATCH"
  | "CURRENCY" | "BAD_DATE" | "BAD_SOURCE" | "BAD_KEY" | "BAD_MEMO" | "BAD_STATION" | "CROSS_STATION"
  | "IDEMPOTENCY_CONFLICT" | "BAD_HASH"
  // Raised by the model (app/models/ledger*.server.ts), often from a database guard; listed here so
  // routes map one set of codes.
  | "PERIOD_CLOSED" | "BAD_SUBLEDGER_ID" | "UNKNOWN_JOURNAL" | "ALREADY_REVERSED" | "CHAIN_CONFLICT" | "APPEND_ONLY"
  | "SELF_APPROVAL" | "UNKNOWN_DRAFT" | "DRAFT_DECIDED" | "BAD_REASON";

/**
 * What a refusal of each code lets a person do: a closed month or a draft already decided is a
 * state that changed (409); an operation on a journal or draft the station does not have is not
 * found; every other code is a rule the journal breaks (422).
 */
const LEDGER_KINDS: Record<LedgerErrorCode, ErrorKind> = {
  UNBALANCED: "rule", TOO_FEW_LINES: "rule", ZERO_LINE: "rule", TOO_MANY_DECIMALS: "rule", INVALID_AMOUNT: "rule", OUT_OF_RANGE: "rule",
  UNKNOWN_ACCOUNT: "rule", NOT_POSTABLE: "rule", SUBLEDGER_REQUIRED: "rule", SUBLEDGER_NOT_ALLOWED: "rule", SUBLEDGER_MISMATCH: "rule",
  CURRENCY: "rule", BAD_DATE: "rule", BAD_SOURCE: "rule", BAD_KEY: "rule", BAD_MEMO: "rule", BAD_STATION: "rule", CROSS_STATION: "rule",
  IDEMPOTENCY_CONFLICT: "rule", BAD_HASH: "rule",
  PERIOD_CLOSED: "conflict", BAD_SUBLEDGER_ID: "rule", UNKNOWN_JOURNAL: "not_found", ALREADY_REVERSED: "rule", CHAIN_CONFLICT: "rule", APPEND_ONLY: "rule",
  SELF_APPROVAL: "rule", UNKNOWN_DRAFT: "not_found", DRAFT_DECIDED: "conflict", BAD_REASON: "rule",
};

export class LedgerError extends DomainError<LedgerErrorCode> {
  static override readonly errorName = "LedgerError";
  constructor(
    code: LedgerErrorCode,
    message: string,
    /** Index of the offending line in `draft.lines`, when the rule is about one line. */
    readonly line?: number,
  ) {
    super({ feature: "ledger", code, kind: LEDGER_KINDS[code], details: line === undefined ? {} : { line } }, message);
  }
}

/** NUMERIC(14,2): |amount| ≤ 999 999 999 999.99. */
const AMOUNT_LIMIT = "1e12";
const MAX_MEMO = 500;
const MAX_KEY = 200;

/** A real calendar date written YYYY-MM-DD. */
export function isBusinessDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a draft against the rules every journal obeys, in this order: header (station,
 * currency, date, source, key, memo), at least two lines, each line (account known and
 * postable, amount finite / in fen / in range / non-zero, sub-ledger as the account
 * requires), and finally the sum of all lines is exactly zero.
 * @throws LedgerError naming the first rule broken (and the line, when it is about one)
 */
export function validateJournal(draft: JournalDraft, chart: Chart): void {
  if (chart.stationId !== undefined && chart.stationId !== draft.stationId) {
    throw new LedgerError("CROSS_STATION", `journal is for station ${draft.stationId} but the accounts belong to ${chart.stationId}`);
  }
  if (!draft.stationId) throw new LedgerError("BAD_STATION", "a journal must name its station");
  if (draft.currency !== "CNY") {
    throw new LedgerError("CURRENCY", `the collective's books are kept in CNY only, not ${String(draft.currency)}`);
  }
  if (!isBusinessDate(draft.businessDate)) {
    throw new LedgerError("BAD_DATE", `business date must be a real date written YYYY-MM-DD, got ${JSON.stringify(draft.businessDate)}`);
  }
  if (!(SOURCE_TYPES as readonly string[]).includes(draft.source?.type) || !draft.source.id?.trim()) {
    throw new LedgerError("BAD_SOURCE", `a journal must name its source document (one of ${SOURCE_TYPES.join(", ")}) and its id`);
  }
  const key = draft.idempotencyKey;
  if (!key || key.length > MAX_KEY || key.trim() !== key || CONTROL.test(key)) {
    throw new LedgerError("BAD_KEY", `idempotency key must be 1–${MAX_KEY} printable characters without surrounding spaces`);
  }
  if (!draft.memo?.trim() || draft.memo.length > MAX_MEMO) {
    throw new LedgerError("BAD_MEMO", `a journal needs a memo of 1–${MAX_MEMO} characters saying what happened`);
  }
  if (draft.lines.length < 2) {
    throw new LedgerError("TOO_FEW_LINES", `a journal needs at least two lines, got ${draft.lines.length}`);
  }
  draft.lines.forEach((line, i) => validateLine(line, i, chart));
  const total = draft.lines.reduce<Dec>((acc, l) => acc.plus(l.amount), ZERO);
  if (!total.isZero()) {
    throw new LedgerError("UNBALANCED", `debits and credits differ by ${toAmountString(total)}; a journal's lines must sum to zero`);
  }
}

function validateLine(line: JournalLine, i: number, chart: Chart): void {
  const n = `line ${i + 1}`;
  const account = chart.accounts.get(line.accountCode);
  if (!account) throw new LedgerError("UNKNOWN_ACCOUNT", `${n}: no account ${JSON.stringify(line.accountCode)} in this station's chart`, i);
  if (!account.postable) {
    throw new LedgerError("NOT_POSTABLE", `${n}: ${account.code} ${account.nameZh} has sub-accounts; post to one of them`, i);
  }
  const a = line.amount;
  if (!a || !a.isFinite()) throw new LedgerError("INVALID_AMOUNT", `${n}: amount is not a finite number`, i);
  if (a.decimalPlaces() > 2) throw new LedgerError("TOO_MANY_DECIMALS", `${n}: ${a.toString()} has more than 2 decimals`, i);
  if (a.abs().gte(AMOUNT_LIMIT)) throw new LedgerError("OUT_OF_RANGE", `${n}: ${a.toString()} does not fit NUMERIC(14,2)`, i);
  if (a.isZero()) throw new LedgerError("ZERO_LINE", `${n}: a line of 0.00 records nothing; leave it out`, i);
  const sub = line.subledger;
  if (account.subledger === null) {
    if (sub !== undefined) {
      throw new LedgerError("SUBLEDGER_NOT_ALLOWED", `${n}: ${account.code} ${account.nameZh} is not kept per ${sub.kind}`, i);
    }
    return;
  }
  if (sub === undefined || !sub.id?.trim()) {
    throw new LedgerError("SUBLEDGER_REQUIRED", `${n}: ${account.code} ${account.nameZh} needs the ${account.subledger} it concerns`, i);
  }
  if (sub.kind !== account.subledger) {
    throw new LedgerError("SUBLEDGER_MISMATCH", `${n}: ${account.code} is kept per ${account.subledger}, not per ${String(sub.kind)}`, i);
  }
}

/** The mirror image: same accounts and sub-ledgers, opposite signs. Sum(lines + mirror) = 0 per account. */
export function reverseLines(lines: readonly JournalLine[]): JournalLine[] {
  return lines.map((l) => ({ ...l, amount: l.amount.isZero() ? ZERO : l.amount.neg() }));
}

/**
 * The draft that undoes a posted journal: its mirror-image lines, same station, source
 * `{ type: "reversal", id: original.id }`. The model links both journals.
 */
export function reversalDraft(
  original: { id: string; stationId: string; lines: readonly JournalLine[] },
  opts: { businessDate: string; memo: string; idempotencyKey: string },
): JournalDraft {
  return {
    stationId: original.stationId,
    businessDate: opts.businessDate,
    memo: opts.memo,
    source: { type: "reversal", id: original.id },
    idempotencyKey: opts.idempotencyKey,
    currency: "CNY",
    lines: reverseLines(original.lines),
  };
}

/** Byte-wise comparison, the order of COLLATE "C" (for ASCII ids, plain `<`). */
function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Sort key of a posting: account, sub-ledger kind, sub-ledger id, amount (numeric). */
function comparePostings(a: JournalLine, b: JournalLine): number {
  return (
    compareCodes(a.accountCode, b.accountCode) ||
    bytewise(a.subledger?.kind ?? "", b.subledger?.kind ?? "") ||
    bytewise(a.subledger?.id ?? "", b.subledger?.id ?? "") ||
    a.amount.comparedTo(b.amount)
  );
}

function contentOf(d: JournalDraft): string {
  const lines = [...d.lines]
    .sort(comparePostings)
    .map((l) => [l.accountCode, l.amount.toString(), l.subledger?.kind ?? null, l.subledger?.id ?? null]);
  return JSON.stringify([d.stationId, d.businessDate, d.memo, d.source.type, d.source.id, d.idempotencyKey, d.currency, lines]);
}

/**
 * Same content for an idempotent replay: same station, date, memo, source, key, currency
 * and the same lines as a multiset (order does not matter, 12.5 equals 12.50).
 */
export function sameContent(a: JournalDraft, b: JournalDraft): boolean {
  return contentOf(a) === contentOf(b);
}

/**
 * For a replayed idempotency key: passes when the incoming draft is the stored one again.
 * @throws LedgerError IDEMPOTENCY_CONFLICT when the key was used for different content
 */
export function assertSameContent(stored: JournalDraft, incoming: JournalDraft): void {
  if (!sameContent(stored, incoming)) {
    throw new LedgerError(
      "IDEMPOTENCY_CONFLICT",
      `idempotency key ${JSON.stringify(incoming.idempotencyKey)} was already used for a different journal`,
    );
  }
}

/** A stored journal's header as it enters the hash (see `canonicalJournal`). */
export interface CanonicalJournalInput {
  id: string;
  stationId: string;
  /** Sequential per station, from 1. */
  number: number;
  businessDate: string;
  memo: string;
  source: { type: SourceType; id: string };
  idempotencyKey: string;
  currency: "CNY";
  createdBy: string;
  approvedBy: string | null;
  reversesJournalId: string | null;
}

export const CANONICAL_VERSION = 1;
export const GENESIS_HASH = "0".repeat(64);

/**
 * The canonical serialisation of a journal and its postings: the text that is hashed.
 * Format, version 1 — one line of JSON, no whitespace outside strings, keys in exactly
 * this order:
 *
 *   {"v":1,"id":S,"station":S,"number":N,"date":S,"currency":"CNY","memo":S,
 *    "sourceType":S,"sourceId":S,"key":S,"createdBy":S,"approvedBy":S|null,
 *    "reverses":S|null,"postings":[{"account":S,"amount":S,"subledgerKind":S|null,
 *    "subledgerId":S|null},...]}
 *
 * - S is a JSON string literal as JSON.stringify writes it (and PostgreSQL's to_json(text)):
 *   `"` and `\` escaped, \b \f \n \r \t, other U+0000–U+001F as \u00xx (lower-case hex),
 *   everything else literal UTF-8. N is a decimal integer without sign or leading zeros.
 * - ids are written as stored (uuids in lower case); date is YYYY-MM-DD.
 * - amount is the signed amount with exactly two decimals ("-85.00", "0.50"), no "+".
 * - postings are sorted by account code, then sub-ledger kind, then sub-ledger id (all
 *   byte order, absent = ""), then amount numerically — `ORDER BY account_code COLLATE "C",
 *   coalesce(subledger_kind,'') COLLATE "C", coalesce(subledger_id::text,'') COLLATE "C",
 *   amount` in SQL — so the stored row order never matters.
 * - The text is hashed as UTF-8 bytes. created_at and other timestamps are not included.
 */
export function canonicalJournal(journal: CanonicalJournalInput, postings: readonly JournalLine[]): string {
  const s = JSON.stringify;
  const sorted = [...postings].sort(comparePostings);
  const ps = sorted.map(
    (p) =>
      `{"account":${s(p.accountCode)},"amount":${s(toAmountString(p.amount))},` +
      `"subledgerKind":${p.subledger ? s(p.subledger.kind) : "null"},"subledgerId":${p.subledger ? s(p.subledger.id) : "null"}}`,
  );
  if (!Number.isSafeInteger(journal.number) || journal.number < 1) {
    throw new LedgerError("BAD_HASH", `journal number must be a positive integer, got ${journal.number}`);
  }
  return (
    `{"v":${CANONICAL_VERSION},"id":${s(journal.id)},"station":${s(journal.stationId)},"number":${journal.number},` +
    `"date":${s(journal.businessDate)},"currency":${s(journal.currency)},"memo":${s(journal.memo)},` +
    `"sourceType":${s(journal.source.type)},"sourceId":${s(journal.source.id)},"key":${s(journal.idempotencyKey)},` +
    `"createdBy":${s(journal.createdBy)},"approvedBy":${journal.approvedBy === null ? "null" : s(journal.approvedBy)},` +
    `"reverses":${journal.reversesJournalId === null ? "null" : s(journal.reversesJournalId)},"postings":[${ps.join(",")}]}`
  );
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * hash = lower-case hex SHA-256 of the UTF-8 bytes of prevHash + "\n" + canonical.
 * The first journal of a station chains from GENESIS_HASH (64 zeros).
 * In SQL: encode(sha256(convert_to(prev_hash || E'\n' || canonical, 'UTF8')), 'hex').
 * @throws LedgerError BAD_HASH if prevHash is not 64 lower-case hex digits
 */
export function chainHash(prevHash: string, canonical: string): string {
  if (!HEX64.test(prevHash)) throw new LedgerError("BAD_HASH", `previous hash must be 64 lower-case hex digits`);
  return createHash("sha256").update(`${prevHash}\n${canonical}`, "utf8").digest("hex");
}

export interface ChainEntry {
  journal: CanonicalJournalInput;
  postings: readonly JournalLine[];
  prevHash: string;
  hash: string;
}

export type ChainProblem = "NUMBERING" | "PREV_HASH" | "HASH" | "UNBALANCED";
export type ChainResult =
  | { ok: true; count: number; head: string }
  | { ok: false; index: number; journalId: string; number: number; problem: ChainProblem; message: string };

/**
 * Recomputes one station's chain, given in journal-number order. Reports the first
 * journal that does not match: a number out of sequence (deleted, inserted, reordered),
 * a prevHash that is not its predecessor's hash, a hash that is not the hash of its own
 * content (edited), or postings that do not sum to zero.
 */
export function verifyChain(
  entries: readonly ChainEntry[],
  /** Where `entries` continue from (a verified prefix), for checking a long chain in batches. */
  after: { number: number; hash: string } = { number: 0, hash: GENESIS_HASH },
): ChainResult {
  let prev = after.hash;
  for (const [index, e] of entries.entries()) {
    const { id, number } = e.journal;
    const expected = after.number + index + 1;
    const fail = (problem: ChainProblem, message: string): ChainResult => ({ ok: false, index, journalId: id, number, problem, message });
    if (number !== expected) return fail("NUMBERING", `journal ${number} (${id}) is where journal ${expected} should be`);
    if (e.prevHash !== prev) return fail("PREV_HASH", `journal ${number} (${id}) does not follow journal ${expected - 1}: its previous hash differs`);
    const total = e.postings.reduce<Dec>((acc, p) => acc.plus(p.amount), ZERO);
    if (!total.isZero()) return fail("UNBALANCED", `journal ${number} (${id}) postings sum to ${toAmountString(total)}`);
    if (chainHash(prev, canonicalJournal(e.journal, e.postings)) !== e.hash) {
      return fail("HASH", `journal ${number} (${id}) does not match its hash: it was changed after posting`);
    }
    prev = e.hash;
  }
  return { ok: true, count: after.number + entries.length, head: prev };
}

/** A posting as balances read it; `businessDate` is needed only for period trial balances. */
export interface LedgerPosting {
  accountCode: string;
  amount: Dec;
  businessDate?: string;
  subledger?: Subledger;
}

/** debit: sum of debits; credit: sum of credits as a positive number; net = debit − credit (debit balance +). */
export type AccountBalance = { debit: Dec; credit: Dec; net: Dec };

const zeroBalance = (): AccountBalance => ({ debit: ZERO, credit: ZERO, net: ZERO });

function add(b: AccountBalance, amount: Dec): AccountBalance {
  return amount.isNeg()
    ? { debit: b.debit, credit: b.credit.minus(amount), net: b.net.plus(amount) }
    : { debit: b.debit.plus(amount), credit: b.credit, net: b.net.plus(amount) };
}

/** Per postable account: debit and credit turnover and net balance. Σ net over all accounts = 0 for balanced input. */
export function balances(postings: readonly LedgerPosting[]): Map<string, AccountBalance> {
  const out = new Map<string, AccountBalance>();
  for (const p of postings) out.set(p.accountCode, add(out.get(p.accountCode) ?? zeroBalance(), p.amount));
  return out;
}

/** Per account and sub-ledger party (key `${account}|${kind}|${id}`): what each household / partner is owed or owes. */
export function subledgerBalances(postings: readonly LedgerPosting[]): Map<string, AccountBalance> {
  const out = new Map<string, AccountBalance>();
  for (const p of postings) {
    if (!p.subledger) continue;
    const k = `${p.accountCode}|${p.subledger.kind}|${p.subledger.id}`;
    out.set(k, add(out.get(k) ?? zeroBalance(), p.amount));
  }
  return out;
}

export interface TrialBalanceRow {
  code: string;
  level: number;
  nameZh: string;
  nameEn: string;
  /** Net balance before the period (debit +). */
  opening: Dec;
  /** Turnover within the period. */
  debit: Dec;
  credit: Dec;
  /** opening + debit − credit. */
  closing: Dec;
}

export interface TrialBalance {
  /** Every account with activity, and its ancestors (sums of their children), in code order. */
  rows: TrialBalanceRow[];
  /** Over level-1 accounts; balanced when each debit column equals its credit column. */
  totals: { openingDebit: Dec; openingCredit: Dec; debit: Dec; credit: Dec; closingDebit: Dec; closingCredit: Dec };
  balanced: boolean;
}

/**
 * 试算平衡表. Without `period` every posting is turnover and openings are zero; with it,
 * postings dated before `from` make the opening balance, those in [from, to] the turnover,
 * later ones are left out. Parent rows are the sums of their children.
 * @throws LedgerError UNKNOWN_ACCOUNT / NOT_POSTABLE for a posting the chart cannot hold,
 *   BAD_DATE for a bad period or, with a period, a posting without a valid date
 */
export function trialBalance(postings: readonly LedgerPosting[], chart: Chart, period?: { from: string; to: string }): TrialBalance {
  if (period && !(isBusinessDate(period.from) && isBusinessDate(period.to) && period.from <= period.to)) {
    throw new LedgerError("BAD_DATE", `period ${period.from}…${period.to} is not two dates in order`);
  }
  const acc = new Map<string, { opening: Dec; debit: Dec; credit: Dec }>();
  for (const p of postings) {
    const account = chart.accounts.get(p.accountCode);
    if (!account) throw new LedgerError("UNKNOWN_ACCOUNT", `posting to unknown account ${p.accountCode}`);
    if (!account.postable) throw new LedgerError("NOT_POSTABLE", `posting to parent account ${p.accountCode}`);
    let opening = false;
    if (period) {
      if (!p.businessDate || !isBusinessDate(p.businessDate)) throw new LedgerError("BAD_DATE", "a period trial balance needs dated postings");
      if (p.businessDate > period.to) continue;
      opening = p.businessDate < period.from;
    }
    for (const code of selfAndAncestors(p.accountCode)) {
      const r = acc.get(code) ?? { opening: ZERO, debit: ZERO, credit: ZERO };
      if (opening) r.opening = r.opening.plus(p.amount);
      else if (p.amount.isNeg()) r.credit = r.credit.minus(p.amount);
      else r.debit = r.debit.plus(p.amount);
      acc.set(code, r);
    }
  }
  const rows: TrialBalanceRow[] = [];
  const t = { openingDebit: ZERO, openingCredit: ZERO, debit: ZERO, credit: ZERO, closingDebit: ZERO, closingCredit: ZERO };
  for (const [code, a] of chart.accounts) {
    const r = acc.get(code);
    if (!r) continue;
    const closing = r.opening.plus(r.debit).minus(r.credit);
    rows.push({ code, level: a.level, nameZh: a.nameZh, nameEn: a.nameEn, opening: r.opening, debit: r.debit, credit: r.credit, closing });
    if (a.level !== 1) continue;
    if (r.opening.isPos()) t.openingDebit = t.openingDebit.plus(r.opening);
    else t.openingCredit = t.openingCredit.minus(r.opening);
    t.debit = t.debit.plus(r.debit);
    t.credit = t.credit.plus(r.credit);
    if (closing.isPos()) t.closingDebit = t.closingDebit.plus(closing);
    else t.closingCredit = t.closingCredit.minus(closing);
  }
  const balanced = t.openingDebit.eq(t.openingCredit) && t.debit.eq(t.credit) && t.closingDebit.eq(t.closingCredit);
  return { rows, totals: t, balanced };
}

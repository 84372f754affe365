import { addDays, firstOfMonth, nextMonthStart } from "./dates";
import { isBusinessDate } from "./ledger";
import { D, type Dec, ZERO } from "./money";

/**
 * The reports' rules, pure: which accounts make up each income source and expense kind, what a
 * valid report range is, how receivables age and how on time payouts were (first in, first
 * out), and the operator assessment's formula. Models feed these with sums read from the ledger.
 */

export const INCOME_SOURCES = ["commission_produce", "commission_partner", "service", "own_sales", "other"] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const EXPENSE_KINDS = [
  "own_goods_cost",
  "operating_other",
  "taxes",
  "equipment",
  "electricity",
  "internet",
  "repairs",
  "keeper_pay",
  "admin_other",
  "public_welfare",
  "other",
  "income_tax",
] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

// Longest prefix wins, so a station's own sub-account (e.g. 5010101) follows its parent's meaning.
const INCOME_PREFIXES: readonly [string, IncomeSource][] = [
  ["50101", "commission_produce"],
  ["50102", "commission_partner"],
  ["50103", "own_sales"],
  ["50104", "service"],
  ["50", "other"],
];
const EXPENSE_PREFIXES: readonly [string, ExpenseKind][] = [
  ["51101", "own_goods_cost"],
  ["511", "operating_other"],
  ["512", "taxes"],
  ["51301", "equipment"],
  ["51302", "electricity"],
  ["51303", "internet"],
  ["51304", "repairs"],
  ["51305", "keeper_pay"],
  ["513", "admin_other"],
  ["514", "public_welfare"],
  ["515", "other"],
  ["521", "income_tax"],
];

function byPrefix<T>(code: string, table: readonly [string, T][]): T | null {
  let best: [string, T] | null = null;
  for (const entry of table) if (code.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? best[1] : null;
}

/** The income source of a 50x account (null for any other account). */
export function incomeSourceOf(code: string): IncomeSource | null {
  return code.startsWith("50") ? byPrefix(code, INCOME_PREFIXES) : null;
}

/** The expense kind of a 51x/52x account (null for any other account). */
export function expenseKindOf(code: string): ExpenseKind | null {
  return code.startsWith("51") || code.startsWith("52") ? byPrefix(code, EXPENSE_PREFIXES) : null;
}

export interface AccountTurnover {
  accountCode: string;
  /** Signed: debit +, credit −, summed over the range. */
  net: Dec;
}

export interface StatementFigures {
  bySource: { source: IncomeSource; amount: Dec; accountCodes: string[] }[];
  expensesByKind: { kind: ExpenseKind; amount: Dec; accountCodes: string[] }[];
  totalIncome: Dec;
  totalExpenses: Dec;
  /** totalIncome − totalExpenses: the range's surplus (本年收益 for a year). */
  net: Dec;
}

/**
 * 收支表 from per-account turnover: income is credit minus debit of the 50x accounts, expenses
 * debit minus credit of the 51x/52x accounts; every source and kind appears (zero when idle),
 * with the accounts that make it up, so each figure can link to its general ledger.
 */
export function statementFromTurnover(rows: readonly AccountTurnover[]): StatementFigures {
  const income = new Map<IncomeSource, { amount: Dec; codes: Set<string> }>(INCOME_SOURCES.map((s) => [s, { amount: ZERO, codes: new Set() }]));
  const expenses = new Map<ExpenseKind, { amount: Dec; codes: Set<string> }>(EXPENSE_KINDS.map((k) => [k, { amount: ZERO, codes: new Set() }]));
  for (const r of rows) {
    const source = incomeSourceOf(r.accountCode);
    if (source) {
      const e = income.get(source)!;
      e.amount = e.amount.minus(r.net);
      e.codes.add(r.accountCode);
      continue;
    }
    const kind = expenseKindOf(r.accountCode);
    if (kind) {
      const e = expenses.get(kind)!;
      e.amount = e.amount.plus(r.net);
      e.codes.add(r.accountCode);
    }
  }
  const bySource = INCOME_SOURCES.map((source) => ({ source, amount: income.get(source)!.amount, accountCodes: [...income.get(source)!.codes].sort() }));
  const expensesByKind = EXPENSE_KINDS.map((kind) => ({ kind, amount: expenses.get(kind)!.amount, accountCodes: [...expenses.get(kind)!.codes].sort() }));
  const totalIncome = bySource.reduce((s, r) => s.plus(r.amount), ZERO);
  const totalExpenses = expensesByKind.reduce((s, r) => s.plus(r.amount), ZERO);
  return { bySource, expensesByKind, totalIncome, totalExpenses, net: totalIncome.minus(totalExpenses) };
}

// ---------------------------------------------------------------------------------------------
// Ranges

/** The longest range a report answers: five years of history is more than any committee asks for. */
export const MAX_RANGE_DAYS = 5 * 366;

export type RangeProblem = "invalid" | "inverted" | "tooLong";
export type RangeResult = { ok: true; from: string; to: string } | { ok: false; errors: Partial<Record<"from" | "to", RangeProblem>> };

/** Days from a to b (b − a), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  // Both are UTC midnights, so the difference is a whole number of days.
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/**
 * A report's ?from=&to=: both optional (to defaults to today, from to the first of the month
 * eleven months before: the last twelve months), each a real calendar day after 1900, from ≤
 * to, and at most MAX_RANGE_DAYS long. Errors name the field.
 */
export function parseReportRange(raw: { from?: string | null; to?: string | null }, today: string): RangeResult {
  const errors: Partial<Record<"from" | "to", RangeProblem>> = {};
  const good = (v: string) => isBusinessDate(v) && v >= "1900-01-01" && v <= "2999-12-31";
  const rawFrom = raw.from?.trim() || null;
  const rawTo = raw.to?.trim() || null;
  if (rawFrom !== null && !good(rawFrom)) errors.from = "invalid";
  if (rawTo !== null && !good(rawTo)) errors.to = "invalid";
  if (errors.from || errors.to) return { ok: false, errors };
  const to = rawTo ?? today;
  const from = rawFrom ?? monthsBack(to, 11);
  if (from > to) return { ok: false, errors: { from: "inverted" } };
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return { ok: false, errors: { from: "tooLong" } };
  return { ok: true, from, to };
}

/** The first day of the month `n` months before `date`'s month. */
export function monthsBack(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 - n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-01`;
}

/** The months ("YYYY-MM") the range touches, in order. */
export function monthsIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = firstOfMonth(from); m <= to; m = nextMonthStart(m)) out.push(m.slice(0, 7));
  return out;
}

/** How many months of a range, counting partial months pro rata by days (for prorated targets). */
export function monthSpan(from: string, to: string): Dec {
  return new D(daysBetween(from, to) + 1).div(new D("30.4375"));
}

// ---------------------------------------------------------------------------------------------
// First in, first out: ageing and timeliness

export interface PartyMovement {
  party: string;
  date: string;
  /** Signed in the account's normal direction: + increases what is owed (invoice / credit to a payable), − settles it. */
  amount: Dec;
}

export const AGEING_BUCKETS = ["d0_30", "d31_60", "d61_90", "d90_plus"] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export function ageingBucket(days: number): AgeingBucket {
  if (days <= 30) return "d0_30";
  if (days <= 60) return "d31_60";
  if (days <= 90) return "d61_90";
  return "d90_plus";
}

interface OpenItem {
  date: string;
  left: Dec;
}

/** Settles each party's increases oldest first; calls `settled(itemDate, settleDate, amount)` for every piece matched. */
function fifo(movements: readonly PartyMovement[], settled?: (party: string, itemDate: string, settleDate: string, amount: Dec) => void): Map<string, OpenItem[]> {
  const sorted = [...movements].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.amount.comparedTo(a.amount)));
  const open = new Map<string, OpenItem[]>();
  // A settlement before any increase (or beyond it) waits as credit for the next increase.
  const credit = new Map<string, { date: string; left: Dec }[]>();
  for (const m of sorted) {
    const items = open.get(m.party) ?? [];
    open.set(m.party, items);
    if (m.amount.gt(0)) {
      let left = m.amount;
      const prepaid = credit.get(m.party) ?? [];
      while (left.gt(0) && prepaid.length) {
        const c = prepaid[0]!;
        const take = D.min(left, c.left);
        settled?.(m.party, m.date, m.date, take);
        left = left.minus(take);
        c.left = c.left.minus(take);
        if (c.left.isZero()) prepaid.shift();
      }
      if (left.gt(0)) items.push({ date: m.date, left });
      continue;
    }
    let pay = m.amount.neg();
    while (pay.gt(0) && items.length) {
      const item = items[0]!;
      const take = D.min(pay, item.left);
      settled?.(m.party, item.date, m.date, take);
      item.left = item.left.minus(take);
      pay = pay.minus(take);
      if (item.left.isZero()) items.shift();
    }
    if (pay.gt(0)) credit.set(m.party, [...(credit.get(m.party) ?? []), { date: m.date, left: pay }]);
  }
  return open;
}

export interface AgeingRow {
  party: string;
  total: Dec;
  buckets: Record<AgeingBucket, Dec>;
  oldest: string | null;
}

/**
 * 账龄: what each party still owes at `asOf`, by the age of the oldest unpaid increases
 * (payments settle the oldest first). Parties that owe nothing are left out.
 */
export function ageReceivables(movements: readonly PartyMovement[], asOf: string): AgeingRow[] {
  const open = fifo(movements.filter((m) => m.date <= asOf));
  const out: AgeingRow[] = [];
  for (const [party, items] of open) {
    if (!items.length) continue;
    const buckets = Object.fromEntries(AGEING_BUCKETS.map((b) => [b, ZERO])) as Record<AgeingBucket, Dec>;
    for (const i of items) buckets[ageingBucket(daysBetween(i.date, asOf))] = buckets[ageingBucket(daysBetween(i.date, asOf))].plus(i.left);
    out.push({ party, total: items.reduce((s, i) => s.plus(i.left), ZERO), buckets, oldest: items[0]!.date });
  }
  return out.sort((a, b) => b.total.comparedTo(a.total) || (a.party < b.party ? -1 : 1));
}

/**
 * Of what households were owed on days in [from, to] that fell due by `asOf` − `days`, the share
 * paid within `days` days (oldest first). 1 when nothing fell due; amounts are the money, so a
 * large late payout weighs more than a small one.
 */
export function onTimeShare(movements: readonly PartyMovement[], { from, to, asOf, days }: { from: string; to: string; asOf: string; days: number }): { due: Dec; onTime: Dec; share: Dec } {
  const lastDue = addDays(asOf, -days);
  let onTime = ZERO;
  fifo(movements, (_party, itemDate, settleDate, amount) => {
    if (itemDate >= from && itemDate <= to && itemDate <= lastDue && daysBetween(itemDate, settleDate) <= days) onTime = onTime.plus(amount);
  });
  const due = movements.filter((m) => m.amount.gt(0) && m.date >= from && m.date <= to && m.date <= lastDue).reduce((s, m) => s.plus(m.amount), ZERO);
  return { due, onTime, share: due.isZero() ? new D(1) : onTime.div(due) };
}

// ---------------------------------------------------------------------------------------------
// 考核: the operator assessment

/** Weights and targets of the assessment, published with every score (the page prints them). */
export const ASSESSMENT = {
  weights: { sales: 30, households: 20, orders: 15, cash: 15, payouts: 20 },
  salesTargetPerMonth: new D("20000"),
  householdsTarget: 20,
  /** Cash variance tolerated before the cash part drops to zero: 0.5% of cash taken. */
  cashTolerance: new D("0.005"),
  payoutDays: 7,
  orderHours: 24,
} as const;

export interface AssessmentInput {
  from: string;
  to: string;
  sales: Dec;
  householdsServed: number;
  /** Online orders due in the range and how many were handled on time; null when there is no online channel. */
  orders: { due: number; onTime: number } | null;
  cashTaken: Dec;
  /** Sum of |over/short| per till session. */
  cashVariance: Dec;
  payoutsOnTimeShare: Dec;
}

export interface AssessmentResult {
  parts: { sales: Dec; households: Dec; orders: Dec; cash: Dec; payouts: Dec };
  score: Dec;
  salesTarget: Dec;
}

const clamp01 = (d: Dec) => D.max(ZERO, D.min(new D(1), d));

/**
 * score = 30·min(1, sales ÷ target) + 20·min(1, households ÷ 20) + 15·(orders on time ÷ due)
 *       + 15·max(0, 1 − |cash variance| ÷ (0.5% × cash taken)) + 20·(payouts within 7 days ÷ due),
 * target = 20 000 a month prorated by days; a part with nothing to measure scores full. 0–100, one decimal.
 */
export function assess(input: AssessmentInput): AssessmentResult {
  const w = ASSESSMENT.weights;
  const salesTarget = ASSESSMENT.salesTargetPerMonth.times(monthSpan(input.from, input.to)).toDecimalPlaces(2);
  const parts = {
    sales: clamp01(salesTarget.isZero() ? new D(1) : input.sales.div(salesTarget)).times(w.sales),
    households: clamp01(new D(input.householdsServed).div(ASSESSMENT.householdsTarget)).times(w.households),
    orders: (input.orders && input.orders.due > 0 ? clamp01(new D(input.orders.onTime).div(input.orders.due)) : new D(1)).times(w.orders),
    cash: (input.cashTaken.isZero() ? (input.cashVariance.isZero() ? new D(1) : ZERO) : clamp01(new D(1).minus(input.cashVariance.div(input.cashTaken.times(ASSESSMENT.cashTolerance))))).times(w.cash),
    payouts: clamp01(input.payoutsOnTimeShare).times(w.payouts),
  };
  const score = Object.values(parts).reduce((s, p) => s.plus(p), ZERO).toDecimalPlaces(1);
  return { parts: { sales: parts.sales.toDecimalPlaces(1), households: parts.households.toDecimalPlaces(1), orders: parts.orders.toDecimalPlaces(1), cash: parts.cash.toDecimalPlaces(1), payouts: parts.payouts.toDecimalPlaces(1) }, score, salesTarget };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+@\t\r]/.test(s) || (/^-/.test(s) && !/^-\d+(\.\d+)?$/.test(s))) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document with a UTF-8 byte-order mark so spreadsheet programs read the Chinese right, CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

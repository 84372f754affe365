import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import { type Chart, type ChartAccount, compareCodes } from "~/domain/chart-of-accounts";
import { addDays, firstOfMonth, monthStartOnOrAfter } from "~/domain/dates";
import { type AccountBalance, type JournalMemo, type LedgerPosting, type TrialBalance, trialBalance } from "~/domain/ledger";
import { D, type Dec, ZERO } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { users } from "../../../db/schema/identity";
import { ledgerJournalDrafts, ledgerJournals, ledgerMonthTotals, ledgerPostings } from "../../../db/schema/ledger";
import { loadChart } from "./accounts.server";
import { type Journal, storedDescription, withLines } from "./shared.server";

/**
 * Reading the books. The figures are the domain's (balances, trialBalance in
 * app/domain/ledger.ts; an integration test compares them on random data), computed from the
 * month-totals cache for whole months and the covering indexes for partial ones, so a trial
 * balance stays fast however many years of postings pile up.
 */

type Turnover = { debit: Dec; credit: Dec };

const amount = ledgerPostings.amount;
const debitSum = sql<string>`coalesce(sum(${amount}) filter (where ${amount} > 0), 0)`;
const creditSum = sql<string>`coalesce(-sum(${amount}) filter (where ${amount} < 0), 0)`;

function add(into: Map<string, Turnover>, code: string, debit: string, credit: string): void {
  const t = into.get(code) ?? { debit: ZERO, credit: ZERO };
  into.set(code, { debit: t.debit.plus(debit), credit: t.credit.plus(credit) });
}

async function postingTotals(db: Db, stationId: string, from: string | null, to: string, codes: readonly string[] | undefined, into: Map<string, Turnover>) {
  const rows = await db
    .select({ code: ledgerPostings.accountCode, debit: debitSum, credit: creditSum })
    .from(ledgerPostings)
    .where(
      and(
        eq(ledgerPostings.stationId, stationId),
        from === null ? undefined : gte(ledgerPostings.businessDate, from),
        lte(ledgerPostings.businessDate, to),
        codes ? inArray(ledgerPostings.accountCode, [...codes]) : undefined,
      ),
    )
    .groupBy(ledgerPostings.accountCode);
  for (const r of rows) add(into, r.code, r.debit, r.credit);
}

/**
 * Debit and credit turnover per postable account over [from, to] (from null: since the first
 * posting). Whole months come from ledger_month_totals, the ragged ends from the postings.
 */
async function rangeTotals(db: Db, stationId: string, from: string | null, to: string, codes?: readonly string[]): Promise<Map<string, Turnover>> {
  const out = new Map<string, Turnover>();
  if (from !== null && from > to) return out;
  if (codes && codes.length === 0) return out;
  const monthsFrom = from === null ? null : monthStartOnOrAfter(from);
  const monthsTo = firstOfMonth(addDays(to, 1)); // exclusive: the first month not wholly inside
  if (monthsFrom !== null && monthsFrom >= monthsTo) {
    await postingTotals(db, stationId, from, to, codes, out);
    return out;
  }
  const months = await db
    .select({
      code: ledgerMonthTotals.accountCode,
      debit: sql<string>`sum(${ledgerMonthTotals.debit})`,
      credit: sql<string>`sum(${ledgerMonthTotals.credit})`,
    })
    .from(ledgerMonthTotals)
    .where(
      and(
        eq(ledgerMonthTotals.stationId, stationId),
        monthsFrom === null ? undefined : gte(ledgerMonthTotals.month, monthsFrom),
        lt(ledgerMonthTotals.month, monthsTo),
        codes ? inArray(ledgerMonthTotals.accountCode, [...codes]) : undefined,
      ),
    )
    .groupBy(ledgerMonthTotals.accountCode);
  for (const r of months) add(out, r.code, r.debit, r.credit);
  if (from !== null && from < monthsFrom!) await postingTotals(db, stationId, from, addDays(monthsFrom!, -1), codes, out);
  if (monthsTo <= to) await postingTotals(db, stationId, monthsTo, to, codes, out);
  return out;
}

/** Per postable account with postings up to `asOf`: debit and credit turnover and net balance (debit +), as `balances` computes. */
export async function accountBalances(db: Db, { stationId, asOf }: { stationId: string; asOf: string }): Promise<Map<string, AccountBalance>> {
  const out = new Map<string, AccountBalance>();
  const totals = await rangeTotals(db, stationId, null, asOf);
  for (const code of [...totals.keys()].sort(compareCodes)) {
    const t = totals.get(code)!;
    out.set(code, { debit: t.debit, credit: t.credit, net: t.debit.minus(t.credit) });
  }
  return out;
}

/** What each household / partner is owed or owes, per account (key `${account}|${kind}|${id}`), as `subledgerBalances` computes. */
export async function subledgerBalances(db: Db, { stationId, asOf }: { stationId: string; asOf: string }): Promise<Map<string, AccountBalance>> {
  const party = sql<string>`coalesce(${ledgerPostings.householdId}, ${ledgerPostings.partnerId})::text`;
  const rows = await db
    .select({ code: ledgerPostings.accountCode, kind: ledgerPostings.subledgerKind, party, debit: debitSum, credit: creditSum })
    .from(ledgerPostings)
    .where(and(eq(ledgerPostings.stationId, stationId), lte(ledgerPostings.businessDate, asOf), sql`${ledgerPostings.subledgerKind} is not null`))
    .groupBy(ledgerPostings.accountCode, ledgerPostings.subledgerKind, party);
  const out = new Map<string, AccountBalance>();
  for (const r of rows) {
    const debit = new D(r.debit);
    const credit = new D(r.credit);
    out.set(`${r.code}|${r.kind}|${r.party}`, { debit, credit, net: debit.minus(credit) });
  }
  return out;
}

export interface TrialBalanceReport extends TrialBalance {
  from: string;
  to: string;
  chart: Chart;
}

/**
 * 试算平衡表 for [from, to] (from defaults to the first of `to`'s month): opening balance,
 * turnover and closing balance per account with activity, parents summing their children.
 * The per-account sums come from SQL; the rows, roll-up and totals from the domain's
 * `trialBalance`, fed one opening and two turnover figures per account.
 */
export async function getTrialBalance(db: Db, { stationId, from, to }: { stationId: string; from?: string; to: string }): Promise<TrialBalanceReport> {
  const start = from ?? firstOfMonth(to);
  const chart = await loadChart(db, { stationId });
  const before = addDays(start, -1);
  const opening = await rangeTotals(db, stationId, null, before);
  const turnover = await rangeTotals(db, stationId, start, to);
  const postings: LedgerPosting[] = [];
  for (const [accountCode, t] of opening) postings.push({ accountCode, amount: t.debit.minus(t.credit), businessDate: before });
  for (const [accountCode, t] of turnover) {
    if (!t.debit.isZero()) postings.push({ accountCode, amount: t.debit, businessDate: start });
    if (!t.credit.isZero()) postings.push({ accountCode, amount: t.credit.neg(), businessDate: start });
  }
  return { ...trialBalance(postings, chart, { from: start, to }), from: start, to, chart };
}

/** The account and its postable descendants (a parent's ledger is its children's). */
function ledgerCodes(chart: Chart, code: string): string[] {
  return [...chart.accounts.values()].filter((a) => a.postable && (a.code === code || a.code.startsWith(code))).map((a) => a.code);
}

export interface GeneralLedgerRow {
  postingId: number;
  journalId: string;
  number: number;
  date: string;
  memo: string;
  description: JournalMemo | null;
  accountCode: string;
  amount: Dec;
  /** The party's name: the household's head, the partner's name (Chinese, as registered). */
  subledger: { kind: string; id: string; name: string | null; nameEn: string | null } | null;
  /** Running balance after this posting (debit +). */
  balance: Dec;
}

export interface GeneralLedger {
  account: ChartAccount;
  from: string;
  to: string;
  opening: Dec;
  rows: GeneralLedgerRow[];
  debit: Dec;
  credit: Dec;
  closing: Dec;
  /** More postings fall in the range than `limit`: the rows stop early, the totals do not. */
  truncated: boolean;
}

/**
 * 明细账: one account's postings in [from, to] in posting order (date, journal number, line),
 * each with the running balance from the opening balance before `from`. Null when the
 * station has no such account.
 */
export async function getGeneralLedger(
  db: Db,
  { stationId, accountCode, from, to, limit = 500 }: { stationId: string; accountCode: string; from: string; to: string; limit?: number },
): Promise<GeneralLedger | null> {
  const chart = await loadChart(db, { stationId });
  const account = chart.accounts.get(accountCode);
  if (!account) return null;
  const codes = ledgerCodes(chart, accountCode);
  const net = (m: Map<string, Turnover>, pick: (t: Turnover) => Dec) => [...m.values()].reduce<Dec>((s, t) => s.plus(pick(t)), ZERO);
  const openingTotals = await rangeTotals(db, stationId, null, addDays(from, -1), codes);
  const periodTotals = await rangeTotals(db, stationId, from, to, codes);
  const opening = net(openingTotals, (t) => t.debit.minus(t.credit));
  const debit = net(periodTotals, (t) => t.debit);
  const credit = net(periodTotals, (t) => t.credit);
  const found = await db
    .select({
      postingId: ledgerPostings.id,
      journalId: ledgerPostings.journalId,
      number: ledgerJournals.number,
      date: ledgerPostings.businessDate,
      memo: ledgerJournals.memo,
      memoKind: ledgerJournals.memoKind,
      memoVars: ledgerJournals.memoVars,
      accountCode: ledgerPostings.accountCode,
      amount: ledgerPostings.amount,
      kind: ledgerPostings.subledgerKind,
      party: sql<string | null>`coalesce(${ledgerPostings.householdId}, ${ledgerPostings.partnerId})::text`,
      partyName: sql<string | null>`coalesce(
        (select h.head_name from households h where h.id = ${ledgerPostings.householdId}),
        (select p.name_zh from partner_companies p where p.id = ${ledgerPostings.partnerId}))`,
      partyNameEn: sql<string | null>`(select nullif(p.name_en, '') from partner_companies p where p.id = ${ledgerPostings.partnerId})`,
    })
    .from(ledgerPostings)
    .innerJoin(ledgerJournals, eq(ledgerJournals.id, ledgerPostings.journalId))
    .where(
      and(
        eq(ledgerPostings.stationId, stationId),
        inArray(ledgerPostings.accountCode, codes.length ? codes : [accountCode]),
        gte(ledgerPostings.businessDate, from),
        lte(ledgerPostings.businessDate, to),
      ),
    )
    .orderBy(asc(ledgerPostings.businessDate), asc(ledgerJournals.number), asc(ledgerPostings.id))
    .limit(limit + 1);
  let balance = opening;
  const rows = found.slice(0, limit).map((r): GeneralLedgerRow => {
    const a = new D(r.amount);
    balance = balance.plus(a);
    return {
      postingId: r.postingId,
      journalId: r.journalId,
      number: r.number,
      date: r.date,
      memo: r.memo,
      description: storedDescription(r),
      accountCode: r.accountCode,
      amount: a,
      subledger: r.kind && r.party ? { kind: r.kind, id: r.party, name: r.partyName, nameEn: r.partyNameEn } : null,
      balance,
    };
  });
  return { account, from, to, opening, rows, debit, credit, closing: opening.plus(debit).minus(credit), truncated: found.length > limit };
}

export interface JournalDetail extends Journal {
  createdByName: string;
  approvedByName: string | null;
  /** The journal this one reverses, and the one that reversed this, by number. */
  reverses: { id: string; number: number } | null;
  reversedBy: { id: string; number: number } | null;
  /** For an adjusting journal: the draft it came from, with the drafter's reason. */
  draft: { id: string; reason: string } | null;
}

/** One journal of a station by its number, with who, what it reverses, and its hash. Null when the station has no such journal. */
export async function getJournalDetail(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<JournalDetail | null> {
  // A number past the column's range (integer) names no journal.
  if (!Number.isSafeInteger(number) || number < 1 || number > 2147483647) return null;
  const [row] = await db
    .select()
    .from(ledgerJournals)
    .where(and(eq(ledgerJournals.stationId, stationId), eq(ledgerJournals.number, number)))
    .limit(1);
  if (!row) return null;
  const [journal] = await withLines(db, [row]);
  const ids = [row.createdBy, row.approvedBy].filter((v): v is string => v !== null);
  const names = new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
  const related = await db
    .select({ id: ledgerJournals.id, number: ledgerJournals.number, reverses: ledgerJournals.reversesJournalId })
    .from(ledgerJournals)
    .where(
      and(
        eq(ledgerJournals.stationId, stationId),
        row.reversesJournalId
          ? sql`(${ledgerJournals.id} = ${row.reversesJournalId} or ${ledgerJournals.reversesJournalId} = ${row.id})`
          : eq(ledgerJournals.reversesJournalId, row.id),
      ),
    );
  const reverses = related.find((r) => r.id === row.reversesJournalId) ?? null;
  const reversedBy = related.find((r) => r.reverses === row.id) ?? null;
  let draft: JournalDetail["draft"] = null;
  if (row.sourceType === "adjustment") {
    const [d] = await db
      .select({ id: ledgerJournalDrafts.id, reason: ledgerJournalDrafts.reason })
      .from(ledgerJournalDrafts)
      .where(and(eq(ledgerJournalDrafts.stationId, stationId), eq(ledgerJournalDrafts.journalId, row.id)))
      .limit(1);
    draft = d ?? null;
  }
  return {
    ...journal!,
    createdByName: names.get(row.createdBy) ?? "",
    approvedByName: row.approvedBy ? (names.get(row.approvedBy) ?? "") : null,
    reverses: reverses && { id: reverses.id, number: reverses.number },
    reversedBy: reversedBy && { id: reversedBy.id, number: reversedBy.number },
    draft,
  };
}

export interface JournalSummary {
  id: string;
  number: number;
  businessDate: string;
  memo: string;
  description: JournalMemo | null;
  sourceType: string;
  /** Sum of the debit postings: the journal's size. */
  total: Dec;
}

/** A station's latest journals, newest first (before `beforeNumber` when paging back). */
export async function listJournals(
  db: Db,
  { stationId, limit = 20, beforeNumber }: { stationId: string; limit?: number; beforeNumber?: number },
): Promise<JournalSummary[]> {
  // Written out: inside a single-table select drizzle leaves columns unqualified, and "id" would be the posting's.
  const total = sql<string>`(select coalesce(sum(p.amount), 0) from ledger_postings p where p.journal_id = ledger_journals.id and p.amount > 0)`;
  const rows = await db
    .select({
      id: ledgerJournals.id,
      number: ledgerJournals.number,
      businessDate: ledgerJournals.businessDate,
      memo: ledgerJournals.memo,
      memoKind: ledgerJournals.memoKind,
      memoVars: ledgerJournals.memoVars,
      sourceType: ledgerJournals.sourceType,
      total,
    })
    .from(ledgerJournals)
    .where(and(eq(ledgerJournals.stationId, stationId), beforeNumber ? lt(ledgerJournals.number, beforeNumber) : undefined))
    .orderBy(desc(ledgerJournals.number))
    .limit(limit);
  return rows.map(({ memoKind, memoVars, ...r }) => ({ ...r, description: storedDescription({ memoKind, memoVars }), total: new D(r.total) }));
}

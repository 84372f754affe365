import { and, eq, gte, lt, lte, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { lastOfMonth } from "~/domain/dates";
import { D, type Dec, toAmountString, ZERO } from "~/domain/money";
import { maskName } from "~/domain/notice";
import { UPKEEP_KIND_LIST, type UpkeepExpenseKind, upkeepAllocation } from "~/domain/upkeep";
import type { Db } from "../../../db/client.server";
import { upkeepExpenses } from "../../../db/schema/committee";
import { ledgerMonthTotals } from "../../../db/schema/ledger";
import { farmerIncome, incomeStatement } from "~/models/reports/reports.server";

/**
 * The figures a close shows its signers and seals, and the public notice prints: read through
 * the reports' own incomeStatement and farmerIncome (so the notice equals the reports by
 * construction), plus the upkeep fund's month. Amounts are decimal strings, so the canonical
 * JSON of the figures is stable.
 */

export interface CloseFigures {
  [key: string]: unknown;
  v: 1;
  station: string;
  period: string;
  income: { source: string; amount: string }[];
  incomeTotal: string;
  expenses: { kind: string; amount: string }[];
  expensesTotal: string;
  net: string;
  upkeep: {
    rate: string;
    commission: string;
    opening: string;
    setAside: string;
    spent: { kind: UpkeepExpenseKind; amount: string }[];
    spentTotal: string;
    released: string;
    closing: string;
  };
  farmer: { added: string; paid: string; owed: string; households: number };
  /** Households with income added in the month, names masked (王*华), largest first. */
  households: string[];
}

export interface ComputedFigures {
  figures: CloseFigures;
  commission: Dec;
  /** The rule's amount for the month (rate × commission). */
  target: Dec;
  /** What journals already dated in the month set aside (a reopened month's earlier close). */
  alreadySetAside: Dec;
}

/** Posted upkeep spending per kind over [from, to]. */
export async function spentByKind(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }): Promise<Map<UpkeepExpenseKind, Dec>> {
  const rows = await db
    .select({ kind: upkeepExpenses.kind, amount: sql<string>`sum(${upkeepExpenses.amount})::text` })
    .from(upkeepExpenses)
    .where(and(eq(upkeepExpenses.stationId, stationId), eq(upkeepExpenses.status, "posted"), gte(upkeepExpenses.businessDate, from), lte(upkeepExpenses.businessDate, to)))
    .groupBy(upkeepExpenses.kind);
  return new Map(rows.map((r) => [r.kind, new D(r.amount)]));
}

/** The upkeep reserve (31101) before `from` and its credits / debits over [from, to], from the month totals. */
export async function reserveMovements(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }) {
  const [row] = await db
    .select({
      opening: sql<string>`coalesce(sum(${ledgerMonthTotals.credit} - ${ledgerMonthTotals.debit}) filter (where ${ledgerMonthTotals.month} < ${from}::date), 0)::text`,
      credit: sql<string>`coalesce(sum(${ledgerMonthTotals.credit}) filter (where ${ledgerMonthTotals.month} >= ${from}::date), 0)::text`,
      debit: sql<string>`coalesce(sum(${ledgerMonthTotals.debit}) filter (where ${ledgerMonthTotals.month} >= ${from}::date), 0)::text`,
    })
    .from(ledgerMonthTotals)
    .where(and(eq(ledgerMonthTotals.stationId, stationId), eq(ledgerMonthTotals.accountCode, ACCOUNTS.upkeepReserve), lt(ledgerMonthTotals.month, sql`(${to}::date + 1)`)));
  return { opening: new D(row?.opening ?? 0), credit: new D(row?.credit ?? 0), debit: new D(row?.debit ?? 0) };
}

/** The close figures of one month (YYYY-MM) under `rate`, as the books stand now. */
export async function closeFigures(db: Db, { stationId, stationCode, month, rate }: { stationId: string; stationCode: string; month: string; rate: Dec }): Promise<ComputedFigures> {
  const from = `${month}-01`;
  const to = lastOfMonth(from);
  const [statement, farmer, reserve, spent] = await Promise.all([
    incomeStatement(db, { stationId, from, to }),
    farmerIncome(db, { stationId, from, to }),
    reserveMovements(db, { stationId, from, to }),
    spentByKind(db, { stationId, from, to }),
  ]);
  const commission = statement.bySource
    .filter((s) => s.source === "commission_produce" || s.source === "commission_partner")
    .reduce((total, s) => total.plus(s.amount), ZERO);
  const target = upkeepAllocation(commission, rate);
  const spentList = UPKEEP_KIND_LIST.map((kind) => ({ kind, amount: toAmountString(spent.get(kind) ?? ZERO) }));
  const spentTotal = UPKEEP_KIND_LIST.reduce((total, kind) => total.plus(spent.get(kind) ?? ZERO), ZERO);
  const figures: CloseFigures = {
    v: 1,
    station: stationCode,
    period: month,
    income: statement.bySource.map((s) => ({ source: s.source, amount: s.amount })),
    incomeTotal: statement.totalIncome,
    expenses: statement.expensesByKind.map((e) => ({ kind: e.kind, amount: e.amount })),
    expensesTotal: statement.totalExpenses,
    net: statement.net,
    upkeep: {
      rate: rate.toFixed(4),
      commission: toAmountString(commission),
      opening: toAmountString(reserve.opening),
      setAside: toAmountString(target),
      spent: spentList,
      spentTotal: toAmountString(spentTotal),
      released: toAmountString(reserve.debit),
      closing: toAmountString(reserve.opening.plus(target).minus(reserve.debit)),
    },
    farmer: { added: farmer.added, paid: farmer.paid, owed: farmer.owed, households: farmer.households },
    households: farmer.byHousehold.filter((h) => !new D(h.added).isZero()).map((h) => maskName(h.name)),
  };
  return { figures, commission, target, alreadySetAside: reserve.credit };
}

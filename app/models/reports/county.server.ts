import { sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec, ZERO, toAmountString } from "~/domain/money";
import { type IncomeSource, INCOME_SOURCES, statementFromTurnover } from "~/domain/reports";
import type { Db } from "../../../db/client.server";
import { idList, monthTurnover, rowsOf } from "./shared.server";

/**
 * 全县汇总: every station of the county admin's counties side by side. Read from the
 * month-totals cache (whole months) and the payout journals, so 200 stations' year answers in
 * well under a second. Farmer income uses the same identity as `farmerIncome`:
 * added = paid − net movement of 21101 (credit −), with paid read from the payout journals.
 */

export interface RollupRow {
  stationId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  townshipZh: string;
  townshipEn: string;
  status: string;
  income: Record<IncomeSource, string>;
  totalIncome: string;
  totalExpenses: string;
  net: string;
  farmerAdded: string;
  farmerPaid: string;
  farmerOwed: string;
  households: number;
}

export interface CountyRollup {
  from: string;
  to: string;
  rows: RollupRow[];
  totals: Omit<RollupRow, "stationId" | "code" | "nameZh" | "nameEn" | "townshipZh" | "townshipEn" | "status">;
}

export async function countyRollup(db: Db, { countyIds, from, to }: { countyIds: readonly string[]; from: string; to: string }): Promise<CountyRollup> {
  const stationRows = countyIds.length
    ? await rowsOf<{ id: string; code: string; name_zh: string; name_en: string; township_zh: string; township_en: string; status: string; households: number }>(
        db,
        sql`select s.id::text as id, s.code, s.name_zh, s.name_en, t.name_zh as township_zh, t.name_en as township_en, s.status,
                   (select count(*)::int from households h where h.station_id = s.id) as households
              from stations s join villages v on v.id = s.village_id join townships t on t.id = v.township_id
             where t.county_id in (${idList(countyIds)})
             order by t.code, s.code`,
      )
    : [];
  const ids = stationRows.map((s) => s.id);
  const turnover = await monthTurnover(db, { stationIds: ids, from, to, prefixes: ["50", "51", "52", ACCOUNTS.householdPayable] });
  // Paid = the payouts' amounts (each posts Dr 21101 of exactly its amount) less reversed payouts (rare).
  const paidRows = ids.length
    ? await rowsOf<{ station_id: string; paid: string }>(
        db,
        sql`select station_id, sum(paid)::text as paid from (
              select station_id::text as station_id, amount as paid from household_payouts
               where station_id in (${idList(ids)}) and business_date >= ${from}::date and business_date <= ${to}::date
              union all
              select j.station_id::text, p.amount
                from ledger_journals j
                join ledger_journals o on o.id = j.reverses_journal_id and o.source_type = 'payout'
                join ledger_postings p on p.journal_id = j.id and p.account_code = ${ACCOUNTS.householdPayable}
               where j.source_type = 'reversal' and j.station_id in (${idList(ids)})
                 and j.business_date >= ${from}::date and j.business_date <= ${to}::date) paid
            group by station_id`,
      )
    : [];
  const owedRows = ids.length
    ? await rowsOf<{ station_id: string; net: string }>(
        db,
        sql`select station_id::text as station_id, sum(debit - credit)::text as net from ledger_month_totals
             where station_id in (${idList(ids)}) and account_code = ${ACCOUNTS.householdPayable} and month <= ${to}::date
             group by station_id`,
      )
    : [];
  // The month-totals rows of `to`'s month count the whole month; take back what falls after `to`.
  const afterRows = ids.length
    ? await rowsOf<{ station_id: string; net: string }>(
        db,
        sql`select station_id::text as station_id, sum(amount)::text as net from ledger_postings
             where station_id in (${idList(ids)}) and account_code = ${ACCOUNTS.householdPayable}
               and business_date > ${to}::date and business_date < (date_trunc('month', ${to}::date) + interval '1 month')::date
             group by station_id`,
      )
    : [];
  const paid = new Map(paidRows.map((r) => [r.station_id, new D(r.paid)]));
  const owed = new Map(owedRows.map((r) => [r.station_id, new D(r.net).neg()]));
  for (const r of afterRows) owed.set(r.station_id, (owed.get(r.station_id) ?? ZERO).plus(r.net));
  const byStation = new Map<string, typeof turnover>();
  for (const t of turnover) byStation.set(t.stationId, [...(byStation.get(t.stationId) ?? []), t]);

  const totals = { income: new Map<IncomeSource, Dec>(INCOME_SOURCES.map((s) => [s, ZERO])), totalIncome: ZERO, totalExpenses: ZERO, net: ZERO, added: ZERO, paid: ZERO, owed: ZERO, households: 0 };
  const rows: RollupRow[] = stationRows.map((s) => {
    const own = byStation.get(s.id) ?? [];
    const statement = statementFromTurnover(own);
    const payableNet = own.filter((t) => t.accountCode === ACCOUNTS.householdPayable).reduce((sum, t) => sum.plus(t.net), ZERO);
    const p = paid.get(s.id) ?? ZERO;
    const added = p.minus(payableNet);
    const o = owed.get(s.id) ?? ZERO;
    for (const b of statement.bySource) totals.income.set(b.source, totals.income.get(b.source)!.plus(b.amount));
    totals.totalIncome = totals.totalIncome.plus(statement.totalIncome);
    totals.totalExpenses = totals.totalExpenses.plus(statement.totalExpenses);
    totals.net = totals.net.plus(statement.net);
    totals.added = totals.added.plus(added);
    totals.paid = totals.paid.plus(p);
    totals.owed = totals.owed.plus(o);
    totals.households += s.households;
    return {
      stationId: s.id,
      code: s.code,
      nameZh: s.name_zh,
      nameEn: s.name_en,
      townshipZh: s.township_zh,
      townshipEn: s.township_en,
      status: s.status,
      income: Object.fromEntries(statement.bySource.map((b) => [b.source, toAmountString(b.amount)])) as Record<IncomeSource, string>,
      totalIncome: toAmountString(statement.totalIncome),
      totalExpenses: toAmountString(statement.totalExpenses),
      net: toAmountString(statement.net),
      farmerAdded: toAmountString(added),
      farmerPaid: toAmountString(p),
      farmerOwed: toAmountString(o),
      households: s.households,
    };
  });
  return {
    from,
    to,
    rows,
    totals: {
      income: Object.fromEntries([...totals.income].map(([k, v]) => [k, toAmountString(v)])) as Record<IncomeSource, string>,
      totalIncome: toAmountString(totals.totalIncome),
      totalExpenses: toAmountString(totals.totalExpenses),
      net: toAmountString(totals.net),
      farmerAdded: toAmountString(totals.added),
      farmerPaid: toAmountString(totals.paid),
      farmerOwed: toAmountString(totals.owed),
      households: totals.households,
    },
  };
}

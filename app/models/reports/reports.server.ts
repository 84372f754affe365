import { sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec, ZERO, toAmountString } from "~/domain/money";
import { type ExpenseKind, type IncomeSource, monthsIn, statementFromTurnover } from "~/domain/reports";
import type { Db } from "../../../db/client.server";
import { monthTurnover, rowsOf } from "./shared.server";

/**
 * The committee's two headline reports, read from the ledger's postings: the income statement
 * by source and the farmers' income added. Period close and the public notice (committee
 * issue) call these same functions, so the notice's figures equal the reports' by construction.
 * Amounts are decimal strings.
 */

export interface IncomeStatement {
  stationId: string;
  from: string;
  to: string;
  bySource: { source: IncomeSource; amount: string; accountCodes: string[] }[];
  expensesByKind: { kind: ExpenseKind; amount: string; accountCodes: string[] }[];
  totalIncome: string;
  totalExpenses: string;
  /** Income − expenses over the range. */
  net: string;
  /** Per month of the range: income by source and total expenses, for the chart. */
  byMonth: { month: string; income: string; expenses: string; bySource: Record<IncomeSource, string> }[];
}

/** 收支表 for [from, to]: income (50x) by source and expenses (51x/52x) by kind, each with the accounts behind it. */
export async function incomeStatement(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }): Promise<IncomeStatement> {
  const turnover = await monthTurnover(db, { stationIds: [stationId], from, to, prefixes: ["50", "51", "52"] });
  const all = statementFromTurnover(turnover);
  const byMonth = monthsIn(from, to).map((month) => {
    const s = statementFromTurnover(turnover.filter((t) => t.month === month));
    return {
      month,
      income: toAmountString(s.totalIncome),
      expenses: toAmountString(s.totalExpenses),
      bySource: Object.fromEntries(s.bySource.map((b) => [b.source, toAmountString(b.amount)])) as Record<IncomeSource, string>,
    };
  });
  return {
    stationId,
    from,
    to,
    bySource: all.bySource.map((b) => ({ ...b, amount: toAmountString(b.amount) })),
    expensesByKind: all.expensesByKind.map((e) => ({ ...e, amount: toAmountString(e.amount) })),
    totalIncome: toAmountString(all.totalIncome),
    totalExpenses: toAmountString(all.totalExpenses),
    net: toAmountString(all.net),
    byMonth,
  };
}

export interface FarmerIncomeHousehold {
  householdId: string;
  name: string;
  village: string;
  added: string;
  paid: string;
  /** Still owed at the end of the range (credit balance of 21101 for the household). */
  owed: string;
}

export interface FarmerIncome {
  stationId: string;
  from: string;
  to: string;
  /** Credited to households' payables (21101) in the range by sales, refunds and adjustments: 农民增收. */
  added: string;
  /** Debited to 21101 by payouts (net of reversed payouts) in the range. */
  paid: string;
  /** 21101's credit balance at the end of the range: what the station still owes households. */
  owed: string;
  /** Households with income added in the range. */
  households: number;
  byHousehold: FarmerIncomeHousehold[];
  byVillage: { village: string; households: number; added: string; paid: string; owed: string }[];
  /** From the sale documents (walk-in, net of returns; completed online orders): the owner's share by product. */
  byProduct: { productId: string; nameZh: string; nameEn: string; unit: string; quantity: string; added: string }[];
  /** added − Σ byProduct: what reached households through other documents (partner bulk deliveries, adjustments). */
  notFromSales: string;
  byMonth: { month: string; added: string; paid: string }[];
}

/**
 * 农民增收: the household payable (21101) credited = income added, debited by payouts = paid;
 * a reversal counts with the journal it reverses (a reversed payout lowers `paid`, a voided sale
 * lowers `added`). By household and village (村民组) from the sub-ledger, by product from the sale lines.
 */
export async function farmerIncome(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }): Promise<FarmerIncome> {
  const code = ACCOUNTS.householdPayable;
  const movements = await rowsOf<{ household_id: string; month: string; payout: boolean; net: string }>(
    db,
    sql`select p.household_id::text as household_id, to_char(p.business_date, 'YYYY-MM') as month,
          coalesce(o.source_type, j.source_type) = 'payout' as payout, sum(p.amount)::text as net
        from ledger_postings p
        join ledger_journals j on j.id = p.journal_id
        left join ledger_journals o on o.id = j.reverses_journal_id
        where p.station_id = ${stationId}::uuid and p.account_code = ${code}
          and p.business_date >= ${from}::date and p.business_date <= ${to}::date
        group by 1, 2, 3`,
  );
  const balances = await rowsOf<{ household_id: string; net: string }>(
    db,
    sql`select household_id::text as household_id, sum(amount)::text as net from ledger_postings
        where station_id = ${stationId}::uuid and account_code = ${code} and business_date <= ${to}::date
        group by household_id having sum(amount) <> 0`,
  );
  const people = await rowsOf<{ id: string; name: string; village: string }>(
    db,
    sql`select id::text as id, head_name as name, village_group as village from households where station_id = ${stationId}::uuid`,
  );
  const products = await householdProductShares(db, { stationId, from, to });

  const who = new Map(people.map((p) => [p.id, p]));
  const per = new Map<string, { added: Dec; paid: Dec; owed: Dec }>();
  const entry = (id: string) => per.get(id) ?? per.set(id, { added: ZERO, paid: ZERO, owed: ZERO }).get(id)!;
  const months = new Map(monthsIn(from, to).map((m) => [m, { added: ZERO, paid: ZERO }]));
  for (const m of movements) {
    const net = new D(m.net);
    const e = entry(m.household_id);
    const month = months.get(m.month)!;
    if (m.payout) {
      e.paid = e.paid.plus(net);
      month.paid = month.paid.plus(net);
    } else {
      e.added = e.added.minus(net);
      month.added = month.added.minus(net);
    }
  }
  for (const b of balances) entry(b.household_id).owed = new D(b.net).neg();

  const byHousehold = [...per.entries()]
    .map(([id, e]) => ({ householdId: id, name: who.get(id)?.name ?? id.slice(0, 8), village: who.get(id)?.village ?? "", ...e }))
    .sort((a, b) => b.added.comparedTo(a.added) || a.name.localeCompare(b.name, "zh-CN"));
  const villages = new Map<string, { households: number; added: Dec; paid: Dec; owed: Dec }>();
  for (const h of byHousehold) {
    const v = villages.get(h.village) ?? { households: 0, added: ZERO, paid: ZERO, owed: ZERO };
    villages.set(h.village, { households: v.households + (h.added.isZero() ? 0 : 1), added: v.added.plus(h.added), paid: v.paid.plus(h.paid), owed: v.owed.plus(h.owed) });
  }
  const added = byHousehold.reduce((s, h) => s.plus(h.added), ZERO);
  const fromProducts = products.reduce((s, p) => s.plus(p.added), ZERO);
  return {
    stationId,
    from,
    to,
    added: toAmountString(added),
    paid: toAmountString(byHousehold.reduce((s, h) => s.plus(h.paid), ZERO)),
    owed: toAmountString(byHousehold.reduce((s, h) => s.plus(h.owed), ZERO)),
    households: byHousehold.filter((h) => !h.added.isZero()).length,
    byHousehold: byHousehold.map((h) => ({ ...h, added: toAmountString(h.added), paid: toAmountString(h.paid), owed: toAmountString(h.owed) })),
    byVillage: [...villages.entries()]
      .sort((a, b) => b[1].added.comparedTo(a[1].added) || a[0].localeCompare(b[0], "zh-CN"))
      .map(([village, v]) => ({ village, households: v.households, added: toAmountString(v.added), paid: toAmountString(v.paid), owed: toAmountString(v.owed) })),
    byProduct: products.map((p) => ({ ...p, added: toAmountString(p.added) })),
    notFromSales: toAmountString(added.minus(fromProducts)),
    byMonth: [...months.entries()].map(([month, m]) => ({ month, added: toAmountString(m.added), paid: toAmountString(m.paid) })),
  };
}

/** The households' share (amount − commission) of each household-owned product sold in the range (walk-in net of returns, and completed online orders). */
async function householdProductShares(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }) {
  const rows = await rowsOf<{ product_id: string; name_zh: string; name_en: string; unit: string; quantity: string; added: string }>(
    db,
    sql`with moves as (
          select l.product_id, l.quantity, l.amount - l.commission as share
            from sale_lines l join sales s on s.id = l.sale_id
           where s.station_id = ${stationId}::uuid and s.business_date >= ${from}::date and s.business_date <= ${to}::date and l.owner_kind = 'household'
          union all
          select l.product_id, -rl.quantity, -(rl.amount - rl.commission)
            from sale_return_lines rl join sale_returns r on r.id = rl.return_id join sale_lines l on l.id = rl.sale_line_id
           where r.station_id = ${stationId}::uuid and r.business_date >= ${from}::date and r.business_date <= ${to}::date and l.owner_kind = 'household'
          union all
          -- Online orders credit the household when completed (dated at the stations, UTC+8).
          select l.product_id, l.quantity, l.amount - l.commission
            from order_lines l join orders o on o.id = l.order_id
           where o.station_id = ${stationId}::uuid and o.completed_at is not null and l.owner_kind = 'household'
             and ((o.completed_at at time zone 'UTC') + interval '8 hours')::date between ${from}::date and ${to}::date)
        select m.product_id::text as product_id, p.name_zh, p.name_en, p.unit, sum(m.quantity)::text as quantity, sum(m.share)::text as added
          from moves m join products p on p.id = m.product_id
         group by m.product_id, p.name_zh, p.name_en, p.unit
        having sum(m.share) <> 0
         order by sum(m.share) desc, p.name_zh`,
  );
  return rows.map((r) => ({ productId: r.product_id, nameZh: r.name_zh, nameEn: r.name_en, unit: r.unit, quantity: r.quantity, added: new D(r.added) }));
}

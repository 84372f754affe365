import { sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec, ZERO, toAmountString } from "~/domain/money";
import { ASSESSMENT, type AgeingBucket, AGEING_BUCKETS, type AssessmentResult, ageReceivables, assess, monthsIn, onTimeShare, type PartyMovement } from "~/domain/reports";
import type { Db } from "../../../db/client.server";
import { rowsOf, tableExists } from "./shared.server";

/**
 * Sales, partner receivables and the operator assessment. Walk-in sales come from the till's
 * documents (sale lines net of returns, dated by the return); the online channel is read only
 * once the orders issue's tables exist, and each report says which channels it covers.
 */

type Range = { stationId: string; from: string; to: string };
type SalesRow = { product_id: string; name_zh: string; name_en: string; category: string; unit: string; month: string; quantity: string; amount: string; commission: string; online?: boolean };

// Orders are dated by the day they were completed at the stations (UTC+8).
const CHINA_DAY = (column: string) => sql.raw(`(((${column}) at time zone 'UTC') + interval '8 hours')::date`);

/** Lines of online orders completed in the range (the orders issue's tables). */
async function onlineLines(db: Db, { stationId, from, to }: Range): Promise<SalesRow[]> {
  const rows = await rowsOf<SalesRow>(
    db,
    sql`select l.product_id::text as product_id, p.name_zh, p.name_en, p.category, p.unit, to_char(${CHINA_DAY("o.completed_at")}, 'YYYY-MM') as month,
               sum(l.quantity)::text as quantity, sum(l.amount)::text as amount, sum(l.commission)::text as commission
          from orders o join order_lines l on l.order_id = o.id join products p on p.id = l.product_id
         where o.station_id = ${stationId}::uuid and o.status = 'completed'
           and ${CHINA_DAY("o.completed_at")} >= ${from}::date and ${CHINA_DAY("o.completed_at")} <= ${to}::date
         group by 1, 2, 3, 4, 5, 6`,
  );
  return rows.map((r) => ({ ...r, online: true }));
}

/** Online orders whose handling fell due in the range, and how many were ready or shipped within ASSESSMENT.orderHours. */
async function ordersOnTime(db: Db, { stationId, from, to }: Range): Promise<{ due: number; onTime: number }> {
  const [row] = await rowsOf<{ due: number; on_time: number }>(
    db,
    sql`with o as (
          select coalesce(paid_at, placed_at) as start, coalesce(ready_at, shipped_at) as handled
            from orders where station_id = ${stationId}::uuid and status not in ('pending_payment', 'cancelled'))
        select count(*) filter (where handled is not null or start + make_interval(hours => ${ASSESSMENT.orderHours}) < now())::int as due,
               count(*) filter (where handled is not null and handled <= start + make_interval(hours => ${ASSESSMENT.orderHours}))::int as on_time
          from o where ${CHINA_DAY("start")} >= ${from}::date and ${CHINA_DAY("start")} <= ${to}::date`,
  );
  return { due: row?.due ?? 0, onTime: row?.on_time ?? 0 };
}

export interface SalesReport {
  from: string;
  to: string;
  /** False until the online orders tables exist: the report then covers walk-in sales only. */
  onlineAvailable: boolean;
  total: string;
  walkIn: string;
  online: string;
  commission: string;
  byProduct: { productId: string; nameZh: string; nameEn: string; category: string; unit: string; quantity: string; amount: string; commission: string }[];
  byCategory: { category: string; amount: string }[];
  byMonth: { month: string; walkIn: string; online: string }[];
}

/** 销售: by product, category and month, split by channel. */
export async function salesReport(db: Db, { stationId, from, to }: Range): Promise<SalesReport> {
  const rows = await rowsOf<SalesRow>(
    db,
    sql`with moves as (
          select l.product_id, s.business_date as day, l.quantity, l.amount, l.commission
            from sale_lines l join sales s on s.id = l.sale_id
           where s.station_id = ${stationId}::uuid and s.business_date >= ${from}::date and s.business_date <= ${to}::date
          union all
          select l.product_id, r.business_date, -rl.quantity, -rl.amount, -rl.commission
            from sale_return_lines rl join sale_returns r on r.id = rl.return_id join sale_lines l on l.id = rl.sale_line_id
           where r.station_id = ${stationId}::uuid and r.business_date >= ${from}::date and r.business_date <= ${to}::date)
        select m.product_id::text as product_id, p.name_zh, p.name_en, p.category, p.unit, to_char(m.day, 'YYYY-MM') as month,
               sum(m.quantity)::text as quantity, sum(m.amount)::text as amount, sum(m.commission)::text as commission
          from moves m join products p on p.id = m.product_id
         group by 1, 2, 3, 4, 5, 6`,
  );
  const onlineAvailable = await tableExists(db, "order_lines");
  const online = onlineAvailable ? await onlineLines(db, { stationId, from, to }) : [];
  const products = new Map<string, SalesReport["byProduct"][number] & { a: Dec; c: Dec; q: Dec }>();
  const categories = new Map<string, Dec>();
  const months = new Map(monthsIn(from, to).map((m) => [m, ZERO]));
  const onlineMonths = new Map(monthsIn(from, to).map((m) => [m, ZERO]));
  for (const r of online) onlineMonths.set(r.month, (onlineMonths.get(r.month) ?? ZERO).plus(r.amount));
  for (const r of [...rows, ...online]) {
    const p = products.get(r.product_id) ?? { productId: r.product_id, nameZh: r.name_zh, nameEn: r.name_en, category: r.category, unit: r.unit, quantity: "", amount: "", commission: "", a: ZERO, c: ZERO, q: ZERO };
    p.a = p.a.plus(r.amount);
    p.c = p.c.plus(r.commission);
    p.q = p.q.plus(r.quantity);
    products.set(r.product_id, p);
    categories.set(r.category, (categories.get(r.category) ?? ZERO).plus(r.amount));
    if (!r.online) months.set(r.month, (months.get(r.month) ?? ZERO).plus(r.amount));
  }
  const byProduct = [...products.values()]
    .filter((p) => !p.a.isZero() || !p.q.isZero())
    .sort((x, y) => y.a.comparedTo(x.a) || x.nameZh.localeCompare(y.nameZh, "zh-CN"))
    .map(({ a, c, q, ...p }) => ({ ...p, quantity: q.toFixed(3), amount: toAmountString(a), commission: toAmountString(c) }));
  const onlineTotal = [...onlineMonths.values()].reduce((s, a) => s.plus(a), ZERO);
  const walkIn = [...products.values()].reduce((s, p) => s.plus(p.a), ZERO).minus(onlineTotal);
  return {
    from,
    to,
    onlineAvailable,
    total: toAmountString(walkIn.plus(onlineTotal)),
    walkIn: toAmountString(walkIn),
    online: toAmountString(onlineTotal),
    commission: toAmountString([...products.values()].reduce((s, p) => s.plus(p.c), ZERO)),
    byProduct,
    byCategory: [...categories.entries()].sort((a, b) => b[1].comparedTo(a[1])).map(([category, a]) => ({ category, amount: toAmountString(a) })),
    byMonth: [...months.entries()].map(([month, a]) => ({ month, walkIn: toAmountString(a), online: toAmountString(onlineMonths.get(month) ?? ZERO) })),
  };
}

export interface PartnerReport {
  asOf: string;
  /** False until the partner issue's tables exist: ageing still comes from the ledger's 11201 sub-ledger. */
  partnerTablesAvailable: boolean;
  total: string;
  buckets: Record<AgeingBucket, string>;
  rows: { partnerId: string; partnerName: string; partnerNameEn: string; total: string; oldest: string | null; buckets: Record<AgeingBucket, string> }[];
  /** Partner bulk orders placed in the range, by status. */
  bulkOrders: { status: string; count: number }[];
}

/** 应收账龄: what each partner company owes on 11201 at `asOf`, aged first in, first out. */
export async function partnerReceivables(db: Db, { stationId, asOf, from }: { stationId: string; asOf: string; from?: string }): Promise<PartnerReport> {
  const rows = await rowsOf<{ party: string; day: string; net: string }>(
    db,
    sql`select partner_id::text as party, business_date::text as day, sum(amount)::text as net from ledger_postings
         where station_id = ${stationId}::uuid and account_code = ${ACCOUNTS.partnerReceivable} and business_date <= ${asOf}::date
         group by 1, 2`,
  );
  const movements: PartyMovement[] = rows.map((r) => ({ party: r.party, date: r.day, amount: new D(r.net) }));
  const aged = ageReceivables(movements, asOf);
  const fmt = (b: Record<AgeingBucket, Dec>) => Object.fromEntries(AGEING_BUCKETS.map((k) => [k, toAmountString(b[k])])) as Record<AgeingBucket, string>;
  const totals = Object.fromEntries(AGEING_BUCKETS.map((k) => [k, aged.reduce((s, r) => s.plus(r.buckets[k]), ZERO)])) as Record<AgeingBucket, Dec>;
  const partnerTablesAvailable = await tableExists(db, "partner_companies");
  const names = new Map<string, string>();
  const namesEn = new Map<string, string>();
  let bulkOrders: PartnerReport["bulkOrders"] = [];
  if (partnerTablesAvailable) {
    const found = await rowsOf<{ id: string; name: string; name_en: string }>(db, sql`select id::text as id, name_zh as name, name_en from partner_companies where id in (select distinct partner_id from ledger_postings where station_id = ${stationId}::uuid and partner_id is not null)`);
    for (const f of found) {
      names.set(f.id, f.name);
      namesEn.set(f.id, f.name_en);
    }
    bulkOrders = await rowsOf<{ status: string; count: number }>(
      db,
      sql`select status, count(*)::int as count from bulk_orders where station_id = ${stationId}::uuid
            and ${CHINA_DAY("placed_at")} >= ${from ?? "1900-01-01"}::date and ${CHINA_DAY("placed_at")} <= ${asOf}::date group by status order by status`,
    );
  }
  return {
    asOf,
    partnerTablesAvailable,
    bulkOrders,
    total: toAmountString(aged.reduce((s, r) => s.plus(r.total), ZERO)),
    buckets: fmt(totals),
    rows: aged.map((r) => ({ partnerId: r.party, partnerName: names.get(r.party) ?? r.party, partnerNameEn: namesEn.get(r.party) ?? "", total: toAmountString(r.total), oldest: r.oldest, buckets: fmt(r.buckets) })),
  };
}

export interface AssessmentReport {
  from: string;
  to: string;
  sales: string;
  householdsServed: number;
  orders: { due: number; onTime: number } | null;
  cashTaken: string;
  cashVariance: string;
  cashSessions: number;
  payouts: { due: string; onTime: string; share: string };
  result: { parts: Record<keyof AssessmentResult["parts"], string>; score: string; salesTarget: string };
  constants: { weights: typeof ASSESSMENT.weights; salesTargetPerMonth: string; householdsTarget: number; cashTolerance: string; payoutDays: number; orderHours: number };
}

/** 考核: the figures the score is made of, and the score by the published formula (domain `assess`). */
export async function operatorAssessment(db: Db, { stationId, from, to }: Range): Promise<AssessmentReport> {
  const [sales] = await rowsOf<{ total: string; cash: string }>(
    db,
    sql`select coalesce(sum(total), 0)::text as total, coalesce(sum(total) filter (where payment = 'cash'), 0)::text as cash
          from sales where station_id = ${stationId}::uuid and business_date >= ${from}::date and business_date <= ${to}::date`,
  );
  const [returned] = await rowsOf<{ total: string }>(
    db,
    sql`select coalesce(sum(amount), 0)::text as total from sale_returns
         where station_id = ${stationId}::uuid and business_date >= ${from}::date and business_date <= ${to}::date`,
  );
  const [cash] = await rowsOf<{ variance: string; sessions: number }>(
    db,
    sql`select coalesce(sum(abs(counted - expected)), 0)::text as variance, count(*)::int as sessions from cash_sessions
         where station_id = ${stationId}::uuid and status = 'closed' and business_date >= ${from}::date and business_date <= ${to}::date`,
  );
  // Per household and day, everything up to `to`: first in, first out needs what was owed before the range.
  const payable = await rowsOf<{ party: string; day: string; credit: string; debit: string }>(
    db,
    sql`select household_id::text as party, business_date::text as day,
               coalesce(-sum(amount) filter (where amount < 0), 0)::text as credit, coalesce(sum(amount) filter (where amount > 0), 0)::text as debit
          from ledger_postings where station_id = ${stationId}::uuid and account_code = ${ACCOUNTS.householdPayable} and business_date <= ${to}::date
         group by 1, 2`,
  );
  const movements: PartyMovement[] = payable.flatMap((r) => [
    { party: r.party, date: r.day, amount: new D(r.credit) },
    { party: r.party, date: r.day, amount: new D(r.debit).neg() },
  ]).filter((m) => !m.amount.isZero());
  const served = new Set(payable.filter((r) => r.day >= from && new D(r.credit).gt(0)).map((r) => r.party)).size;
  const payouts = onTimeShare(movements, { from, to, asOf: to, days: ASSESSMENT.payoutDays });
  const netSales = new D(sales!.total).minus(returned!.total);
  const orders = (await tableExists(db, "orders")) ? await ordersOnTime(db, { stationId, from, to }) : null;
  const input = { from, to, sales: netSales, householdsServed: served, orders, cashTaken: new D(sales!.cash), cashVariance: new D(cash!.variance), payoutsOnTimeShare: payouts.share };
  const result = assess(input);
  return {
    from,
    to,
    sales: toAmountString(netSales),
    householdsServed: served,
    orders,
    cashTaken: toAmountString(input.cashTaken),
    cashVariance: toAmountString(input.cashVariance),
    cashSessions: cash!.sessions,
    payouts: { due: toAmountString(payouts.due), onTime: toAmountString(payouts.onTime), share: payouts.share.times(100).toFixed(1) },
    result: {
      parts: Object.fromEntries(Object.entries(result.parts).map(([k, v]) => [k, v.toFixed(1)])) as AssessmentReport["result"]["parts"],
      score: result.score.toFixed(1),
      salesTarget: toAmountString(result.salesTarget),
    },
    constants: {
      weights: ASSESSMENT.weights,
      salesTargetPerMonth: toAmountString(ASSESSMENT.salesTargetPerMonth),
      householdsTarget: ASSESSMENT.householdsTarget,
      cashTolerance: ASSESSMENT.cashTolerance.times(100).toFixed(1),
      payoutDays: ASSESSMENT.payoutDays,
      orderHours: ASSESSMENT.orderHours,
    },
  };
}

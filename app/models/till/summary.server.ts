import { and, eq, sql } from "drizzle-orm";
import { chinaToday } from "~/domain/dates";
import { D, type Dec } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { saleLines, saleReturnLines, saleReturns, sales } from "../../../db/schema/sales";

export interface TodaySummary {
  date: string;
  count: number;
  total: Dec;
  cash: Dec;
  mobile: Dec;
  returns: Dec;
  commission: Dec;
}

/** Today at a glance: sales (count, total, by payment), what was given back, commission earned net of returns. */
export async function todaySummary(db: Db, { stationId, date = chinaToday() }: { stationId: string; date?: string }): Promise<TodaySummary> {
  const [s] = await db
    .select({
      count: sql<number>`count(*)::int`,
      total: sql<string>`coalesce(sum(${sales.total}), 0)::text`,
      cash: sql<string>`coalesce(sum(${sales.total}) filter (where ${sales.payment} = 'cash'), 0)::text`,
      mobile: sql<string>`coalesce(sum(${sales.total}) filter (where ${sales.payment} = 'mobile'), 0)::text`,
    })
    .from(sales)
    .where(and(eq(sales.stationId, stationId), eq(sales.businessDate, date)));
  const [c] = await db
    .select({ commission: sql<string>`coalesce(sum(${saleLines.commission}), 0)::text` })
    .from(saleLines)
    .innerJoin(sales, eq(sales.id, saleLines.saleId))
    .where(and(eq(sales.stationId, stationId), eq(sales.businessDate, date)));
  const [r] = await db
    .select({
      amount: sql<string>`coalesce(sum(${saleReturnLines.amount}), 0)::text`,
      commission: sql<string>`coalesce(sum(${saleReturnLines.commission}), 0)::text`,
    })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .where(and(eq(saleReturns.stationId, stationId), eq(saleReturns.businessDate, date)));
  return {
    date,
    count: s?.count ?? 0,
    total: new D(s?.total ?? 0),
    cash: new D(s?.cash ?? 0),
    mobile: new D(s?.mobile ?? 0),
    returns: new D(r?.amount ?? 0),
    commission: new D(c?.commission ?? 0).minus(r?.commission ?? 0),
  };
}

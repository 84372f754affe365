import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { rowsOf } from "./shared.server";
import { isUuid } from "~/domain/ids";
import { type SourceDocument, type SourceRef } from "./source-document.server";

/** The till's documents behind a journal: the sale with its lines and returns, the payout, the till count. */
export async function tillDocument(db: Db, { stationId, type, id }: SourceRef): Promise<SourceDocument | null> {
  if (!isUuid(id)) return null;
  if (type === "sale") {
    const [sale] = await rowsOf<{ id: string; number: number; day: string; payment: string; total: string }>(
      db,
      sql`select id::text as id, number, business_date::text as day, payment, total::text as total from sales where station_id = ${stationId}::uuid and id = ${id}::uuid`,
    );
    if (!sale) return null;
    const lines = await rowsOf<{ product: string; product_en: string; unit: string; quantity: string; unit_price: string; amount: string; commission: string; owner: string }>(
      db,
      sql`select p.name_zh as product, p.name_en as product_en, p.unit, l.quantity::text as quantity, l.unit_price::text as unit_price, l.amount::text as amount, l.commission::text as commission,
                 coalesce(h.head_name, '') as owner
            from sale_lines l join products p on p.id = l.product_id left join households h on h.id = l.household_id
           where l.sale_id = ${sale.id}::uuid order by l.line_no`,
    );
    const returns = await rowsOf<{ kind: string; day: string; amount: string; reason: string }>(
      db,
      sql`select kind, business_date::text as day, amount::text as amount, reason from sale_returns where sale_id = ${sale.id}::uuid order by returned_at`,
    );
    return {
      kind: "sale",
      number: sale.number,
      date: sale.day,
      payment: sale.payment,
      total: sale.total,
      lines: lines.map((l) => ({ product: l.product, productEn: l.product_en, unit: l.unit, quantity: l.quantity, unitPrice: l.unit_price, amount: l.amount, commission: l.commission, owner: l.owner })),
      returns: returns.map((r) => ({ kind: r.kind, date: r.day, amount: r.amount, reason: r.reason })),
    };
  }
  if (type === "payout") {
    const [p] = await rowsOf<{ number: number; day: string; household: string; amount: string; method: string }>(
      db,
      sql`select p.number, p.business_date::text as day, h.head_name as household, p.amount::text as amount, p.method
            from household_payouts p join households h on h.id = p.household_id where p.station_id = ${stationId}::uuid and p.id = ${id}::uuid`,
    );
    return p ? { kind: "payout", number: p.number, date: p.day, household: p.household, amount: p.amount, method: p.method } : null;
  }
  if (type === "cash_count") {
    const [s] = await rowsOf<{ day: string; opening_float: string; expected: string; counted: string; difference: string }>(
      db,
      sql`select business_date::text as day, opening_float::text as opening_float, coalesce(expected, 0)::text as expected, coalesce(counted, 0)::text as counted,
                 (coalesce(counted, 0) - coalesce(expected, 0))::text as difference
            from cash_sessions where station_id = ${stationId}::uuid and id = ${id}::uuid`,
    );
    return s ? { kind: "cash_count", date: s.day, openingFloat: s.opening_float, expected: s.expected, counted: s.counted, difference: s.difference } : null;
  }
  return null;
}

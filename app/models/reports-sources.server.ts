import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { rowsOf } from "./reports-shared.server";

/**
 * The source document behind a journal, read-only, for those who audit the books (ledger:read):
 * the sale with its lines and returns, the payout, or the till session's count. The operator's
 * own screens (till, payouts) need their write permissions; this view does not.
 */

export type SourceDocument =
  | { kind: "sale"; number: number; date: string; payment: string; total: string; lines: { product: string; productEn: string; unit: string; quantity: string; unitPrice: string; amount: string; commission: string; owner: string }[]; returns: { kind: string; date: string; amount: string; reason: string }[] }
  | { kind: "payout"; number: number; date: string; household: string; amount: string; method: string }
  | { kind: "cash_count"; date: string; openingFloat: string; expected: string; counted: string; difference: string }
  | { kind: "other"; type: string };

/** The document of journal `number` (by its source), null when the station has no such journal. */
export async function sourceDocument(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<{ journal: { number: number; type: string; id: string }; document: SourceDocument } | null> {
  const [j] = await rowsOf<{ source_type: string; source_id: string; orig_type: string | null; orig_id: string | null }>(
    db,
    sql`select j.source_type, j.source_id, o.source_type as orig_type, o.source_id as orig_id
          from ledger_journals j left join ledger_journals o on o.id = j.reverses_journal_id
         where j.station_id = ${stationId}::uuid and j.number = ${number}`,
  );
  if (!j) return null;
  // A reversal's document is the one it reverses (a voided sale shows the sale and its void).
  const type = j.orig_type ?? j.source_type;
  const id = j.orig_id ?? j.source_id;
  const journal = { number, type: j.source_type, id: j.source_id };
  const isUuid = /^[0-9a-f-]{36}$/.test(id);
  if (type === "sale" && isUuid) {
    const [sale] = await rowsOf<{ id: string; number: number; day: string; payment: string; total: string }>(
      db,
      sql`select id::text as id, number, business_date::text as day, payment, total::text as total from sales where station_id = ${stationId}::uuid and id = ${id}::uuid`,
    );
    if (sale) {
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
        journal,
        document: {
          kind: "sale",
          number: sale.number,
          date: sale.day,
          payment: sale.payment,
          total: sale.total,
          lines: lines.map((l) => ({ product: l.product, productEn: l.product_en, unit: l.unit, quantity: l.quantity, unitPrice: l.unit_price, amount: l.amount, commission: l.commission, owner: l.owner })),
          returns: returns.map((r) => ({ kind: r.kind, date: r.day, amount: r.amount, reason: r.reason })),
        },
      };
    }
  }
  if (type === "payout" && isUuid) {
    const [p] = await rowsOf<{ number: number; day: string; household: string; amount: string; method: string }>(
      db,
      sql`select p.number, p.business_date::text as day, h.head_name as household, p.amount::text as amount, p.method
            from household_payouts p join households h on h.id = p.household_id where p.station_id = ${stationId}::uuid and p.id = ${id}::uuid`,
    );
    if (p) return { journal, document: { kind: "payout", number: p.number, date: p.day, household: p.household, amount: p.amount, method: p.method } };
  }
  if (type === "cash_count" && isUuid) {
    const [s] = await rowsOf<{ day: string; opening_float: string; expected: string; counted: string; difference: string }>(
      db,
      sql`select business_date::text as day, opening_float::text as opening_float, coalesce(expected, 0)::text as expected, coalesce(counted, 0)::text as counted,
                 (coalesce(counted, 0) - coalesce(expected, 0))::text as difference
            from cash_sessions where station_id = ${stationId}::uuid and id = ${id}::uuid`,
    );
    if (s) return { journal, document: { kind: "cash_count", date: s.day, openingFloat: s.opening_float, expected: s.expected, counted: s.counted, difference: s.difference } };
  }
  return { journal, document: { kind: "other", type } };
}

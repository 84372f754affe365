import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { committeeDocument } from "./sources-committee.server";
import { orderDocument } from "./sources-orders.server";
import { partnerDocument } from "./sources-partners.server";
import { rowsOf } from "./shared.server";
import { tillDocument } from "./sources-till.server";

/**
 * The source document behind a journal, read-only, for those who audit the books (ledger:read):
 * every source type leads to its document — the till's sale, payout and count; the online order;
 * the partner's delivery (发货单), payment and remittance; the upkeep expense; the period close;
 * the adjusting draft; the opening. A reversal shows the document it reverses. The operator's own
 * screens need their write permissions; this view does not. Each query is scoped to the station.
 */

export interface DocLine {
  product: string;
  productEn: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  commission: string;
  owner: string;
}

export type SourceDocument =
  | { kind: "sale"; number: number; date: string; payment: string; total: string; lines: DocLine[]; returns: { kind: string; date: string; amount: string; reason: string }[] }
  | { kind: "payout"; number: number; date: string; household: string; amount: string; method: string }
  | { kind: "cash_count"; date: string; openingFloat: string; expected: string; counted: string; difference: string }
  | {
      kind: "order";
      number: number;
      status: string;
      payment: string;
      fulfilment: string;
      placedAt: string;
      paidAt: string | null;
      buyerName: string;
      buyerPhone: string;
      goodsTotal: string;
      deliveryFee: string;
      total: string;
      refunded: string;
      lines: DocLine[];
      history: { at: string; event: string; from: string | null; to: string; actor: string }[];
      payments: { attempt: number; amount: string; status: string; paidAt: string | null }[];
      refunds: { at: string; kind: string; amount: string; status: string }[];
    }
  | {
      kind: "delivery";
      number: number;
      date: string;
      dueDate: string;
      partner: string;
      partnerEn: string;
      orderNumber: number;
      amount: string;
      commission: string;
      lines: { produce: string; unit: string; household: string; quantity: string; unitPrice: string; amount: string; commission: string; share: string }[];
    }
  | { kind: "remittance"; number: number; date: string; partner: string; partnerEn: string; amount: string; method: string; reference: string }
  | {
      kind: "partner_payment";
      number: number;
      date: string;
      partner: string;
      partnerEn: string;
      amount: string;
      method: string;
      reference: string;
      order: { number: number; status: string; deliveryDate: string; delivered: string; paid: string; outstanding: string; lines: { produce: string; unit: string; quantity: string; delivered: string; unitPrice: string }[] };
    }
  | {
      kind: "expense";
      date: string;
      expenseKind: string;
      amount: string;
      overReserve: string;
      paidFrom: string;
      payee: string;
      note: string;
      status: string;
      receiptHash: string;
      recordedBy: string;
      decidedBy: string | null;
      decidedAt: string | null;
      decisionNote: string;
    }
  | {
      kind: "allocation";
      period: string;
      revision: number;
      status: string;
      rate: string;
      commission: string;
      allocation: string;
      preparedBy: string;
      sealedAt: string | null;
      seal: string | null;
      closingNumber: number | null;
      signatures: { role: string; name: string; at: string }[];
    }
  | { kind: "adjustment"; date: string; reason: string; draftedBy: string; decidedBy: string | null; decidedAt: string | null; note: string }
  | { kind: "opening"; date: string; station: string }
  | { kind: "other"; type: string };

/** Station time (UTC+8, no daylight saving) of a timestamptz column, as SQL text. */
export const stationTime = (column: string) => sql.raw(`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI')`);

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

export interface SourceRef {
  stationId: string;
  type: string;
  id: string;
  date: string;
}

/** The document of journal `number` (by its source), null when the station has no such journal. */
export async function sourceDocument(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<{ journal: { number: number; type: string; id: string }; document: SourceDocument } | null> {
  const [j] = await rowsOf<{ source_type: string; source_id: string; day: string; orig_type: string | null; orig_id: string | null; orig_day: string | null }>(
    db,
    sql`select j.source_type, j.source_id, j.business_date::text as day, o.source_type as orig_type, o.source_id as orig_id, o.business_date::text as orig_day
          from ledger_journals j left join ledger_journals o on o.id = j.reverses_journal_id and o.station_id = j.station_id
         where j.station_id = ${stationId}::uuid and j.number = ${number}`,
  );
  if (!j) return null;
  // A reversal's document is the one it reverses (a voided sale shows the sale and its void).
  const ref: SourceRef = { stationId, type: j.orig_type ?? j.source_type, id: j.orig_id ?? j.source_id, date: j.orig_day ?? j.day };
  const journal = { number, type: j.source_type, id: j.source_id };
  const document =
    (await tillDocument(db, ref)) ?? (await orderDocument(db, ref)) ?? (await partnerDocument(db, ref)) ?? (await committeeDocument(db, ref)) ?? { kind: "other" as const, type: ref.type };
  return { journal, document };
}

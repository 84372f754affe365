import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { committeeDocument } from "./sources-committee.server";
import { orderDocument } from "./sources-orders.server";
import { partnerDocument } from "./sources-partners.server";
import { rowsOf } from "./shared.server";
import type { SourceDocument, SourceRef } from "./source-document.server";

export type { DocLine, SourceDocument, SourceRef } from "./source-document.server";
import { tillDocument } from "./sources-till.server";

/**
 * The source document behind a journal, read-only, for those who audit the books (ledger:read):
 * every source type leads to its document — the till's sale, payout and count; the online order;
 * the partner's delivery (发货单), payment and remittance; the upkeep expense; the period close;
 * the adjusting draft; the opening. A reversal shows the document it reverses. The operator's own
 * screens need their write permissions; this view does not. Each query is scoped to the station.
 */

/** The document of journal `number` (by its source), null when the station has no such journal. */
export async function sourceDocument(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<{ journal: { number: number; type: string; id: string }; document: SourceDocument } | null> {
  // A number past the column's range (integer) names no journal.
  if (!Number.isSafeInteger(number) || number < 1 || number > 2147483647) return null;
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

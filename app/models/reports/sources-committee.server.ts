import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { rowsOf } from "./shared.server";
import { isUuid } from "~/domain/ids";
import { type SourceDocument, stationTime, type SourceRef } from "./source-document.server";

/**
 * The collective's own documents behind a journal (ADR 014, 007): the upkeep expense with its
 * receipt and approval, the period close (rule, commission base, amount, signatures, seal), the
 * approved adjusting draft, and the opening balances taken over when the books were opened.
 */
export async function committeeDocument(db: Db, { stationId, type, id, date }: SourceRef): Promise<SourceDocument | null> {
  if (type === "opening") {
    const [s] = await rowsOf<{ code: string }>(db, sql`select code from stations where id = ${stationId}::uuid`);
    return { kind: "opening", date, station: s?.code ?? id };
  }
  if (!isUuid(id)) return null;
  if (type === "expense") {
    const [e] = await rowsOf<{
      day: string;
      kind: string;
      amount: string;
      over_reserve: string;
      paid_from: string;
      payee: string;
      note: string;
      status: string;
      receipt_hash: string;
      recorded_by: string;
      decided_by: string | null;
      decided_at: string | null;
      decision_note: string;
    }>(
      db,
      sql`select e.business_date::text as day, e.kind, e.amount::text as amount, e.over_reserve::text as over_reserve, e.paid_from, e.payee, e.note, e.status,
                 e.receipt_hash, r.display_name as recorded_by, d.display_name as decided_by, ${stationTime("e.decided_at")} as decided_at, e.decision_note
            from upkeep_expenses e join users r on r.id = e.recorded_by left join users d on d.id = e.decided_by
           where e.station_id = ${stationId}::uuid and e.id = ${id}::uuid`,
    );
    return e
      ? {
          kind: "expense",
          date: e.day,
          expenseKind: e.kind,
          amount: e.amount,
          overReserve: e.over_reserve,
          paidFrom: e.paid_from,
          payee: e.payee,
          note: e.note,
          status: e.status,
          receiptHash: e.receipt_hash,
          recordedBy: e.recorded_by,
          decidedBy: e.decided_by,
          decidedAt: e.decided_at,
          decisionNote: e.decision_note,
        }
      : null;
  }
  if (type === "allocation") {
    const [c] = await rowsOf<{
      id: string;
      period: string;
      revision: number;
      status: string;
      rate: string;
      commission: string;
      allocation: string;
      prepared_by: string;
      sealed_at: string | null;
      seal: string | null;
      closing_number: number | null;
    }>(
      db,
      sql`select c.id::text as id, to_char(c.period, 'YYYY-MM') as period, c.revision, c.status, c.rate::text as rate, c.commission::text as commission,
                 c.allocation::text as allocation, u.display_name as prepared_by, ${stationTime("c.sealed_at")} as sealed_at, c.seal, c.closing_number
            from period_closes c join users u on u.id = c.prepared_by
           where c.station_id = ${stationId}::uuid and c.id = ${id}::uuid`,
    );
    if (!c) return null;
    const signatures = await rowsOf<{ role: string; name: string; at: string }>(
      db,
      sql`select role, signer_name as name, ${stationTime("signed_at")} as at from period_signatures where close_id = ${c.id}::uuid order by signed_at, role`,
    );
    return {
      kind: "allocation",
      period: c.period,
      revision: c.revision,
      status: c.status,
      rate: c.rate,
      commission: c.commission,
      allocation: c.allocation,
      preparedBy: c.prepared_by,
      sealedAt: c.sealed_at,
      seal: c.seal,
      closingNumber: c.closing_number,
      signatures,
    };
  }
  if (type === "adjustment") {
    const [a] = await rowsOf<{ day: string; reason: string; drafted_by: string; decided_by: string | null; decided_at: string | null; note: string | null }>(
      db,
      sql`select d.business_date::text as day, d.reason, u.display_name as drafted_by, v.display_name as decided_by, ${stationTime("d.decided_at")} as decided_at, d.decision_note as note
            from ledger_journal_drafts d join users u on u.id = d.drafted_by left join users v on v.id = d.decided_by
           where d.station_id = ${stationId}::uuid and d.id = ${id}::uuid`,
    );
    return a ? { kind: "adjustment", date: a.day, reason: a.reason, draftedBy: a.drafted_by, decidedBy: a.decided_by, decidedAt: a.decided_at, note: a.note ?? "" } : null;
  }
  return null;
}

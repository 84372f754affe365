import { sql } from "drizzle-orm";
import { beancountAccount, beancountHeader, beancountTransaction } from "~/domain/beancount";
import { addDays } from "~/domain/dates";
import { D, toAmountString } from "~/domain/money";
import { toCsv } from "~/domain/reports";
import type { Db } from "../../../db/client.server";
import { loadChart } from "~/models/ledger/accounts.server";
import { rowsOf } from "./shared.server";

/**
 * A station's full ledger over a range for outside auditors: CSV (one row per posting) or a
 * Beancount journal (one transaction per journal; the balances brought forward to `from` as
 * one opening transaction, so the journal's closing balances equal the app's trial balance at
 * `to`). Journals are read in number order in batches, reporting progress after each.
 */

export type LedgerExportFormat = "ledger_csv" | "beancount";

const BATCH = 500;

interface PostingLine {
  number: number;
  day: string;
  memo: string;
  source_type: string;
  source_id: string;
  hash: string;
  account_code: string;
  amount: string;
  kind: string | null;
  party: string | null;
}

/** How many journals the export will write (for its progress bar). */
export async function countJournals(db: Db, { stationId, from, to }: { stationId: string; from: string; to: string }): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ledger_journals where station_id = ${stationId}::uuid and business_date >= ${from}::date and business_date <= ${to}::date`);
  return row?.n ?? 0;
}

/**
 * Builds the export text. `onProgress(done, total)` is awaited after each batch of journals.
 */
export async function buildLedgerExport(
  db: Db,
  { stationId, stationName, from, to, format, onProgress }: { stationId: string; stationName: string; from: string; to: string; format: LedgerExportFormat; onProgress?: (done: number, total: number) => Promise<void> },
): Promise<string> {
  const chart = await loadChart(db, { stationId });
  const total = await countJournals(db, { stationId, from, to });
  const parts: string[] = [];
  const nameOf = (code: string) => chart.accounts.get(code);
  const bcName = (code: string) => beancountAccount(code, nameOf(code)?.category ?? "asset");

  if (format === "beancount") {
    const opening = await rowsOf<{ account_code: string; net: string }>(
      db,
      sql`select account_code, sum(amount)::text as net from ledger_postings where station_id = ${stationId}::uuid and business_date < ${from}::date group by account_code having sum(amount) <> 0 order by account_code`,
    );
    const used = await rowsOf<{ account_code: string }>(
      db,
      sql`select distinct account_code from ledger_postings where station_id = ${stationId}::uuid and business_date <= ${to}::date order by account_code`,
    );
    const openDate = addDays(from, -1);
    parts.push(
      beancountHeader({
        title: `${stationName} ${from} – ${to}`,
        openDate,
        accounts: used.map((u) => ({ name: bcName(u.account_code), description: `${u.account_code} ${nameOf(u.account_code)?.nameZh ?? ""}`.trim() })),
      }),
    );
    if (opening.length) {
      parts.push(
        beancountTransaction({
          date: openDate,
          narration: `期初余额 / balances brought forward to ${from}`,
          meta: { source: "opening-balances" },
          postings: opening.map((o) => ({ account: bcName(o.account_code), amount: o.net })),
        }),
      );
    }
  } else {
    parts.push(toCsv([["journal", "date", "source_type", "source_id", "memo", "account", "account_name_zh", "account_name_en", "debit", "credit", "subledger_kind", "subledger_id", "journal_hash"]]));
  }

  let after = 0;
  let done = 0;
  for (;;) {
    const lines = await rowsOf<PostingLine>(
      db,
      sql`with batch as (
            select id, number, business_date, memo, source_type, source_id, hash from ledger_journals
             where station_id = ${stationId}::uuid and business_date >= ${from}::date and business_date <= ${to}::date and number > ${after}
             order by number limit ${BATCH})
          select b.number, b.business_date::text as day, b.memo, b.source_type, b.source_id, b.hash,
                 p.account_code, p.amount::text as amount, p.subledger_kind as kind, coalesce(p.household_id, p.partner_id)::text as party
            from batch b join ledger_postings p on p.journal_id = b.id
           order by b.number, p.id`,
    );
    if (lines.length === 0) break;
    const byJournal = new Map<number, PostingLine[]>();
    for (const l of lines) byJournal.set(l.number, [...(byJournal.get(l.number) ?? []), l]);
    for (const [number, ls] of byJournal) {
      const j = ls[0]!;
      if (format === "beancount") {
        parts.push(
          beancountTransaction({
            date: j.day,
            narration: j.memo,
            meta: { journal: number, source: `${j.source_type}:${j.source_id}`, hash: j.hash },
            postings: ls.map((l) => ({ account: bcName(l.account_code), amount: l.amount, meta: l.kind && l.party ? { [l.kind]: l.party } : undefined })),
          }),
        );
      } else {
        parts.push(
          toCsv(
            ls.map((l) => {
              const a = new D(l.amount);
              const account = nameOf(l.account_code);
              return [number, l.day, l.source_type, l.source_id, l.memo, l.account_code, account?.nameZh ?? "", account?.nameEn ?? "", a.gt(0) ? toAmountString(a) : "", a.isNeg() ? toAmountString(a.neg()) : "", l.kind ?? "", l.party ?? "", l.hash];
            }),
          ).replace(/^\uFEFF/, ""),
        );
      }
      after = number;
    }
    done += byJournal.size;
    await onProgress?.(done, total);
  }
  return parts.join("");
}

import { asc, eq } from "drizzle-orm";
import { type AccountDef, buildChart, type Chart, CHART_TEMPLATE } from "~/domain/chart-of-accounts";
import type { Db } from "../../../db/client.server";
import { ledgerAccounts, ledgerChainHeads } from "../../../db/schema/ledger";

/**
 * A station's books start with the station: its copy of the chart (财会〔2023〕14号 plus the
 * product's sub-accounts, ADR 006) and the head of its hash chain. Called inside
 * createStation's transaction, so a station never exists without its ledger.
 */
export async function createStationLedger(tx: Db, { stationId }: { stationId: string }): Promise<void> {
  await tx.insert(ledgerAccounts).values(
    [...CHART_TEMPLATE.accounts.values()].map((a) => ({
      stationId,
      code: a.code,
      parentCode: a.parent,
      nameZh: a.nameZh,
      nameEn: a.nameEn,
      category: a.category,
      normalSide: a.normalSide,
      subledgerKind: a.subledger,
      postable: a.postable,
    })),
  );
  await tx.insert(ledgerChainHeads).values({ stationId });
}

/**
 * The station's chart as the domain rules see it (stationId set, so validateJournal refuses a
 * journal for another station). Empty when the station has no ledger.
 */
export async function loadChart(db: Db, { stationId }: { stationId: string }): Promise<Chart> {
  const rows = await db
    .select({
      code: ledgerAccounts.code,
      nameZh: ledgerAccounts.nameZh,
      nameEn: ledgerAccounts.nameEn,
      category: ledgerAccounts.category,
      normalSide: ledgerAccounts.normalSide,
      subledger: ledgerAccounts.subledgerKind,
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.stationId, stationId))
    .orderBy(asc(ledgerAccounts.code));
  if (rows.length === 0) return { stationId, accounts: new Map() };
  return buildChart(rows satisfies AccountDef[], { stationId });
}

const cache = new Map<string, Chart>();
const CACHE_LIMIT = 5000;

/**
 * The station's chart from this process's memory (loaded on first use), for posting. Safe
 * although other processes may add sub-accounts meanwhile: what a stale chart would let
 * through (an account that is gone, now a parent, or kept per another party) the database
 * refuses anyway (foreign key and ledger_postings_account_rules), and a refusal based on the
 * cached chart is checked again against a fresh one (`fresh: true`) before it is reported.
 */
export async function cachedChart(db: Db, { stationId, fresh = false }: { stationId: string; fresh?: boolean }): Promise<{ chart: Chart; cached: boolean }> {
  const hit = fresh ? undefined : cache.get(stationId);
  if (hit) return { chart: hit, cached: true };
  const chart = await loadChart(db, { stationId });
  if (chart.accounts.size > 0) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(stationId, chart);
  }
  return { chart, cached: false };
}

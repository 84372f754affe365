import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { chinaToday } from "~/domain/dates";
import { isBusinessDate } from "~/domain/ledger";
import { toAmountString } from "~/domain/money";
import { getStationSummary } from "../app/models/stations/geography.server";
import { getTrialBalance } from "../app/models/ledger/read.server";
import { verifyLedger } from "../app/models/ledger/verify.server";
import { buildLedgerExport, type LedgerExportFormat } from "../app/models/reports/export.server";
import type { Db } from "../db/client.server";

/**
 * `npm run ledger -- verify [--station CODE]`
 *   Recomputes every station's hash chain and balance invariants; exits 1 naming the first
 *   journal that does not match (edited, deleted, inserted or reordered).
 * `npm run ledger -- trial-balance --station CODE [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--lang en]`
 *   Prints the trial balance the screen shows.
 * `npm run ledger -- export --station CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format beancount|csv]`
 *   Writes the station's ledger for outside auditors to stdout: the same text as the reports'
 *   export (ADR 015), so `… > books.beancount && bean-check books.beancount` checks it.
 */

export const USAGE = `usage:
  npm run ledger -- verify [--station CODE]
  npm run ledger -- trial-balance --station CODE [--as-of YYYY-MM-DD] [--from YYYY-MM-DD] [--lang en]
  npm run ledger -- export --station CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format beancount|csv]`;

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** Runs one ledger command and returns the process exit code (0 ok, 1 a problem found, 2 bad usage). */
export async function runLedgerCommand(db: Db, argv: readonly string[], out: Output = console): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { station: { type: "string" }, "as-of": { type: "string" }, from: { type: "string" }, to: { type: "string" }, lang: { type: "string" }, format: { type: "string" } },
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = parsed.positionals;
  const { station, lang } = parsed.values;
  if (rest.length) {
    out.error(USAGE);
    return 2;
  }
  switch (command) {
    case "verify":
      return verify(db, station, out);
    case "trial-balance": {
      const asOf = parsed.values["as-of"] ?? chinaToday();
      const from = parsed.values.from;
      if (!station || !isBusinessDate(asOf) || (from !== undefined && (!isBusinessDate(from) || from > asOf || from < "1900-01-02"))) {
        out.error(USAGE);
        return 2;
      }
      return printTrialBalance(db, { code: station, asOf, from, english: lang === "en" }, out);
    }
    case "export": {
      const to = parsed.values.to ?? chinaToday();
      const from = parsed.values.from ?? `${to.slice(0, 4)}-01-01`;
      const format = parsed.values.format ?? "beancount";
      if (!station || !isBusinessDate(from) || !isBusinessDate(to) || from > to || (format !== "beancount" && format !== "csv")) {
        out.error(USAGE);
        return 2;
      }
      return exportLedger(db, { code: station, from, to, format: format === "csv" ? "ledger_csv" : "beancount" }, out);
    }
    default:
      out.error(USAGE);
      return 2;
  }
}

async function exportLedger(db: Db, { code, from, to, format }: { code: string; from: string; to: string; format: LedgerExportFormat }, out: Output): Promise<number> {
  const summary = await getStationSummary(db, { code });
  if (!summary) {
    out.error(`no station with code ${code}`);
    return 2;
  }
  out.log(await buildLedgerExport(db, { stationId: summary.station.id, stationName: summary.station.nameZh, from, to, format }));
  return 0;
}

async function verify(db: Db, code: string | undefined, out: Output): Promise<number> {
  const results = await verifyLedger(db, { code });
  if (!results) {
    out.error(`no station with code ${code}`);
    return 2;
  }
  let failed = 0;
  for (const r of results) {
    if (r.ok) {
      out.log(`ok   ${r.code}: ${r.journals} journals, chain head ${r.head.slice(0, 16)}…`);
      continue;
    }
    failed++;
    const where = r.number === null ? "" : ` journal ${r.number} (${r.journalId})`;
    out.error(`FAIL ${r.code}:${where} [${r.problem}] ${r.message}`);
  }
  out.log(failed ? `${failed} of ${results.length} stations failed verification.` : `All ${results.length} stations verified.`);
  return failed ? 1 : 0;
}

async function printTrialBalance(
  db: Db,
  { code, asOf, from, english }: { code: string; asOf: string; from?: string; english: boolean },
  out: Output,
): Promise<number> {
  const summary = await getStationSummary(db, { code });
  if (!summary) {
    out.error(`no station with code ${code}`);
    return 2;
  }
  const tb = await getTrialBalance(db, { stationId: summary.station.id, from, to: asOf });
  const name = english ? summary.station.nameEn : summary.station.nameZh;
  out.log(`${english ? "Trial balance" : "试算平衡表"} — ${name} (${code}) — ${tb.from} … ${tb.to}`);
  const cols = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(9) : c.padStart(17))).join(" ");
  out.log(cols(["account", "opening", "debit", "credit", "closing"]) + "  name");
  for (const r of tb.rows) {
    const indent = "  ".repeat(r.level - 1);
    out.log(
      cols([indent + r.code, toAmountString(r.opening), toAmountString(r.debit), toAmountString(r.credit), toAmountString(r.closing)]) +
        `  ${indent}${english ? r.nameEn : r.nameZh}`,
    );
  }
  const t = tb.totals;
  out.log(cols(["Dr total", toAmountString(t.openingDebit), toAmountString(t.debit), "", toAmountString(t.closingDebit)]));
  out.log(cols(["Cr total", toAmountString(t.openingCredit), "", toAmountString(t.credit), toAmountString(t.closingCredit)]));
  out.log(tb.balanced ? "balanced: debits = credits" : "NOT BALANCED");
  return tb.balanced ? 0 : 1;
}

// `npm run ledger -- …`: open the configured database (migrated), run, exit with the command's code.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { runCli } = await import("./cli");
  await runCli(async (database) => {
    process.exitCode = await runLedgerCommand(database.db, process.argv.slice(2));
  });
}

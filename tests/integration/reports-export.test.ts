import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import { listPublicStations } from "../../app/models/stations/geography.server";
import { getTrialBalance } from "../../app/models/ledger/read.server";
import { recordPayout } from "../../app/models/households/payouts.server";
import { buildLedgerExport } from "../../app/models/reports/export.server";
import { exportContent, getExport, startExport } from "../../app/models/reports/jobs.server";
import { createSale } from "../../app/models/till/sales.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { postTestJournal } from "../factories/ledger";
import { makeStockedProduct } from "../factories/till";
import { testDb, useDemoDatabase } from "../support/db";

function hasBeanCheck(): boolean {
  try {
    execFileSync("bean-check", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const BEAN = hasBeanCheck();
if (!BEAN) {
  if (process.env.REQUIRE_BEANCOUNT === "1") throw new Error("REQUIRE_BEANCOUNT=1 but bean-check is not on PATH (apt-get install beancount)");
  console.warn("reports-export: bean-check is not on PATH: the Beancount files are written and compared by our own parser only (CI installs Debian's beancount).");
}

/** Writes the journal, runs bean-check (must pass) and returns bean-query's balance per account. */
function beanBalances(text: string): Map<string, string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cunzhan-bean-")), "ledger.beancount");
  writeFileSync(file, text);
  execFileSync("bean-check", [file], { stdio: "pipe" });
  const csv = execFileSync("bean-query", ["-f", "csv", file, "SELECT account, sum(number) AS n GROUP BY account ORDER BY account"], { encoding: "utf8" });
  const out = new Map<string, string>();
  for (const line of csv.trim().split("\n").slice(1)) {
    const [account, n] = line.split(",");
    const code = account!.trim().split(":")[1]!;
    if (!new D(n!.trim()).isZero()) out.set(code, new D(n!.trim()).toFixed(2));
  }
  return out;
}

/** The same figures read from our own file: the sum of the postings per account. */
function ownBalances(text: string): Map<string, string> {
  const sums = new Map<string, InstanceType<typeof D>>();
  for (const m of text.matchAll(/^ {2}[A-Z][a-z]+:(\d+) {2}(-?\d+\.\d{2}) CNY$/gm)) sums.set(m[1]!, (sums.get(m[1]!) ?? new D(0)).plus(m[2]!));
  return new Map([...sums].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toFixed(2)]));
}

async function appBalances(stationId: string, from: string, to: string): Promise<Map<string, string>> {
  const tb = await getTrialBalance(testDb(), { stationId, from, to });
  return new Map(tb.rows.filter((r) => tb.chart.accounts.get(r.code)?.postable && !r.closing.isZero()).map((r) => [r.code, r.closing.toFixed(2)]));
}

describe("export for outside auditors", () => {
  it("writes the Beancount journal with balances brought forward; its balances equal the trial balance", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const operatorId = await systemUserId(db);
    const { product, household } = await makeStockedProduct(db, station, { stock: "50", price: "30.00", commissionRate: "0.1000" });
    const sale = (date: string) =>
      createSale(db, { stationId: station.id, operatorId, idempotencyKey: randomUUID(), lines: [{ productId: product.id, quantity: new D("2") }], payment: { kind: "mobile", reference: "wx" }, date });
    await sale("2025-01-20");
    await sale("2025-02-10");
    await postTestJournal(db, station.id, { date: "2025-02-11", memo: '电费 "二月" \\ 收据', lines: [{ accountCode: ACCOUNTS.upkeepElectricity, amount: "9.90" }, { accountCode: ACCOUNTS.cash, amount: "-9.90" }] });
    await recordPayout(db, { stationId: station.id, householdId: household!.id, operatorId, amount: new D("50"), method: "bank", reference: "6217", idempotencyKey: randomUUID(), date: "2025-02-12" });
    await sale("2025-03-01"); // after the range

    const text = await buildLedgerExport(db, { stationId: station.id, stationName: "测试站", from: "2025-02-01", to: "2025-02-28", format: "beancount" });
    expect(text).toContain('option "operating_currency" "CNY"');
    expect(text).toContain("2025-01-31 open Liabilities:21101 CNY");
    expect(text).toMatch(/2025-01-31 \* "期初余额/);
    expect(text).toContain('"电费 \\"二月\\" \\\\ 收据"');
    expect(text).toMatch(/journal: 2\n {2}source: "sale:[0-9a-f-]{36}"/);
    expect(text).not.toContain("2025-03-01");
    const expected = await appBalances(station.id, "2025-02-01", "2025-02-28");
    expect(expected.get(ACCOUNTS.householdPayable)).toBe("-58.00");
    expect(ownBalances(text)).toEqual(expected);
    if (BEAN) expect(beanBalances(text)).toEqual(expected);
  });

  describe("of the demo county", () => {
    // Each export is a job that writes its file to the database.
    useDemoDatabase({ copy: "per-test" });

    it("exports every demo station's ledger; each passes bean-check and equals its trial balance", async () => {
      const db = testDb();
      const stations = await listPublicStations(db);
      const userId = await systemUserId(db);
      const to = chinaToday();
      const from = "2000-01-01";
      for (const s of stations) {
        const { job, export: started } = await startExport(db, { stationId: s.station.id, stationName: s.station.nameZh, kind: "beancount", from, to, requestedBy: userId, idempotencyKey: `bean-${s.station.code}` });
        await job;
        const row = await getExport(db, { stationId: s.station.id, id: started.id });
        expect(row).toMatchObject({ status: "done", progress: 100 });
        const file = await exportContent(db, { stationId: s.station.id, id: started.id });
        const expected = await appBalances(s.station.id, from, to);
        expect(ownBalances(file!.content)).toEqual(expected);
        if (BEAN) expect(beanBalances(file!.content)).toEqual(expected);
      }
    });
  });

  it("writes the ledger as CSV, one row per posting, and a repeated request starts no second export", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const userId = await systemUserId(db);
    await postTestJournal(db, station.id, { date: "2025-05-05", memo: "=cmd, with comma", amount: "12.34" });
    const input = { stationId: station.id, stationName: "测试站", kind: "ledger_csv" as const, from: "2025-05-01", to: "2025-05-31", requestedBy: userId, idempotencyKey: "same-key" };
    const first = await startExport(db, input);
    await first.job;
    const again = await startExport(db, input);
    expect(again).toMatchObject({ started: false, export: { id: first.export.id } });
    const file = await exportContent(db, { stationId: station.id, id: first.export.id });
    const lines = file!.content.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^journal,date,source_type/);
    expect(lines[1]).toContain(`1,2025-05-05,opening,`);
    expect(lines[1]).toContain(`"'=cmd, with comma",101,库存现金`);
    expect(lines[1]).toContain(",12.34,,");
    expect(lines[2]).toContain(",,12.34,");
    expect(await exportContent(db, { stationId: (await makeStation(db)).id, id: first.export.id })).toBeNull();
  });
});

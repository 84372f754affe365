/**
 * bench/reports: every report over a seeded year, on a county of 200 stations.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- reports
 *
 * 1. Creates a scratch database, migrates it, makes 200 stations through the model (each with
 *    its chart), then loads a year (2025) per station with COPY under session_replication_role =
 *    replica: 20 households and products, ~6 walk-in sales a day (sales, sale lines and their
 *    journals), monthly payouts of what each household is owed, monthly upkeep expenses, partner
 *    deliveries and remittances (11201 with a partner sub-ledger). Journals are hash-chained and
 *    split by the same domain functions the app uses; month totals and chain heads are written
 *    as the triggers would, and `ledger verify` of a sample station proves the load obeys them.
 * 2. Times each report for one station over the year (goal ≤ 0.5 s) and the county roll-up
 *    (goal ≤ 1 s): median of 5 runs after a warm-up, and the ratio to the goal.
 * The scratch database is dropped at the end. Not part of CI.
 */
import { productCode } from "../app/domain/product-codes";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { addDays } from "~/domain/dates";
import { canonicalJournal, chainHash, GENESIS_HASH, type JournalLine, type SourceType } from "~/domain/ledger";
import { D, type Dec, splitByRate, ZERO } from "~/domain/money";
import { createCounty, createStation, createTownship, createVillage, type Station } from "../app/models/stations/geography.server";
import { verifyStation } from "../app/models/ledger/verify.server";
import { farmerIncome, incomeStatement } from "../app/models/reports/reports.server";
import { countyRollup } from "../app/models/reports/county.server";
import { buildLedgerExport } from "../app/models/reports/export.server";
import { operatorAssessment, partnerReceivables, salesReport } from "../app/models/reports/sales.server";
import { systemUserId } from "../app/models/identity/users.server";
import { openDatabase } from "../db/client.server";
import { requirePostgres, stopwatch, seededRandom } from "./support/common";

const STATIONS = Number(process.env.BENCH_STATIONS ?? 200);
const HOUSEHOLDS = 20;
const SALES_PER_DAY = 6;
const YEAR_FROM = "2025-01-01";
const YEAR_TO = "2025-12-31";
const RATE = new D("0.1500");

const { url, withDb } = requirePostgres("bench/reports needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- reports");
const { started, seconds, log } = stopwatch(7);
const random = seededRandom(20250101);
const pickInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const N = "\\N";

interface Rows {
  journals: string[];
  postings: string[];
  households: string[];
  products: string[];
  sales: string[];
  saleLines: string[];
  payouts: string[];
}

/** One station's year, as COPY rows; returns the chain head after its last journal. */
function stationYear(station: Station, createdBy: string): { rows: Rows; head: string; count: number } {
  const rows: Rows = { journals: [], postings: [], households: [], products: [], sales: [], saleLines: [], payouts: [] };
  let prev = GENESIS_HASH;
  let number = 0;
  const journal = (date: string, memo: string, type: SourceType, sourceId: string, lines: JournalLine[]): string => {
    const id = randomUUID();
    number++;
    const key = `${type}:${sourceId}`;
    const hash = chainHash(
      prev,
      canonicalJournal({ id, stationId: station.id, number, businessDate: date, memo, source: { type, id: sourceId }, idempotencyKey: key, currency: "CNY", createdBy, approvedBy: null, reversesJournalId: null }, lines),
    );
    rows.journals.push(`${id}\t${station.id}\t${number}\t${date}\t${memo}\t${type}\t${sourceId}\t${key}\tCNY\t${createdBy}\t${prev}\t${hash}\n`);
    prev = hash;
    for (const l of lines) {
      const party = !l.subledger ? `${N}\t${N}\t${N}` : l.subledger.kind === "household" ? `household\t${l.subledger.id}\t${N}` : `partner\t${N}\t${l.subledger.id}`;
      rows.postings.push(`${id}\t${station.id}\t${date}\t${l.accountCode}\t${l.amount.toFixed(2)}\t${party}\n`);
    }
    return id;
  };
  const households = Array.from({ length: HOUSEHOLDS }, (_, i) => ({ id: randomUUID(), product: randomUUID(), price: new D(pickInt(800, 4000)).div(100), i }));
  for (const h of households) {
    rows.households.push(`${h.id}\t${station.id}\t农户${h.i + 1}\t${(h.i % 5) + 1}组\n`);
    rows.products.push(`${h.product}\t${station.id}\t农产品${h.i + 1}\tProduce ${h.i + 1}\tproduce\tjin\t${h.price.toFixed(2)}\thousehold\t${h.id}\t${RATE.toFixed(4)}\tdraft\t${productCode(h.i + 1)}\n`);
  }
  const owed = new Map<string, Dec>(households.map((h) => [h.id, ZERO]));
  const partner = randomUUID();
  let saleNo = 0;
  let payoutNo = 0;
  let delivered = ZERO;
  for (let day = YEAR_FROM; day <= YEAR_TO; day = addDays(day, 1)) {
    if (day.endsWith("-05")) {
      for (const h of households) {
        const amount = owed.get(h.id)!;
        if (amount.lte(0)) continue;
        const payoutId = randomUUID();
        const jid = journal(day, `结算给农户${h.i + 1}`, "payout", payoutId, [
          { accountCode: ACCOUNTS.householdPayable, amount, subledger: { kind: "household", id: h.id } },
          { accountCode: ACCOUNTS.bank, amount: amount.neg() },
        ]);
        payoutNo++;
        rows.payouts.push(`${payoutId}\t${station.id}\t${h.id}\t${payoutNo}\t${day}\t${amount.toFixed(2)}\tbank\tbench-${payoutNo}\t${createdBy}\tbench-payout-${payoutNo}\t${jid}\n`);
        owed.set(h.id, ZERO);
      }
      const fee = new D(pickInt(3000, 9000)).div(100);
      journal(day, "站点电费", "expense", `elec-${day}`, [
        { accountCode: ACCOUNTS.upkeepElectricity, amount: fee },
        { accountCode: ACCOUNTS.cash, amount: fee.neg() },
      ]);
    }
    if (day.endsWith("-15")) {
      const amount = new D(pickInt(100_000, 500_000)).div(100);
      const { rateShare, remainder } = splitByRate(amount, new D("0.1000"));
      journal(day, "合作企业货物交付", "delivery", `delivery-${day}`, [
        { accountCode: ACCOUNTS.partnerReceivable, amount, subledger: { kind: "partner", id: partner } },
        { accountCode: ACCOUNTS.partnerPayable, amount: remainder.neg(), subledger: { kind: "partner", id: partner } },
        { accountCode: ACCOUNTS.commissionIncomePartner, amount: rateShare.neg() },
      ]);
      delivered = delivered.plus(amount);
    }
    if (day.endsWith("-25") && delivered.gt(0)) {
      const amount = delivered.times("0.8").toDecimalPlaces(2);
      journal(day, "合作企业回款", "remittance", `remit-${day}`, [
        { accountCode: ACCOUNTS.bank, amount },
        { accountCode: ACCOUNTS.partnerReceivable, amount: amount.neg(), subledger: { kind: "partner", id: partner } },
      ]);
      delivered = delivered.minus(amount);
    }
    for (let s = 0; s < SALES_PER_DAY; s++) {
      const h = households[pickInt(0, HOUSEHOLDS - 1)]!;
      const quantity = new D(pickInt(1, 10));
      const amount = quantity.times(h.price);
      const { rateShare, remainder } = splitByRate(amount, RATE);
      const saleId = randomUUID();
      const jid = journal(day, `销售 ${saleNo + 1}`, "sale", saleId, [
        { accountCode: ACCOUNTS.paymentClearing, amount },
        { accountCode: ACCOUNTS.householdPayable, amount: remainder.neg(), subledger: { kind: "household", id: h.id } },
        { accountCode: ACCOUNTS.commissionIncomeProduce, amount: rateShare.neg() },
      ]);
      saleNo++;
      rows.sales.push(`${saleId}\t${station.id}\t${saleNo}\t${day}\t${createdBy}\tmobile\twx-${saleNo}\t${amount.toFixed(2)}\tbench-sale-${saleNo}\t${randomUUID()}\t${jid}\n`);
      rows.saleLines.push(`${saleId}\t${station.id}\t1\t${h.product}\t${quantity.toFixed(3)}\t${h.price.toFixed(2)}\t${amount.toFixed(2)}\t${rateShare.toFixed(2)}\t${RATE.toFixed(4)}\thousehold\t${h.id}\n`);
      owed.set(h.id, owed.get(h.id)!.plus(remainder));
    }
  }
  return { rows, head: prev, count: number };
}

function* batched(lines: readonly string[], size = 4000): Generator<string> {
  for (let i = 0; i < lines.length; i += size) yield lines.slice(i, i + size).join("");
}

async function copy(sql: postgres.ReservedSql, table: string, columns: string, lines: readonly string[]) {
  if (!lines.length) return;
  const stream = await sql.unsafe(`copy ${table} (${columns}) from stdin`).writable();
  await pipeline(Readable.from(batched(lines)), stream);
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ median: number; max: number; result: T }> {
  let result = await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push((performance.now() - t) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, result };
}

const admin = postgres(url, { max: 1, onnotice: () => {} });
const scratch = `cunzhan_bench_reports_${process.pid}`;
await admin.unsafe(`create database "${scratch}"`);
const database = await openDatabase({ databaseUrl: withDb(scratch), maxConnections: 4 });
const raw = postgres(withDb(scratch), { max: 1, onnotice: () => {} });
let failed = false;
try {
  await database.migrate();
  const db = database.db;
  const createdBy = await systemUserId(db);
  const county = await createCounty(db, { code: "bench", nameZh: "压测县", nameEn: "Bench County", provinceZh: "贵州省", provinceEn: "Guizhou" });
  const townships = await Promise.all(
    Array.from({ length: 10 }, (_, i) => createTownship(db, { countyId: county.id, code: `t${i}`, kind: "town", nameZh: `压测镇${i}`, nameEn: `Bench Town ${i}` })),
  );
  const stations: Station[] = [];
  for (let i = 0; i < STATIONS; i++) {
    const village = await createVillage(db, { townshipId: townships[i % townships.length]!.id, code: `v${i}`, nameZh: `压测村${i}`, nameEn: `Bench Village ${i}` });
    stations.push(await createStation(db, { villageId: village.id, code: `bench-${i}`, nameZh: `压测站${i}`, nameEn: `Bench Station ${i}` }));
  }
  log(`${STATIONS} stations with their charts`);

  const reserved = await raw.reserve();
  let journals = 0;
  let postingsCount = 0;
  try {
    await reserved`set session_replication_role = replica`;
    for (const [i, station] of stations.entries()) {
      const { rows, head, count } = stationYear(station, createdBy);
      await reserved`begin`;
      await copy(reserved, "households", "id, station_id, head_name, village_group", rows.households);
      await copy(reserved, "products", "id, station_id, name_zh, name_en, category, unit, price, owner_kind, household_id, commission_rate, status, code", rows.products);
      await copy(reserved, "ledger_journals", "id, station_id, number, business_date, memo, source_type, source_id, idempotency_key, currency, created_by, prev_hash, hash", rows.journals);
      await copy(reserved, "ledger_postings", "journal_id, station_id, business_date, account_code, amount, subledger_kind, household_id, partner_id", rows.postings);
      await copy(reserved, "sales", "id, station_id, number, business_date, operator_id, payment, payment_reference, total, idempotency_key, public_token, journal_id", rows.sales);
      await copy(reserved, "sale_lines", "sale_id, station_id, line_no, product_id, quantity, unit_price, amount, commission, commission_rate, owner_kind, household_id", rows.saleLines);
      await copy(reserved, "household_payouts", "id, station_id, household_id, number, business_date, amount, method, reference, paid_by, idempotency_key, journal_id", rows.payouts);
      await reserved`update ledger_chain_heads set last_number = ${count}, last_hash = ${head} where station_id = ${station.id}`;
      await reserved`commit`;
      journals += count;
      postingsCount += rows.postings.length;
      if ((i + 1) % 20 === 0) log(`loaded ${i + 1} stations: ${journals.toLocaleString("en")} journals, ${postingsCount.toLocaleString("en")} postings`);
    }
    // What the postings trigger would have kept.
    await reserved`insert into ledger_month_totals (station_id, account_code, month, debit, credit)
      select station_id, account_code, date_trunc('month', business_date::timestamp)::date,
             coalesce(sum(amount) filter (where amount > 0), 0), coalesce(-sum(amount) filter (where amount < 0), 0)
        from ledger_postings group by 1, 2, 3`;
  } finally {
    await reserved`set session_replication_role = origin`.catch(() => {});
    reserved.release();
  }
  for (const table of ["ledger_postings", "ledger_journals", "ledger_month_totals", "sales", "sale_lines", "households", "household_payouts", "products"]) await raw.unsafe(`vacuum analyze ${table}`);
  log(`loaded ${journals.toLocaleString("en")} journals / ${postingsCount.toLocaleString("en")} postings; vacuum analyze done`);

  const sample = stations[Math.floor(STATIONS / 2)]!;
  const verified = await verifyStation(db, { stationId: sample.id, code: sample.code });
  log(`ledger verify of ${sample.code}: ${verified.ok ? `ok, ${verified.journals} journals` : `FAILED: ${verified.message}`}`);
  if (!verified.ok) failed = true;

  const range = { stationId: sample.id, from: YEAR_FROM, to: YEAR_TO };
  const results: { name: string; goal: number; median: number; max: number; note: string }[] = [];
  const run = async <T>(name: string, goal: number, fn: () => Promise<T>, note: (r: T) => string) => {
    const r = await timed(5, fn);
    results.push({ name, goal, median: r.median, max: r.max, note: note(r.result) });
    log(`${name}: median ${r.median.toFixed(3)} s (goal ${goal.toFixed(1)} s, ratio ${(r.median / goal).toFixed(2)})`);
  };
  await run("income statement (1 station, year)", 0.5, () => incomeStatement(db, range), (s) => `income ${s.totalIncome}`);
  await run("farmer income (1 station, year)", 0.5, () => farmerIncome(db, range), (f) => `added ${f.added}, paid ${f.paid}, ${f.households} households`);
  await run("sales (1 station, year)", 0.5, () => salesReport(db, range), (s) => `total ${s.total}, ${s.byProduct.length} products`);
  await run("partner receivables ageing (1 station)", 0.5, () => partnerReceivables(db, { stationId: sample.id, asOf: YEAR_TO, from: YEAR_FROM }), (p) => `owed ${p.total}`);
  await run("operator assessment (1 station, year)", 0.5, () => operatorAssessment(db, range), (a) => `score ${a.result.score}`);
  await run(`county roll-up (${STATIONS} stations, year)`, 1, () => countyRollup(db, { countyIds: [county.id], from: YEAR_FROM, to: YEAR_TO }), (c) => `${c.rows.length} rows, added ${c.totals.farmerAdded}`);
  await run("county roll-up, ragged range (03-10 … 11-20)", 1, () => countyRollup(db, { countyIds: [county.id], from: "2025-03-10", to: "2025-11-20" }), (c) => `added ${c.totals.farmerAdded}`);
  const exportStart = performance.now();
  const text = await buildLedgerExport(db, { ...range, stationName: sample.nameZh, format: "beancount" });
  log(`Beancount export of ${sample.code} (a job, no goal): ${seconds(exportStart)} s, ${(text.length / 1e6).toFixed(1)} MB`);

  console.log("\nbench/reports summary (PostgreSQL, median of 5 after a warm-up)");
  for (const r of results) {
    const ok = r.median <= r.goal;
    if (!ok) failed = true;
    console.log(`  ${r.name.padEnd(48)} ${r.median.toFixed(3)} s  goal ${r.goal.toFixed(1)} s  ratio ${(r.median / r.goal).toFixed(2)}  ${ok ? "PASS" : "FAIL"}  (${r.note})`);
  }
  console.log(`  data: ${STATIONS} stations, ${journals.toLocaleString("en")} journals, ${postingsCount.toLocaleString("en")} postings; whole run ${seconds(started)} s`);
} finally {
  await raw.end();
  await database.close();
  // BENCH_KEEP_DB=1 keeps the scratch database for EXPLAIN ANALYZE by hand (drop it afterwards).
  if (process.env.BENCH_KEEP_DB === "1") console.log(`  kept the scratch database ${scratch}`);
  else await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
  await admin.end();
}
process.exitCode = failed ? 1 : 0;

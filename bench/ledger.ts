/**
 * bench/ledger: how the books hold up under years of history and under parallel posting.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ledger.ts
 *
 * 1. Loads 1,000,000 postings (400,000 journals, hash-chained, balanced, dated over five
 *    years) into one station of a scratch database, with COPY under session_replication_role
 *    = replica (triggers off, for speed); `ledger verify` then recomputes the whole chain, the
 *    month totals and the head, so the load is shown to obey every rule the triggers enforce.
 * 2. Times the trial balance over that station (target ≤ 0.3 s), beside a plain
 *    sum over all its postings (what the month-totals cache saves).
 * 3. Runs postJournal from 8 clients over 4 stations for 10 s (and 8 clients on one station),
 *    and pgbench -b tpcb-like -c8 -j2 -T10 on the same server, and prints the ratios.
 * Everything happens in scratch databases that are dropped at the end. Not part of CI.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { addDays } from "~/domain/dates";
import { canonicalJournal, chainHash, GENESIS_HASH, type JournalLine } from "~/domain/ledger";
import { D, splitByRate } from "~/domain/money";
import { createCounty, createStation, createTownship, createVillage, type Station } from "../app/models/stations/geography.server";
import { accountBalances, getGeneralLedger, getTrialBalance } from "../app/models/ledger/read.server";
import { verifyStation } from "../app/models/ledger/verify.server";
import { postJournal, withLedgerRetry } from "../app/models/ledger/journals.server";
import { systemUserId } from "../app/models/identity/users.server";
import { openDatabase } from "../db/client.server";
import { households } from "../db/schema/households";
import { requirePostgres, stopwatch, seededRandom } from "./support/common";

const JOURNALS = 400_000; // half sales (3 postings), half expenses (2): 1,000,000 postings
const FIRST_DAY = "2021-01-01";
const DAYS = 5 * 365;
const LOOP_SECONDS = 10;
const CLIENTS = 8;

const { url, withDb } = requirePostgres("bench/ledger needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/ledger.ts");
const { started, seconds, log } = stopwatch(6);
// A small deterministic generator, so two runs load the same history.
const random = seededRandom(20240601);

/** Each station's 40 households (the postings' household sub-ledger must name a household of the station). */
const HOUSEHOLDS = new Map<string, string[]>();
const householdsOf = (station: { id: string }) => HOUSEHOLDS.get(station.id)!;

const COMMISSION = new D("0.15");

/** A consigned sale: clearing in, the household's share and the commission split as the app splits them. */
function saleLines(fen: number, household: string): JournalLine[] {
  const amount = new D(fen).div(100);
  const { rateShare, remainder } = splitByRate(amount, COMMISSION);
  return [
    { accountCode: ACCOUNTS.paymentClearing, amount },
    { accountCode: ACCOUNTS.householdPayable, amount: remainder.neg(), subledger: { kind: "household", id: household } },
    { accountCode: ACCOUNTS.commissionIncomeProduce, amount: rateShare.neg() },
  ];
}

function historyJournal(i: number, households: readonly string[]): { date: string; memo: string; source: "sale" | "expense"; lines: JournalLine[] } {
  const date = addDays(FIRST_DAY, Math.floor((i * DAYS) / JOURNALS));
  if (i % 2 === 0) {
    const household = households[Math.floor(random() * households.length)]!;
    return { date, memo: `代卖农产品 ${i}`, source: "sale", lines: saleLines(100 + Math.floor(random() * 50_000), household) };
  }
  const fen = 100 + Math.floor(random() * 5_000);
  return {
    date,
    memo: `站点电费 ${i}`,
    source: "expense",
    lines: [
      { accountCode: ACCOUNTS.upkeepElectricity, amount: new D(fen).div(100) },
      { accountCode: ACCOUNTS.cash, amount: new D(-fen).div(100) },
    ],
  };
}

async function makeStations(db: Parameters<typeof createCounty>[0], n: number): Promise<Station[]> {
  const county = await createCounty(db, { code: "bench", nameZh: "压测县", nameEn: "Bench County", provinceZh: "贵州省", provinceEn: "Guizhou" });
  const township = await createTownship(db, { countyId: county.id, code: "bench", kind: "town", nameZh: "压测镇", nameEn: "Bench Town" });
  const out: Station[] = [];
  for (let i = 0; i < n; i++) {
    const village = await createVillage(db, { townshipId: township.id, code: `v${i}`, nameZh: `压测村${i}`, nameEn: `Bench Village ${i}` });
    const station = await createStation(db, { villageId: village.id, code: `bench-${i}`, nameZh: `压测站${i}`, nameEn: `Bench Station ${i}` });
    const made = await db
      .insert(households)
      .values(Array.from({ length: 40 }, (_, k) => ({ stationId: station.id, headName: `压测农户${k + 1}` })))
      .returning({ id: households.id });
    HOUSEHOLDS.set(station.id, made.map((h) => h.id));
    out.push(station);
  }
  return out;
}

/** COPY the history into the station: rows made by the same domain functions postJournal uses. */
async function loadHistory(sql: postgres.Sql, station: Station, createdBy: string): Promise<{ head: string; postings: number }> {
  let prev = GENESIS_HASH;
  let postings = 0;
  const postingRows: string[] = [];
  function* journals() {
    for (let i = 0; i < JOURNALS; i++) {
      const j = historyJournal(i, householdsOf(station));
      const id = randomUUID();
      const key = `bench:${i}`;
      const canonical = canonicalJournal(
        {
          id,
          stationId: station.id,
          number: i + 1,
          businessDate: j.date,
          memo: j.memo,
          source: { type: j.source, id: key },
          idempotencyKey: key,
          currency: "CNY",
          createdBy,
          approvedBy: null,
          reversesJournalId: null,
        },
        j.lines,
      );
      const hash = chainHash(prev, canonical);
      yield `${id}\t${station.id}\t${i + 1}\t${j.date}\t${j.memo}\t${j.source}\t${key}\t${key}\tCNY\t${createdBy}\t${prev}\t${hash}\n`;
      prev = hash;
      for (const l of j.lines) {
        const household = l.subledger ? `household\t${l.subledger.id}` : "\\N\t\\N";
        postingRows.push(`${id}\t${station.id}\t${j.date}\t${l.accountCode}\t${l.amount.toFixed(2)}\t${household}\t\\N\n`);
        postings++;
      }
    }
  }
  const reserved = await sql.reserve();
  try {
    await reserved`set session_replication_role = replica`;
    await reserved`begin`;
    const journalCopy = await reserved`copy ledger_journals (id, station_id, number, business_date, memo, source_type, source_id, idempotency_key, currency, created_by, prev_hash, hash) from stdin`.writable();
    await pipeline(Readable.from(batched(journals())), journalCopy);
    const postingCopy = await reserved`copy ledger_postings (journal_id, station_id, business_date, account_code, amount, subledger_kind, household_id, partner_id) from stdin`.writable();
    await pipeline(Readable.from(batched(postingRows.values())), postingCopy);
    // What the triggers would have kept: the month totals and the chain head.
    await reserved`insert into ledger_month_totals (station_id, account_code, month, debit, credit)
      select station_id, account_code, date_trunc('month', business_date::timestamp)::date,
             coalesce(sum(amount) filter (where amount > 0), 0), coalesce(-sum(amount) filter (where amount < 0), 0)
        from ledger_postings where station_id = ${station.id} group by 1, 2, 3`;
    await reserved`update ledger_chain_heads set last_number = ${JOURNALS}, last_hash = ${prev} where station_id = ${station.id}`;
    await reserved`commit`;
  } finally {
    await reserved`set session_replication_role = origin`.catch(() => {});
    reserved.release();
  }
  return { head: prev, postings };
}

function* batched(lines: Iterable<string>, size = 2000): Generator<string> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length === size) {
      yield chunk.join("");
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join("");
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ first: number; median: number; max: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push((performance.now() - t) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)!, result };
}

async function postingLoop(db: Parameters<typeof postJournal>[0], stations: Station[], createdBy: string): Promise<{ journals: number; postings: number; retries: number; perSecond: number }> {
  let journals = 0;
  let retries = 0;
  const until = performance.now() + LOOP_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const station = stations[client % stations.length]!;
      for (let i = 0; performance.now() < until; i++) {
        const fen = 100 + ((client * 7919 + i * 104729) % 50_000);
        await withLedgerRetry(
          db,
          (tx) =>
            postJournal(tx, {
              stationId: station.id,
              date: "2026-06-15",
              memo: `并发代卖 ${client}-${i}`,
              source: { type: "sale", id: `loop-${client}-${i}` },
              idempotencyKey: `loop:${stations.length}:${client}:${i}`,
              lines: saleLines(fen, householdsOf(station)[i % householdsOf(station).length]!),
              createdBy,
            }),
          { onRetry: () => retries++ },
        );
        journals++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return { journals, postings: journals * 3, retries, perSecond: journals / elapsed };
}

function pgbench(dbUrl: string): number {
  execFileSync("pgbench", ["-i", "-q", "-s", "1", dbUrl], { stdio: "pipe" });
  const out = execFileSync("pgbench", ["-b", "tpcb-like", "-c", String(CLIENTS), "-j", "2", "-T", String(LOOP_SECONDS), dbUrl], { encoding: "utf8", stdio: "pipe" });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`could not read pgbench's tps from:\n${out}`);
  return Number(m[1]);
}

const admin = postgres(url, { max: 1, onnotice: () => {} });
const scratch = `cunzhan_bench_${process.pid}`;
const pgbenchDb = `cunzhan_pgbench_${process.pid}`;
await admin.unsafe(`create database "${scratch}"`);
await admin.unsafe(`create database "${pgbenchDb}"`);
const database = await openDatabase({ databaseUrl: withDb(scratch), maxConnections: CLIENTS + 2 });
const raw = postgres(withDb(scratch), { max: 1, onnotice: () => {} });
try {
  await database.migrate();
  const db = database.db;
  const createdBy = await systemUserId(db);
  const stations = await makeStations(db, 6);
  const [history, ...loopStations] = stations as [Station, ...Station[]];
  const version = (await admin<{ v: string }[]>`select current_setting('server_version') as v`)[0]!.v;
  log(`PostgreSQL ${version}; scratch database ${scratch}`);

  const loadStart = performance.now();
  const loaded = await loadHistory(raw, history, createdBy);
  log(`loaded ${JOURNALS.toLocaleString("en")} journals / ${loaded.postings.toLocaleString("en")} postings in ${seconds(loadStart)} s (COPY, triggers off)`);
  const vacuumStart = performance.now();
  await raw`vacuum analyze ledger_postings`;
  await raw`vacuum analyze ledger_journals`;
  await raw`vacuum analyze ledger_month_totals`;
  log(`vacuum analyze in ${seconds(vacuumStart)} s`);

  const asOf = addDays(FIRST_DAY, DAYS - 1);
  const tb = await timed(7, () => getTrialBalance(db, { stationId: history.id, to: asOf }));
  log(`trial balance as of ${asOf} (month to date): first ${tb.first.toFixed(3)} s, median ${tb.median.toFixed(3)} s, max ${tb.max.toFixed(3)} s; ${tb.result.rows.length} rows, balanced ${tb.result.balanced}`);
  const midMonth = addDays(FIRST_DAY, 1000);
  const tbMid = await timed(5, () => getTrialBalance(db, { stationId: history.id, from: "2022-03-10", to: midMonth }));
  log(`trial balance 2022-03-10 … ${midMonth} (ragged ends): median ${tbMid.median.toFixed(3)} s`);
  const balances = await timed(5, () => accountBalances(db, { stationId: history.id, asOf: midMonth }));
  log(`account balances as of ${midMonth}: median ${balances.median.toFixed(3)} s`);
  const gl = await timed(5, () => getGeneralLedger(db, { stationId: history.id, accountCode: "101", from: "2024-03-01", to: "2024-03-31" }));
  log(`general ledger of 101 for a month (${gl.result?.rows.length} rows): median ${gl.median.toFixed(3)} s`);
  const scan = await timed(3, () => raw`select account_code, sum(amount) from ledger_postings where station_id = ${history.id} group by 1`);
  log(`for comparison, one sum over all 1,000,000 postings (no month totals): median ${scan.median.toFixed(3)} s`);

  const verifyStart = performance.now();
  const verified = await verifyStation(db, { stationId: history.id, code: history.code });
  log(`ledger verify of the loaded station: ${verified.ok ? `ok, ${verified.journals} journals` : `FAILED: ${verified.message}`} in ${seconds(verifyStart)} s`);

  const several = await postingLoop(db, loopStations.slice(0, 4), createdBy);
  log(`posting loop, ${CLIENTS} clients over 4 stations: ${several.journals} journals (${several.postings} postings) in ${LOOP_SECONDS} s = ${several.perSecond.toFixed(0)} journals/s, ${several.retries} retries`);
  const one = await postingLoop(db, [loopStations[4]!], createdBy);
  log(`posting loop, ${CLIENTS} clients on 1 station: ${one.perSecond.toFixed(0)} journals/s, ${one.retries} retries`);
  const afterLoop = await Promise.all(loopStations.slice(0, 5).map((s) => verifyStation(db, { stationId: s.id, code: s.code })));
  log(`ledger verify of the loop stations: ${afterLoop.every((r) => r.ok) ? "ok" : "FAILED"}`);

  const tps = pgbench(withDb(pgbenchDb));
  log(`pgbench -b tpcb-like -c${CLIENTS} -j2 -T${LOOP_SECONDS}: ${tps.toFixed(0)} tps`);

  console.log("\nbench/ledger summary");
  console.log(`  trial balance, 1,000,000 postings: median ${tb.median.toFixed(3)} s (target ≤ 0.300 s) → ${tb.median <= 0.3 ? "PASS" : "FAIL"}`);
  console.log(`  postJournal, 8 clients / 4 stations: ${several.perSecond.toFixed(0)} journals/s (${(several.perSecond * 3).toFixed(0)} postings/s)`);
  console.log(`  postJournal, 8 clients / 1 station:  ${one.perSecond.toFixed(0)} journals/s`);
  console.log(`  pgbench tpcb-like, 8 clients:        ${tps.toFixed(0)} tps`);
  console.log(`  ratio journals/s ÷ pgbench tps:      ${(several.perSecond / tps).toFixed(2)} (4 stations), ${(one.perSecond / tps).toFixed(2)} (1 station)`);
  console.log(`  ratio postings/s ÷ pgbench tps:      ${((several.perSecond * 3) / tps).toFixed(2)} (4 stations)`);
  console.log(`  whole run: ${seconds(started)} s`);
  if (!verified.ok || tb.median > 0.3) process.exitCode = 1;
} finally {
  await raw.end();
  await database.close();
  await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
  await admin.unsafe(`drop database if exists "${pgbenchDb}" with (force)`);
  await admin.end();
}

/**
 * The till's throughput on PostgreSQL (issue 6):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/pos.ts
 *
 * 8 clients complete walk-in sales through createSale (stock movements, lines, one journal per
 * sale, half cash through an open session, half mobile) over 4 stations for 10 s, then 8
 * clients on one station; then pgbench -b tpcb-like -c8 -j2 -T10 on the same server, and the
 * ratio sales/s ÷ pgbench tps. Every station's ledger is verified afterwards.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { D } from "~/domain/money";
import { openSession } from "../app/models/till/cash-sessions.server";
import { createCounty, createStation, createTownship, createVillage, type Station } from "../app/models/stations/geography.server";
import { createHousehold } from "../app/models/households/households.server";
import { verifyStation } from "../app/models/ledger/verify.server";
import { createProduct, type Product } from "../app/models/catalog/products.server";
import { createSale } from "../app/models/till/sales.server";
import { receiveGoods } from "../app/models/catalog/stock.server";
import { systemUserId } from "../app/models/identity/users.server";
import { openDatabase } from "../db/client.server";
import { requirePostgres } from "./support/common";

const SECONDS = 10;
const CLIENTS = 8;
const { url, withDb } = requirePostgres("bench/pos needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/pos.ts");

type Db = Parameters<typeof createCounty>[0];

async function makeStations(db: Db, n: number): Promise<Station[]> {
  const county = await createCounty(db, { code: "pos", nameZh: "收银压测县", nameEn: "Till Bench County", provinceZh: "贵州省", provinceEn: "Guizhou" });
  const township = await createTownship(db, { countyId: county.id, code: "pos", kind: "town", nameZh: "压测镇", nameEn: "Bench Town" });
  const out: Station[] = [];
  for (let i = 0; i < n; i++) {
    const village = await createVillage(db, { townshipId: township.id, code: `p${i}`, nameZh: `压测村${i}`, nameEn: `Bench Village ${i}` });
    out.push(await createStation(db, { villageId: village.id, code: `pos-${i}`, nameZh: `收银站${i}`, nameEn: `Till Station ${i}` }));
  }
  return out;
}

async function stock(db: Db, station: Station, operatorId: string): Promise<Product[]> {
  const products: Product[] = [];
  for (let k = 0; k < 3; k++) {
    const household = await createHousehold(db, { actorUserId: null, stationId: station.id, input: { headName: `农户${k}`, villageGroup: "1组", phone: "", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "", notes: "" } });
    const product = await createProduct(db, {
      actorUserId: null,
      stationId: station.id,
      status: "listed",
      input: { nameZh: `金银花${k}`, nameEn: `Honeysuckle ${k}`, descriptionZh: "", descriptionEn: "", category: "produce", unit: "jin", price: new D("38.00"), ownerKind: "household", householdId: household.id, partnerId: null, commissionRate: new D("0.12"), originZh: "", originEn: "", harvestedOn: null, shelfLifeDays: null },
    });
    await receiveGoods(db, { actorUserId: operatorId, stationId: station.id, productId: product.id, quantity: new D("90000") });
    products.push(product);
  }
  await openSession(db, { stationId: station.id, operatorId, openingFloat: new D("200") });
  return products;
}

async function loop(db: Db, stations: { station: Station; products: Product[] }[], operatorId: string) {
  let sales = 0;
  let refused = 0;
  const until = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const { station, products } = stations[c % stations.length]!;
      for (let i = 0; performance.now() < until; i++) {
        const lines = [{ productId: products[i % 3]!.id, quantity: new D("2.5") }, { productId: products[(i + 1) % 3]!.id, quantity: new D("1.25") }];
        try {
          await createSale(db, {
            stationId: station.id,
            operatorId,
            idempotencyKey: randomUUID(),
            lines,
            payment: i % 2 ? { kind: "cash", tendered: new D("200") } : { kind: "mobile", reference: `wx-${c}-${i}` },
          });
          sales++;
        } catch {
          refused++;
        }
      }
    }),
  );
  return { sales, refused, perSecond: sales / ((performance.now() - t0) / 1000) };
}

function pgbench(dbUrl: string): number {
  execFileSync("pgbench", ["-i", "-q", "-s", "1", dbUrl], { stdio: "pipe" });
  const out = execFileSync("pgbench", ["-b", "tpcb-like", "-c", String(CLIENTS), "-j", "2", "-T", String(SECONDS), dbUrl], { encoding: "utf8", stdio: "pipe" });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`could not read pgbench's tps from:\n${out}`);
  return Number(m[1]);
}

const admin = postgres(url, { max: 1, onnotice: () => {} });
const scratch = `cunzhan_pos_${process.pid}`;
const pgbenchDb = `cunzhan_pos_pgbench_${process.pid}`;
await admin.unsafe(`create database "${scratch}"`);
await admin.unsafe(`create database "${pgbenchDb}"`);
const database = await openDatabase({ databaseUrl: withDb(scratch), maxConnections: CLIENTS + 2 });
try {
  await database.migrate();
  const db = database.db;
  const operatorId = await systemUserId(db);
  const stations = await makeStations(db, 5);
  const stocked = [];
  for (const station of stations) stocked.push({ station, products: await stock(db, station, operatorId) });
  const several = await loop(db, stocked.slice(0, 4), operatorId);
  console.log(`createSale, ${CLIENTS} clients over 4 stations: ${several.sales} sales in ${SECONDS} s = ${several.perSecond.toFixed(0)} sales/s (${several.refused} refused)`);
  const one = await loop(db, stocked.slice(4), operatorId);
  console.log(`createSale, ${CLIENTS} clients on 1 station: ${one.perSecond.toFixed(0)} sales/s (${one.refused} refused)`);
  const verified = await Promise.all(stations.map((s) => verifyStation(db, { stationId: s.id, code: s.code })));
  const tps = pgbench(withDb(pgbenchDb));
  console.log("\nbench/pos summary");
  console.log(`  sales (2 lines, stock, journal), 8 clients / 4 stations: ${several.perSecond.toFixed(0)} sales/s`);
  console.log(`  sales, 8 clients / 1 station:                           ${one.perSecond.toFixed(0)} sales/s`);
  console.log(`  pgbench tpcb-like, 8 clients:                           ${tps.toFixed(0)} tps`);
  console.log(`  ratio sales/s ÷ pgbench tps:                            ${(several.perSecond / tps).toFixed(2)} (4 stations), ${(one.perSecond / tps).toFixed(2)} (1 station)`);
  console.log(`  ledger verify after the run:                            ${verified.every((v) => v.ok) ? "ok" : "FAILED"}`);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "pos.json"),
    `${JSON.stringify({ engine: "postgres", at: new Date().toISOString(), figures: { salesPerSecond4Stations: Number(several.perSecond.toFixed(1)), salesPerSecond1Station: Number(one.perSecond.toFixed(1)), pgbenchTps: Number(tps.toFixed(1)), ratio4Stations: Number((several.perSecond / tps).toFixed(3)), ratio1Station: Number((one.perSecond / tps).toFixed(3)) } }, null, 2)}\n`,
  );
  if (!verified.every((v) => v.ok) || several.refused + one.refused > 0) process.exitCode = 1;
} finally {
  await database.close();
  await admin.unsafe(`drop database if exists "${scratch}" with (force)`);
  await admin.unsafe(`drop database if exists "${pgbenchDb}" with (force)`);
  await admin.end();
}

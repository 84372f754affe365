import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import type { DeliveryRule } from "../../../app/domain/orders";
import { setDeliveryRule } from "../../../app/models/orders/checkout.server";
import { makeHousehold, makeProduct, receive } from "../../factories/catalog";
import { makeCounty, makeStation, makeTownship, makeVillage } from "../../factories/geography";
import { makeOperator } from "../../factories/identity";

/**
 * The browser tests' factories (ADR 020). The e2e server runs the production build on its own
 * database — for PGlite, inside the server process, where nothing else can reach it — so the
 * specs ask the server itself, on a second port bound to 127.0.0.1, to make what each spec needs
 * through the same model functions the integration tests' factories use. Started by server.ts
 * only when E2E_FACTORY_PORT is set (tests/e2e/serve.ts sets it); a deployment never has it.
 *
 * Each spec gets a station of its own, so no spec sells another's stock.
 */

export interface ProductRequest {
  nameZh?: string;
  nameEn?: string;
  price?: string;
  stock?: string;
  commissionRate?: string;
  unit?: "jin" | "kg" | "piece";
}

export interface StationWithGoodsRequest {
  /** The goods, each consigned by the household (default: 金银花 at ¥40.00/斤, 12 %, 50 斤). */
  products?: ProductRequest[];
  householdName?: string;
  delivery?: DeliveryRule;
}

export interface StationWithGoods {
  station: { id: string; code: string; nameZh: string };
  operator: { login: string; password: string };
  household: { id: string; name: string };
  products: { id: string; nameZh: string; code: string }[];
}

async function stationWithGoods(db: Db, request: StationWithGoodsRequest): Promise<StationWithGoods> {
  const suffix = randomBytes(4).toString("hex");
  // A county of its own, so the demo county's roll-ups and lists stay the five demo stations;
  // its code sorts after the demo's, so the county market (the first county by code) stays 黔西县's.
  const county = await makeCounty(db, { code: `zz-e2e-${suffix}`, nameZh: `测试县${suffix}`, nameEn: `Test County ${suffix}` });
  const township = await makeTownship(db, { countyId: county.id });
  const village = await makeVillage(db, { townshipId: township.id });
  const station = await makeStation(db, { villageId: village.id, code: `e2e-${suffix}`, nameZh: `测试服务站${suffix}`, nameEn: `Test station ${suffix}` });
  const operator = await makeOperator(db, station, { username: `op-${suffix}` });
  const householdName = request.householdName ?? "杨正芬";
  const household = await makeHousehold(db, station, { headName: householdName });
  const products = [];
  for (const p of request.products ?? [{}]) {
    const product = await makeProduct(db, station, {
      nameZh: p.nameZh ?? "金银花",
      nameEn: p.nameEn ?? "Honeysuckle",
      price: p.price ?? "40.00",
      commissionRate: p.commissionRate ?? "0.1200",
      unit: p.unit ?? "jin",
      ownerKind: "household",
      householdId: household.id,
    });
    await receive(db, product, p.stock ?? "50");
    products.push({ id: product.id, nameZh: product.nameZh, code: product.code });
  }
  if (request.delivery) await setDeliveryRule(db, { stationId: station.id, rule: request.delivery });
  return {
    station: { id: station.id, code: station.code, nameZh: station.nameZh },
    operator: { login: operator.login, password: operator.password },
    household: { id: household.id, name: householdName },
    products,
  };
}

const HAN = "[\\u3400-\\u9fff\\uf900-\\ufaff\\u3000-\\u303f\\uff00-\\uffef]";

/**
 * Every text a person entered or the demo seeded that holds Chinese: names of people, places,
 * goods and partners, addresses, notes — what an English page may show in Chinese (issue 14's
 * one-language scan). A bilingual column (`name_zh` beside `name_en`) counts only where its
 * English is empty, since an English page shows the English; a journal's memo counts only where
 * a person typed it (no memo_kind, ADR 022), and memo_vars' values count as data.
 */
async function dataStrings(db: Db): Promise<string[]> {
  const columns = (await db.execute(
    sql`select table_name, column_name from information_schema.columns
        where table_schema = 'public' and data_type in ('text', 'character varying') and table_name not like '\\_\\_%'`,
  )) as unknown as { table_name: string; column_name: string }[] | { rows: { table_name: string; column_name: string }[] };
  const list = Array.isArray(columns) ? columns : columns.rows;
  const byTable = new Map<string, Set<string>>();
  for (const c of list) byTable.set(c.table_name, (byTable.get(c.table_name) ?? new Set()).add(c.column_name));
  const out = new Set<string>();
  const collect = async (query: ReturnType<typeof sql>) => {
    const result = (await db.execute(query)) as unknown as { v: string }[] | { rows: { v: string }[] };
    for (const r of Array.isArray(result) ? result : result.rows) if (r.v) out.add(r.v);
  };
  for (const [table, cols] of byTable) {
    for (const column of cols) {
      const t = sql.identifier(table);
      const c = sql.identifier(column);
      let where = sql`${c} ~ ${HAN} and char_length(${c}) <= 2000`;
      if (column.endsWith("_zh") && cols.has(`${column.slice(0, -3)}_en`)) where = sql`${where} and coalesce(${sql.identifier(`${column.slice(0, -3)}_en`)}, '') = ''`;
      if (table === "ledger_journals" && column === "memo") where = sql`${where} and memo_kind is null`;
      await collect(sql`select distinct ${c}::text as v from ${t} where ${where}`);
    }
  }
  await collect(sql`select distinct e.value as v from ledger_journals j, jsonb_each_text(j.memo_vars) e where e.value ~ ${HAN}`);
  // The market names a household by its head's given name ("兴国's household"), as a villager would.
  await collect(sql`select distinct substr(head_name, 2) as v from households where char_length(head_name) >= 2`);
  return [...out];
}

const READERS: Record<string, (db: Db) => Promise<unknown>> = {
  "/data-strings": dataStrings,
};

const FACTORIES: Record<string, (db: Db, body: never) => Promise<unknown>> = {
  "/station-with-goods": stationWithGoods as (db: Db, body: never) => Promise<unknown>,
};

export function startFactoryServer({ db, port }: { db: Db; port: number }): Promise<Server> {
  const server = createServer(async (req, res) => {
    const reader = req.method === "GET" ? READERS[req.url ?? ""] : undefined;
    if (reader) {
      try {
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(await reader(db)));
      } catch (error) {
        res.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
      return;
    }
    const factory = req.method === "POST" ? FACTORIES[req.url ?? ""] : undefined;
    if (!factory) {
      res.writeHead(404).end();
      return;
    }
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
      const made = await factory(db, body as never);
      res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify(made));
    } catch (error) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

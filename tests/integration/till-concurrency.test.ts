import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import { recordStockTake } from "../../app/models/catalog/stock.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { makeStockedProduct, openTill, sell } from "../factories/till";
import { testDb } from "../support/db";

/** Real concurrency needs real connections: PostgreSQL only (ADR 003). */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("till-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

const ROUNDS = Number(process.env.TILL_ROUNDS ?? 200);

describe.runIf(onPostgres)("two tills at once on PostgreSQL", () => {
  it(`sell the last 3 斤 at the same moment, ${ROUNDS} times: never more sold than held, no negative stock, no journal without its sale`, { timeout: 120_000 }, async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "3", price: "38.00" });
    await openTill(db, station);
    let sold = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) await recordStockTake(db, { actorUserId: null, stationId: station.id, productId: product.id, counted: new D("3"), reason: "restock for the next round" });
      const outcomes = await Promise.allSettled([
        sell(db, station, [{ product, quantity: "2" }], { kind: "cash", tendered: new D("100") }),
        sell(db, station, [{ product, quantity: "2" }], { kind: "mobile", reference: `wx-${round}` }),
      ]);
      const ok = outcomes.filter((o) => o.status === "fulfilled").length;
      expect(ok).toBe(1);
      const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "INSUFFICIENT_STOCK" });
      sold += ok;
    }
    const [state] = await rows<{ on_hand: string; sales: number; sale_journals: number; orphans: number; negatives: number }>(
      db,
      sql`select (select on_hand::text from products where id = ${product.id}) as on_hand,
        (select count(*)::int from sales where station_id = ${station.id}) as sales,
        (select count(*)::int from ledger_journals where station_id = ${station.id} and source_type = 'sale') as sale_journals,
        (select count(*)::int from ledger_journals j where station_id = ${station.id} and source_type = 'sale'
           and not exists (select 1 from sales s where s.journal_id = j.id)) as orphans,
        (select count(*)::int from stock_movements where product_id = ${product.id} and on_hand_after < 0) as negatives`,
    );
    expect(state).toEqual({ on_hand: "1.000", sales: sold, sale_journals: sold, orphans: 0, negatives: 0 });
    expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
  });

  it("a double-tapped form submitted on two connections records one sale and one journal", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const { product } = await makeStockedProduct(db, station, { stock: "10" });
    for (let i = 0; i < 10; i++) {
      const key = randomUUID();
      const results = await Promise.all([1, 2, 3].map(() => sell(db, station, [{ product, quantity: "0.5" }], undefined, key)));
      expect(new Set(results.map((r) => r.sale.id)).size).toBe(1);
    }
    const [n] = await rows<{ sales: number; journals: number; on_hand: string }>(
      db,
      sql`select (select count(*)::int from sales) as sales, (select count(*)::int from ledger_journals) as journals, (select on_hand::text from products where id = ${product.id}) as on_hand`,
    );
    expect(n).toEqual({ sales: 10, journals: 10, on_hand: "5.000" });
  });
});

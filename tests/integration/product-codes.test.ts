import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isEan13, productCode } from "../../app/domain/product-codes";
import { getProductByCode } from "../../app/models/catalog/products.server";
import { MIGRATIONS_FOLDER } from "../../db/client.server";
import { makeProduct } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { testDb } from "../support/db";
import { failure } from "../support/failure";

/** The database's own reason for refusing, from the driver's error or its cause. */
function dbError(error: unknown): { code?: string; constraint?: string } {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code) return { code, constraint: constraint_name ?? constraint };
  }
  return {};
}

class Rollback extends Error {}

describe("product codes", () => {
  it("are given at creation, one station sequence each, and found by code only in their station", async () => {
    const db = testDb();
    const alpha = await makeStation(db);
    const beta = await makeStation(db);
    const a1 = await makeProduct(db, alpha);
    const a2 = await makeProduct(db, alpha, { status: "draft" });
    const b1 = await makeProduct(db, beta);
    expect([a1.code, a2.code, b1.code]).toEqual([productCode(1), productCode(2), productCode(1)]);
    expect([a1.code, a2.code].every(isEan13)).toBe(true);
    expect((await getProductByCode(db, { stationId: alpha.id, code: a2.code }))?.id).toBe(a2.id);
    expect((await getProductByCode(db, { stationId: beta.id, code: a1.code }))?.id).toBe(b1.id);
    expect(await getProductByCode(db, { stationId: beta.id, code: productCode(2) })).toBeNull();
    const [settings] = await rows<{ n: string }>(db, sql`select last_product_number::text as n from station_catalog_settings where station_id = ${alpha.id}`);
    expect(settings!.n).toBe("2");
  });

  it("are checked by the database: shape and check digit, one per station, never changed", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const first = await makeProduct(db, station);
    const second = await makeProduct(db, station);
    const badCheck = productCode(7).slice(0, 12) + String((Number(productCode(7)[12]) + 1) % 10);
    expect(dbError(await failure(db.execute(sql`insert into products (station_id, code, name_zh, category, unit, price, owner_kind) values (${station.id}, ${badCheck}, '错码', 'produce', 'jin', '1.00', 'collective')`)))).toMatchObject({ code: "23514", constraint: "products_code_shape" });
    expect(dbError(await failure(db.execute(sql`insert into products (station_id, code, name_zh, category, unit, price, owner_kind) values (${station.id}, '6901234567892', '外码', 'produce', 'jin', '1.00', 'collective')`)))).toMatchObject({ code: "23514", constraint: "products_code_shape" });
    expect(dbError(await failure(db.execute(sql`insert into products (station_id, code, name_zh, category, unit, price, owner_kind) values (${station.id}, ${first.code}, '重码', 'produce', 'jin', '1.00', 'collective')`)))).toMatchObject({ code: "23505", constraint: "products_station_code_key" });
    expect(dbError(await failure(db.execute(sql`update products set code = ${productCode(9)} where id = ${second.id}`)))).toMatchObject({ code: "23514" });
    const [kept] = await rows<{ code: string }>(db, sql`select code from products where id = ${second.id}`);
    expect(kept!.code).toBe(second.code);
  });

  it("are backfilled by migration 0046 for goods made before it, in the order they were made, and new goods continue the sequence", async () => {
    const db = testDb();
    const alpha = await makeStation(db);
    const beta = await makeStation(db);
    const made = [await makeProduct(db, alpha), await makeProduct(db, alpha), await makeProduct(db, beta), await makeProduct(db, alpha)];
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, "0046_product_codes.sql"), "utf8").split("--> statement-breakpoint");
    const seen = await db
      .transaction(async (tx) => {
        // Back to the database before 0046, with goods made in another order than their ids say, and
        // one station that never had a settings row.
        await tx.execute(sql`drop trigger products_keep_code on products`);
        await tx.execute(sql`drop function products_keep_code()`);
        await tx.execute(sql`alter table products drop column code`);
        await tx.execute(sql`alter table station_catalog_settings drop column last_product_number`);
        await tx.execute(sql`update products set created_at = now() - (interval '1 day' * ${3}) where id = ${made[3]!.id}`);
        await tx.execute(sql`delete from station_catalog_settings where station_id = ${beta.id}`);
        for (const statement of migration) await tx.execute(sql.raw(statement));
        const codes = await rows<{ id: string; code: string }>(tx, sql`select id, code from products`);
        const counters = await rows<{ station_id: string; n: string }>(tx, sql`select station_id, last_product_number::text as n from station_catalog_settings`);
        const next = await makeProduct(tx, alpha);
        throw new Rollback(JSON.stringify({ codes, counters, next: next.code }));
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return JSON.parse(error.message) as { codes: { id: string; code: string }[]; counters: { station_id: string; n: string }[]; next: string };
        throw error;
      });
    const codeOf = new Map(seen.codes.map((c) => [c.id, c.code]));
    // made[3] was "made" first: it gets alpha's first code.
    expect([made[3], made[0], made[1], made[2]].map((p) => codeOf.get(p!.id))).toEqual([productCode(1), productCode(2), productCode(3), productCode(1)]);
    expect(Object.fromEntries(seen.counters.map((c) => [c.station_id, c.n]))).toMatchObject({ [alpha.id]: "3", [beta.id]: "1" });
    expect(seen.next).toBe(productCode(4));
    // Rolled back: the database is as it was.
    const [after] = await rows<{ code: string }>(db, sql`select code from products where id = ${made[3]!.id}`);
    expect(after!.code).toBe(made[3]!.code);
  });
});

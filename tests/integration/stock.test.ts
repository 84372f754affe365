import fc from "fast-check";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GoodsError } from "../../app/domain/catalog";
import { D } from "../../app/domain/money";
import { type MovementInput, StockError } from "../../app/domain/stock";
import { UnitError } from "../../app/domain/units";
import { getProduct } from "../../app/models/catalog/products.server";
import { getReceipt, listMovements, movementTotals, receiveGoods, recordMovement, recordStockTake } from "../../app/models/catalog/stock.server";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { testDatabase, testDb } from "../support/db";
import { failure } from "../support/failure";

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await testDb().execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The error a promise rejects with, or null. */
function dbError(error: unknown): { code?: string; constraint?: string } {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code) return { code, constraint: constraint_name ?? constraint };
  }
  return {};
}

describe("stock as movements", () => {
  it("receives consigned goods with a receipt number per station, the price at the time and the household", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const other = await makeStation(db);
    const household = await makeHousehold(db, station, { headName: "韦德富" });
    const honeysuckle = await makeProduct(db, station, { nameZh: "金银花", householdId: household.id, price: "38.00" });
    const first = await receive(db, honeysuckle, "30");
    const second = await receive(db, honeysuckle, "18.25");
    const elsewhere = await receive(db, await makeProduct(db, other, { ownerKind: "household" }), "5");
    expect([first.receiptNumber, second.receiptNumber, elsewhere.receiptNumber]).toEqual([1, 2, 1]);
    expect(first).toMatchObject({ kind: "received", householdId: household.id, unitPrice: "38.00", onHandDelta: "30.000", onHandAfter: "30.000" });
    expect((await getProduct(db, { stationId: station.id, productId: honeysuckle.id }))!.onHand).toBe("48.250");
    const receipt = await getReceipt(db, { stationId: station.id, number: 2 });
    expect(receipt?.household.headName).toBe("韦德富");
    expect(await getReceipt(db, { stationId: other.id, number: 2 })).toBeNull();
    // The collective's goods come in without a slip.
    expect((await receive(db, await makeProduct(db, station), "10")).receiptNumber).toBeNull();
  });

  it("keeps on-hand equal to the sum of movements for any sequence, refusing what would go negative", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station, { unit: "piece" });
    const step = fc.record({
      kind: fc.constantFrom("received", "sold", "reserved", "released", "spoiled", "returned-in", "returned-out", "counted"),
      quantity: fc.integer({ min: 1, max: 40 }),
      fromReservation: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          const quantity = new D(s.quantity);
          const ids = { actorUserId: null, stationId: station.id, productId: product.id };
          let movement: MovementInput | null = null;
          if (s.kind === "returned-in" || s.kind === "returned-out") movement = { kind: "returned", quantity, direction: s.kind === "returned-in" ? "in" : "out" };
          else if (s.kind === "sold") movement = { kind: "sold", quantity, fromReservation: s.fromReservation };
          else if (s.kind !== "counted") movement = { kind: s.kind, quantity } as MovementInput;
          const attempt = movement
            ? recordMovement(db, { ...ids, movement, reason: s.kind === "spoiled" ? "坏了" : "" })
            : recordStockTake(db, { ...ids, counted: quantity, reason: "盘点" });
          const error = await failure(attempt);
          if (error) expect(error).toBeInstanceOf(StockError);
        }
        const current = (await getProduct(db, { stationId: station.id, productId: product.id }))!;
        const totals = await movementTotals(db, { stationId: station.id, productId: product.id });
        expect(totals.onHand.eq(current.onHand)).toBe(true);
        expect(totals.reserved.eq(current.reserved)).toBe(true);
        expect(new D(current.reserved).lte(current.onHand) && new D(current.reserved).gte(0)).toBe(true);
        const [latest] = await listMovements(db, { stationId: station.id, productId: product.id, limit: 1 });
        if (latest) expect(latest.onHandAfter).toBe(current.onHand);
      }),
      { numRuns: testDatabase().kind === "pglite" ? 15 : 25 },
    );
  });

  it("refuses a sale of more than is available, and a count below what is reserved", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station);
    await receive(db, product, "10");
    const ids = { actorUserId: null, stationId: station.id, productId: product.id };
    await recordMovement(db, { ...ids, movement: { kind: "reserved", quantity: new D("4") } });
    expect(await failure(recordMovement(db, { ...ids, movement: { kind: "sold", quantity: new D("6.5") } }))).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect(await failure(recordStockTake(db, { ...ids, counted: new D("3"), reason: "少了" }))).toMatchObject({ code: "BELOW_RESERVED" });
    await recordMovement(db, { ...ids, movement: { kind: "sold", quantity: new D("4"), fromReservation: true } });
    const after = (await getProduct(db, { stationId: station.id, productId: product.id }))!;
    expect([after.onHand, after.reserved]).toEqual(["6.000", "0.000"]);
    const taken = await recordStockTake(db, { ...ids, counted: new D("5.5"), reason: "称重少了半斤" });
    expect(taken).toMatchObject({ kind: "counted", onHandDelta: "-0.500", onHandAfter: "5.500", reason: "称重少了半斤" });
  });

  it("refuses quantities the unit does not allow and absurd ones, writing nothing", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const eggs = await makeProduct(db, station, { unit: "piece" });
    const ids = { actorUserId: null, stationId: station.id, productId: eggs.id };
    expect(await failure(receiveGoods(db, { ...ids, quantity: new D("2.5") }))).toBeInstanceOf(UnitError);
    expect(await failure(receiveGoods(db, { ...ids, quantity: new D("-3") }))).toBeInstanceOf(UnitError);
    expect(await failure(receiveGoods(db, { ...ids, quantity: new D("1000000") }))).toMatchObject({ code: "QUANTITY_TOO_LARGE" });
    expect(await listMovements(db, { stationId: station.id, productId: eggs.id })).toEqual([]);
    // Another station's product is not found here.
    const other = await makeStation(db);
    expect(await failure(receiveGoods(db, { ...ids, stationId: other.id, quantity: new D("3") }))).toEqual(new GoodsError("PRODUCT_NOT_FOUND"));
  });

  it("the database refuses negative stock even when the code forgot to check", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station);
    await receive(db, product, "2");
    const forgot = await failure(db.execute(sql`update products set on_hand = on_hand - 5 where id = ${product.id}`));
    expect(dbError(forgot)).toEqual({ code: "23514", constraint: "products_on_hand_nonnegative" });
    const overReserved = await failure(db.execute(sql`update products set reserved = 3 where id = ${product.id}`));
    expect(dbError(overReserved)).toEqual({ code: "23514", constraint: "products_reserved_within_on_hand" });
    // A stock-take whose delta a buggy caller computed wrong is refused too: by the history check.
    const wrong = await failure(
      db.execute(sql`insert into stock_movements (station_id, product_id, kind, on_hand_delta, on_hand_after, reserved_after, reason)
                     values (${station.id}, ${product.id}, 'counted', -5, 0, 0, '盘点')`),
    );
    expect(dbError(wrong)).toEqual({ code: "23514", constraint: "stock_movements_match_product" });
    expect((await getProduct(db, { stationId: station.id, productId: product.id }))!.onHand).toBe("2.000");
  });

  it("keeps movements append-only", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station);
    const movement = await receive(db, product, "2");
    expect(dbError(await failure(db.execute(sql`update stock_movements set on_hand_delta = 200 where id = ${movement.id}`)))).toMatchObject({ code: "42501" });
    expect(dbError(await failure(db.execute(sql`delete from stock_movements where id = ${movement.id}`)))).toMatchObject({ code: "42501" });
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from stock_movements`)).toEqual([{ n: 1 }]);
  });

  it.runIf(Boolean(process.env.DATABASE_URL))("stays consistent under concurrent receipts and sales (PostgreSQL only: PGlite has one connection)", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station, { ownerKind: "household", unit: "piece" });
    await receive(db, product, "50");
    const ids = { actorUserId: null, stationId: station.id, productId: product.id };
    const work = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0 ? receive(db, product, "1") : recordMovement(db, { ...ids, movement: { kind: "sold", quantity: new D("2") } }),
    );
    const results = await Promise.allSettled(work);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(StockError);
    const current = (await getProduct(db, { stationId: station.id, productId: product.id }))!;
    const totals = await movementTotals(db, { stationId: station.id, productId: product.id });
    expect(totals.onHand.eq(current.onHand)).toBe(true);
    expect(new D(current.onHand).gte(0)).toBe(true);
    const receipts = await rows<{ n: number; max: number }>(sql`select count(*)::int as n, max(receipt_number)::int as max from stock_movements where receipt_number is not null and station_id = ${station.id}`);
    expect(receipts[0]!.n).toBe(receipts[0]!.max); // gap-free numbers
  });
});

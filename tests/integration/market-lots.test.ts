import { describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../app/domain/dates";
import { setProductStatus } from "../../app/models/catalog/products.server";
import { categoryCounts, getPublicProduct, listInSeason, listStationGoods, searchProducts } from "../../app/models/catalog/storefront.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as searchLoader } from "../../app/routes/search";
import { loader as stationLoader } from "../../app/routes/stations.$code._index";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { testContext, testDb } from "../support/db";

const BASE = "http://localhost";

/** 韦寨-like: three households' 金银花 (one sold out, one dearer), a 大葱, and 金银花 at another station. */
async function lots() {
  const db = testDb();
  const station = await makeStation(db, { code: "lots" });
  const other = await makeStation(db, { code: "elsewhere" });
  const harvested = addDays(chinaToday(), -3);
  const honeysuckle = async (headName: string, price: string, stock: string | null, harvestedOn = harvested) => {
    const household = await makeHousehold(db, station, { headName, villageGroup: "5组" });
    const p = await makeProduct(db, station, { nameZh: "金银花", nameEn: "Honeysuckle", unit: "jin", price, ownerKind: "household", householdId: household.id, harvestedOn, shelfLifeDays: 300 });
    if (stock) await receive(db, p, stock);
    return p;
  };
  const soldOut = await honeysuckle("罗秀兰", "35.00", null);
  const xingguo = await honeysuckle("韦兴国", "36.00", "23.789", addDays(harvested, -1));
  const defu = await honeysuckle("韦德富", "38.00", "30.5");
  const scallions = await makeProduct(db, station, { nameZh: "大葱", price: "3.50", harvestedOn: harvested, shelfLifeDays: 10 });
  await receive(db, scallions, "12");
  const away = await makeProduct(db, other, { nameZh: "金银花", price: "40.00", harvestedOn: harvested });
  await receive(db, away, "5");
  return { db, station, soldOut, xingguo, defu, scallions, away };
}

describe("a product with several lots", () => {
  it("is one card on the station's list: the lots' count, price range and stock, opening the cheapest lot in stock", async () => {
    const { db, xingguo } = await lots();
    const goods = await listStationGoods(db, { stationCode: "lots" }, "zh-CN");
    expect(goods.map((g) => [g.name, g.lotCount]).sort()).toEqual([
      ["大葱", 1],
      ["金银花", 3],
    ]);
    const card = goods.find((g) => g.name === "金银花")!;
    // The range is what a buyer can pay: the sold-out lot at 35.00 is left out. The card opens 兴国's lot, the cheapest in stock.
    expect(card).toMatchObject({ id: xingguo.id, price: "36.00", priceMax: "38.00", available: "54.289", unit: "jin" });
  });

  it("lists its lots on each lot's page: household, harvest date, own price and stock, in stock first", async () => {
    const { db, station, soldOut, xingguo, defu } = await lots();
    const page = await getPublicProduct(db, { productId: defu.id }, "zh-CN");
    expect(page!.householdName).toBe("德富");
    expect(page!.lots.map((l) => [l.id, l.householdName, l.householdGroup, l.price, l.available])).toEqual([
      [xingguo.id, "兴国", "5组", "36.00", "23.789"],
      [defu.id, "德富", "5组", "38.00", "30.500"],
      [soldOut.id, "秀兰", "5组", "35.00", "0.000"],
    ]);
    expect(page!.lots[0]!.harvestedOn).toBe(addDays(chinaToday(), -4));
    // A lot taken off the market leaves the others' pages.
    const operator = await makeOperator(db, station);
    await setProductStatus(db, { actorUserId: operator.id, stationId: station.id, productId: soldOut.id, status: "archived" });
    expect((await getPublicProduct(db, { productId: xingguo.id }, "zh-CN"))!.lots.map((l) => l.id)).toEqual([xingguo.id, defu.id]);
  });

  it("is one card in search (per station), counted once, and once in its category and in season", async () => {
    const { db } = await lots();
    const found = await searchProducts(db, { q: "金银花" }, "zh-CN");
    expect(found.items.map((i) => [i.stationCode, i.lotCount]).sort()).toEqual([
      ["elsewhere", 1],
      ["lots", 3],
    ]);
    expect(found.total).toBe(2);
    // Pages count products: two per page, three products.
    const first = await searchProducts(db, { pageSize: 2, sort: "price_asc" }, "zh-CN");
    const second = await searchProducts(db, { pageSize: 2, page: 2, sort: "price_asc" }, "zh-CN");
    expect([first.total, first.pageCount]).toEqual([3, 2]);
    expect([...first.items, ...second.items].map((i) => [i.name, i.price])).toEqual([
      ["大葱", "3.50"],
      ["金银花", "36.00"],
      ["金银花", "40.00"],
    ]);
    expect((await searchProducts(db, { sort: "price_desc" }, "zh-CN")).items.map((i) => i.priceMax)).toEqual(["40.00", "38.00", "3.50"]);
    expect(await categoryCounts(db)).toEqual({ produce: 3 });
    // In season: only lots in stock count (the sold-out one is not behind the card).
    const season = await listInSeason(db, "zh-CN");
    expect(season.map((c) => [c.name, c.stationCode, c.lotCount, c.price, c.priceMax]).sort()).toEqual([
      ["大葱", "lots", 1, "3.50", "3.50"],
      ["金银花", "elsewhere", 1, "40.00", "40.00"],
      ["金银花", "lots", 2, "36.00", "38.00"],
    ]);
  });

  it("reaches the station page, /search and the home page as one card each", async () => {
    await lots();
    const context = testContext();
    const station = await stationLoader({ request: new Request(`${BASE}/stations/lots`), params: { code: "lots" }, context });
    expect(station.goods.filter((g) => g.name === "金银花").map((g) => g.lotCount)).toEqual([3]);
    const search = await searchLoader({ request: new Request(`${BASE}/search?station=lots`), params: {}, context });
    expect(search.result.items.map((i) => i.lotCount).sort()).toEqual([1, 3]);
    const home = await homeLoader({ request: new Request(`${BASE}/`), params: {}, context });
    expect(home.inSeason.filter((c) => c.stationCode === "lots" && c.name === "金银花").map((c) => c.lotCount)).toEqual([2]);
    expect(home.categories).toEqual([{ category: "produce", count: 3 }]);
  });
});

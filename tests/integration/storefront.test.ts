import { describe, expect, it } from "vitest";
import { addDays, chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import { getCatalogVersion } from "../../app/models/catalog/settings.server";
import { setStationStatus } from "../../app/models/stations/stations.server";
import { addProductPhoto, setProductStatus, updateProduct } from "../../app/models/catalog/products.server";
import { getPublicProduct, listInSeason, searchProducts } from "../../app/models/catalog/storefront.server";
import { recordMovement } from "../../app/models/catalog/stock.server";
import { cacheKey, PageCache, serveFromCache } from "../../app/utils/page-cache.server";
import { makeHousehold, makeProduct, receive } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeCountyAdmin } from "../factories/identity";
import { getStationSummary } from "../../app/models/stations/geography.server";
import { testDb, useDemoDatabase } from "../support/db";

const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);

describe("storefront search", () => {
  describe("in the demo county", () => {
    useDemoDatabase();

    it("finds 金银花 by 金银 and by honeysuckle, one card per station with its lots behind it", async () => {
      const db = testDb();
      const byChinese = await searchProducts(db, { q: "金银" }, "zh-CN");
      // Four growers at 韦寨 (one from the catalog seed, three who fill the processor's bulk orders) and one at 化屋:
      // each household's lot is its own product, shown as one card per station.
      const lotsByStation = (r: Awaited<ReturnType<typeof searchProducts>>) => r.items.map((i) => [i.name, i.stationCode, i.lotCount]).sort();
      const twoCards = [
        ["金银花", "huawu", 1],
        ["金银花", "weizhai", 4],
      ];
      expect(lotsByStation(byChinese)).toEqual(twoCards);
      expect(byChinese.total).toBe(2);
      expect(lotsByStation(await searchProducts(db, { q: "honeysuckle" }, "zh-CN"))).toEqual(twoCards);
      // The 韦寨 card spans its lots' prices (德富's 38.00, the others' 36.00) and opens the cheapest lot in stock.
      const weizhai = byChinese.items.find((i) => i.stationCode === "weizhai")!;
      expect([weizhai.price, weizhai.priceMax]).toEqual(["36.00", "38.00"]);
      // In English the same goods carry their English names; a typo still finds them.
      expect(names(await searchProducts(db, { q: "Honeysukle" }, "en"))).toEqual(Array(2).fill("Honeysuckle flower (jinyinhua), dried"));
      // Full-width letters from a Chinese IME fold to ASCII.
      expect((await searchProducts(db, { q: "ｈｏｎｅｙｓｕｃｋｌｅ" }, "zh-CN")).total).toBe(2);
    });

    it("lists a product's lots on its page with the household's given name and village, never the full name", async () => {
      const db = testDb();
      const [card] = (await searchProducts(db, { q: "金银花", stationCode: "weizhai" }, "zh-CN")).items;
      const product = await getPublicProduct(db, { productId: card!.id }, "zh-CN");
      expect(product).toMatchObject({ name: "金银花", village: "韦寨村", unit: "jin", price: "36.00" });
      expect(product!.lots).toHaveLength(4);
      expect(product!.lots[0]!.id).toBe(card!.id);
      expect(product!.lots.map((l) => l.householdName).sort()).toEqual(["兴国", "德富", "朝军", "秀兰"].sort());
      const defu = product!.lots.find((l) => l.householdName === "德富")!;
      expect(defu).toMatchObject({ householdGroup: "3组", price: "38.00", ownerKind: "household" });
      // Every lot is a page of its own, and each page lists the same lots.
      const defuPage = await getPublicProduct(db, { productId: defu.id }, "zh-CN");
      expect(defuPage).toMatchObject({ householdName: "德富", householdGroup: "3组", price: "38.00" });
      expect(defuPage!.lots.map((l) => l.id)).toEqual(product!.lots.map((l) => l.id));
      expect(JSON.stringify(product)).not.toContain("韦德富");
      expect(JSON.stringify(product)).not.toContain("6217");
    });
  });

  it("filters by category and station, sorts by price, and shows only listed goods of active stations", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "alpha" });
    const other = await makeStation(db, { code: "bravo" });
    await makeProduct(db, station, { nameZh: "腊肉", nameEn: "Cured pork", price: "58.00" });
    await makeProduct(db, station, { nameZh: "大葱", nameEn: "Scallions", price: "3.50" });
    await makeProduct(db, station, { nameZh: "化肥", nameEn: "Fertiliser", price: "135.00", category: "inputs", unit: "bag" });
    await makeProduct(db, station, { nameZh: "草稿腊肉", status: "draft" });
    await makeProduct(db, other, { nameZh: "黄花", nameEn: "Daylily", price: "30.00" });
    expect(names(await searchProducts(db, { sort: "price_asc" }, "zh-CN"))).toEqual(["大葱", "黄花", "腊肉", "化肥"]);
    expect(names(await searchProducts(db, { sort: "price_desc", category: "produce" }, "zh-CN"))).toEqual(["腊肉", "黄花", "大葱"]);
    expect(names(await searchProducts(db, { stationCode: "bravo" }, "en"))).toEqual(["Daylily"]);
    expect(names(await searchProducts(db, { q: "腊肉" }, "zh-CN"))).toEqual(["腊肉"]);
    // LIKE wildcards typed by a visitor match themselves only.
    expect((await searchProducts(db, { q: "%" }, "zh-CN")).total).toBe(0);
    expect((await searchProducts(db, { q: "_" }, "zh-CN")).total).toBe(0);
    // A closed station's goods leave the market.
    const summary = await getStationSummary(db, { code: "bravo" });
    const admin = await makeCountyAdmin(db, summary!.county.id);
    await setStationStatus(db, { actorUserId: admin.id, countyIds: [summary!.county.id], stationId: other.id, status: "inactive" });
    expect((await searchProducts(db, {}, "zh-CN")).total).toBe(3);
  });

  it("pages through results", async () => {
    const db = testDb();
    const station = await makeStation(db);
    for (let i = 0; i < 5; i++) await makeProduct(db, station, { nameZh: `鸡蛋${i}` });
    const first = await searchProducts(db, { q: "鸡蛋", pageSize: 2 }, "zh-CN");
    const last = await searchProducts(db, { q: "鸡蛋", pageSize: 2, page: 3 }, "zh-CN");
    expect([first.total, first.pageCount, first.items.length, last.items.length]).toEqual([5, 3, 2, 1]);
  });

  it("lists goods in season: harvested lately, still good, in stock", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const today = chinaToday();
    const fresh = await makeProduct(db, station, { nameZh: "新鲜大葱", harvestedOn: addDays(today, -2), shelfLifeDays: 10 });
    const old = await makeProduct(db, station, { nameZh: "去年的核桃", harvestedOn: addDays(today, -200) });
    const spoilt = await makeProduct(db, station, { nameZh: "过期鸡蛋", harvestedOn: addDays(today, -40), shelfLifeDays: 30 });
    const soldOut = await makeProduct(db, station, { nameZh: "卖完的黄花", harvestedOn: addDays(today, -5) });
    for (const p of [fresh, old, spoilt]) await receive(db, p, "5");
    void soldOut;
    expect((await listInSeason(db, "zh-CN")).map((c) => c.name)).toEqual(["新鲜大葱"]);
  });
});

describe("the catalogue version and the page cache", () => {
  it("moves on with every write to goods, prices, stock and photos", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const seen = new Set<string>([await getCatalogVersion(db)]);
    const expectNew = async () => {
      const version = await getCatalogVersion(db);
      expect(seen.has(version)).toBe(false);
      seen.add(version);
    };
    const household = await makeHousehold(db, station);
    await expectNew();
    const product = await makeProduct(db, station, { householdId: household.id });
    await expectNew();
    await receive(db, product, "3");
    await expectNew();
    await recordMovement(db, { actorUserId: null, stationId: station.id, productId: product.id, movement: { kind: "spoiled", quantity: new D("1") }, reason: "坏了" });
    await expectNew();
    await addProductPhoto(db, { stationId: station.id, productId: product.id, photo: { hash: "0123456789abcdef0123", widths: [240], width: 240, height: 180 } });
    await expectNew();
    const admin = await makeCountyAdmin(db);
    await setProductStatus(db, { actorUserId: admin.id, stationId: station.id, productId: product.id, status: "archived" });
    await expectNew();
    await updateProduct(db, {
      actorUserId: admin.id,
      stationId: station.id,
      productId: product.id,
      input: { ...product, price: new D("9.99"), commissionRate: null, ownerKind: "household", householdId: household.id, partnerId: null },
    });
    await expectNew();
    // A read changes nothing.
    await searchProducts(db, {}, "zh-CN");
    expect(seen.has(await getCatalogVersion(db))).toBe(true);
  });

  it("serves a page again until the version moves, then renders afresh", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const product = await makeProduct(db, station);
    const cache = new PageCache();
    let renders = 0;
    const render = async () => {
      renders++;
      return new Response(`<html>${renders}</html>`, { headers: { "Content-Type": "text/html" } });
    };
    const request = () => new Request("http://localhost/search?q=x");
    const serve = async (req = request()) => serveFromCache({ request: req, cache, version: await getCatalogVersion(db), key: cacheKey(req, "zh-CN", "2026-11-26"), render });
    const first = await serve();
    expect([first.status, await first.text(), first.headers.get("X-Page-Cache")]).toEqual([200, "<html>1</html>", "miss"]);
    const second = await serve();
    expect([await second.text(), second.headers.get("X-Page-Cache")]).toEqual(["<html>1</html>", "hit"]);
    const etag = second.headers.get("ETag")!;
    const notModified = await serve(new Request("http://localhost/search?q=x", { headers: { "If-None-Match": etag } }));
    expect(notModified.status).toBe(304);
    await receive(db, product, "1");
    const fresh = await serve();
    expect([await fresh.text(), fresh.headers.get("X-Page-Cache")]).toEqual(["<html>2</html>", "miss"]);
    expect(renders).toBe(2);
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getPublicStation, listPublicStations, presentStation } from "../../app/models/stations/geography.server";
import { stations } from "../../db/schema/index";
import { makeStation, makeVillage } from "../factories/geography";
import { testDb } from "../support/db";

describe("geography and stations", () => {
  it("lists active stations with their village, township and county", async () => {
    const db = testDb();
    const village = await makeVillage(db, { nameZh: "化屋村", nameEn: "Huawu Village" });
    await makeStation(db, { villageId: village.id, code: "huawu", nameZh: "化屋村电商服务站", nameEn: "Huawu Station" });
    const rows = await listPublicStations(db);
    expect(rows).toHaveLength(1);
    expect(presentStation(rows[0]!, "zh-CN")).toMatchObject({ code: "huawu", name: "化屋村电商服务站", village: "化屋村" });
    expect(presentStation(rows[0]!, "en")).toMatchObject({ name: "Huawu Station", village: "Huawu Village" });
  });

  it("hides inactive stations from the public", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "closed" });
    await db.update(stations).set({ status: "inactive" }).where(sql`${stations.id} = ${station.id}`);
    expect(await listPublicStations(db)).toHaveLength(0);
    expect(await getPublicStation(db, { code: "closed" })).toBeNull();
  });

  it("refuses a duplicate station code", async () => {
    const db = testDb();
    await makeStation(db, { code: "weizhai" });
    await expect(makeStation(db, { code: "weizhai" })).rejects.toThrow();
    expect(await listPublicStations(db)).toHaveLength(1);
  });

  it("lets the database refuse a malformed code or phone even if the code forgot to check", async () => {
    const db = testDb();
    await expect(makeStation(db, { code: "Not A Slug" })).rejects.toThrow();
    await expect(makeStation(db, { operatorContactPhone: "call me" })).rejects.toThrow();
    expect(await listPublicStations(db)).toHaveLength(0);
  });
});

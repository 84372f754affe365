import { describe, expect, it } from "vitest";
import { countStations, listPublicStations } from "../../app/models/geography.server";
import { DEMO_ACCOUNTS, DEMO_STATIONS, seedDemo } from "../../db/seed";
import { testDb } from "../support/db";

// seedDemo builds the whole demo year (till, online orders, partners, the committee's closes): about
// 25 s on PGlite on an idle 2-core machine and over a minute when the machine is shared, so the
// default 30 s test timeout (vitest.config.ts) is too tight for these two tests.
const WHOLE_SEED = { timeout: 180_000 };

describe("the demo county", () => {
  it("seeds 黔西县 with its five stations through the models", WHOLE_SEED, async () => {
    const db = testDb();
    expect(await seedDemo(db)).toEqual({ seeded: true, stations: 5, accounts: DEMO_ACCOUNTS.length });
    const rows = await listPublicStations(db);
    expect(rows.map((r) => `${r.township.nameZh}${r.village.nameZh}`).sort()).toEqual(
      ["林泉镇韦寨村", "林泉镇高锦村", "太来乡芭蕉村", "素朴镇古胜村", "新仁乡化屋村"].sort(),
    );
    expect(new Set(rows.map((r) => r.county.nameZh))).toEqual(new Set(["黔西县"]));
    expect(rows).toHaveLength(DEMO_STATIONS.length);
  });

  it("seeds only an empty database, so a restart changes nothing", WHOLE_SEED, async () => {
    const db = testDb();
    await seedDemo(db);
    expect(await seedDemo(db)).toEqual({ seeded: false, stations: 0, accounts: 0 });
    expect(await countStations(db)).toBe(5);
  });
});

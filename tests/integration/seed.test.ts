import { describe, expect, it } from "vitest";
import { countStations, listPublicStations } from "../../app/models/stations/geography.server";
import { DEMO_ACCOUNTS, DEMO_STATIONS, seedDemo } from "../../scripts/demo/seed";
import { listGrants } from "../../app/models/identity/access.server";
import { attemptSignIn } from "../../app/models/identity/sign-in.server";
import { demoSeedResult, testDb, useDemoDatabase } from "../support/db";

// seedDemo builds the whole demo year (till, online orders, partners, the committee's closes) in
// 20–40 s: it runs once per test run, on an empty, migrated database (tests/setup/demo-seed.ts),
// and these tests read what it returned and a copy of what it wrote.
describe("the demo county", () => {
  useDemoDatabase();

  it("seeds 黔西县 with its five stations through the models", async () => {
    const db = testDb();
    expect((await demoSeedResult()).result).toEqual({ seeded: true, stations: 5, accounts: DEMO_ACCOUNTS.length });
    const rows = await listPublicStations(db);
    expect(rows.map((r) => `${r.township.nameZh}${r.village.nameZh}`).sort()).toEqual(
      ["林泉镇韦寨村", "林泉镇高锦村", "太来乡芭蕉村", "素朴镇古胜村", "新仁乡化屋村"].sort(),
    );
    expect(new Set(rows.map((r) => r.county.nameZh))).toEqual(new Set(["黔西县"]));
    expect(rows).toHaveLength(DEMO_STATIONS.length);
  });

  describe("signing in, which records each attempt", () => {
    useDemoDatabase({ copy: "per-test" });

    it("lets every published demo account sign in, each holding the role the README gives it", async () => {
      const db = testDb();
      for (const account of DEMO_ACCOUNTS) {
        const result = await attemptSignIn(db, { login: account.login, password: account.password, address: "127.0.0.1" });
        expect({ login: account.login, ok: result.ok }).toEqual({ login: account.login, ok: true });
        if (!result.ok || account.role === "buyer") continue;
        const grants = await listGrants(db, { userId: result.user.id });
        expect({ login: account.login, roles: grants.map((g) => g.role) }).toEqual({ login: account.login, roles: [account.role] });
      }
      const partner = DEMO_ACCOUNTS.find((a) => a.role === "partner_user")!;
      const signedIn = await attemptSignIn(db, { login: partner.login, password: partner.password, address: "127.0.0.1" });
      const [grant] = signedIn.ok ? await listGrants(db, { userId: signedIn.user.id }) : [];
      expect(grant?.partnerId).toBeTruthy();
    });
  });

  it("seeds only an empty database, so a restart changes nothing", async () => {
    const db = testDb();
    expect(await seedDemo(db)).toEqual({ seeded: false, stations: 0, accounts: 0 });
    expect(await countStations(db)).toBe(5);
  });
});

import { describe, expect, it } from "vitest";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as healthLoader } from "../../app/routes/healthz";
import { action as languageAction, loader as languageLoader } from "../../app/routes/language";
import { loader as stationLoader } from "../../app/routes/stations.$code._index";
import { testContext, testDatabase, useDemoDatabase } from "../support/db";

const BASE = "http://localhost";

async function expectResponse(promise: Promise<unknown>, status: number) {
  const thrown = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(status);
}

describe("public pages", () => {
  describe("on the demo county", () => {
    useDemoDatabase();

    it("home lists every demo station in Chinese by default", async () => {
      const data = await homeLoader({ request: new Request(`${BASE}/`), params: {}, context: testContext() });
      expect(data.county).toEqual({ name: "黔西县", province: "贵州省" });
      expect(data.stations.map((s) => s.name)).toContain("新仁乡化屋村电商服务站");
      expect(data.stations).toHaveLength(5);
      expect(data.meta.title).toContain("黔西县");
    });

    it("home speaks English with ?lng=en and with the language cookie", async () => {
      const viaQuery = await homeLoader({ request: new Request(`${BASE}/?lng=en`), params: {}, context: testContext() });
      expect(viaQuery.county?.name).toBe("Qianxi County");
      const viaCookie = await homeLoader({
        request: new Request(`${BASE}/`, { headers: { Cookie: "lng=en" } }),
        params: {},
        context: testContext(),
      });
      expect(viaCookie.stations.map((s) => s.name)).toContain("Huawu Village E-commerce Service Station");
    });

    it("a station page shows the station, and an unknown or malformed code is a 404", async () => {
      const data = await stationLoader({ request: new Request(`${BASE}/stations/huawu`), params: { code: "huawu" }, context: testContext() });
      expect(data.station).toMatchObject({ name: "新仁乡化屋村电商服务站", township: "新仁乡", village: "化屋村" });
      await expectResponse(stationLoader({ request: new Request(`${BASE}/stations/nowhere`), params: { code: "nowhere" }, context: testContext() }), 404);
      await expectResponse(
        stationLoader({ request: new Request(`${BASE}/stations/x`), params: { code: "'; drop table stations; --" }, context: testContext() }),
        404,
      );
    });
  });

  it("healthz names the engine and the migrations applied", async () => {
    const response = await healthLoader({ request: new Request(`${BASE}/healthz`), params: {}, context: testContext() });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ status: "ok", database: testDatabase().kind, migrations: expect.any(Number) });
    expect(body.migrations).toBeGreaterThan(0);
  });

  it("the language switch sets a cookie and goes back, but never off-site", async () => {
    const post = (body: string) =>
      languageAction({
        request: new Request(`${BASE}/language`, {
          method: "POST",
          body: new URLSearchParams(body),
        }),
        params: {},
        context: testContext(),
      });
    const ok = await post("lng=en&redirectTo=/stations/huawu");
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/stations/huawu");
    expect(ok.headers.get("Set-Cookie")).toMatch(/^lng=en;/);
    const offsite = await post("lng=zh-CN&redirectTo=//evil.example/");
    expect(offsite.headers.get("Location")).toBe("/");
    const bad = await post("lng=fr");
    expect(bad.status).toBe(400);
    const viaGet = await languageLoader();
    expect(viaGet.headers.get("Set-Cookie")).toBeNull();
  });
});

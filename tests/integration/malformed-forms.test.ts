import { describe, expect, it } from "vitest";
import { listStationProducts } from "../../app/models/catalog/products.server";
import { action as loginAction } from "../../app/routes/login";
import { action as newProductAction } from "../../app/routes/stations.$code.manage_.products.new";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { testContext, testDb } from "../support/db";
import { BASE, outcome, sessionCookieFor } from "../support/http";

/** A body cut off mid-way, as a dropped connection on a village link leaves it. */
function truncatedMultipart(path: string, cookie?: string): Request {
  const boundary = "----cunzhan";
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="nameZh"\r\n\r\n金银`;
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

describe("a malformed form body", () => {
  it("is a 400 at sign-in, not a 500", async () => {
    const noBoundary = new Request(`${BASE}/login`, { method: "POST", body: "x", headers: { "Content-Type": "multipart/form-data" } });
    expect(await outcome(() => loginAction({ request: noBoundary, params: {}, context: testContext() }))).toBe(400);
    expect(await outcome(() => loginAction({ request: truncatedMultipart("/login"), params: {}, context: testContext() }))).toBe(400);
  });

  it("is a 400 on a photo upload, and nothing is written", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const operator = await makeOperator(db, station);
    const context = testContext();
    const cookie = await sessionCookieFor(context, operator.id);
    const path = `/stations/${station.code}/manage/products/new`;
    expect(await outcome(() => newProductAction({ request: truncatedMultipart(path, cookie), params: { code: station.code }, context }))).toBe(400);
    expect(await listStationProducts(db, { stationId: station.id })).toEqual([]);
  });
});

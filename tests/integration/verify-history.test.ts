import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import { setUpkeepRate } from "../../app/models/committee/upkeep-rules.server";
import type { Station } from "../../app/models/stations/geography.server";
import { action as reopenAction } from "../../app/routes/admin.periods";
import { action as closeAction } from "../../app/routes/stations.$code.close.$period";
import { loader as noticeLoader } from "../../app/routes/stations.$code.notice.$period";
import { loader as verifyLoader } from "../../app/routes/verify.$station.$period";
import type { Db } from "../../db/client.server";
import { MONTH, sellInMonth } from "../factories/committee";
import { type MadeUser, makeCountyAdmin, makeStaffedStation } from "../factories/identity";
import { rows } from "../factories/ledger";
import { testContext, testDb } from "../support/db";
import { dataResult, get, outcome, post, sessionCookieFor } from "../support/http";

/**
 * Issue 14, point 4: a month reopened and closed again has two seals. The villager holding
 * the first printed notice scans its QR code and must learn that it was superseded, when, by
 * whom and why; the one holding the new notice, that theirs is the current one.
 */

let db: Db;
let context: AppLoadContext;
let station: Station;
let operator: MadeUser;
let member: MadeUser;
let admin: MadeUser;
let asOperator: string;
let asMember: string;
let asAdmin: string;
const params = { code: "alpha", period: MONTH };
const REASON = "漏记一笔金银花代销";

interface Verified {
  held: { kind: "current" | "superseded" | "unknown"; message: string; seal: string | null; figures: unknown } | null;
  verdict: { tone: "ok" | "changed" | "reopened"; message: string };
  checks: Record<string, boolean> | null;
  current: { seal: string; figures: { incomeTotal: string } } | null;
  history: { n: number; seal: string; sealedAt: string; signatures: { role: string; name: string }[]; current: boolean; yours: boolean; reopened: { at: string; by: string; reason: string } | null }[];
}

beforeEach(async () => {
  db = testDb();
  context = testContext();
  ({ station, operator, member } = await makeStaffedStation(db));
  const [county] = await rows<{ id: string }>(db, sql`select t.county_id as id from townships t join villages v on v.township_id = t.id where v.id = ${station.villageId}`);
  admin = await makeCountyAdmin(db, county!.id);
  asOperator = await sessionCookieFor(context, operator.id);
  asMember = await sessionCookieFor(context, member.id);
  asAdmin = await sessionCookieFor(context, admin.id);
  await setUpkeepRate(db, { stationId: station.id, rate: new D("0.3"), userId: operator.id });
  await sellInMonth(db, station);
});

async function close(): Promise<string> {
  for (const [intent, cookie] of [["prepare", asOperator], ["sign", asMember]] as const) {
    const done = (await closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent }, cookie), params, context })) as Response;
    expect(done.status).toBe(302);
  }
  const notice = (await noticeLoader({ request: get(`/stations/alpha/notice/${MONTH}`, asMember), params, context })) as { seal: string; verifyUrl: string };
  const seal = notice.seal.replace(/ /g, "");
  // The QR code carries the notice's own seal.
  expect(new URL(notice.verifyUrl).searchParams.get("seal")).toBe(seal);
  return seal;
}

async function reopen() {
  const done = (await reopenAction({ request: post("/admin/periods", { stationId: station.id, period: MONTH, reason: REASON }, asAdmin), params: {}, context })) as Response;
  expect(done.status).toBe(302);
}

async function verify(query = ""): Promise<Verified> {
  const result = await verifyLoader({ request: get(`/verify/alpha/${MONTH}${query}`), params: { station: "alpha", period: MONTH }, context });
  const { status, data, headers } = dataResult<Verified>(result);
  expect(status).toBe(200);
  expect(headers.get("Cache-Control")).toBe("no-store");
  return data;
}

describe("the verification page of a month closed, reopened and closed again", () => {
  it("tells the holder of the old notice it was superseded, when, by whom and why, and the holder of the new one that it is current", async () => {
    const first = await close();
    await reopen();
    // The correction the month was reopened for: one more sale, so the figures and the seal change.
    await sellInMonth(db, station, { quantities: ["1"] });
    const second = await close();
    expect(second).not.toBe(first);

    const old = await verify(`?seal=${first}`);
    expect(old.held?.kind).toBe("superseded");
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(old.held?.message).toBe(
      `您手中的公示已被 ${today} 的重新结账取代：${admin.displayName} 于 ${old.history[0]!.reopened!.at} 重新打开了本月，原因：${REASON}。请以当前公示为准。`,
    );
    expect(old.held?.figures).toBeTruthy();
    // Every seal, in order, with who signed and the reopening of the first.
    expect(old.history.map((h) => [h.n, h.seal.replace(/ /g, ""), h.current, h.yours])).toEqual([
      [1, first, false, true],
      [2, second, true, false],
    ]);
    expect(old.history.map((h) => h.signatures.map((s) => s.name))).toEqual([
      [operator.displayName, member.displayName],
      [operator.displayName, member.displayName],
    ]);
    expect(old.history[0]!.reopened).toMatchObject({ by: admin.displayName, reason: REASON });
    expect(old.history[1]!.reopened).toBeNull();
    // The books verify against the current seal, and the page does not claim they are unchanged since "the" close.
    expect(old.verdict.tone).toBe("ok");
    expect(old.verdict.message).toContain("最后一次结账后没有被改动");
    expect(old.verdict.message).toContain("重新打开 1 次");
    expect(old.verdict.message).not.toBe("账目与公示一致：结账后没有被改动。");
    expect(old.current?.seal.replace(/ /g, "")).toBe(second);

    const fresh = await verify(`?seal=${second}`);
    expect(fresh.held).toMatchObject({ kind: "current", message: "您手中的公示是当前版本。", figures: null });
    expect(fresh.history.map((h) => h.yours)).toEqual([false, true]);

    // A seal typed off the paper, in groups of eight and capitals, is the same seal.
    const typed = await verify(`?seal=${encodeURIComponent(first.match(/.{8}/g)!.join(" ").toUpperCase())}`);
    expect(typed.held?.kind).toBe("superseded");

    // Without a seal: the history and the current seal, nothing said about a held notice.
    const plain = await verify();
    expect(plain.held).toBeNull();
    expect(plain.history).toHaveLength(2);
    expect(plain.current?.seal.replace(/ /g, "")).toBe(second);

    const en = await verify(`?seal=${first}&lng=en`);
    expect(en.held?.message).toContain(`superseded by the new close of ${today}`);
    expect(en.held?.message).toContain(REASON);
  });

  it("answers a seal the month never had, or a malformed one, with a clear message and not an error", async () => {
    await close();
    const unknown = await verify(`?seal=${"0".repeat(64)}`);
    expect(unknown.held).toMatchObject({ kind: "unknown", seal: "00000000 ".repeat(8).trim() });
    expect(unknown.held?.message).toContain("不是本月任何一次结账的校验码");
    expect(unknown.history.every((h) => !h.yours)).toBe(true);
    const garbled = await verify(`?seal=${encodeURIComponent("<script>")}`);
    expect(garbled.held).toMatchObject({ kind: "unknown", seal: null });
    const single = await verify();
    expect(single.verdict.message).toBe("账目与公示一致：结账后没有被改动。");
  });

  it("says the notice is void while the month is reopened and not closed again", async () => {
    const first = await close();
    await reopen();
    const page = await verify(`?seal=${first}`);
    expect(page.held?.kind).toBe("superseded");
    expect(page.held?.message).toContain("已作废");
    expect(page.held?.message).toContain(REASON);
    expect(page.verdict.tone).toBe("reopened");
    expect(page.checks).toBeNull();
    expect(page.current).toBeNull();
    expect(page.history.map((h) => h.current)).toEqual([false]);
  });

  it("answers 404 for a month never sealed and a station that does not exist", async () => {
    expect(await outcome(() => verifyLoader({ request: get(`/verify/alpha/${MONTH}`), params: { station: "alpha", period: MONTH }, context }))).toBe(404);
    await close();
    expect(await outcome(() => verifyLoader({ request: get(`/verify/nowhere/${MONTH}`), params: { station: "nowhere", period: MONTH }, context }))).toBe(404);
    expect(await outcome(() => verifyLoader({ request: get("/verify/alpha/2025-13"), params: { station: "alpha", period: "2025-13" }, context }))).toBe(404);
  });
});

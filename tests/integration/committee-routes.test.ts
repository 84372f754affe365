import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { D } from "../../app/domain/money";
import type { Station } from "../../app/models/stations/geography.server";
import { farmerIncome, incomeStatement } from "../../app/models/reports/reports.server";
import { setUpkeepRate } from "../../app/models/committee/upkeep-rules.server";
import { action as closeAction, loader as closeLoader } from "../../app/routes/stations.$code.close.$period";
import { loader as noticeLoader } from "../../app/routes/stations.$code.notice.$period";
import { loader as verifyLoader } from "../../app/routes/verify.$station.$period";
import { loader as auditLoader } from "../../app/routes/stations.$code.audit";
import { action as reopenAction } from "../../app/routes/admin.periods";
import type { Db } from "../../db/client.server";
import { MONTH, sellInMonth } from "../factories/committee";
import { type MadeUser, makeCountyAdmin, makeStaffedStation } from "../factories/identity";
import { rows } from "../factories/ledger";
import { testContext, testDb } from "../support/db";
import { dataResult, get, outcome, post, sessionCookieFor } from "../support/http";

let db: Db;
let context: AppLoadContext;
let station: Station;
let operator: MadeUser;
let member: MadeUser;
let asOperator: string;
let asMember: string;
const params = { code: "alpha", period: MONTH };

beforeEach(async () => {
  db = testDb();
  context = testContext();
  ({ station, operator, member } = await makeStaffedStation(db));
  asOperator = await sessionCookieFor(context, operator.id);
  asMember = await sessionCookieFor(context, member.id);
  await setUpkeepRate(db, { stationId: station.id, rate: new D("0.3"), userId: operator.id });
  await sellInMonth(db, station);
});

async function closeThroughRoutes() {
  const prepared = (await closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent: "prepare" }, asOperator), params, context })) as Response;
  expect(prepared.status).toBe(302);
  const signed = (await closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent: "sign" }, asMember), params, context })) as Response;
  expect(signed.status).toBe(302);
}

type Verified = { ok: boolean; checks: Record<string, boolean>; figures: { income: { source: string; amount: string }[]; incomeTotal: string; farmer: { added: string; paid: string; owed: string; households: number }; households: string[] }; seal: string };

async function verifyPage(): Promise<Verified> {
  const result = await verifyLoader({ request: get(`/verify/alpha/${MONTH}`), params: { station: "alpha", period: MONTH }, context });
  const page = dataResult<{ verdict: { tone: string }; checks: Verified["checks"]; current: Pick<Verified, "figures" | "seal"> }>(result).data;
  return { ok: page.verdict.tone === "ok", checks: page.checks, ...page.current };
}

describe("closing through the pages", () => {
  it("lets the operator prepare and the committee member sign; the operator cannot sign second", async () => {
    const page = (await closeLoader({ request: get(`/stations/alpha/close/${MONTH}`, asOperator), params, context })) as { status: string; blockers: unknown[] };
    expect(page).toMatchObject({ status: "open", blockers: [] });
    expect(await outcome(() => closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent: "sign" }, asOperator), params, context }))).toBe(403);
    expect(await outcome(() => closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent: "prepare" }, asMember), params, context }))).toBe(403);
    await closeThroughRoutes();
    const again = dataResult<{ errors: Record<string, string> }>(await closeAction({ request: post(`/stations/alpha/close/${MONTH}`, { intent: "sign" }, asMember), params, context }));
    expect(again.status).toBe(409);
    expect(again.data.errors.form).toBe("这个月已经结账了。");
    const sealed = (await closeLoader({ request: get(`/stations/alpha/close/${MONTH}`, asMember), params, context })) as { status: string; signatures: { role: string; name: string }[] };
    expect(sealed.status).toBe("sealed");
    expect(sealed.signatures.map((s) => s.name)).toEqual([operator.displayName, member.displayName]);
  });

  it("answers a month that has not ended with 404 and a malformed one with 404", async () => {
    expect(await outcome(() => closeLoader({ request: get("/stations/alpha/close/2999-01", asOperator), params: { code: "alpha", period: "2999-01" }, context }))).toBe(404);
    expect(await outcome(() => closeLoader({ request: get("/stations/alpha/close/x", asOperator), params: { code: "alpha", period: "x" }, context }))).toBe(404);
  });
});

describe("the public notice and its verification page", () => {
  it("shows the same figures as the reports, with masked names, and a QR code to the verification page", async () => {
    await closeThroughRoutes();
    const from = `${MONTH}-01`;
    const to = `${MONTH}-30`;
    const [statement, farmer] = await Promise.all([incomeStatement(db, { stationId: station.id, from, to }), farmerIncome(db, { stationId: station.id, from, to })]);
    const page = await verifyPage();
    expect(page.ok).toBe(true);
    expect(page.figures.income).toEqual(statement.bySource.map((s) => ({ source: s.source, amount: s.amount })));
    expect(page.figures.incomeTotal).toBe(statement.totalIncome);
    expect(page.figures.farmer).toEqual({ added: farmer.added, paid: farmer.paid, owed: farmer.owed, households: farmer.households });
    expect(page.figures.households).toHaveLength(1);
    expect(page.figures.households[0]).toMatch(/\*/);
    expect(page.figures.households[0]).not.toBe(farmer.byHousehold[0]!.name);

    const notice = (await noticeLoader({ request: get(`/stations/alpha/notice/${MONTH}`, asMember), params, context })) as { seal: string; verifyUrl: string; qrSvg: string; figures: unknown };
    expect(notice.seal).toBe(page.seal);
    expect(notice.figures).toEqual(page.figures);
    expect(notice.verifyUrl).toBe(`http://localhost/verify/alpha/${MONTH}?seal=${notice.seal.replace(/ /g, "")}`);
    expect(notice.qrSvg).toContain("<svg");
  });

  it("says the books changed after a posting of the closed month is edited in SQL with the triggers off", async () => {
    await closeThroughRoutes();
    expect((await verifyPage()).ok).toBe(true);
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update ledger_postings set amount = amount + 1 where station_id = ${station.id} and account_code = '50101' and business_date = ${`${MONTH}-10`}`);
      await tx.execute(sql`update ledger_postings set amount = amount - 1 where station_id = ${station.id} and account_code = '21101' and business_date = ${`${MONTH}-10`}`);
    });
    const page = await verifyPage();
    expect(page.ok).toBe(false);
    expect(page.checks.chain).toBe(false);
    expect(page.checks.figures).toBe(false);
  });

  it("is public and answers 404 for a month without a seal", async () => {
    expect(await outcome(() => verifyLoader({ request: get("/verify/alpha/2025-05"), params: { station: "alpha", period: "2025-05" }, context }))).toBe(404);
    expect(await outcome(() => verifyLoader({ request: get(`/verify/alpha/${MONTH}`), params: { station: "alpha", period: MONTH }, context }))).toBe(404);
  });
});

describe("reopening and the audit trail", () => {
  it("lets the county admin reopen with a reason, and the committee sees who did what", async () => {
    await closeThroughRoutes();
    const admin = await makeCountyAdmin(db, (await rows<{ id: string }>(db, sql`select county_id as id from townships t join villages v on v.township_id = t.id where v.id = ${station.villageId}`))[0]!.id);
    const asAdmin = await sessionCookieFor(context, admin.id);
    const refused = dataResult<{ errors: Record<string, string> }>(await reopenAction({ request: post("/admin/periods", { stationId: station.id, period: MONTH, reason: "" }, asAdmin), params: {}, context }));
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toBeTruthy();
    expect(await outcome(() => reopenAction({ request: post("/admin/periods", { stationId: station.id, period: MONTH, reason: "漏记" }, asMember), params: {}, context }))).toBe(403);
    const done = (await reopenAction({ request: post("/admin/periods", { stationId: station.id, period: MONTH, reason: "漏记一笔销售" }, asAdmin), params: {}, context })) as Response;
    expect(done.status).toBe(302);

    const trail = (await auditLoader({ request: get("/stations/alpha/audit?action=period", asMember), params: { code: "alpha" }, context })) as { entries: { action: string; who: string; after: string }[] };
    expect(trail.entries.map((e) => e.action)).toEqual(["period.reopen", "period.seal", "period.prepare"]);
    expect(trail.entries[0]!.after).toContain("漏记一笔销售");
    const byOperator = (await auditLoader({ request: get(`/stations/alpha/audit?person=${operator.id}`, asMember), params: { code: "alpha" }, context })) as { entries: { who: string }[] };
    expect(byOperator.entries.length).toBeGreaterThan(0);
    expect(new Set(byOperator.entries.map((e) => e.who))).toEqual(new Set([operator.displayName]));
    // The operator reads their station's trail too (audit:read), as the README and the close page's link say.
    expect(await outcome(() => auditLoader({ request: get("/stations/alpha/audit", asOperator), params: { code: "alpha" }, context }))).toBe("ok");
  });
});

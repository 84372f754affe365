import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAuditFor } from "../../app/models/audit/audit.server";
import { getStationSummary } from "../../app/models/stations/geography.server";
import { assignRole } from "../../app/models/identity/roles.server";
import { attemptSignIn } from "../../app/models/identity/sign-in.server";
import { action as accountAction, loader as accountLoader } from "../../app/routes/admin.accounts.$id";
import { action as accountsAction, loader as accountsLoader } from "../../app/routes/admin.accounts._index";
import { action as stationsAction, loader as stationsLoader } from "../../app/routes/admin.stations";
import { action as manageAction, loader as manageLoader } from "../../app/routes/stations.$code.manage";
import { action as setPasswordAction } from "../../app/routes/set-password";
import { makeCounty, makeStation, makeTownship, makeVillage } from "../factories/geography";
import { makeBuyer, makeCommitteeMember, makeCountyAdmin, makeOperator } from "../factories/identity";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, outcome, post, sessionCookieFor } from "../support/http";

async function world() {
  const db = testDb();
  const context = testContext();
  const county = await makeCounty(db);
  const township = await makeTownship(db, { countyId: county.id });
  const village = await makeVillage(db, { townshipId: township.id });
  const station = await makeStation(db, { villageId: village.id, code: "weizhai" });
  const admin = await makeCountyAdmin(db, county.id);
  const adminCookie = await sessionCookieFor(context, admin.id);
  return { db, context, county, township, village, station, admin, adminCookie };
}

describe("county admin: accounts", () => {
  it("creates a staff account, shows its set-password code exactly once, and the code works", async () => {
    const { context, station, adminCookie } = await world();
    const created = (await accountsAction({
      request: post("/admin/accounts", { displayName: "韦兰芬", phone: "13800000101", username: "", role: "station_operator", stationId: station.id }, adminCookie),
      params: {},
      context,
    })) as Response;
    expect(created.status).toBe(302);
    const location = created.headers.get("Location")!;
    const id = location.split("/").at(-1)!;
    const flash = cookiePair(created.headers.get("Set-Cookie"));
    const first = dataResult<{ issued: { code: string; link: string } | null; grants: { label: string }[] }>(
      await accountLoader({ request: get(location, `${adminCookie}; ${flash}`), params: { id }, context }),
    );
    expect(first.data.issued?.code).toMatch(/^[0-9A-Z-]{19}$/);
    expect(first.data.issued?.link).toBe(`http://localhost/set-password?code=${first.data.issued?.code}`);
    expect(first.data.grants.map((g) => g.label)).toEqual([`站点管理员 · ${station.nameZh}`]);
    expect(first.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    // Reloading (without the flash cookie, which the page cleared) shows no code.
    const reload = dataResult<{ issued: unknown }>(await accountLoader({ request: get(location, adminCookie), params: { id }, context }));
    expect(reload.data.issued).toBeNull();

    const code = first.data.issued!.code;
    const set = (await setPasswordAction({
      request: post("/set-password", { code, password: "tea-garden-2026", confirmPassword: "tea-garden-2026" }),
      params: {},
      context,
    })) as Response;
    expect(set.headers.get("Location")).toBe("/stations/weizhai/manage");
  });

  it("keeps field errors and typed values when the form is wrong", async () => {
    const { context, adminCookie } = await world();
    const result = dataResult<{ errors: Record<string, string>; values: Record<string, string> }>(
      await accountsAction({ request: post("/admin/accounts", { displayName: "某人", username: "", phone: "", role: "station_operator" }, adminCookie), params: {}, context }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ username: "用户名和手机号至少填一个", stationId: "请选择服务站" });
    expect(result.data.values).toMatchObject({ displayName: "某人", role: "station_operator" });
  });

  it("assigns and removes roles, deactivates the account (ending its sessions), all in the audit log", async () => {
    const { db, context, township, station, admin, adminCookie } = await world();
    const operator = await makeOperator(db, station);
    const operatorCookie = await sessionCookieFor(context, operator.id);
    const act = (form: Record<string, string>) =>
      accountAction({ request: post(`/admin/accounts/${operator.id}`, form, adminCookie), params: { id: operator.id }, context });

    expect(await outcome(() => act({ intent: "assign", role: "township_accountant", townshipId: township.id }))).toBe("ok");
    const duplicate = dataResult<{ errors: Record<string, string> }>(await act({ intent: "assign", role: "township_accountant", townshipId: township.id }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.data.errors.role).toBe("这个人在这里已经有这个角色了");

    const page = dataResult<{ grants: { id: string; label: string }[] }>(
      await accountLoader({ request: get(`/admin/accounts/${operator.id}`, adminCookie), params: { id: operator.id }, context }),
    );
    expect(page.data.grants).toHaveLength(2);
    await act({ intent: "remove-role", assignmentId: page.data.grants[1]!.id });
    await act({ intent: "deactivate" });
    expect(await outcome(() => manageLoader({ request: get("/stations/weizhai/manage", operatorCookie), params: { code: "weizhai" }, context }))).toBe("login");
    expect(await attemptSignIn(db, { login: operator.login, password: operator.password, address: "192.0.2.50" })).toMatchObject({ ok: false, reason: "invalid" });

    const log = await listAuditFor(db, { recordType: "user", recordId: operator.id });
    expect(log.map((e) => e.action)).toEqual(["user.deactivate", "role.remove", "role.assign", "user.password_set", "user.code_issue", "role.assign", "user.create"]);
    expect(log[0]).toMatchObject({ actorUserId: admin.id, before: { status: "active" }, after: { status: "inactive" } });
    expect(log.find((e) => e.action === "role.remove")).toMatchObject({ before: { role: "township_accountant", scope: "township" } });
    expect(JSON.stringify(log)).not.toMatch(/argon2|password_hash/);
  });

  it("cannot deactivate themselves, and cannot see another county's staff", async () => {
    const { db, context, admin, adminCookie } = await world();
    const self = dataResult<{ errors: Record<string, string> }>(
      await accountAction({ request: post(`/admin/accounts/${admin.id}`, { intent: "deactivate" }, adminCookie), params: { id: admin.id }, context }),
    );
    expect(self.status).toBe(409);
    expect(self.data.errors).toEqual({ form: "不能停用自己，也不能取消自己的县级管理员角色。" });
    const elsewhere = await makeOperator(db, await makeStation(db));
    expect(await outcome(() => accountLoader({ request: get(`/admin/accounts/${elsewhere.id}`, adminCookie), params: { id: elsewhere.id }, context }))).toBe(404);
    const list = await accountsLoader({ request: get("/admin/accounts", adminCookie), params: {}, context });
    expect(list.accounts.map((a) => a.id)).not.toContain(elsewhere.id);
  });
});

describe("county admin: set-password codes", () => {
  it("issues no code for a deactivated account", async () => {
    const { db, context, station, adminCookie } = await world();
    const operator = await makeOperator(db, station);
    const act = (form: Record<string, string>) =>
      accountAction({ request: post(`/admin/accounts/${operator.id}`, form, adminCookie), params: { id: operator.id }, context });
    await act({ intent: "deactivate" });
    const refused = dataResult<{ errors: Record<string, string> }>(await act({ intent: "issue-code" }));
    expect(refused.status).toBe(409);
    expect(refused.data.errors).toEqual({ form: "账号已停用，不能发设置密码码。" });
    const log = await listAuditFor(db, { recordType: "user", recordId: operator.id });
    expect(log.filter((e) => e.action === "user.code_issue")).toHaveLength(1); // only the factory's
  });

  it("answers 404 for an account id that is not one", async () => {
    const { context, adminCookie } = await world();
    expect(await outcome(() => accountLoader({ request: get("/admin/accounts/not-an-id", adminCookie), params: { id: "not-an-id" }, context }))).toBe(404);
  });
});

describe("county admin: buyers", () => {
  it("manages plain buyers, but a buyer made staff elsewhere belongs to that county alone", async () => {
    const { db, context, adminCookie } = await world();
    const buyer = await makeBuyer(db);
    const issue = () =>
      accountAction({ request: post(`/admin/accounts/${buyer.id}`, { intent: "issue-code" }, adminCookie), params: { id: buyer.id }, context });
    expect(await outcome(() => accountLoader({ request: get(`/admin/accounts/${buyer.id}`, adminCookie), params: { id: buyer.id }, context }))).toBe("ok");
    // Another county's admin makes the buyer an operator there.
    const foreignStation = await makeStation(db);
    const foreignCounty = (await getStationSummary(db, { code: foreignStation.code }))!.county;
    await assignRole(db, { actorUserId: null, userId: buyer.id, role: "station_operator", placeId: foreignStation.id, countyIds: [foreignCounty.id] });
    expect(await outcome(() => accountLoader({ request: get(`/admin/accounts/${buyer.id}`, adminCookie), params: { id: buyer.id }, context }))).toBe(404);
    expect(await outcome(() => issue())).toBe(404);
    const list = await accountsLoader({ request: get("/admin/accounts", adminCookie), params: {}, context });
    expect(list.accounts.map((a) => a.id)).not.toContain(buyer.id);
  });
});

describe("county admin: another county's places", () => {
  it("cannot hand out a role at a station or township of another county", async () => {
    const { db, context, station, adminCookie } = await world();
    const operator = await makeOperator(db, station);
    const foreign = await makeStation(db);
    const foreignTownship = (await getStationSummary(db, { code: foreign.code }))!.township;
    const act = (form: Record<string, string>) =>
      accountAction({ request: post(`/admin/accounts/${operator.id}`, form, adminCookie), params: { id: operator.id }, context });
    const atStation = dataResult<{ errors: Record<string, string> }>(await act({ intent: "assign", role: "committee_member", stationId: foreign.id }));
    expect(atStation.status).toBe(400);
    expect(atStation.data.errors).toEqual({ stationId: "请选择服务站" });
    const atTownship = dataResult<{ errors: Record<string, string> }>(await act({ intent: "assign", role: "township_accountant", townshipId: foreignTownship.id }));
    expect(atTownship.data.errors).toEqual({ townshipId: "请选择乡镇" });
    const log = await listAuditFor(db, { recordType: "user", recordId: operator.id });
    expect(log.filter((e) => e.action === "role.assign")).toHaveLength(1); // only the one the factory made
  });
});

describe("county admin: stations", () => {
  it("adds a village, opens a station there, and deactivates it (hidden from its operator, kept for the admin)", async () => {
    const { db, context, township, adminCookie } = await world();
    const act = (form: Record<string, string>) => stationsAction({ request: post("/admin/stations", form, adminCookie), params: {}, context });
    expect(await outcome(() => act({ intent: "create-village", townshipId: township.id, villageCode: "gaojin", villageNameZh: "高锦村", villageNameEn: "Gaojin Village" }))).toBe("ok");
    const page = await stationsLoader({ request: get("/admin/stations", adminCookie), params: {}, context });
    const village = page.townships.flatMap((t) => t.villages).find((v) => v.name === "高锦村")!;
    expect(await outcome(() => act({ intent: "create-station", villageId: village.id, code: "gaojin", nameZh: "高锦村电商服务站", nameEn: "Gaojin Station" }))).toBe("ok");
    const taken = dataResult<{ errors: Record<string, string> }>(await act({ intent: "create-station", villageId: village.id, code: "gaojin", nameZh: "重复", nameEn: "Dup" }));
    expect(taken.data.errors).toEqual({ code: "这个代码已经有了，请换一个" });

    const station = (await getStationSummary(db, { code: "gaojin" }))!.station;
    const operator = await makeOperator(db, station);
    const operatorCookie = await sessionCookieFor(context, operator.id);
    await act({ intent: "deactivate", stationId: station.id });
    expect(await outcome(() => manageLoader({ request: get("/stations/gaojin/manage", operatorCookie), params: { code: "gaojin" }, context }))).toBe(404);
    expect(await outcome(() => manageLoader({ request: get("/stations/gaojin/manage", adminCookie), params: { code: "gaojin" }, context }))).toBe("ok");
    const log = await listAuditFor(db, { recordType: "station", recordId: station.id });
    expect(log.map((e) => e.action)).toEqual(["station.deactivate", "station.create"]);
    expect(log[0]!.stationId).toBe(station.id);
  });
});

describe("the station dashboard", () => {
  it("lets the operator edit the station's public details; the committee member sees it read-only", async () => {
    const { db, context, station } = await world();
    const operator = await makeOperator(db, station);
    const member = await makeCommitteeMember(db, station);
    const asOperator = await sessionCookieFor(context, operator.id);
    const asMember = await sessionCookieFor(context, member.id);
    const params = { code: "weizhai" };

    const opPage = await manageLoader({ request: get("/stations/weizhai/manage", asOperator), params, context });
    expect(opPage.canEdit).toBe(true);
    const memberPage = await manageLoader({ request: get("/stations/weizhai/manage", asMember), params, context });
    expect(memberPage.canEdit).toBe(false);
    expect(memberPage.permissions).toEqual(["查看本站情况", "查看账目", "审批调账凭证", "账期签字确认", "打印公示", "查看操作记录"]);

    const bad = dataResult<{ errors: Record<string, string> }>(
      await manageAction({ request: post("/stations/weizhai/manage", { operatorContactPhone: "call me" }, asOperator), params, context }),
    );
    expect(bad.data.errors).toEqual({ operatorContactPhone: "请填写 11 位手机号，例如 13800000000" });
    const saved = (await manageAction({
      request: post("/stations/weizhai/manage", { openingHoursZh: "每天 8:00–18:00", operatorContactPhone: "0857-5212345" }, asOperator),
      params,
      context,
    })) as Response;
    expect(saved.headers.get("Location")).toBe("/stations/weizhai/manage?saved=1");
    const log = await listAuditFor(db, { recordType: "station", recordId: station.id });
    expect(log[0]).toMatchObject({ action: "station.update", actorUserId: operator.id, after: { openingHoursZh: "每天 8:00–18:00", operatorContactPhone: "0857-5212345" } });
  });
});

describe("the audit log", () => {
  it("refuses UPDATE and DELETE, so history cannot be rewritten", async () => {
    const { db } = await world();
    // drizzle wraps the driver's error; the database's own words are in `cause`.
    const refusal = (run: Promise<unknown>) => run.then(() => "allowed", (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e));
    expect(await refusal(db.execute(sql`update audit_log set action = 'user.nothing'`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE refused/);
    const result = await db.execute(sql`select count(*)::int as n from audit_log`);
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: { n: number }[] }).rows;
    expect(Number((rows[0] as { n: number }).n)).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from "vitest";
import { issueSetPasswordCode, peekSetPasswordCode, redeemSetPasswordCode, CODE_TTL_MS } from "../../app/models/identity/set-password-codes.server";
import { attemptSignIn } from "../../app/models/identity/sign-in.server";
import { action as accountAction, loader as accountLoader } from "../../app/routes/account";
import { action as registerAction } from "../../app/routes/register";
import { action as setPasswordAction, loader as setPasswordLoader } from "../../app/routes/set-password";
import { makeStation } from "../factories/geography";
import { makeBuyer, makeCountyAdmin, makeOperator } from "../factories/identity";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, post, sessionCookieFor } from "../support/http";

type Failure = { errors: Record<string, string>; values: Record<string, string> };

describe("registering as a buyer", () => {
  it("creates the account, signs the buyer in and sends them to their account", async () => {
    const context = testContext();
    const response = (await registerAction({
      request: post("/register", { displayName: "张丽", phone: "139 0000 1234", password: "lotus-pond-88", confirmPassword: "lotus-pond-88" }),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account");
    const cookie = cookiePair(response.headers.get("Set-Cookie"));
    const page = await accountLoader({ request: get("/account", cookie), params: {}, context });
    expect(page.account).toMatchObject({ displayName: "张丽", phone: "13900001234" });
    expect(page.account.roles.map((r) => r.role)).toEqual(["买家"]);
  });

  it("shows each problem beside its field, keeps what was typed except passwords", async () => {
    const result = dataResult<Failure>(
      await registerAction({
        request: post("/register", { displayName: "", phone: "12345", password: "5201314520", confirmPassword: "different" }),
        params: {},
        context: testContext(),
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      displayName: "请填写此项",
      phone: "请填写 11 位手机号，例如 13800000000",
      password: "这个密码太常见，很容易被猜到，请换一个",
    });
    expect(result.data.values).toEqual({ displayName: "", phone: "12345" });
  });

  it("refuses short passwords, passwords containing the phone, and mismatched copies", async () => {
    const context = testContext();
    const attempt = async (password: string, confirmPassword = password) =>
      dataResult<Failure>(
        await registerAction({ request: post("/register", { displayName: "刘洋", phone: "13900005678", password, confirmPassword }), params: {}, context }),
      ).data.errors;
    expect(await attempt("short1")).toEqual({ password: "密码至少 8 位" });
    expect(await attempt("me13900005678")).toEqual({ password: "密码不要包含自己的手机号或用户名" });
    expect(await attempt("river-stone-7", "river-stone-8")).toEqual({ confirmPassword: "两次输入的密码不一样" });
  });

  it("says so beside the phone when it is already registered", async () => {
    const buyer = await makeBuyer(testDb());
    const result = dataResult<Failure>(
      await registerAction({
        request: post("/register", { displayName: "又一个", phone: buyer.login, password: "river-stone-7", confirmPassword: "river-stone-7" }),
        params: {},
        context: testContext(),
      }),
    );
    expect(result.status).toBe(409);
    expect(result.data.errors).toEqual({ phone: "这个手机号已经注册过了" });
  });
});

describe("one-time set-password codes", () => {
  it("set a staff member's password once, sign them in, and then stop working", async () => {
    const db = testDb();
    const context = testContext();
    const station = await makeStation(db, { code: "gaojin" });
    const admin = await makeCountyAdmin(db);
    const operator = await makeOperator(db, station, { displayName: "高明" });
    const { code } = await issueSetPasswordCode(db, { userId: operator.id, actorUserId: admin.id });
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const page = await setPasswordLoader({ request: get(`/set-password?code=${code}`), params: {}, context });
    expect(page.holderName).toBe("高明");

    const typed = code.toLowerCase().replace(/-/g, " "); // as someone might type it
    const response = (await setPasswordAction({
      request: post("/set-password", { code: typed, password: "mountain-tea-42", confirmPassword: "mountain-tea-42" }),
      params: {},
      context,
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/stations/gaojin/manage");
    expect(await attemptSignIn(db, { login: operator.login, password: "mountain-tea-42", address: "192.0.2.9" })).toMatchObject({ ok: true });

    const again = dataResult<Failure>(
      await setPasswordAction({ request: post("/set-password", { code, password: "another-pass-42", confirmPassword: "another-pass-42" }), params: {}, context }),
    );
    expect(again.status).toBe(400);
    expect(again.data.errors.code).toBe("这个设置密码码不对、已经用过或已过期。请找管理员重新发一个。");
    expect(again.data.values).toEqual({ code });
  });

  it("refuse a password holding the person's own username, and the code still works afterwards", async () => {
    const db = testDb();
    const context = testContext();
    const operator = await makeOperator(db, await makeStation(db), { username: "gaoming" });
    const { code } = await issueSetPasswordCode(db, { userId: operator.id, actorUserId: null });
    const refused = dataResult<Failure>(
      await setPasswordAction({ request: post("/set-password", { code, password: "gaoming-tea-42", confirmPassword: "gaoming-tea-42" }), params: {}, context }),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ password: "密码不要包含自己的手机号或用户名" });
    expect(refused.data.values).toEqual({ code });
    expect(await peekSetPasswordCode(db, { code })).not.toBeNull();
  });

  it("expire, are voided by a newer code, and end the person's sessions when used", async () => {
    const db = testDb();
    const context = testContext();
    const staff = await makeOperator(db, await makeStation(db));
    const cookie = await sessionCookieFor(context, staff.id);
    const issuedAt = new Date("2026-05-01T00:00:00Z");
    const old = await issueSetPasswordCode(db, { userId: staff.id, actorUserId: null, now: issuedAt });
    expect(await peekSetPasswordCode(db, { code: old.code, now: new Date(issuedAt.getTime() + CODE_TTL_MS - 1000) })).not.toBeNull();
    expect(await peekSetPasswordCode(db, { code: old.code, now: new Date(issuedAt.getTime() + CODE_TTL_MS + 1000) })).toBeNull();
    const fresh = await issueSetPasswordCode(db, { userId: staff.id, actorUserId: null });
    expect(await peekSetPasswordCode(db, { code: old.code, now: issuedAt })).toBeNull();
    await redeemSetPasswordCode(db, { code: fresh.code, password: "fresh-start-99" });
    const page = await accountLoader({ request: get("/account", cookie), params: {}, context }).catch((e: unknown) => e);
    expect(page).toBeInstanceOf(Response); // redirected to sign in: the old session ended
  });
});

describe("the account page", () => {
  it("changes the password after checking the current one, and signs out other devices only", async () => {
    const db = testDb();
    const context = testContext();
    const buyer = await makeBuyer(db);
    const here = await sessionCookieFor(context, buyer.id);
    const elsewhere = await sessionCookieFor(context, buyer.id);

    const wrong = dataResult<Failure>(
      await accountAction({
        request: post("/account", { intent: "change-password", currentPassword: "nope-nope", password: "new-garden-55", confirmPassword: "new-garden-55" }, here),
        params: {},
        context,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ currentPassword: "当前密码不对。" });
    expect(wrong.data.values).toEqual({ intent: "change-password" });

    const ok = (await accountAction({
      request: post("/account", { intent: "change-password", currentPassword: buyer.password, password: "new-garden-55", confirmPassword: "new-garden-55" }, here),
      params: {},
      context,
    })) as Response;
    expect(ok.headers.get("Location")).toBe("/account?done=password");
    const page = await accountLoader({ request: get("/account?done=password", here), params: {}, context });
    expect(page.notice).toBe("密码已修改，其他设备已退出登录。");
    expect(page.devices).toBe(1);
    await expect(accountLoader({ request: get("/account", elsewhere), params: {}, context })).rejects.toBeInstanceOf(Response);
    expect(await attemptSignIn(db, { login: buyer.login, password: "new-garden-55", address: "192.0.2.3" })).toMatchObject({ ok: true });
  });

  it("refuses a new password holding the person's own phone, before looking at the current one", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const cookie = await sessionCookieFor(context, buyer.id);
    const password = `my${buyer.phone}`;
    const result = dataResult<Failure>(
      await accountAction({ request: post("/account", { intent: "change-password", currentPassword: "nope-nope", password, confirmPassword: password }, cookie), params: {}, context }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ password: "密码不要包含自己的手机号或用户名" });
  });

  it("rejects an unknown intent as bad input", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const cookie = await sessionCookieFor(context, buyer.id);
    const result = dataResult<Failure>(await accountAction({ request: post("/account", { intent: "delete-everything" }, cookie), params: {}, context }));
    expect(result.status).toBe(400);
  });
});

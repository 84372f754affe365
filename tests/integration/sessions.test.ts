import { describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, createSession, getActiveSession } from "../../app/models/identity/sessions.server";
import { setAccountStatus } from "../../app/models/identity/users.server";
import { loader as rootLoader } from "../../app/root";
import { action as accountAction, loader as accountLoader } from "../../app/routes/account";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as logoutAction, loader as logoutLoader } from "../../app/routes/logout";
import { loadEnv } from "../../app/utils/env.server";
import { makeStation } from "../factories/geography";
import { makeBuyer, makeCountyAdmin, makeOperator } from "../factories/identity";
import { testContext, testDb } from "../support/db";
import { cookiePair, dataResult, get, outcome, post, sessionCookieFor } from "../support/http";

async function signIn(login: string, password: string, cookie?: string, context = testContext()) {
  const response = (await loginAction({ request: post("/login", { login, password }, cookie), params: {}, context })) as Response;
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(302);
  return { response, cookie: cookiePair(response.headers.get("Set-Cookie")) };
}

async function viewerOf(cookie: string | undefined, context = testContext()) {
  return dataResult<{ viewer: { displayName: string; homePath: string } | null }>(await rootLoader({ request: get("/", cookie), params: {}, context })).data.viewer;
}

describe("signing in and out", () => {
  it("signs an operator in, lands them on their station, and the cookie then identifies them", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "weizhai" });
    const operator = await makeOperator(db, station, { displayName: "韦兰芬" });
    const { response, cookie } = await signIn(operator.login, operator.password);
    expect(response.headers.get("Location")).toBe("/stations/weizhai/manage");
    expect(await viewerOf(cookie)).toEqual({ displayName: "韦兰芬", homePath: "/stations/weizhai/manage" });
  });

  it("marks every page a signed-in person sees as private, never for a shared cache", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const cookie = await sessionCookieFor(context, buyer.id);
    const signedIn = dataResult(await rootLoader({ request: get("/", cookie), params: {}, context }));
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-store");
    const anonymous = dataResult(await rootLoader({ request: get("/"), params: {}, context }));
    expect(anonymous.headers.get("Cache-Control")).toBeNull();
  });

  it("honours a same-site redirectTo and refuses an off-site one", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const ok = (await loginAction({ request: post("/login", { login: buyer.login, password: buyer.password, redirectTo: "/stations/x" }), params: {}, context })) as Response;
    expect(ok.headers.get("Location")).toBe("/stations/x");
    const evil = (await loginAction({ request: post("/login", { login: buyer.login, password: buyer.password, redirectTo: "//evil.example/" }), params: {}, context })) as Response;
    expect(evil.headers.get("Location")).toBe("/account");
  });

  it("changes the session at sign-in: a token planted before sign-in is worthless after it", async () => {
    const db = testDb();
    const context = testContext();
    const buyer = await makeBuyer(db);
    const other = await makeBuyer(db);
    const planted = await sessionCookieFor(context, other.id);
    const { cookie } = await signIn(buyer.login, buyer.password, planted, context);
    expect(cookie).not.toBe(planted);
    expect(await viewerOf(planted, context)).toBeNull();
    expect((await viewerOf(cookie, context))?.displayName).toBe(buyer.displayName);
  });

  it("sign-out revokes the session on the server, so a copy of the cookie no longer works", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const { cookie } = await signIn(buyer.login, buyer.password, undefined, context);
    const response = await logoutAction({ request: post("/logout", {}, cookie), params: {}, context });
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await viewerOf(cookie, context)).toBeNull();
    expect(await outcome(() => accountLoader({ request: get("/account", cookie), params: {}, context }))).toBe("login");
    // GET /logout changes nothing.
    const again = await signIn(buyer.login, buyer.password, undefined, context);
    const viaGet = await logoutLoader();
    expect(viaGet.headers.get("Set-Cookie")).toBeNull();
    expect(await viewerOf(again.cookie, context)).not.toBeNull();
  });

  it("'sign out everywhere' ends every session of the person", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const phone = await signIn(buyer.login, buyer.password, undefined, context);
    const laptop = await signIn(buyer.login, buyer.password, undefined, context);
    const response = (await accountAction({ request: post("/account", { intent: "sign-out-everywhere" }, laptop.cookie), params: {}, context })) as Response;
    expect(response.headers.get("Location")).toBe("/login?signedOut=everywhere");
    expect(await viewerOf(phone.cookie, context)).toBeNull();
    expect(await viewerOf(laptop.cookie, context)).toBeNull();
  });

  it("deactivating an account revokes its sessions at once", async () => {
    const db = testDb();
    const context = testContext();
    const station = await makeStation(db);
    const operator = await makeOperator(db, station);
    const admin = await makeCountyAdmin(db);
    const { cookie } = await signIn(operator.login, operator.password, undefined, context);
    const { homeCountyId } = operator;
    await setAccountStatus(db, { actorUserId: admin.id, userId: operator.id, status: "inactive", countyIds: [homeCountyId!] });
    expect(await viewerOf(cookie, context)).toBeNull();
    // …and the password no longer signs in, with the same answer as a wrong one.
    const refused = await loginAction({ request: post("/login", { login: operator.login, password: operator.password }), params: {}, context });
    expect((refused as { init: { status: number } }).init.status).toBe(400);
  });

  it("expires sessions after 12 idle hours and after 14 days whatever happens", async () => {
    const buyer = await makeBuyer(testDb());
    const db = testDb();
    const start = new Date("2026-03-01T08:00:00Z");
    const { token } = await createSession(db, { userId: buyer.id, now: start });
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await getActiveSession(db, { token, now: at(SESSION_IDLE_MS - 60_000) })).not.toBeNull();
    expect(await getActiveSession(db, { token, now: at(2 * SESSION_IDLE_MS - 120_000) })).not.toBeNull(); // kept alive by the last visit
    expect(await getActiveSession(db, { token, now: at(3 * SESSION_IDLE_MS) })).toBeNull(); // idle too long

    const busy = await createSession(db, { userId: buyer.id, now: start });
    for (let t = 0; t < SESSION_ABSOLUTE_MS; t += SESSION_IDLE_MS / 2) {
      expect(await getActiveSession(db, { token: busy.token, now: at(t) })).not.toBeNull();
    }
    expect(await getActiveSession(db, { token: busy.token, now: at(SESSION_ABSOLUTE_MS + 1) })).toBeNull();
  });

  it("treats a tampered, forged or garbled cookie as a signed-out visitor, never a 500", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const { cookie } = await signIn(buyer.login, buyer.password, undefined, context);
    const [name, value] = cookie.split("=") as [string, string];
    const flipped = `${name}=${value.slice(0, 5)}${value[5] === "A" ? "B" : "A"}${value.slice(6)}`;
    for (const bad of [flipped, `${name}=${value.split(".")[0]}.`, `${name}=%E0%A4%A`, `${name}=`, `${name}=${"x".repeat(5000)}`]) {
      expect(await viewerOf(bad, context)).toBeNull();
      expect(await outcome(() => accountLoader({ request: get("/account", bad), params: {}, context }))).toBe("login");
    }
    // The sign-in page simply shows the form.
    const page = await loginLoader({ request: get("/login", flipped), params: {}, context });
    expect(page).toHaveProperty("redirectTo");
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ everywhere, and Secure with the __Host- prefix in production", async () => {
    const buyer = await makeBuyer(testDb());
    const dev = await signIn(buyer.login, buyer.password);
    const devCookie = dev.response.headers.get("Set-Cookie")!;
    expect(devCookie).toMatch(/^cunzhan_session=/);
    expect(devCookie).toMatch(/HttpOnly/);
    expect(devCookie).toMatch(/SameSite=Lax/);
    expect(devCookie).toMatch(/Path=\//);
    expect(devCookie).not.toMatch(/Secure/);

    const production = testContext({ env: loadEnv({ NODE_ENV: "production", SESSION_SECRET: "production-secret-production-secret-01" }) });
    const prod = await signIn(buyer.login, buyer.password, undefined, production);
    const prodCookie = prod.response.headers.get("Set-Cookie")!;
    expect(prodCookie).toMatch(/^__Host-cunzhan_session=/);
    expect(prodCookie).toMatch(/; Secure/);
    expect(prodCookie).toMatch(/HttpOnly/);
    expect(prodCookie).toMatch(/SameSite=Lax/);
    expect(prodCookie).toMatch(/Path=\//);
    expect(prodCookie).not.toMatch(/Domain=/i);
    // Signed with the secret: the same cookie is nobody under another secret.
    const otherSecret = testContext({ env: loadEnv({ NODE_ENV: "production", SESSION_SECRET: "another-secret-another-secret-another-0" }) });
    expect(await viewerOf(prod.cookie, otherSecret)).toBeNull();
    expect(await viewerOf(prod.cookie, production)).not.toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { attemptSignIn } from "../../app/models/identity/sign-in.server";
import { THROTTLE_LIMITS, THROTTLE_WINDOW_MS } from "../../app/models/identity/sign-in-throttle.server";
import { action as loginAction } from "../../app/routes/login";
import { makeBuyer } from "../factories/identity";
import { testContext, testDb } from "../support/db";
import { BASE, dataResult } from "../support/http";

function loginRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${BASE}/login`, { method: "POST", body: new URLSearchParams(form), headers });
}

describe("a failed sign-in", () => {
  it("answers a wrong password and an unknown account with the same words and status, keeping the login but not the password", async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    const wrong = dataResult<{ errors: Record<string, string>; values: Record<string, string> }>(
      await loginAction({ request: loginRequest({ login: buyer.login, password: "not-the-password" }), params: {}, context }),
    );
    const unknown = dataResult<{ errors: Record<string, string>; values: Record<string, string> }>(
      await loginAction({ request: loginRequest({ login: "13700000000", password: "not-the-password" }), params: {}, context }),
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.data.errors).toEqual(wrong.data.errors);
    expect(wrong.data.errors.form).toBe("手机号/用户名或密码不对，请再试一次。");
    expect(wrong.data.values).toEqual({ login: buyer.login, redirectTo: "" });
    expect(JSON.stringify(wrong.data)).not.toContain("not-the-password");
  });

  it("spends the same argon2 work on an unknown account as on a wrong password", async () => {
    const buyer = await makeBuyer(testDb());
    const db = testDb();
    const time = async (login: string, address: string) => {
      const start = performance.now();
      await attemptSignIn(db, { login, password: "wrong-password-1", address });
      return performance.now() - start;
    };
    await time("13700000009", "198.51.100.1"); // warm up the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(buyer.login, `198.51.100.${10 + i}`));
      unknown.push(await time(`1370000000${i}`, `198.51.100.${20 + i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
    // Loose bounds: this guards against skipping the hash (a ~10× difference), not against noise;
    // five interleaved tries and a 4× margin keep a shared, loaded machine from failing it.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.25);
    expect(median(known)).toBeGreaterThan(median(unknown) * 0.25);
  });

  it("shows field errors in the visitor's language", async () => {
    const context = testContext();
    const zh = dataResult<{ errors: Record<string, string> }>(await loginAction({ request: loginRequest({ login: "", password: "" }), params: {}, context }));
    expect(zh.status).toBe(400);
    expect(zh.data.errors).toEqual({ login: "请填写此项", password: "请填写此项" });
    const en = dataResult<{ errors: Record<string, string> }>(
      await loginAction({ request: loginRequest({ login: "" }, { Cookie: "lng=en" }), params: {}, context }),
    );
    expect(en.data.errors).toEqual({ login: "This field is required", password: "This field is required" });
  });
});

describe("the sign-in rate limit", () => {
  it(`answers 429 with a translated 'try again in N minutes' after ${THROTTLE_LIMITS.account} attempts on one account`, async () => {
    const buyer = await makeBuyer(testDb());
    const context = testContext();
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) {
      const r = dataResult(await loginAction({ request: loginRequest({ login: buyer.login, password: `wrong-${i}` }), params: {}, context }));
      expect(r.status).toBe(400);
    }
    // Even the right password is refused now: the limit is counted before the password is checked.
    const blocked = dataResult<{ errors: Record<string, string> }>(
      await loginAction({ request: loginRequest({ login: buyer.login, password: buyer.password }), params: {}, context }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.data.errors.form).toBe("尝试次数太多，为了账号安全，请 15 分钟后再试。");
    const retryAfter = Number(blocked.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE_WINDOW_MS / 1000);
    const english = dataResult<{ errors: Record<string, string> }>(
      await loginAction({ request: loginRequest({ login: buyer.login, password: "x" }, { Cookie: "lng=en" }), params: {}, context }),
    );
    expect(english.status).toBe(429);
    expect(english.data.errors.form).toBe("Too many attempts. To keep the account safe, please try again in 15 minutes.");
    // Another spelling of the same phone number is the same account.
    const spaced = dataResult(await loginAction({ request: loginRequest({ login: `+86 ${buyer.login}`, password: buyer.password }), params: {}, context }));
    expect(spaced.status).toBe(429);
  });

  it("lets the account in again once the window has passed", async () => {
    const buyer = await makeBuyer(testDb());
    const db = testDb();
    const now = new Date();
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) {
      await attemptSignIn(db, { login: buyer.login, password: "wrong-password", address: "203.0.113.5", now });
    }
    expect(await attemptSignIn(db, { login: buyer.login, password: buyer.password, address: "203.0.113.5", now })).toMatchObject({ ok: false, reason: "throttled" });
    const later = new Date(now.getTime() + THROTTLE_WINDOW_MS + 1000);
    expect(await attemptSignIn(db, { login: buyer.login, password: buyer.password, address: "203.0.113.5", now: later })).toMatchObject({ ok: true });
  });

  it(`limits one address to ${THROTTLE_LIMITS.address} attempts across many accounts`, async () => {
    const db = testDb();
    const buyer = await makeBuyer(db);
    const address = "203.0.113.77";
    for (let i = 0; i < THROTTLE_LIMITS.address; i++) {
      const result = await attemptSignIn(db, { login: `1360000${String(i).padStart(4, "0")}`, password: "guess-guess", address });
      expect(result).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(await attemptSignIn(db, { login: buyer.login, password: buyer.password, address })).toMatchObject({ ok: false, reason: "throttled" });
    // The same person from elsewhere is fine.
    expect(await attemptSignIn(db, { login: buyer.login, password: buyer.password, address: "203.0.113.78" })).toMatchObject({ ok: true });
  });

  it("counts every one of a burst of parallel guesses", async () => {
    const buyer = await makeBuyer(testDb());
    const db = testDb();
    const results = await Promise.all(
      Array.from({ length: THROTTLE_LIMITS.account + 4 }, (_, i) =>
        attemptSignIn(db, { login: buyer.login, password: `burst-${i}`, address: `192.0.2.${100 + i}` }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(4);
  });
});

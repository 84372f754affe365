import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { crossSiteGuard, requestContext, securityHeadersMiddleware } from "../../app/utils/http-middleware.server";
import { testContext } from "../support/db";

/**
 * The same middleware server.ts mounts, in front of a stand-in for the Remix handler that
 * records whether it was reached and what load context it would have had.
 */
async function serve({ production = false, publicUrl }: { production?: boolean; publicUrl?: string } = {}) {
  const reached: { method: string; nonce: string; address: string }[] = [];
  const base = testContext();
  const app = express();
  app.use(securityHeadersMiddleware({ production }));
  app.use(crossSiteGuard({ publicUrl }));
  app.all("*", (req, res) => {
    const context = requestContext({ db: base.db, dbKind: base.dbKind, env: base.env }, req, res);
    reached.push({ method: req.method, nonce: context.cspNonce, address: context.clientAddress });
    res.send("handled");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { origin, reached };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

describe("cross-site requests", () => {
  it("refuses a cross-origin POST with 403 before any route sees it", async () => {
    const { origin, reached } = await serve();
    const response = await fetch(`${origin}/logout`, { method: "POST", headers: { Origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    // A page in the reader's language with a way back, never bare text.
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html; charset=utf-8/);
    const page = await response.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("<h1>请求被拒绝</h1>");
    expect(page).toContain('<a href="/logout">回到刚才的页面</a>');
    expect(response.headers.get("Content-Security-Policy")).toMatch(/frame-ancestors 'none'/);
    expect(reached).toEqual([]);
  });

  it("says it in English to a reader who chose English, and never echoes markup from the path", async () => {
    const { origin, reached } = await serve();
    const response = await fetch(`${origin}/orders/%22%3E%3Cscript%3E`, { method: "POST", headers: { Origin: "https://evil.example", Cookie: "lng=en" } });
    expect(response.status).toBe(403);
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("<h1>Request refused</h1>");
    expect(page).not.toContain("<script>");
    expect(reached).toEqual([]);
  });

  it("refuses a POST the browser marks cross-site, even without an Origin", async () => {
    const { origin, reached } = await serve();
    const response = await fetch(`${origin}/login`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(response.status).toBe(403);
    expect(reached).toEqual([]);
  });

  it("lets same-origin POSTs and cross-site GETs through", async () => {
    const { origin, reached } = await serve();
    const same = await fetch(`${origin}/login`, { method: "POST", headers: { Origin: origin, "Sec-Fetch-Site": "same-origin" } });
    expect(same.status).toBe(200);
    const link = await fetch(`${origin}/stations/huawu`, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(link.status).toBe(200);
    expect(reached.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("compares against PUBLIC_URL when it is set", async () => {
    const { origin } = await serve({ publicUrl: "https://cunzhan.example.cn" });
    expect((await fetch(`${origin}/login`, { method: "POST", headers: { Origin: "https://cunzhan.example.cn" } })).status).toBe(200);
    expect((await fetch(`${origin}/login`, { method: "POST", headers: { Origin: origin } })).status).toBe(403);
  });
});

describe("security headers", () => {
  it("go on every response, with a fresh nonce per request handed to the page", async () => {
    const { origin, reached } = await serve();
    const a = await fetch(`${origin}/`);
    const b = await fetch(`${origin}/`);
    for (const response of [a, b]) {
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("Strict-Transport-Security")).toBeNull();
    }
    const csp = a.headers.get("Content-Security-Policy")!;
    expect(csp).toContain(`script-src 'self' 'nonce-${reached[0]!.nonce}'`);
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(reached[0]!.nonce).not.toBe(reached[1]!.nonce);
    expect(reached[0]!.nonce.length).toBeGreaterThanOrEqual(16);
    expect(reached[0]!.address).toBe("127.0.0.1");
  });

  it("add HSTS in production", async () => {
    const { origin } = await serve({ production: true });
    expect((await fetch(`${origin}/`)).headers.get("Strict-Transport-Security")).toMatch(/max-age=31536000/);
  });
});

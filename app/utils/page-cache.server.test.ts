import { describe, expect, test } from "vitest";
import { cacheKey, isCacheableRequest, PageCache, serveFromCache } from "./page-cache.server";

const req = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);

describe("which requests the page cache answers", () => {
  test("anonymous GETs of storefront pages only", () => {
    expect(isCacheableRequest(req("/"), "cunzhan_session")).toBe(true);
    expect(isCacheableRequest(req("/search?q=金银"), "cunzhan_session")).toBe(true);
    expect(isCacheableRequest(req("/products/0b0f2c56-6a3e-4c1a-9f7e-2d3b8c1e0a11"), "cunzhan_session")).toBe(true);
    expect(isCacheableRequest(req("/stations/huawu/manage"), "cunzhan_session")).toBe(false);
    expect(isCacheableRequest(req("/", { method: "POST" }), "cunzhan_session")).toBe(false);
    expect(isCacheableRequest(req("/", { headers: { Cookie: "lng=en; cunzhan_session=abc" } }), "cunzhan_session")).toBe(false);
    expect(isCacheableRequest(req("/", { headers: { Cookie: "lng=en" } }), "cunzhan_session")).toBe(true);
    expect(isCacheableRequest(req("/search.data"), "cunzhan_session")).toBe(false);
  });

  test("keys ignore parameter order but keep language and day", () => {
    expect(cacheKey(req("/search?b=2&a=1"), "zh-CN", "2026-11-26")).toBe(cacheKey(req("/search?a=1&b=2"), "zh-CN", "2026-11-26"));
    expect(cacheKey(req("/"), "zh-CN", "2026-11-26")).not.toBe(cacheKey(req("/"), "en", "2026-11-26"));
  });
});

describe("the cache", () => {
  const page = (n: number) => ({ status: 200, headers: [] as [string, string][], body: new Uint8Array(n), etag: `"${n}"` });

  test("evicts the least recently used beyond its bounds and forgets everything on a new version", () => {
    const cache = new PageCache(2, 1_000);
    cache.useVersion("1");
    cache.set("a", page(10));
    cache.set("b", page(10));
    cache.get("a");
    cache.set("c", page(10));
    expect([cache.get("a"), cache.get("b"), cache.get("c")].map(Boolean)).toEqual([true, false, true]);
    cache.useVersion("2");
    expect(cache.size).toBe(0);
  });

  test("renders once for a burst of identical requests, and never caches errors or cookies", async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 10));
      return new Response("<p>hi</p>", { headers: { "Content-Type": "text/html" } });
    };
    const burst = await Promise.all(Array.from({ length: 5 }, () => serveFromCache({ request: req("/"), cache, version: "1", key: "k", render })));
    expect(renders).toBe(1);
    expect(await Promise.all(burst.map((r) => r.text()))).toEqual(Array(5).fill("<p>hi</p>"));
    expect(burst[0]!.headers.get("Cache-Control")).toContain("stale-while-revalidate");
    const missing = await serveFromCache({ request: req("/products/x"), cache, version: "1", key: "404", render: async () => new Response("gone", { status: 404 }) });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ETag")).toBeNull();
    const withCookie = async () => new Response("x", { headers: { "Set-Cookie": "a=b" } });
    await serveFromCache({ request: req("/"), cache, version: "1", key: "cookie", render: withCookie });
    expect(cache.get("cookie")).toBeUndefined();
    expect(cache.get("404")).toBeUndefined();
  });

  test("a page that cannot be shared is rendered for each waiting visitor, never handed on", async () => {
    const cache = new PageCache();
    let renders = 0;
    const render = async () => {
      const n = ++renders;
      await new Promise((r) => setTimeout(r, 10));
      return new Response(`visitor ${n}`, { headers: { "Set-Cookie": `token=${n}` } });
    };
    const burst = await Promise.all(Array.from({ length: 3 }, () => serveFromCache({ request: req("/"), cache, version: "1", key: "mine", render })));
    const cookies = burst.map((r) => r.headers.get("Set-Cookie"));
    expect(new Set(cookies).size).toBe(3);
    expect(new Set(await Promise.all(burst.map((r) => r.text()))).size).toBe(3);
    expect(renders).toBe(3);
  });
});

test("hits are sent gzipped once compressed, with the same ETag", async () => {
  const { gunzipSync } = await import("node:zlib");
  const cache = new PageCache();
  const html = "<p>金银花</p>".repeat(200);
  const render = async () => new Response(html, { headers: { "Content-Type": "text/html" } });
  const plain = await serveFromCache({ request: req("/"), cache, version: "1", key: "k", render });
  const zipped = await serveFromCache({ request: req("/", { headers: { "Accept-Encoding": "gzip, br" } }), cache, version: "1", key: "k", render });
  expect(zipped.headers.get("Content-Encoding")).toBe("gzip");
  expect(zipped.headers.get("ETag")).toBe(plain.headers.get("ETag"));
  expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8")).toBe(html);
  expect(await plain.text()).toBe(html);
});

import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * The storefront's page cache. Anonymous visitors in one language see the same page, so a
 * rendered page is kept in memory under (catalogue version, language, day, URL) and served
 * again until the version changes. The version is read from the database on every request
 * (one small query), so every app instance drops its pages as soon as any instance writes.
 */

/** What browsers and shared caches may do with an anonymous storefront page. */
export const STOREFRONT_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

/** The pages that are the same for every anonymous visitor. */
const STOREFRONT_PATHS = [
  /^\/$/,
  /^\/search$/,
  /^\/stations\/[a-z0-9-]{2,40}$/,
  /^\/products\/[0-9a-f-]{36}$/,
  /^\/sitemap\.xml$/,
];

/** Is this path one of the storefront's pages (before looking at who asks)? */
export function isStorefrontPath(pathname: string): boolean {
  return STOREFRONT_PATHS.some((re) => re.test(pathname));
}

/** Pages larger than this are served but not kept. */
const MAX_PAGE_BYTES = 512 * 1024;

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The body gzipped once, made on the first request that accepts it: hits are not re-compressed. */
  gzipped?: Uint8Array<ArrayBuffer>;
}

/** Bounded in entries and bytes; least recently used goes first; emptied when the version moves on. */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  private version: string | null = null;
  private inflight = new Map<string, Promise<Rendered>>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 48 * 1024 * 1024,
  ) {}

  /** Forgets everything cached under another version. */
  useVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
    this.inflight.clear();
    this.bytes = 0;
  }

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page) {
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    if (page.body.byteLength > MAX_PAGE_BYTES) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.byteLength;
    this.entries.set(key, page);
    this.bytes += page.body.byteLength;
    for (const [oldest, evicted] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= evicted.body.byteLength;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** One render per key at a time: a spike of identical requests waits for the first one. */
  coalesce(key: string, render: () => Promise<Rendered>): Promise<Rendered> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = render().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}

/**
 * May this request be answered from the cache? Only GET/HEAD of a storefront page by someone
 * without a session cookie: anyone signed in sees their name in the header, so their pages are
 * rendered for them alone.
 */
export function isCacheableRequest(request: Request, sessionCookieName: string): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = new URL(request.url);
  if (url.pathname.endsWith(".data") || url.searchParams.has("_data")) return false;
  if (!isStorefrontPath(url.pathname)) return false;
  const cookies = request.headers.get("Cookie") ?? "";
  return !cookies.split(";").some((part) => part.trim().startsWith(`${sessionCookieName}=`));
}

export function cacheKey(request: Request, lang: string, day: string): string {
  const url = new URL(request.url);
  url.searchParams.sort();
  return `${lang}|${day}|${url.pathname}?${url.searchParams.toString()}`;
}

function etagOf(body: Uint8Array): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** Headers a rendered page keeps in the cache: what describes the body, nothing per-visitor. */
const KEPT_HEADERS = new Set(["content-type", "content-language", "link"]);

/** A rendered response, read once, that every coalesced waiter can turn into its own Response. */
interface Rendered {
  page: CachedPage;
  cacheable: boolean;
}

async function capture(response: Response): Promise<Rendered> {
  const body = new Uint8Array(await response.arrayBuffer());
  // Only plain successful pages with no per-visitor state are shared. A page carrying a CSP
  // nonce has inline scripts bound to one response's nonce: it cannot be replayed.
  const cacheable =
    response.status === 200 && !response.headers.has("Set-Cookie") && !new TextDecoder().decode(body.subarray(0, 200_000)).includes(" nonce=");
  const headers = cacheable ? [...response.headers].filter(([name]) => KEPT_HEADERS.has(name.toLowerCase())) : [...response.headers];
  return { page: { status: response.status, headers, body, etag: cacheable ? etagOf(body) : "" }, cacheable };
}

function acceptsGzip(request: Request): boolean {
  return /\bgzip\b/.test(request.headers.get("Accept-Encoding") ?? "");
}

function respond(request: Request, page: CachedPage, state: "hit" | "miss"): Response {
  const headers = new Headers(page.headers);
  headers.set("ETag", page.etag);
  headers.set("Cache-Control", STOREFRONT_CACHE_CONTROL);
  headers.set("Vary", "Cookie, Accept-Encoding");
  headers.set("X-Page-Cache", state);
  if (matches(request.headers.get("If-None-Match"), page.etag)) return new Response(null, { status: 304, headers });
  let body = page.body;
  if (acceptsGzip(request)) {
    page.gzipped ??= new Uint8Array(gzipSync(page.body, { level: 9 }));
    body = page.gzipped;
    headers.set("Content-Encoding", "gzip");
  }
  headers.set("Content-Length", String(body.byteLength));
  return new Response(request.method === "HEAD" ? null : body, { status: page.status, headers });
}

/**
 * Answers a cacheable request from the cache, or renders it once and keeps it.
 * `version` must come from the database on this request (getCatalogVersion).
 */
export async function serveFromCache({
  request,
  cache,
  version,
  key,
  render,
}: {
  request: Request;
  cache: PageCache;
  version: string;
  key: string;
  render: (request: Request) => Promise<Response>;
}): Promise<Response> {
  cache.useVersion(version);
  const cached = cache.get(key);
  if (cached) {
    cache.hits++;
    return respond(request, cached, "hit");
  }
  cache.misses++;
  // A HEAD renders as GET, so what it caches is the whole page.
  const renderRequest = request.method === "HEAD" ? new Request(request.url, { method: "GET", headers: request.headers }) : request;
  let leader = false;
  const { page, cacheable } = await cache.coalesce(key, async () => {
    leader = true;
    return capture(await render(renderRequest));
  });
  if (!cacheable) {
    // What cannot be shared was rendered for the first visitor alone (its cookies, its CSP
    // nonce): the visitors who waited on it get a render of their own.
    const own = leader ? page : (await capture(await render(renderRequest))).page;
    return new Response(request.method === "HEAD" || own.status === 304 ? null : own.body, { status: own.status, headers: own.headers });
  }
  cache.set(key, page);
  return respond(request, page, "miss");
}

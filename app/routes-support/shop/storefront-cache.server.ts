import { type AppLoadContext, createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { chinaToday } from "~/domain/dates";
import { getCatalogVersion } from "~/models/catalog/settings.server";
import type { AppContext } from "~/utils/context";
import { getLang } from "~/utils/i18n.server";
import { logger } from "~/utils/logger.server";
import { cacheKey, isCacheableRequest, isStorefrontPath, PageCache, serveFromCache } from "~/utils/page-cache.server";
import { sessionCookie } from "~/utils/session.server";

/** The web Request Remix would build for this express request (GET and HEAD only: no body). */
function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { method: req.method, headers, signal: controller.signal });
}

async function send(res: ExpressResponse, response: Response): Promise<void> {
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() !== "set-cookie") res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

/**
 * Express middleware in front of the Remix handler: anonymous GETs of storefront pages are
 * answered from the page cache (app/utils/page-cache.server.ts), keyed by the catalogue version
 * read from the database on each request; everything else goes on to Remix untouched.
 */
export function storefrontCache({
  getBuild,
  shared,
  loadContext,
}: {
  getBuild: () => ServerBuild;
  shared: Pick<AppContext, "db" | "env">;
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler & { cache: PageCache } {
  const cache = new PageCache();
  const cookieName = sessionCookie(shared.env).name;
  // Requests that arrive while a version read is in flight share it: under a spike that is one
  // query per round trip instead of one per request, and no answer is older than that query.
  let pendingVersion: Promise<string> | null = null;
  const readVersion = () => {
    pendingVersion ??= getCatalogVersion(shared.db).finally(() => {
      pendingVersion = null;
    });
    return pendingVersion;
  };
  let handlerFor: ServerBuild | null = null;
  let handler: ReturnType<typeof createRequestHandler> | null = null;
  const middleware: RequestHandler = async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!isStorefrontPath(req.path)) return next();
    const request = toFetchRequest(req, res);
    if (!isCacheableRequest(request, cookieName)) return next();
    try {
      const build = getBuild();
      if (handlerFor !== build) {
        handler = createRequestHandler(build, build.mode);
        handlerFor = build;
      }
      const render = handler!;
      // A new build (a deploy, or a rebuild in development) renders differently: its pages start afresh.
      const version = `${await readVersion()}|${build.assets.version}`;
      const response = await serveFromCache({
        request,
        cache,
        version,
        key: cacheKey(request, getLang(request), chinaToday()),
        render: (r) => render(r, loadContext(req, res)),
      });
      await send(res, response);
    } catch (error) {
      logger.error({ err: error, url: req.originalUrl }, "storefront cache failed; rendering directly");
      if (!res.headersSent) next();
    }
  };
  return Object.assign(middleware, { cache });
}

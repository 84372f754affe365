import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import type { AppContext } from "./context";
import { clientAddress, isCrossSiteRequest, securityHeaders } from "./http-security";

/** Sets the security headers on every response, with a fresh CSP nonce kept in res.locals for the page. */
export function securityHeadersMiddleware({ production, formActionOrigins }: { production: boolean; formActionOrigins?: readonly string[] }): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    for (const [name, value] of Object.entries(securityHeaders({ nonce, production, formActionOrigins }))) res.setHeader(name, value);
    next();
  };
}

/** Refuses state-changing requests from other sites with 403 before any route sees them. */
export function crossSiteGuard({ publicUrl }: { publicUrl: string | undefined }): RequestHandler {
  return (req, res, next) => {
    const refused = isCrossSiteRequest({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      host: req.get("host"),
      publicUrl,
    });
    if (!refused) return next();
    res.status(403).type("text/plain; charset=utf-8").send("403 跨站请求已拒绝 / Cross-site request refused\n");
  };
}

type BaseContext = Omit<AppContext, "clientAddress" | "cspNonce" | "payments"> & { payments?: AppContext["payments"] };

/** The load context for one request: the shared dependencies plus this request's address and nonce. */
export function requestContext(base: BaseContext, req: ExpressRequest, res: ExpressResponse): AppLoadContext {
  return {
    ...base,
    payments: base.payments ?? null,
    clientAddress: clientAddress({
      socketAddress: req.socket.remoteAddress,
      forwardedFor: req.get("x-forwarded-for"),
      trustProxy: base.env.TRUST_PROXY,
    }),
    cspNonce: typeof res.locals.cspNonce === "string" ? res.locals.cspNonce : "",
  };
}

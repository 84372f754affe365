import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import type { AppContext } from "./context";
import { clientAddress, isCrossSiteRequest, securityHeaders } from "./http-security";
import { getTranslate } from "./i18n.server";

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
    res.status(403).type("text/html; charset=utf-8").send(crossSiteRefusalPage(req));
  };
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * The guard's refusal, as a page in the reader's language with a way back (never bare text):
 * it runs before Remix, so it is plain HTML with no script and no style beyond the inline few.
 */
function crossSiteRefusalPage(req: ExpressRequest): string {
  const { lang, t } = getTranslate(new Request(new URL(req.originalUrl, "http://localhost"), { headers: { cookie: req.get("cookie") ?? "" } }));
  const back = escapeHtml(req.path.startsWith("/") && !req.path.startsWith("//") ? req.path : "/");
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(t("error.crossSite.title"))} · ${escapeHtml(t("app.name"))}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6">
<h1>${escapeHtml(t("error.crossSite.title"))}</h1>
<p>${escapeHtml(t("error.crossSite.body"))}</p>
<p><a href="${back}">${escapeHtml(t("error.crossSite.back"))}</a> · <a href="/">${escapeHtml(t("error.crossSite.home"))}</a></p>
</body></html>
`;
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

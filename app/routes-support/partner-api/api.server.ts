import type { AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { type ApiErrorCode, issuePath } from "~/domain/partner-api";
import { type ApiCaller, authenticateApiKey, countApiRequest } from "~/models/partners/api-keys.server";
import { zhCN } from "~/locales/zh-CN";
import { DEFAULT_LANG, type Lang, makeTranslate, type MessageKey, normalizeLang, type Translate, type TranslateVars } from "~/utils/i18n";

/**
 * The /api/v1 boundary (ADR 013): bearer keys, the per-key rate limit, JSON bodies parsed by
 * the shared zod schemas, and errors as `{ error: { code, message, issues? } }` in the caller's
 * language. Unlike pages, the API reads Accept-Language: it is a machine's stated preference,
 * not a borrowed phone's. ?lng= still wins, and Chinese is the default.
 */

/** An Accept-Language q-value ("0.8", "1", "0.125") in thousandths; anything malformed counts as 0 (not acceptable). */
function qualityThousandths(q: string): number {
  const m = /^(0|1)(?:\.(\d{0,3}))?$/.exec(q);
  if (!m) return 0;
  const value = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return value > 1000 ? 0 : value;
}

export function apiLang(request: Request): Lang {
  const fromQuery = normalizeLang(new URL(request.url).searchParams.get("lng"));
  if (fromQuery) return fromQuery;
  const header = request.headers.get("Accept-Language") ?? "";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: normalizeLang(tag), weight: q === undefined ? 1000 : qualityThousandths(q.slice(2)), index };
    })
    .filter((c): c is { lang: Lang; weight: number; index: number } => c.lang !== null && c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.lang ?? DEFAULT_LANG;
}

export function apiTranslate(request: Request): Translate {
  return makeTranslate(apiLang(request));
}

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** A JSON response whose body is first checked against its schema: the API never sends what the document does not describe. */
export function apiJson<S extends z.ZodType>(schema: S, body: z.input<S>, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const checked = schema.parse(body);
  return new Response(JSON.stringify(checked), { status: init.status ?? 200, headers: { ...JSON_HEADERS, ...init.headers } });
}

export function apiError(
  request: Request,
  status: number,
  code: ApiErrorCode,
  message: MessageKey,
  options: { vars?: TranslateVars; issues?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  const t = apiTranslate(request);
  const error = { code, message: t(message, options.vars), ...(options.issues ? { issues: options.issues } : {}) };
  return new Response(JSON.stringify({ error }), { status, headers: { ...JSON_HEADERS, ...options.headers } });
}

/**
 * The partner behind the request's bearer key, after counting the request against the key's
 * limit. Throws a 401 (no key, unknown, revoked) or a 429 with Retry-After. Cookies are ignored.
 */
export async function requireApiKey(request: Request, context: AppLoadContext): Promise<ApiCaller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("Authorization") ?? "");
  const caller = match ? await authenticateApiKey(context.db, { key: match[1]! }) : null;
  if (!caller) {
    throw apiError(request, 401, "UNAUTHORIZED", "partnerPortal.api.unauthorized", { headers: { "WWW-Authenticate": 'Bearer realm="cunzhan"' } });
  }
  const verdict = await countApiRequest(context.db, { keyId: caller.keyId, limit: caller.ratePerMinute });
  if (!verdict.allowed) {
    throw apiError(request, 429, "RATE_LIMITED", "partnerPortal.api.rateLimited", {
      vars: { seconds: verdict.retryAfterSeconds },
      headers: { "Retry-After": String(verdict.retryAfterSeconds) },
    });
  }
  return caller;
}

const MAX_BODY_BYTES = 64 * 1024;

function translateIssue(t: Translate, message: string): string {
  return Object.prototype.hasOwnProperty.call(zhCN, message) ? t(message as MessageKey) : t("validation.invalid");
}

/** The zod issues of a failed parse as `{ path, message }`, translated, one per path. */
export function apiIssues(request: Request, error: z.ZodError): { path: string; message: string }[] {
  const t = apiTranslate(request);
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  for (const issue of error.issues) {
    const path = issuePath(issue.path);
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, message: translateIssue(t, issue.message) });
  }
  return issues;
}

/**
 * The request's JSON body parsed by `schema`. Not JSON at all → 400 MALFORMED_JSON; JSON of the
 * wrong shape → 400 INVALID_REQUEST naming each field path ("lines.0.quantity").
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw apiError(request, 413, "INVALID_REQUEST", "partnerPortal.api.tooLarge");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw apiError(request, 400, "MALFORMED_JSON", "partnerPortal.api.malformedJson");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw apiError(request, 400, "INVALID_REQUEST", "partnerPortal.api.invalid", { issues: apiIssues(request, parsed.error) });
  }
  return parsed.data;
}

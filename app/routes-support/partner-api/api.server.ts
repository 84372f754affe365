import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { type ErrorKind, isDomainError } from "~/domain/errors";
import { API_ERROR_CODES, type ApiErrorCode, IDEMPOTENCY_KEY_MAX, IdempotencyKeyHeader, issuePath } from "~/domain/partner-api";
import { type ApiCaller, authenticateApiKey, countApiRequest } from "~/models/partners/api-keys.server";
import { describeRefusal } from "~/routes-support/refusals.server";
import { PARTNER_ORDER_REFUSALS } from "~/routes-support/partners/refusals";
import { fieldErrors } from "~/utils/forms";
import { DEFAULT_LANG, type Lang, makeTranslate, type MessageKey, normalizeLang, type Translate, type TranslateVars } from "~/utils/i18n";
import type { RefusalTable } from "~/utils/refusal";

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

/** The one shape of every API error, `{ error: { code, message, issues? } }`. */
function errorResponse(status: number, error: { code: ApiErrorCode; message: string; issues?: { path: string; message: string }[] }, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error }), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** An answer of the API's own protocol (no key, too fast, not JSON, …) in the caller's language. */
function apiError(
  request: Request,
  status: number,
  code: ApiErrorCode,
  message: MessageKey,
  options: { vars?: TranslateVars; issues?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
): Response {
  const t = apiTranslate(request);
  return errorResponse(status, { code, message: t(message, options.vars), ...(options.issues ? { issues: options.issues } : {}) }, options.headers);
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

/** The zod issues of a failed parse as `{ path, message }`, translated like every form's, one per path. */
export function apiIssues(request: Request, error: z.ZodError): { path: string; message: string }[] {
  const named = new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [issuePath(issue.path)] })));
  return Object.entries(fieldErrors(named, apiTranslate(request))).map(([path, message]) => ({ path, message }));
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

/** The Idempotency-Key header POST /api/v1/orders needs; a missing or unprintable one is a 400. */
export function requireIdempotencyKey(request: Request): string {
  const key = IdempotencyKeyHeader.safeParse(request.headers.get("Idempotency-Key") ?? undefined);
  if (!key.success) throw apiError(request, 400, "IDEMPOTENCY_KEY_REQUIRED", "partnerPortal.api.idempotencyKeyRequired", { vars: { max: IDEMPOTENCY_KEY_MAX } });
  return key.data;
}

/** The query string (without ?lng=) parsed by `schema`; a bad one is a 400 naming each parameter. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const url = new URL(request.url);
  const parsed = schema.safeParse(Object.fromEntries([...url.searchParams].filter(([name]) => name !== "lng")));
  if (!parsed.success) throw apiError(request, 400, "INVALID_REQUEST", "partnerPortal.api.invalid", { issues: apiIssues(request, parsed.error) });
  return parsed.data;
}

/** A lookup of the caller's own that found nothing (or someone else's): 404, never saying which. */
export function apiFound<T>(request: Request, value: T | null | undefined): T {
  if (value === null || value === undefined) throw apiError(request, 404, "NOT_FOUND", "partnerPortal.api.notFound");
  return value;
}

/** A method the address does not take. */
export function apiMethodNotAllowed(request: Request, allow: string): Response {
  return apiError(request, 405, "INVALID_REQUEST", "partnerPortal.api.method", { headers: { Allow: allow } });
}

/**
 * The API's words for refused rules (ADR 013, 017): a partner's order refused is 422 in the
 * partner's words, as in the portal; the API's own refusals (an Idempotency-Key reused) by the
 * default table.
 */
const API_REFUSALS: RefusalTable = PARTNER_ORDER_REFUSALS;

/** The machine-readable code for a kind of refusal, where the error is not one of the API's own codes. */
const API_CODES: Record<ErrorKind, ApiErrorCode> = {
  invalid: "INVALID_REQUEST",
  not_found: "NOT_FOUND",
  forbidden: "UNAUTHORIZED",
  conflict: "UNPROCESSABLE",
  rule: "UNPROCESSABLE",
  limited: "RATE_LIMITED",
  unavailable: "UNPROCESSABLE",
};

const isApiCode = (code: string): code is ApiErrorCode => (API_ERROR_CODES as readonly string[]).includes(code);

/**
 * The one way the API answers a refused rule (what refuse() is for pages): any DomainError as
 * `{ error: { code, message } }` with the status of its kind (or the API's table's), in the
 * caller's language. A not-found is answered, not thrown. Anything else is rethrown: a 500.
 *
 *   } catch (error) {
 *     return apiRefusal(request, error);
 *   }
 */
export function apiRefusal(request: Request, error: unknown): Response {
  if (!isDomainError(error)) throw error;
  const lang = apiLang(request);
  const refusal = describeRefusal(error, { t: makeTranslate(lang), lang, table: API_REFUSALS });
  const code = error.feature === "partner-api" && isApiCode(error.code) ? error.code : API_CODES[refusal.kind];
  return errorResponse(refusal.status, { code, message: refusal.message });
}

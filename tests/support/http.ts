import type { AppLoadContext } from "@remix-run/node";
import { expect } from "vitest";
import { createSession } from "../../app/models/identity/sessions.server";
import { serializeSessionCookie } from "../../app/utils/session.server";

export const BASE = "http://localhost";

/** The Cookie request header that carries a fresh session for this user. */
export async function sessionCookieFor(context: AppLoadContext, userId: string): Promise<string> {
  const { token, expiresAt } = await createSession(context.db, { userId });
  return cookiePair(await serializeSessionCookie(context.env, token, expiresAt));
}

/** "name=value" from a Set-Cookie header, for the next request's Cookie header. */
export function cookiePair(setCookie: string | null): string {
  if (!setCookie) throw new Error("expected a Set-Cookie header");
  return setCookie.split(";")[0]!;
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, form: Record<string, string>, cookie?: string): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: cookie ? { Cookie: cookie } : {},
  });
}

export type Outcome = "ok" | "login" | number;

/**
 * What a loader or action did with a request, in one word: "ok" (returned data or a Response
 * other than a sign-in redirect), "login" (sent to sign in), or the status it threw.
 */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run();
    if (result instanceof Response && result.status >= 300 && result.status < 400) {
      return result.headers.get("Location")?.startsWith("/login") ? "login" : "ok";
    }
    return "ok";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status >= 300 && thrown.status < 400 && thrown.headers.get("Location")?.startsWith("/login")) return "login";
    // A "new …" page sends a first visit on to itself with its entry key (ADR 018): it opens.
    if (entryRedirect(thrown)) return "ok";
    return thrown.status;
  }
}

function entryRedirect(thrown: unknown): string | null {
  if (!(thrown instanceof Response) || thrown.status !== 302) return null;
  const location = thrown.headers.get("Location");
  return location && new URL(location, BASE).searchParams.has("entry") ? location : null;
}

/**
 * Opens a "new …" page as a browser does (ADR 018): a first visit without `?entry=` is sent on to
 * the same page with a new key, which is then loaded. `load` runs the route's loader on a request.
 */
export async function openEntry<T>(load: (request: Request) => Promise<T>, path: string, cookie?: string): Promise<T> {
  try {
    return await load(get(path, cookie));
  } catch (thrown) {
    const location = entryRedirect(thrown);
    if (!location) throw thrown;
    return load(get(location, cookie));
  }
}

/** The status and body of what a route action returned via data(): single fetch's DataWithResponseInit. */
export function dataResult<T>(value: unknown): { status: number; data: T; headers: Headers } {
  const v = value as { type?: string; data: T; init?: { status?: number; headers?: HeadersInit } | null };
  expect(v.type).toBe("DataWithResponseInit");
  return { status: v.init?.status ?? 200, data: v.data, headers: new Headers(v.init?.headers ?? {}) };
}

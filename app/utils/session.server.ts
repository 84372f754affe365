import { signedCookie } from "./cookies.server";
import { SESSION_ABSOLUTE_MS } from "~/models/identity/sessions.server";
import type { Env } from "./env.server";

/**
 * The session cookie holds only a random token, signed with SESSION_SECRET (a forged or
 * altered cookie fails the signature and reads as no cookie). HttpOnly and SameSite=Lax
 * always; in production also Secure, with the __Host- prefix so no subdomain can set it.
 */
export const sessionCookie = signedCookie("cunzhan_session", Math.floor(SESSION_ABSOLUTE_MS / 1000));

/** The session token in the request's cookie, or null for a missing, unsigned or mangled one. */
export async function readSessionToken(request: Request, env: Env): Promise<string | null> {
  try {
    const value: unknown = await sessionCookie(env).parse(request.headers.get("Cookie"));
    return typeof value === "string" && value.length > 0 ? value : null;
  } catch {
    return null; // a tampered cookie is a signed-out visitor, never a 500
  }
}

export function serializeSessionCookie(env: Env, token: string, expiresAt: Date): Promise<string> {
  return sessionCookie(env).serialize(token, { expires: expiresAt, maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)) });
}

export function clearSessionCookie(env: Env): Promise<string> {
  return sessionCookie(env).serialize("", { maxAge: 0, expires: new Date(0) });
}

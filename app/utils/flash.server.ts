import { type Cookie, createCookie } from "@remix-run/node";
import { z } from "zod";
import type { Env } from "./env.server";

const cookies = new WeakMap<Env, Cookie>();

function flashCookie(env: Env): Cookie {
  let cookie = cookies.get(env);
  if (!cookie) {
    const production = env.NODE_ENV === "production";
    cookie = createCookie(production ? "__Host-cunzhan_flash" : "cunzhan_flash", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: production,
      secrets: [env.SESSION_SECRET],
      maxAge: 120,
    });
    cookies.set(env, cookie);
  }
  return cookie;
}

const IssuedCode = z.object({ userId: z.string(), code: z.string(), expiresAt: z.string() });
export type IssuedCode = z.infer<typeof IssuedCode>;

/**
 * A freshly issued set-password code survives the redirect after the POST in a short-lived,
 * signed, HttpOnly cookie, and the page that shows it clears it: shown once, never in a URL
 * (URLs end up in logs and browser history), and a reload shows it no more.
 */
export function flashIssuedCode(env: Env, issued: IssuedCode): Promise<string> {
  return flashCookie(env).serialize(issued);
}

/** The code waiting for this account's page, if any, and the Set-Cookie header that clears it. */
export async function takeIssuedCode(request: Request, env: Env, userId: string): Promise<{ issued: IssuedCode | null; clear: string | null }> {
  let value: unknown = null;
  try {
    value = await flashCookie(env).parse(request.headers.get("Cookie"));
  } catch {
    value = null;
  }
  const parsed = IssuedCode.safeParse(value);
  if (!parsed.success) return { issued: null, clear: null };
  const clear = await flashCookie(env).serialize("", { maxAge: 0, expires: new Date(0) });
  return { issued: parsed.data.userId === userId ? parsed.data : null, clear };
}

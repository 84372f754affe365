import { type Cookie, createCookie } from "@remix-run/node";
import { z } from "zod";
import type { Env } from "./env.server";

const cookies = new WeakMap<Env, Cookie>();

function keyCookie(env: Env): Cookie {
  let cookie = cookies.get(env);
  if (!cookie) {
    const production = env.NODE_ENV === "production";
    cookie = createCookie(production ? "__Host-cunzhan_key_flash" : "cunzhan_key_flash", {
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

const NewKey = z.object({ keyId: z.string(), key: z.string() });
export type NewKey = z.infer<typeof NewKey>;

/**
 * A new API key crosses the redirect after the POST in a short-lived, signed, HttpOnly cookie
 * that the key screen clears on showing it (as set-password codes do, ADR 005): shown once,
 * never in a URL. The cookie is signed, not encrypted, but lives 2 minutes on the admin's device.
 */
export function flashNewKey(env: Env, value: NewKey): Promise<string> {
  return keyCookie(env).serialize(value);
}

export async function takeNewKey(request: Request, env: Env): Promise<{ created: NewKey | null; clear: string | null }> {
  let value: unknown = null;
  try {
    value = await keyCookie(env).parse(request.headers.get("Cookie"));
  } catch {
    value = null;
  }
  const parsed = NewKey.safeParse(value);
  if (!parsed.success) return { created: null, clear: null };
  return { created: parsed.data, clear: await keyCookie(env).serialize("", { maxAge: 0, expires: new Date(0) }) };
}

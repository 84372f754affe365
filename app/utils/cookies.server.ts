import { type Cookie, createCookie } from "@remix-run/node";
import type { Env } from "./env.server";

/**
 * The one way Cunzhan makes a cookie: signed with SESSION_SECRET (a forged or altered value
 * fails the signature and reads as no cookie), HttpOnly and SameSite=Lax always; in production
 * also Secure, with the __Host- prefix so no subdomain can set it. Built once per Env.
 */
export function signedCookie(name: string, maxAgeSeconds: number): (env: Env) => Cookie {
  const cookies = new WeakMap<Env, Cookie>();
  return (env) => {
    let cookie = cookies.get(env);
    if (!cookie) {
      const production = env.NODE_ENV === "production";
      cookie = createCookie(production ? `__Host-${name}` : name, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: production,
        secrets: [env.SESSION_SECRET],
        maxAge: maxAgeSeconds,
      });
      cookies.set(env, cookie);
    }
    return cookie;
  };
}

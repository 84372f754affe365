import { z } from "zod";
import { signedCookie } from "./cookies.server";
import type { Env } from "./env.server";

/**
 * A secret that must survive the redirect after a POST (a set-password code, a new API key)
 * crosses it in a short-lived (2 minutes), signed, HttpOnly cookie, and the page that shows it
 * clears it: shown once, never in a URL (URLs end up in logs and browser history), and a reload
 * shows it no more. Signed, not encrypted: it lives only on the admin's own device.
 */
function oneShotCookie<S extends z.ZodType>(name: string, schema: S) {
  const cookieFor = signedCookie(name, 120);
  return {
    put: (env: Env, value: z.output<S>): Promise<string> => cookieFor(env).serialize(value),
    /** The value waiting for this page, if any, and the Set-Cookie header that clears it. */
    async take(request: Request, env: Env): Promise<{ value: z.output<S> | null; clear: string | null }> {
      let raw: unknown = null;
      try {
        raw = await cookieFor(env).parse(request.headers.get("Cookie"));
      } catch {
        raw = null;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return { value: null, clear: null };
      return { value: parsed.data, clear: await cookieFor(env).serialize("", { maxAge: 0, expires: new Date(0) }) };
    },
  };
}

const IssuedCode = z.object({ userId: z.string(), code: z.string(), expiresAt: z.string() });
export type IssuedCode = z.infer<typeof IssuedCode>;
const issuedCodes = oneShotCookie("cunzhan_flash", IssuedCode);

/** A freshly issued set-password code, for the account's page after the redirect (ADR 005). */
export function flashIssuedCode(env: Env, issued: IssuedCode): Promise<string> {
  return issuedCodes.put(env, issued);
}

/** The code waiting for this account's page, if any, and the Set-Cookie header that clears it. */
export async function takeIssuedCode(request: Request, env: Env, userId: string): Promise<{ issued: IssuedCode | null; clear: string | null }> {
  const { value, clear } = await issuedCodes.take(request, env);
  return { issued: value && value.userId === userId ? value : null, clear };
}

const NewKey = z.object({ keyId: z.string(), key: z.string() });
export type NewKey = z.infer<typeof NewKey>;
const newKeys = oneShotCookie("cunzhan_key_flash", NewKey);

/** A new partner API key, for the key screen after the redirect: shown once (ADR 013). */
export function flashNewKey(env: Env, value: NewKey): Promise<string> {
  return newKeys.put(env, value);
}

export async function takeNewKey(request: Request, env: Env): Promise<{ created: NewKey | null; clear: string | null }> {
  const { value, clear } = await newKeys.take(request, env);
  return { created: value, clear };
}

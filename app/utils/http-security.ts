/**
 * The HTTP rules every response follows, as pure functions (server.ts applies them in
 * express middleware; app/utils/http-security.test.ts pins them down).
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  /** The Origin header, if any. */
  origin: string | undefined;
  /** The Sec-Fetch-Site header, if any. */
  secFetchSite: string | undefined;
  /** The Host header as received. */
  host: string | undefined;
  /** PUBLIC_URL when set: the one origin this site is reached at. */
  publicUrl: string | undefined;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * True when a state-changing request (anything but GET/HEAD/OPTIONS) comes from another site:
 * its browser says so (Sec-Fetch-Site: cross-site or same-site — a sibling subdomain is not us)
 * or its Origin is not ours. "Ours" is PUBLIC_URL's origin when set, else the Host the request
 * was sent to. Requests with neither header (curl, very old browsers) pass: they carry no
 * ambient cross-site intent, and the SameSite=Lax cookie still is not sent cross-site.
 */
export function isCrossSiteRequest({ method, origin, secFetchSite, host, publicUrl }: RequestOrigin): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const site = secFetchSite?.toLowerCase();
  if (site === "cross-site" || site === "same-site") return true;
  if (origin === undefined) return false;
  if (origin === "null") return true; // sandboxed frames, data: URLs, some redirects: never us
  if (publicUrl) return originOf(publicUrl) !== originOf(origin);
  return !host || hostOf(origin) !== host.toLowerCase();
}

/**
 * Only our own scripts run: files from this origin and inline scripts carrying this response's
 * nonce (Remix's hydration data). No inline styles, no frames of us, forms post only to us —
 * and to the payment gateway's hosted page, when one is configured: the pay form's 303 lands
 * there, and browsers apply form-action to a form's redirects too (ADR 011).
 */
export function contentSecurityPolicy(nonce: string, formActionOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formActionOrigins].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders({
  nonce,
  production,
  formActionOrigins = [],
}: {
  nonce: string;
  production: boolean;
  formActionOrigins?: readonly string[];
}): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, formActionOrigins),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  // Only in production: HSTS on a development http://localhost would stick in the browser for a year.
  if (production) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/**
 * The client's address for rate limits. X-Forwarded-For is believed only behind a proxy we
 * trust (TRUST_PROXY=1), and then only its last entry: the one our proxy appended. Entries to
 * its left are whatever the client chose to send.
 */
export function clientAddress({
  socketAddress,
  forwardedFor,
  trustProxy,
}: {
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  trustProxy: boolean;
}): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(",").map((part) => part.trim()).filter(Boolean).at(-1);
    if (last) return stripIpv4Mapping(last);
  }
  return socketAddress ? stripIpv4Mapping(socketAddress) : "unknown";
}

function stripIpv4Mapping(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

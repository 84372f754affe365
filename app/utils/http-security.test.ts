import { describe, expect, it } from "vitest";
import { clientAddress, contentSecurityPolicy, isCrossSiteRequest, securityHeaders } from "./http-security";

const base = { method: "POST", origin: undefined, secFetchSite: undefined, host: "cunzhan.example.cn", publicUrl: undefined };

describe("isCrossSiteRequest", () => {
  it("never refuses GET, HEAD or OPTIONS", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isCrossSiteRequest({ ...base, method, origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(false);
    }
  });

  it("refuses other methods from another origin or marked cross-site / same-site", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteRequest({ ...base, method, origin: "https://evil.example" })).toBe(true);
    }
    expect(isCrossSiteRequest({ ...base, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, secFetchSite: "same-site", origin: "https://cunzhan.example.cn" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "https://cunzhan.example.cn.evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "not a url" })).toBe(true);
  });

  it("lets same-origin and header-less requests through", () => {
    expect(isCrossSiteRequest({ ...base, origin: "https://cunzhan.example.cn", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, host: "localhost:3000", origin: "http://localhost:3000" })).toBe(false);
    expect(isCrossSiteRequest(base)).toBe(false);
    expect(isCrossSiteRequest({ ...base, secFetchSite: "none" })).toBe(false);
  });

  it("uses PUBLIC_URL's origin, scheme and port included, when it is set", () => {
    const publicUrl = "https://cunzhan.example.cn";
    expect(isCrossSiteRequest({ ...base, publicUrl, origin: "https://cunzhan.example.cn" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, publicUrl, origin: "http://cunzhan.example.cn" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, publicUrl, origin: "https://cunzhan.example.cn:8443" })).toBe(true);
  });
});

describe("headers", () => {
  it("allow only our scripts, with the nonce, and never framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
  });

  it("send HSTS only in production", () => {
    expect(securityHeaders({ nonce: "n", production: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", production: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce: "n", production: false })).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });
});

describe("clientAddress", () => {
  it("uses the socket unless a trusted proxy is configured", () => {
    expect(clientAddress({ socketAddress: "::ffff:10.0.0.7", forwardedFor: "1.2.3.4", trustProxy: false })).toBe("10.0.0.7");
    expect(clientAddress({ socketAddress: undefined, forwardedFor: undefined, trustProxy: false })).toBe("unknown");
  });

  it("behind a trusted proxy, takes the entry the proxy appended, not what the client sent", () => {
    expect(clientAddress({ socketAddress: "10.0.0.1", forwardedFor: "6.6.6.6, 203.0.113.9", trustProxy: true })).toBe("203.0.113.9");
    expect(clientAddress({ socketAddress: "10.0.0.1", forwardedFor: " ", trustProxy: true })).toBe("10.0.0.1");
  });
});

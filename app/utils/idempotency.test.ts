import { describe, expect, it } from "vitest";
import { formEntryKey, requireEntryKey } from "./idempotency";

function thrown(run: () => unknown): Response {
  try {
    run();
  } catch (r) {
    if (r instanceof Response) return r;
    throw r;
  }
  throw new Error("expected a redirect");
}

describe("the entry key in a page's URL (ADR 023)", () => {
  it("is the page's ?entry= when it has the key's shape", () => {
    const key = "6f1c7c1e-8d0b-4c53-9f3e-0a4d2b1f9e77";
    expect(requireEntryKey(new Request(`http://x/stations/a/manage/till?q=米&entry=${key}`))).toBe(key);
  });

  it("sends a page opened without one, or with a malformed one, to itself with a new key, keeping its other parameters", () => {
    for (const path of ["/stations/a/manage/till?q=%E7%B1%B3", "/stations/a/manage/till?q=%E7%B1%B3&entry=x%3Cscript%3E"]) {
      const r = thrown(() => requireEntryKey(new Request(`http://x${path}`)));
      expect(r.status).toBe(302);
      expect(r.headers.get("Cache-Control")).toBe("no-store");
      const to = new URL(r.headers.get("Location")!, "http://x");
      expect(to.pathname).toBe("/stations/a/manage/till");
      expect(to.searchParams.get("q")).toBe("米");
      expect(to.searchParams.get("entry")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const a = thrown(() => requireEntryKey(new Request("http://x/p"))).headers.get("Location");
    const b = thrown(() => requireEntryKey(new Request("http://x/p"))).headers.get("Location");
    expect(a).not.toBe(b);
  });

  it("leaves a client-side navigation's route list out of the address it sends to", () => {
    const r = thrown(() => requireEntryKey(new Request("http://x/p?_routes=routes%2Fp&category=produce")));
    const to = new URL(r.headers.get("Location")!, "http://x");
    expect(to.searchParams.has("_routes")).toBe(false);
    expect(to.searchParams.get("category")).toBe("produce");
  });

  it("reads the key a creating form sent back, or null for none or a malformed one", () => {
    const form = (value?: string) => {
      const f = new FormData();
      if (value !== undefined) f.set("idempotencyKey", value);
      return f;
    };
    expect(formEntryKey(form("6f1c7c1e-8d0b-4c53-9f3e-0a4d2b1f9e77"))).toBe("6f1c7c1e-8d0b-4c53-9f3e-0a4d2b1f9e77");
    expect(formEntryKey(form())).toBeNull();
    expect(formEntryKey(form(""))).toBeNull();
    expect(formEntryKey(form("a b"))).toBeNull();
  });
});

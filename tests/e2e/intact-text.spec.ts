import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support/sign-in";

/**
 * Every page a person can reach arrives with its text intact (ADR 021): as anonymous and as each
 * demo role, crawl the app from the landing page along its own links (GET only, never sign-out)
 * and fail on a NUL or a U+FFFD in any body. Bounded per role, so the run stays short.
 */
const ROLES: { name: string; login?: string; password?: string; start: string[] }[] = [
  { name: "anonymous", start: ["/", "/search?category=produce", "/verify/huawu/2026-11", "/verify/weizhai/2026-11"] },
  { name: "county admin", login: "qianxi-admin", password: "county-demo-2026", start: ["/admin"] },
  { name: "operator", login: "13800000105", password: "station-demo-2026", start: ["/stations/huawu/manage", "/stations/huawu/manage/till"] },
  { name: "committee", login: "weizhai-committee", password: "committee-demo-2026", start: ["/stations/weizhai/ledger"] },
  { name: "accountant", login: "linquan-accountant", password: "accountant-demo-2026", start: ["/stations/gaojin/reports"] },
  { name: "partner", login: "huayu-partner", password: "partner-demo-2026", start: ["/partner"] },
  { name: "buyer", login: "13900000001", password: "buyer-demo-2026", start: ["/account", "/account/orders", "/cart"] },
];
const MAX_PAGES = 200;
const SKIP = /^\/(logout|language|healthz|media\/|build\/|api\/)|\.(png|jpe?g|webp|svg|ico|js|css)(\?|$)/;

/** Same-origin paths linked from an HTML body, without fragments. */
function links(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/href="(\/[^"#]*)/g)) out.push(match[1]!.replaceAll("&amp;", "&"));
  return out;
}

async function crawl(request: APIRequestContext, start: string[]): Promise<{ pages: number; bad: string[] }> {
  const seen = new Set<string>(start);
  const queue = [...start];
  const bad: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const path = queue.shift()!;
    const response = await request.get(path, { maxRedirects: 0 });
    pages++;
    const type = response.headers()["content-type"] ?? "";
    if (!/text|json|csv/.test(type)) continue;
    const body = await response.body();
    const text = body.toString("utf8");
    if (body.includes(0)) bad.push(`${path}: NUL at byte ${body.indexOf(0)}`);
    if (text.includes("\uFFFD")) bad.push(`${path}: U+FFFD at ${text.indexOf("\uFFFD")}`);
    if (response.status() >= 500) bad.push(`${path}: ${response.status()}`);
    if (!type.includes("html")) continue;
    for (const link of links(text)) {
      const key = link.replace(/\/$/, "") || "/";
      if (seen.has(key) || SKIP.test(key)) continue;
      seen.add(key);
      queue.push(key);
    }
  }
  return { pages, bad };
}

test.describe("every page's text arrives intact", () => {
  for (const role of ROLES) {
    test(`as ${role.name}`, async ({ page }) => {
      test.setTimeout(120_000);
      if (role.login) await signIn(page, role.login, role.password!);
      const { pages, bad } = await crawl(page.request, role.start);
      console.log(`intact text: ${role.name}, ${pages} pages checked`);
      expect(pages).toBeGreaterThan(role.login ? 5 : 10);
      expect(bad).toEqual([]);
    });
  }
});

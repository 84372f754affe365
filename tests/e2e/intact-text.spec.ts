import { expect, test, type APIRequestContext } from "@playwright/test";
import { AUDIT_ACTIONS } from "../../app/domain/audit";
import { ORDER_STATUSES } from "../../app/domain/orders";
import { MOVEMENT_KINDS } from "../../app/domain/stock";
import { UNIT_CODES } from "../../app/domain/units";
import { en } from "../../app/locales/en";
import { zhCN } from "../../app/locales/zh-CN";
import { dataStrings } from "./support/factories";
import { signIn } from "./support/sign-in";

/**
 * Every page a person can reach arrives intact (ADR 021) and in one language (issue 14, ADR 022):
 * as anonymous and as each demo role, in Chinese and in English, crawl the app from the landing
 * pages along its own links (GET only, never sign-out) and fail on
 * - a NUL or a U+FFFD in any body, or a 5xx;
 * - a raw dictionary key in what a person reads;
 * - on an English page, Chinese (Han characters or full-width punctuation) outside data — the
 *   names, addresses and notes people entered, which the e2e server lists (dataStrings);
 * - on a Chinese page, a phrase of the English dictionary.
 * Bounded per role and language, so the run stays short.
 */
const ROLES: { name: string; login?: string; password?: string; start: string[] }[] = [
  { name: "anonymous", start: ["/", "/search?category=produce", "/verify/huawu/2026-11", "/verify/weizhai/2026-11"] },
  { name: "county admin", login: "qianxi-admin", password: "county-demo-2026", start: ["/admin", "/admin/accounts"] },
  { name: "operator", login: "13800000105", password: "station-demo-2026", start: ["/stations/huawu/manage", "/stations/huawu/manage/till", "/stations/huawu/manage/till/session", "/stations/huawu/audit"] },
  { name: "committee", login: "weizhai-committee", password: "committee-demo-2026", start: ["/stations/weizhai/ledger"] },
  { name: "accountant", login: "linquan-accountant", password: "accountant-demo-2026", start: ["/stations/gaojin/reports"] },
  { name: "partner", login: "huayu-partner", password: "partner-demo-2026", start: ["/partner"] },
  { name: "buyer", login: "13900000001", password: "buyer-demo-2026", start: ["/account", "/account/orders", "/cart"] },
];
const LANGS = ["zh-CN", "en"] as const;
const MAX_PAGES = 150;
const SKIP = /^\/(logout|language|healthz|media\/|build\/|api\/)|\.(png|jpe?g|webp|svg|ico|js|css)(\?|$)|[?&]lng=/;

/** Same-origin paths linked from an HTML body, without fragments. */
function links(html: string): string[] {
  const out: string[] = [];
  for (const match of html.matchAll(/href="(\/[^"#]*)/g)) out.push(match[1]!.replaceAll("&amp;", "&"));
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/**
 * What a person reads on an HTML page: its text and the words of its controls (placeholders,
 * labels for screen readers, titles, alt texts), without scripts, styles or typed-in values.
 */
function readable(html: string): string[] {
  // An element in another language on purpose (the language switcher's 中文 / English) is left out.
  const body = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<textarea[\s\S]*?<\/textarea>/g, " ")
    // An audit entry's before/after: the record's stored values verbatim (its Chinese fields are data).
    .replace(/<pre\b[^>]*\sdata-stored-values[^>]*>[\s\S]*?<\/pre>/g, " ")
    .replace(/<(a|button|span)\b[^>]*\slang="[^"]*"[^>]*>[\s\S]*?<\/\1>/g, " ");
  const parts: string[] = [];
  for (const m of body.matchAll(/\s(?:placeholder|aria-label|title|alt)="([^"]*)"/g)) parts.push(m[1]!);
  for (const text of body.replace(/<[^>]*>/g, "\n").split("\n")) if (text.trim()) parts.push(text.trim());
  return parts.map((p) => p.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? (name.startsWith("#x") ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : whole)));
}

const KEYS = new Set(Object.keys(zhCN));
const KEY_LIKE = /\b[a-z][a-zA-Z]*(?:\.[a-zA-Z_]+){1,5}\b/g;
/** Chinese a person would see: Han characters, CJK and full-width punctuation. */
const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;
const HAS_CHINESE = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Phrases of the English dictionary long enough to be unmistakable: what a Chinese page must never show. */
const ENGLISH_PHRASES = [
  ...new Set(
    (Object.keys(en) as (keyof typeof en)[])
      .filter((key) => en[key] !== zhCN[key])
      .flatMap((key) => en[key].split(/\{\w+\}/))
      .map((fragment) => fragment.trim())
      .filter((fragment) => fragment.length >= 14 && /[a-z]{3,} [a-z]{3,}/i.test(fragment) && !/[\u3400-\u9fff]/.test(fragment)),
  ),
];

/** The code words of the domain's vocabularies (units, stock movements, order states): a Chinese page words them, never shows them. */
const CODE_WORDS = new RegExp(`(?<![\\w./-])(?:${[...UNIT_CODES.filter((u) => u.length > 2), ...MOVEMENT_KINDS, ...ORDER_STATUSES, "refund"].join("|")})(?![\\w./-])`, "g");

/** The audit trail's codes ("user.create"): every page words them (app/domain/audit.ts). */
const AUDIT_CODES = new RegExp(`(?<![\\w.])(?:${AUDIT_ACTIONS.map((a) => a.replace(".", "\\.")).join("|")})(?![\\w.])`, "g");

interface Checker {
  check(path: string, text: string[]): string[];
}

function checker(lang: (typeof LANGS)[number], data: string[]): Checker {
  const longestFirst = [...data].sort((a, b) => b.length - a.length);
  /** The Chinese left in a text once the data it holds is taken out (and names masked as 杨*梅 on public pages). */
  const leftover = (text: string): string[] => {
    let rest = text;
    for (const d of longestFirst) if (d.length <= rest.length && rest.includes(d)) rest = rest.replaceAll(d, " ");
    rest = rest.replace(/[\u3400-\u9fff]\*+[\u3400-\u9fff]?/g, " ");
    return rest.match(CHINESE) ?? [];
  };
  return {
    check(path, parts) {
      const bad: string[] = [];
      for (const part of parts) {
        for (const m of part.matchAll(KEY_LIKE)) if (KEYS.has(m[0])) bad.push(`${path}: raw key ${m[0]}`);
        for (const m of part.matchAll(AUDIT_CODES)) bad.push(`${path}: raw audit code ${m[0]}`);
        if (lang === "en") {
          if (HAS_CHINESE.test(part)) for (const run of leftover(part)) bad.push(`${path}: Chinese "${run}" in "${part.slice(0, 80)}"`);
        } else {
          for (const phrase of ENGLISH_PHRASES) if (part.includes(phrase)) bad.push(`${path}: English "${phrase}"`);
          for (const m of part.matchAll(CODE_WORDS)) bad.push(`${path}: code word "${m[0]}" in "${part.slice(0, 80)}"`);
        }
      }
      return bad;
    },
  };
}

async function crawl(request: APIRequestContext, start: string[], language: Checker): Promise<{ pages: number; bad: string[] }> {
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
    // A CSV a person opens in a spreadsheet is read too: its cells, headers included.
    if (type.includes("csv")) bad.push(...language.check(path, text.split(/\r?\n/).flatMap((row) => row.split(",")).map((cell) => cell.replace(/^\uFEFF?"?|"$/g, "").trim()).filter(Boolean)));
    if (!type.includes("html")) continue;
    bad.push(...language.check(path, readable(text)));
    for (const link of links(text)) {
      const key = link.replace(/\/$/, "") || "/";
      if (seen.has(key) || SKIP.test(key)) continue;
      seen.add(key);
      queue.push(key);
    }
  }
  return { pages, bad };
}

test.describe("every page arrives intact and in one language", () => {
  let data: string[] = [];
  test.beforeAll(async () => {
    data = await dataStrings();
  });
  for (const lang of LANGS) {
    for (const role of ROLES) {
      test(`as ${role.name}, in ${lang}`, async ({ page, baseURL }) => {
        test.setTimeout(150_000);
        if (role.login) await signIn(page, role.login, role.password!);
        await page.context().addCookies([{ name: "lng", value: lang, url: baseURL! }]);
        const { pages, bad } = await crawl(page.request, role.start, checker(lang, data));
        console.log(`intact text, one language: ${role.name} in ${lang}, ${pages} pages checked, ${bad.length} problems`);
        expect(pages).toBeGreaterThan(role.login ? 5 : 10);
        expect([...new Set(bad)]).toEqual([]);
      });
    }
  }
});

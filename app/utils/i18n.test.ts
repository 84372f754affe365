import { describe, expect, it } from "vitest";
import { en } from "~/locales/en";
import { FEATURE_DICTIONARIES, zhCN } from "~/locales/zh-CN";
import { interpolate, makeTranslate, normalizeLang } from "./i18n";
import { getLang } from "./i18n.server";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("dictionaries", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("use the same placeholders for every key in both languages", () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect({ key, vars: placeholders(en[key]) }).toEqual({ key, vars: placeholders(zhCN[key]) });
    }
  });

  it("never let one feature's file overwrite another's key", () => {
    const parts = FEATURE_DICTIONARIES.map((dictionary) => dictionary.zh);
    const all = parts.flatMap((part) => Object.keys(part));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(zhCN).length).toBe(all.length);
  });

  it("have no empty translations", () => {
    for (const [key, value] of [...Object.entries(zhCN), ...Object.entries(en)]) {
      expect({ key, empty: value.trim() === "" }).toEqual({ key, empty: false });
    }
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{a} 和 {b}", { a: "金银花", b: 3 })).toBe("金银花 和 3");
    expect(interpolate("{missing}", {})).toBe("{missing}");
    expect(makeTranslate("en")("home.stationCount", { count: 5 })).toBe("5 stations");
    expect(makeTranslate("zh-CN")("home.stationCount", { count: 5 })).toBe("共 5 个服务站");
  });

  it("normalises language tags", () => {
    expect(normalizeLang("zh")).toBe("zh-CN");
    expect(normalizeLang("zh-Hans-CN")).toBe("zh-CN");
    expect(normalizeLang("en-GB")).toBe("en");
    expect(normalizeLang("fr")).toBeNull();
  });
});

describe("the request's language", () => {
  const req = (url: string, headers: Record<string, string> = {}) => new Request(`http://x${url}`, { headers });

  it("is Chinese unless chosen, whatever the browser says", () => {
    expect(getLang(req("/"))).toBe("zh-CN");
    expect(getLang(req("/", { "Accept-Language": "en-US,en;q=0.9" }))).toBe("zh-CN");
  });

  it("follows ?lng= before the cookie", () => {
    expect(getLang(req("/?lng=en", { Cookie: "lng=zh-CN" }))).toBe("en");
    expect(getLang(req("/", { Cookie: "a=1; lng=en" }))).toBe("en");
  });

  it("treats a mangled cookie as no preference", () => {
    expect(getLang(req("/", { Cookie: "lng=%E0%A4%A" }))).toBe("zh-CN");
    expect(getLang(req("/?lng=xx"))).toBe("zh-CN");
  });
});

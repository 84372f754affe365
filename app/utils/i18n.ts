import { en } from "~/locales/en";
import { type MessageKey, zhCN } from "~/locales/zh-CN";

/**
 * Our translation layer (ADR 004): typed keys, so a missing translation is a compile error,
 * and no i18n runtime shipped to weak-link phones. Shared by server and browser.
 */
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "zh-CN";
export const LANG_COOKIE = "lng";

export type { MessageKey };
export type Messages = Record<MessageKey, string>;
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const dictionaries: Record<Lang, Messages> = { "zh-CN": zhCN, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps loose tags ("zh", "zh-Hans-CN", "en-GB") to a supported language, or null. */
export function normalizeLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const lower = tag.trim().toLowerCase();
  if (lower.startsWith("zh")) return "zh-CN";
  if (lower.startsWith("en")) return "en";
  return null;
}

export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang];
}

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function interpolate(template: string, vars?: TranslateVars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

export function makeTranslate(lang: Lang): Translate {
  const messages = dictionaries[lang];
  return (key, vars) => interpolate(messages[key], vars);
}

/** Picks the column of a bilingual row for the language: `pick(lang, row.nameZh, row.nameEn)`. */
export function pick(lang: Lang, zh: string, english: string): string {
  return lang === "en" && english ? english : zh;
}

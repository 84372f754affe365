/**
 * The languages Cunzhan speaks and how a bilingual row is read (ADR 004). Pure, so models can
 * pick a row's name in the reader's language without reaching up into the translation layer.
 */
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

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

/** Picks the column of a bilingual row for the language: `pick(lang, row.nameZh, row.nameEn)`. */
export function pick(lang: Lang, zh: string, english: string): string {
  return lang === "en" && english ? english : zh;
}

/** Fills `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}

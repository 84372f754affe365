import { en } from "~/locales/en";
import { type MessageKey, zhCN } from "~/locales/zh-CN";
import type { Lang } from "~/domain/language";

/**
 * Our translation layer (ADR 004): typed keys, so a missing translation is a compile error,
 * and no i18n runtime shipped to weak-link phones. Shared by server and browser.
 */
import { interpolate } from "~/domain/language";
export { DEFAULT_LANG, interpolate, isLang, LANGUAGES, type Lang, normalizeLang, pick } from "~/domain/language";
export const LANG_COOKIE = "lng";

export type { MessageKey };
export type Messages = Record<MessageKey, string>;
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

const dictionaries: Record<Lang, Messages> = { "zh-CN": zhCN, en };

export function messagesFor(lang: Lang): Messages {
  return dictionaries[lang];
}

export function makeTranslate(lang: Lang): Translate {
  const messages = dictionaries[lang];
  return (key, vars) => interpolate(messages[key], vars);
}

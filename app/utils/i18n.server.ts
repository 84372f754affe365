import { DEFAULT_LANG, LANG_COOKIE, type Lang, makeTranslate, normalizeLang, type Translate } from "./i18n";

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null; // a mangled cookie is simply no preference
    }
  }
  return null;
}

/**
 * The request's language: `?lng=` first (a shared link), then the cookie the switch sets,
 * then Chinese. The browser's Accept-Language is deliberately ignored: our users read Chinese,
 * and a borrowed or second-hand phone set to English should not switch the app for them.
 */
export function getLang(request: Request): Lang {
  const url = new URL(request.url);
  return (
    normalizeLang(url.searchParams.get("lng")) ??
    normalizeLang(readCookie(request.headers.get("Cookie"), LANG_COOKIE)) ??
    DEFAULT_LANG
  );
}

export function getTranslate(request: Request): { lang: Lang; t: Translate } {
  const lang = getLang(request);
  return { lang, t: makeTranslate(lang) };
}

/** Set-Cookie value that remembers the language for a year. */
export function langCookie(lang: Lang, secure: boolean): string {
  return `${LANG_COOKIE}=${encodeURIComponent(lang)}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

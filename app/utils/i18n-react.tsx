import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { DEFAULT_LANG, interpolate, type Lang, type MessageKey, type Messages, messagesFor, type TranslateVars } from "./i18n";

interface RootI18nData {
  lang: Lang;
  messages: Messages;
}

/**
 * The page's language and translate function, from the root loader. Falls back to Chinese
 * when the root loader has no data (an error page rendered before it ran).
 */
export function useI18n(): { lang: Lang; t: (key: MessageKey, vars?: TranslateVars) => string } {
  const data = useRouteLoaderData<RootI18nData>("root");
  const lang = data?.lang ?? DEFAULT_LANG;
  const messages = data?.messages ?? messagesFor(DEFAULT_LANG);
  return useMemo(() => ({ lang, t: (key, vars) => interpolate(messages[key], vars) }), [lang, messages]);
}

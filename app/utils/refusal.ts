import type { DomainError, ErrorKind } from "~/domain/errors";
import type { Lang, MessageKey, Translate, TranslateVars } from "./i18n";

/** The shapes of the refusal tables each feature keeps (app/routes-support/<feature>/refusals.ts); refuse() reads them (ADR 017). */

/** One code's words: the message key, where it shows, and the values its placeholders take. */
export interface Refusal {
  key: MessageKey;
  field?: string;
  vars?: (error: DomainError, lang: Lang, t: Translate) => TranslateVars;
  /** Rarely: this screen treats the refusal as another kind (a stale form on the till is a conflict). */
  kind?: ErrorKind;
}

/** A feature's words for its codes; "*" answers every code of that feature without its own entry. */
export type RefusalTable = Record<string, Partial<Record<string, Refusal>>>;

export const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  limited: 429,
  unavailable: 503,
};


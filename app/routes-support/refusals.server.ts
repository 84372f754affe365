import { data } from "@remix-run/node";
import { type DomainError, isDomainError } from "~/domain/errors";
import { formValues, keptValues } from "~/utils/forms";
import type { Lang, Translate } from "~/utils/i18n";
import { type Refusal, type RefusalTable, STATUS } from "~/utils/refusal";
import { ACCOUNT_REFUSALS } from "./admin/refusals";
import { COMMITTEE_REFUSALS } from "./committee/refusals";
import { GOODS_REFUSALS } from "./goods/refusals";
import { LEDGER_REFUSALS } from "./ledger/refusals";
import { ORDER_REFUSALS } from "./orders/refusals";
import { PARTNER_REFUSALS } from "./partners/refusals";
import { TILL_REFUSALS } from "./till/refusals";

/**
 * The one way a refused rule becomes a response (ADR 017). A model or the domain throws a
 * DomainError (feature, code, kind, field); a route catches nothing but hands it here:
 *
 *   } catch (error) {
 *     return refuse(error, { t, lang, values });
 *   }
 *
 * - the status comes from the kind alone (STATUS below);
 * - not_found throws a bare 404 (we never say whether the thing exists at another station);
 * - the message comes from the feature's table (app/routes-support/<feature>/refusals.ts),
 *   or from the screen's own `table` where one screen words another feature's error its own way;
 * - it lands beside the error's field (the table may name another), else at the form's top;
 * - anything that is not a DomainError is rethrown: a bug is a 500, never a polite message.
 */

/** Every feature's own words, merged: the default for any error anywhere. */
const DEFAULTS: RefusalTable = mergeTables(ACCOUNT_REFUSALS, COMMITTEE_REFUSALS, GOODS_REFUSALS, LEDGER_REFUSALS, ORDER_REFUSALS, PARTNER_REFUSALS, TILL_REFUSALS);

function mergeTables(...tables: RefusalTable[]): RefusalTable {
  const merged: RefusalTable = {};
  for (const table of tables) for (const [feature, codes] of Object.entries(table)) merged[feature] = { ...merged[feature], ...codes };
  return merged;
}

function lookup(table: RefusalTable | undefined, error: DomainError): Refusal | undefined {
  const codes = table?.[error.feature];
  return codes?.[error.code] ?? codes?.["*"];
}

/** What a refusal says and where, without the response: for screens that show it another way (a flash, JSON). */
export function describeRefusal(error: DomainError, { t, lang, table }: { t: Translate; lang: Lang; table?: RefusalTable }) {
  const refusal = lookup(table, error) ?? lookup(DEFAULTS, error);
  const kind = refusal?.kind ?? error.kind;
  const message = refusal ? t(refusal.key, refusal.vars?.(error, lang, t)) : t("error.refused", { code: error.code });
  return { status: STATUS[kind], kind, field: refusal?.field ?? error.field ?? "form", message };
}

/**
 * The response for a refused rule: `data({ errors: { [field]: message }, values }, { status })`,
 * a thrown 404 for not_found, and the error itself rethrown when it is not a DomainError.
 */
export function refuse(
  error: unknown,
  { t, lang, values, formData, table }: { t: Translate; lang: Lang; values?: Record<string, string>; formData?: FormData; table?: RefusalTable },
) {
  if (!isDomainError(error)) throw error;
  // What the person typed goes back into the form (never passwords): given, or read from the form.
  values ??= formData ? keptValues(formValues(formData)) : {};
  const { status, kind, field, message } = describeRefusal(error, { t, lang, table });
  if (kind === "not_found") throw new Response("Not found", { status: 404 });
  return data({ errors: { [field]: message } as Record<string, string>, values }, { status });
}

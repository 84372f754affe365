import { data } from "@remix-run/node";
import { z } from "zod";
import type { Chart } from "~/domain/chart-of-accounts";
import { isDomainError } from "~/domain/errors";
import { isBusinessDate } from "~/domain/ledger";
import { type Dec, MoneyError, parseAmount } from "~/domain/money";
import type { DraftLine } from "~/models/ledger/drafts.server";
import { type FieldErrors, formValues, keptValues, optionalText, parseForm, requiredText } from "~/utils/forms";
import { param } from "~/utils/params";
import type { Lang, Translate } from "~/utils/i18n";
import { describeRefusal } from "~/routes-support/refusals.server";
import { DRAFT_REFUSALS } from "./refusals";

/** Rows the draft form offers: enough for a correction or a count difference, small on a phone. */
export const DRAFT_LINE_ROWS = 4;

const DraftIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    date: z.string({ error: "validation.required" }).trim().refine(isBusinessDate, "ledger.badDate"),
    memo: requiredText(500),
    reason: requiredText(1000),
  }),
  z.object({ intent: z.literal("approve"), draftId: param.uuid }),
  z.object({ intent: z.literal("reject"), draftId: param.uuid, note: optionalText(500) }),
]);

export type DraftIntent = z.output<typeof DraftIntent>;

/** A new draft's header and lines, with the form row each line came from (to put an error beside it). */
export type CreateDraftForm = Extract<DraftIntent, { intent: "create" }> & { lines: DraftLine[]; rows: number[] };

export type DraftForm = Exclude<DraftIntent, { intent: "create" }> | CreateDraftForm;

export type DraftFormResult =
  | { ok: true; form: DraftForm }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

function amountOf(raw: string): Dec | "invalid" | null {
  if (!raw.trim()) return null;
  try {
    const d = parseAmount(raw);
    return d.isZero() ? "invalid" : d;
  } catch (error) {
    if (error instanceof MoneyError) return "invalid";
    throw error;
  }
}

/**
 * The drafts form: an intent, and for "create" the header plus up to DRAFT_LINE_ROWS rows of
 * account / debit / credit / party. Empty rows are skipped; a row with both sides, or neither,
 * is an error beside that row. The party's kind comes from the account (the chart says whether
 * it is kept per household or per partner).
 */
export function parseDraftForm(formData: FormData, chart: Chart, t: Translate): DraftFormResult {
  const parsed = parseForm(DraftIntent, formData, t);
  const values = keptValues(formValues(formData));
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (parsed.ok && parsed.data.intent !== "create") return { ok: true, form: parsed.data };
  if (!parsed.ok && values.intent !== "create") return { ok: false, errors, values };
  const lines: DraftLine[] = [];
  const rows: number[] = [];
  for (let i = 0; i < DRAFT_LINE_ROWS; i++) {
    const account = (values[`account${i}`] ?? "").trim();
    const debit = amountOf(values[`debit${i}`] ?? "");
    const credit = amountOf(values[`credit${i}`] ?? "");
    const party = (values[`party${i}`] ?? "").trim().toLowerCase();
    if (!account && debit === null && credit === null && !party) continue;
    if (!account) errors[`line${i}`] = t("ledger.drafts.lineAccount");
    else if (debit === "invalid" || credit === "invalid") errors[`line${i}`] = t("ledger.error.INVALID_AMOUNT");
    else if (debit !== null && credit !== null) errors[`line${i}`] = t("ledger.drafts.lineBoth");
    else if (debit === null && credit === null) errors[`line${i}`] = t("ledger.drafts.lineAmount");
    if (errors[`line${i}`]) continue;
    const amount = (debit ?? (credit as Dec).neg()) as Dec;
    const kind = chart.accounts.get(account)?.subledger ?? "household";
    lines.push({ accountCode: account, amount, ...(party ? { subledger: { kind, id: party } } : {}) });
    rows.push(i);
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, form: { ...(parsed.data as Extract<DraftIntent, { intent: "create" }>), lines, rows } };
}

/**
 * A refused draft (saving or deciding it), as the drafts page shows it: beside the form row of
 * the line at fault, else beside the field the drafts' table names (memo, reason, date), and for
 * a decision beside the draft decided. Anything that is not a DomainError is rethrown.
 */
export function draftRefusal(error: unknown, { t, lang, form }: { t: Translate; lang: Lang; form: DraftForm }) {
  if (!isDomainError(error)) throw error;
  const { status, kind, field, message } = describeRefusal(error, { t, lang, table: DRAFT_REFUSALS });
  if (kind === "not_found") throw new Response("Not found", { status: 404 });
  const line = error.details.line;
  const at = form.intent !== "create" ? `draft-${form.draftId}` : typeof line === "number" ? `line${form.rows[line] ?? line}` : field;
  return data({ errors: { [at]: message } as Record<string, string>, values: {} as Record<string, string> }, { status });
}

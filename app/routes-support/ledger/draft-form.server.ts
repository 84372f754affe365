import { z } from "zod";
import type { Chart } from "~/domain/chart-of-accounts";
import { isBusinessDate, type LedgerError } from "~/domain/ledger";
import { type Dec, MoneyError, parseAmount } from "~/domain/money";
import type { DraftLine } from "~/models/ledger/drafts.server";
import { type FieldErrors, formValues, keptValues, optionalText, parseForm, requiredText } from "~/utils/forms";
import type { Translate } from "~/utils/i18n";
import { ledgerErrorMessage } from "./format";

/** Rows the draft form offers: enough for a correction or a count difference, small on a phone. */
export const DRAFT_LINE_ROWS = 4;

const DraftIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    date: z.string({ error: "validation.required" }).trim().refine(isBusinessDate, "ledger.badDate"),
    memo: requiredText(500),
    reason: requiredText(1000),
  }),
  z.object({ intent: z.literal("approve"), draftId: z.string().uuid("validation.invalid") }),
  z.object({ intent: z.literal("reject"), draftId: z.string().uuid("validation.invalid"), note: optionalText(500) }),
]);

export type DraftIntent = z.output<typeof DraftIntent>;

/** A new draft's header and lines, with the form row each line came from (to put an error beside it). */
export type CreateDraftForm = Extract<DraftIntent, { intent: "create" }> & { lines: DraftLine[]; rows: number[] };

export type DraftFormResult =
  | { ok: true; form: Exclude<DraftIntent, { intent: "create" }> | CreateDraftForm }
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

/** A LedgerError from saving or deciding a draft, as the field (or the form) it belongs beside. */
export function draftErrorFields(t: Translate, error: LedgerError, rows: readonly number[] = []): FieldErrors {
  if (error.line !== undefined) return { [`line${rows[error.line] ?? error.line}`]: ledgerErrorMessage(t, error.code) };
  switch (error.code) {
    case "BAD_MEMO":
      return { memo: ledgerErrorMessage(t, error.code) };
    case "BAD_REASON":
      return { reason: ledgerErrorMessage(t, error.code) };
    case "BAD_DATE":
    case "PERIOD_CLOSED":
      return { date: ledgerErrorMessage(t, error.code) };
    default:
      return { form: ledgerErrorMessage(t, error.code) };
  }
}

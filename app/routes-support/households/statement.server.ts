import { z } from "zod";
import { addDays, chinaToday, firstOfMonth } from "~/domain/dates";
import { isBusinessDate } from "~/domain/ledger";
import type { StatementLine } from "~/models/households/payouts.server";
import { journalMemo } from "~/routes-support/ledger/format";
import { type FormResult, parseValues } from "~/utils/forms";
import type { Translate } from "~/utils/i18n";

const Day = z.string().refine((s) => isBusinessDate(s), "till.statement.error.date");

/** The statement's period: both ends optional (three calendar months to today by default), the end not before the start nor after today. */
function rangeSchema(today: string) {
  return z
    .object({ from: Day.optional(), to: Day.optional() })
    .transform((r) => {
      const to = r.to ?? today;
      return { from: r.from ?? firstOfMonth(addDays(firstOfMonth(addDays(firstOfMonth(to), -1)), -1)), to };
    })
    .superRefine((r, ctx) => {
      if (r.to > today) ctx.addIssue({ code: "custom", path: ["to"], message: "till.statement.error.future" });
      else if (r.from > r.to) ctx.addIssue({ code: "custom", path: ["to"], message: "till.statement.error.order" });
    });
}

/**
 * The ?from=&to= of a household statement, parsed like a form (ADR 018): a bad date or a
 * reversed range is a field error in the reader's language, never silently swapped.
 */
export function statementRange(request: Request, t: Translate, today = chinaToday()): FormResult<{ from: string; to: string }> {
  const params = new URL(request.url).searchParams;
  const values: Record<string, string> = {};
  for (const key of ["from", "to"] as const) {
    const value = params.get(key)?.trim();
    if (value) values[key] = value;
  }
  return parseValues(rangeSchema(today), values, t);
}

/** What a statement line was, in the reader's language: its document and number. */
export function statementLineLabel(t: Translate, line: StatementLine): string {
  const ref = line.ref ?? "";
  switch (line.kind) {
    case "sale":
    case "refund":
    case "void":
    case "payout":
    case "orderCompleted":
    case "orderRefund":
    case "reversal":
      return t(`till.statement.line.${line.kind}`, { ref });
    case "bulkDelivery":
      return t("till.statement.line.bulkDelivery", { ref, order: line.order ?? "" });
    case "other":
      return journalMemo(t, line);
  }
}

import { data } from "@remix-run/node";
import { chinaToday } from "~/domain/dates";
import { parseReportRange, type RangeProblem } from "~/domain/reports";
import type { MessageKey, Translate } from "~/utils/i18n";

/**
 * The boundary of every report route: the ?from=&to= range (parsed by the domain's
 * parseReportRange) and CSV responses. A bad range is a 400 with a translated message per field.
 */

const PROBLEM_KEYS: Record<RangeProblem, MessageKey> = {
  invalid: "reports.range.invalid",
  inverted: "reports.range.inverted",
  tooLong: "reports.range.tooLong",
};

export type RangeFailure = { errors: Partial<Record<"from" | "to", string>>; values: { from: string; to: string } };

/** The report's range, or a failure for the loader to return with status 400. */
export function reportRange(request: Request, t: Translate, today = chinaToday()): { ok: true; from: string; to: string } | { ok: false; failure: RangeFailure } {
  const url = new URL(request.url);
  const raw = { from: url.searchParams.get("from"), to: url.searchParams.get("to") };
  const parsed = parseReportRange(raw, today);
  if (parsed.ok) return parsed;
  const errors: RangeFailure["errors"] = {};
  for (const [field, problem] of Object.entries(parsed.errors) as ["from" | "to", RangeProblem][]) errors[field] = t(PROBLEM_KEYS[problem]);
  return { ok: false, failure: { errors, values: { from: (raw.from ?? "").slice(0, 40), to: (raw.to ?? "").slice(0, 40) } } };
}

/** The 400 a loader returns for a bad range: the page shows the range form with the messages. */
export function badRange<E extends object>(failure: RangeFailure, extra: E) {
  return data({ ok: false as const, ...extra, range: failure.values, errors: failure.errors }, { status: 400 });
}

/** A CSV download (the body from the domain's toCsv). */
export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

import { z } from "zod";
import { chinaToday, firstOfMonth } from "~/domain/dates";
import { isBusinessDate } from "~/domain/ledger";

const Range = z.object({
  from: z.string().refine(isBusinessDate).optional(),
  to: z.string().refine(isBusinessDate).optional(),
});

/**
 * The ?from=&to= of a ledger page: `to` defaults to today at the stations, `from` to the first
 * of `to`'s month. A malformed or reversed range falls back to the defaults and says so.
 */
export function ledgerRange(request: Request, today = chinaToday()): { from: string; to: string; invalid: boolean } {
  const url = new URL(request.url);
  const raw = { from: url.searchParams.get("from") || undefined, to: url.searchParams.get("to") || undefined };
  const parsed = Range.safeParse(raw);
  if (!parsed.success || (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) || (parsed.data.from ?? "2000") < "1900-01-02") {
    return { from: firstOfMonth(today), to: today, invalid: true };
  }
  const to = parsed.data.to ?? (parsed.data.from && parsed.data.from > today ? parsed.data.from : today);
  return { from: parsed.data.from ?? firstOfMonth(to), to, invalid: false };
}

/**
 * Business dates are calendar days written YYYY-MM-DD, with no time zone: the day the
 * business happened at the station. Arithmetic on them goes through UTC midnight, so no
 * daylight-saving or server time zone can shift a day.
 */

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

function format(t: Date): string {
  return t.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** 2026-03-17 → 2026-03-01. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** 2026-03-17 → 2026-04-01 (the first day of the following month). */
export function nextMonthStart(date: string): string {
  const [y, m] = parts(date);
  return format(new Date(Date.UTC(y, m, 1)));
}

/** The last day of the month: 2024-02-10 → 2024-02-29. */
export function lastOfMonth(date: string): string {
  return addDays(nextMonthStart(date), -1);
}

/** The first day of the first whole month starting on or after `date`. */
export function monthStartOnOrAfter(date: string): string {
  return date.endsWith("-01") ? date : nextMonthStart(date);
}

/** "2026-03" for a YYYY-MM month, or null. */
export function parseMonth(value: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  return m && Number(m[1]) >= 1900 ? `${m[1]}-${m[2]}` : null;
}

/** Today's date at the stations (China Standard Time, UTC+8, no daylight saving). */
export function chinaToday(now: Date = new Date()): string {
  return format(new Date(now.getTime() + 8 * 3600_000));
}

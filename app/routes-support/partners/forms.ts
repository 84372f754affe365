import { z } from "zod";
import { parseCommissionPercent } from "~/domain/catalog";
import { D, type Dec } from "~/domain/money";
import { PARTNER_KINDS, PARTNER_MODES, PARTNER_STATUSES, REMITTANCE_SCHEDULES } from "~/domain/partners";
import { UNIT_CODES, UNITS, type UnitCode } from "~/domain/units";

/** The partner company form, as the admin fills it in (create and edit). */
export const PartnerForm = z.object({
  nameZh: z.string().trim().min(1, "validation.required").max(60, "validation.tooLong"),
  nameEn: z.string().trim().max(100, "validation.tooLong").optional().default(""),
  kind: z.enum(PARTNER_KINDS, { error: "validation.invalid" }),
  mode: z.enum(PARTNER_MODES, { error: "validation.invalid" }),
  contactName: z.string().trim().max(40, "validation.tooLong").optional().default(""),
  contactPhone: z
    .string()
    .trim()
    .regex(/^([0-9+ -]{5,20})?$/, "validation.invalid")
    .optional()
    .default(""),
  addressZh: z.string().trim().max(200, "validation.tooLong").optional().default(""),
  bankAccount: z
    .string()
    .trim()
    .regex(/^([0-9]{12,19})?$/, "validation.invalid")
    .optional()
    .default(""),
  bankName: z.string().trim().max(60, "validation.tooLong").optional().default(""),
  status: z.enum(PARTNER_STATUSES, { error: "validation.invalid" }).optional().default("active"),
});

/** A station's terms with a partner; `ratePercent` comes out as the commission rate (a fraction). */
export const TermsForm = z.object({
  stationId: z.string().uuid("validation.invalid"),
  ratePercent: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, "partners.error.rate")
    .refine((v) => new D(v).lte(100), "partners.error.rate")
    // The percent as typed, read as the rate the terms store (8 → 0.08).
    .transform((v) => parseCommissionPercent(v)),
  days: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "partners.error.days")
    .refine((v) => Number(v) <= 365, "partners.error.days"),
  schedule: z.enum(REMITTANCE_SCHEDULES, { error: "validation.invalid" }),
  prices: z.string().max(2000, "validation.tooLong").optional().default(""),
});

const UNIT_BY_LABEL = new Map<string, UnitCode>(UNIT_CODES.flatMap((u) => [[u, u], [UNITS[u].zh, u], [UNITS[u].en.one, u], [UNITS[u].en.other, u]] as [string, UnitCode][]));

/**
 * "金银花 斤 32.00" lines → agreed prices; the 1-based number of the first line that cannot be read otherwise.
 */
export function parsePriceLines(text: string): { ok: true; prices: { produceName: string; unit: UnitCode; unitPrice: Dec }[] } | { ok: false; line: number } {
  const prices: { produceName: string; unit: UnitCode; unitPrice: Dec }[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.+?)\s+(\S+)\s+(\d{1,9}(?:\.\d{1,2})?)$/.exec(line);
    const unit = m ? UNIT_BY_LABEL.get(m[2]!) : undefined;
    if (!m || !unit || new D(m[3]!).lte(0)) return { ok: false, line: i + 1 };
    prices.push({ produceName: m[1]!.trim().slice(0, 60), unit, unitPrice: new D(m[3]!) });
  }
  return { ok: true, prices };
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const StatementQuery = z.object({ from: Day.optional().catch(undefined), to: Day.optional().catch(undefined) });

/** A statement's period from the query string (`from`, `to`), defaulting to `defaultFrom` … today; reversed dates are swapped. */
export function statementPeriod(url: string, today: string, defaultFrom: string): { from: string; to: string } {
  const query = StatementQuery.parse(Object.fromEntries(new URL(url).searchParams));
  const from = query.from ?? defaultFrom;
  const to = query.to ?? today;
  return from <= to ? { from, to } : { from: to, to: from };
}

import type { AppLoadContext } from "@remix-run/node";
import { pick } from "~/domain/language";
import type { UnitCode } from "~/domain/units";
import { formatQty } from "~/routes-support/goods/format";
import { AGEING_BUCKETS, toCsv } from "~/domain/reports";
import { countyRollup } from "~/models/reports/county.server";
import { farmerIncome, incomeStatement } from "~/models/reports/reports.server";
import { operatorAssessment, partnerReceivables, salesReport } from "~/models/reports/sales.server";
import type { Lang, MessageKey, Translate } from "~/utils/i18n";

/**
 * The layouts of the reports' CSV files (UTF-8 with BOM via the domain's toCsv): each reads its
 * report from the models and lays out its rows; the routes only pick one and send it.
 */

type Db = AppLoadContext["db"];

export const STATION_CSV_REPORTS = ["income", "farmers", "sales", "partners", "assessment"] as const;
export type StationCsvReport = (typeof STATION_CSV_REPORTS)[number];

export interface StationCsvInput {
  stationId: string;
  /** The station's name in the reader's language. */
  stationName: string;
  from: string;
  to: string;
  t: Translate;
  lang: Lang;
}

type Layout = (db: Db, input: StationCsvInput) => Promise<string>;

const heading = ({ t, stationName, from, to }: StationCsvInput, key: MessageKey) => [t(key), stationName, from, to];

const LAYOUTS: Record<StationCsvReport, Layout> = {
  async income(db, input) {
    const { t } = input;
    const s = await incomeStatement(db, input);
    return toCsv([
      heading(input, "reports.income.title"),
      [t("reports.income.bySource"), t("reports.amount"), t("reports.csv.accounts")],
      ...s.bySource.map((b) => [t(`reports.source.${b.source}`), b.amount, b.accountCodes.join(" ")]),
      [t("reports.income.totalIncome"), s.totalIncome],
      [t("reports.income.expenses"), t("reports.amount"), t("reports.csv.accounts")],
      ...s.expensesByKind.map((e) => [t(`reports.kind.${e.kind}`), e.amount, e.accountCodes.join(" ")]),
      [t("reports.income.totalExpenses"), s.totalExpenses],
      [t("reports.income.net"), s.net],
      [],
      [t("reports.month"), t("reports.income.series.income"), t("reports.income.series.expenses")],
      ...s.byMonth.map((m) => [m.month, m.income, m.expenses]),
    ]);
  },
  async farmers(db, input) {
    const { t, lang } = input;
    const f = await farmerIncome(db, input);
    return toCsv([
      heading(input, "reports.farmers.title"),
      [t("reports.farmers.added"), f.added, t("reports.farmers.paid"), f.paid, t("reports.farmers.owed"), f.owed, t("reports.farmers.households"), f.households],
      [],
      [t("reports.farmers.household"), t("reports.farmers.village"), t("reports.farmers.added"), t("reports.farmers.paid"), t("reports.farmers.owed"), "id"],
      ...f.byHousehold.map((h) => [h.name, h.village, h.added, h.paid, h.owed, h.householdId]),
      [],
      [t("reports.farmers.village"), t("reports.farmers.households"), t("reports.farmers.added"), t("reports.farmers.paid"), t("reports.farmers.owed")],
      ...f.byVillage.map((v) => [v.village, v.households, v.added, v.paid, v.owed]),
      [],
      [t("reports.farmers.product"), t("reports.farmers.quantity"), t("reports.farmers.added")],
      ...f.byProduct.map((p) => [pick(lang, p.nameZh, p.nameEn), formatQty(p.quantity, p.unit as UnitCode, lang), p.added]),
      [],
      [t("reports.month"), t("reports.farmers.added"), t("reports.farmers.paid")],
      ...f.byMonth.map((m) => [m.month, m.added, m.paid]),
    ]);
  },
  async sales(db, input) {
    const { t, lang } = input;
    const s = await salesReport(db, input);
    return toCsv([
      heading(input, "reports.sales.title"),
      [t("reports.sales.total"), s.total, t("reports.sales.walkIn"), s.walkIn, t("reports.sales.online"), s.online],
      [],
      [t("reports.farmers.product"), "category", t("reports.farmers.quantity"), t("reports.amount"), t("reports.sales.commission")],
      ...s.byProduct.map((p) => [pick(lang, p.nameZh, p.nameEn), p.category, formatQty(p.quantity, p.unit as UnitCode, lang), p.amount, p.commission]),
      [],
      [t("reports.month"), t("reports.sales.walkIn"), t("reports.sales.online")],
      ...s.byMonth.map((m) => [m.month, m.walkIn, m.online]),
    ]);
  },
  async partners(db, { stationId, stationName, from, to, t, lang }) {
    const p = await partnerReceivables(db, { stationId, asOf: to, from });
    return toCsv([
      [t("reports.partners.title"), stationName, t("reports.partners.asOf", { date: p.asOf })],
      [t("reports.partners.partner"), ...AGEING_BUCKETS.map((b) => t(`reports.partners.bucket.${b}`)), t("reports.total"), t("reports.partners.oldest")],
      ...p.rows.map((r) => [pick(lang, r.partnerName, r.partnerNameEn), ...AGEING_BUCKETS.map((b) => r.buckets[b]), r.total, r.oldest]),
      [t("reports.total"), ...AGEING_BUCKETS.map((b) => p.buckets[b]), p.total],
    ]);
  },
  async assessment(db, input) {
    const { t } = input;
    const a = await operatorAssessment(db, input);
    return toCsv([
      heading(input, "reports.assessment.title"),
      [t("reports.assessment.score"), a.result.score],
      ["sales", a.sales, a.result.parts.sales],
      ["households", a.householdsServed, a.result.parts.households],
      ["orders", a.orders ? `${a.orders.onTime}/${a.orders.due}` : "", a.result.parts.orders],
      ["cash_variance", a.cashVariance, a.result.parts.cash],
      ["payouts_on_time_percent", a.payouts.share, a.result.parts.payouts],
    ]);
  },
};

/** One station report's CSV body. */
export function stationReportCsv(db: Db, report: StationCsvReport, input: StationCsvInput): Promise<string> {
  return LAYOUTS[report](db, input);
}

/** The county roll-up's CSV body: a row per station, then the totals. */
export async function countyRollupCsv(db: Db, { countyIds, from, to, t, lang }: { countyIds: string[]; from: string; to: string; t: Translate; lang: Lang }): Promise<string> {
  const r = await countyRollup(db, { countyIds, from, to });
  return toCsv([
    [t("reports.county.title"), from, to],
    [t("reports.county.station"), t("reports.county.township"), t("reports.county.income"), t("reports.source.commission_produce"), t("reports.source.commission_partner"), t("reports.county.net"), t("reports.county.added"), t("reports.county.paid"), t("reports.county.owed"), t("reports.county.households")],
    ...r.rows.map((s) => [pick(lang, s.nameZh, s.nameEn), pick(lang, s.townshipZh, s.townshipEn), s.totalIncome, s.income.commission_produce, s.income.commission_partner, s.net, s.farmerAdded, s.farmerPaid, s.farmerOwed, s.households]),
    [t("reports.total"), "", r.totals.totalIncome, r.totals.income.commission_produce, r.totals.income.commission_partner, r.totals.net, r.totals.farmerAdded, r.totals.farmerPaid, r.totals.farmerOwed, r.totals.households],
  ]);
}

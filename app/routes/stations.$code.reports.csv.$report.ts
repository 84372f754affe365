import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { AGEING_BUCKETS, toCsv } from "~/domain/reports";
import { farmerIncome, incomeStatement } from "~/models/reports/reports.server";
import { operatorAssessment, partnerReceivables, salesReport } from "~/models/reports/sales.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { getTranslate } from "~/utils/i18n.server";
import { csvResponse, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read") };

const Report = z.enum(["income", "farmers", "sales", "partners", "assessment"]);

/** Every station report as CSV (UTF-8 with BOM, so spreadsheets read the Chinese): /stations/:code/reports/csv/:report?from=&to=. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const report = Report.safeParse(params.report);
  if (!report.success) throw new Response("Not found", { status: 404 });
  const { lang, t } = getTranslate(request);
  const range = reportRange(request, t);
  if (!range.ok) return data({ errors: range.failure.errors, values: range.failure.values }, { status: 400 });
  const args = { stationId: station.station.id, from: range.from, to: range.to };
  const name = pick(lang, station.station.nameZh, station.station.nameEn);
  const file = `${report.data}-${station.station.code}-${range.from}-${range.to}.csv`;
  const title = (key: Parameters<typeof t>[0]) => [t(key), name, range.from, range.to];
  switch (report.data) {
    case "income": {
      const s = await incomeStatement(context.db, args);
      return csvResponse(
        toCsv([
          title("reports.income.title"),
          [t("reports.income.bySource"), t("reports.amount"), "accounts"],
          ...s.bySource.map((b) => [t(`reports.source.${b.source}`), b.amount, b.accountCodes.join(" ")]),
          [t("reports.income.totalIncome"), s.totalIncome],
          [t("reports.income.expenses"), t("reports.amount"), "accounts"],
          ...s.expensesByKind.map((e) => [t(`reports.kind.${e.kind}`), e.amount, e.accountCodes.join(" ")]),
          [t("reports.income.totalExpenses"), s.totalExpenses],
          [t("reports.income.net"), s.net],
          [],
          [t("reports.month"), t("reports.income.series.income"), t("reports.income.series.expenses")],
          ...s.byMonth.map((m) => [m.month, m.income, m.expenses]),
        ]),
        file,
      );
    }
    case "farmers": {
      const f = await farmerIncome(context.db, args);
      return csvResponse(
        toCsv([
          title("reports.farmers.title"),
          [t("reports.farmers.added"), f.added, t("reports.farmers.paid"), f.paid, t("reports.farmers.owed"), f.owed, t("reports.farmers.households"), f.households],
          [],
          [t("reports.farmers.household"), t("reports.farmers.village"), t("reports.farmers.added"), t("reports.farmers.paid"), t("reports.farmers.owed"), "id"],
          ...f.byHousehold.map((h) => [h.name, h.village, h.added, h.paid, h.owed, h.householdId]),
          [],
          [t("reports.farmers.village"), t("reports.farmers.households"), t("reports.farmers.added"), t("reports.farmers.paid"), t("reports.farmers.owed")],
          ...f.byVillage.map((v) => [v.village, v.households, v.added, v.paid, v.owed]),
          [],
          [t("reports.farmers.product"), t("reports.farmers.quantity"), t("reports.farmers.added")],
          ...f.byProduct.map((p) => [pick(lang, p.nameZh, p.nameEn), `${p.quantity} ${p.unit}`, p.added]),
          [],
          [t("reports.month"), t("reports.farmers.added"), t("reports.farmers.paid")],
          ...f.byMonth.map((m) => [m.month, m.added, m.paid]),
        ]),
        file,
      );
    }
    case "sales": {
      const s = await salesReport(context.db, args);
      return csvResponse(
        toCsv([
          title("reports.sales.title"),
          [t("reports.sales.total"), s.total, t("reports.sales.walkIn"), s.walkIn, t("reports.sales.online"), s.online],
          [],
          [t("reports.farmers.product"), "category", t("reports.farmers.quantity"), t("reports.amount"), t("reports.sales.commission")],
          ...s.byProduct.map((p) => [pick(lang, p.nameZh, p.nameEn), p.category, `${p.quantity} ${p.unit}`, p.amount, p.commission]),
          [],
          [t("reports.month"), t("reports.sales.walkIn"), t("reports.sales.online")],
          ...s.byMonth.map((m) => [m.month, m.walkIn, m.online]),
        ]),
        file,
      );
    }
    case "partners": {
      const p = await partnerReceivables(context.db, { stationId: args.stationId, asOf: args.to, from: args.from });
      return csvResponse(
        toCsv([
          [t("reports.partners.title"), name, t("reports.partners.asOf", { date: p.asOf })],
          [t("reports.partners.partner"), ...AGEING_BUCKETS.map((b) => t(`reports.partners.bucket.${b}`)), t("reports.total"), t("reports.partners.oldest")],
          ...p.rows.map((r) => [r.partnerName, ...AGEING_BUCKETS.map((b) => r.buckets[b]), r.total, r.oldest]),
          [t("reports.total"), ...AGEING_BUCKETS.map((b) => p.buckets[b]), p.total],
        ]),
        file,
      );
    }
    case "assessment": {
      const a = await operatorAssessment(context.db, args);
      return csvResponse(
        toCsv([
          title("reports.assessment.title"),
          [t("reports.assessment.score"), a.result.score],
          ["sales", a.sales, a.result.parts.sales],
          ["households", a.householdsServed, a.result.parts.households],
          ["orders", a.orders ? `${a.orders.onTime}/${a.orders.due}` : "", a.result.parts.orders],
          ["cash_variance", a.cashVariance, a.result.parts.cash],
          ["payouts_on_time_percent", a.payouts.share, a.result.parts.payouts],
        ]),
        file,
      );
    }
  }
}

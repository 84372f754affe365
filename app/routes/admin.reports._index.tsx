import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { AmountCell, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { countyRollup } from "~/models/reports/county.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

/** 全县汇总: every station of the admin's counties side by side (CSV at /admin/reports/csv). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const head = { meta: { title: `${t("reports.county.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const r = await countyRollup(context.db, { countyIds, from: range.from, to: range.to });
  const rows = r.rows.map((s) => ({ ...s, name: pick(lang, s.nameZh, s.nameEn), township: pick(lang, s.townshipZh, s.townshipEn) }));
  return { ok: true as const, ...head, range: { from: range.from, to: range.to }, rows, totals: r.totals };
}

export const meta = routeMeta;

export default function CountyRollupPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("reports.county.title")}</h1>
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const q = `?from=${from}&to=${to}`;
  return (
    <div className="space-y-4">
      <header className="space-y-2">
        <p className="no-print text-sm text-stone-500">
          <a href="/admin">{t("admin.title")}</a>
        </p>
        <h1 className="text-2xl font-bold">{t("reports.county.title")}</h1>
        <p className="text-stone-600">{t("reports.range.period", { from, to })}</p>
        <p className="no-print text-sm">
          <a href={`/admin/reports/csv${q}`} download>
            {t("reports.csv")}
          </a>
        </p>
      </header>
      <ReportRangeForm from={from} to={to} />
      <BarChart title={t("reports.county.chart")} series={[{ name: t("reports.county.added"), points: d.rows.map((s) => ({ label: s.name, value: s.farmerAdded, href: `/stations/${s.code}/reports/farmers${q}` })) }]} />
      <ReportTable
        width="wide"
        testId="county-rollup"
        head={[
          { label: t("reports.county.station") },
          { label: t("reports.county.income"), numeric: true },
          { label: t("reports.county.commission"), numeric: true },
          { label: t("reports.county.net"), numeric: true },
          { label: t("reports.county.added"), numeric: true },
          { label: t("reports.county.paid"), numeric: true },
          { label: t("reports.county.owed"), numeric: true },
          { label: t("reports.county.households"), numeric: true },
        ]}
      >
        {d.rows.map((s) => (
          <tr key={s.stationId} className="border-t border-stone-100">
            <td className="px-2 py-2">
              <a href={`/stations/${s.code}/reports${q}`} className="block min-w-[9rem]">{s.name}</a>
              <span className="block text-xs text-stone-500">{s.township}</span>
            </td>
            <AmountCell amount={s.totalIncome} href={`/stations/${s.code}/reports/income${q}`} />
            <AmountCell amount={s.income.commission_produce} href={`/stations/${s.code}/ledger/accounts/50101${q}`} />
            <AmountCell amount={s.net} href={`/stations/${s.code}/reports/income${q}`} />
            <AmountCell amount={s.farmerAdded} href={`/stations/${s.code}/reports/farmers${q}`} testId={`county-added-${s.code}`} />
            <AmountCell amount={s.farmerPaid} href={`/stations/${s.code}/reports/farmers${q}`} />
            <AmountCell amount={s.farmerOwed} href={`/stations/${s.code}/ledger/accounts/21101${q}`} />
            <td className="px-2 py-2 text-right tabular-nums">{s.households}</td>
          </tr>
        ))}
        <tr className="border-t border-stone-300 font-semibold">
          <td className="px-2 py-2">{t("reports.total")}</td>
          <AmountCell amount={d.totals.totalIncome} />
          <AmountCell amount={d.totals.income.commission_produce} />
          <AmountCell amount={d.totals.net} />
          <AmountCell amount={d.totals.farmerAdded} />
          <AmountCell amount={d.totals.farmerPaid} />
          <AmountCell amount={d.totals.farmerOwed} />
          <td className="px-2 py-2 text-right tabular-nums">{d.totals.households}</td>
        </tr>
      </ReportTable>
    </div>
  );
}

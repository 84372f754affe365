import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LineChart } from "~/components/charts";
import { AmountCell, Figure, glHref, ReportHeader, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { lastOfMonth } from "~/domain/dates";
import { incomeStatement } from "~/models/reports/reports.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount } from "~/routes-support/ledger/format";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 收支表: income by source and expenses by kind over any range, each figure linked to its general ledger. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.income.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const s = await incomeStatement(context.db, { stationId: station.station.id, from: range.from, to: range.to });
  return { ok: true as const, ...head, range: { from: range.from, to: range.to }, statement: s };
}

export const meta = routeMeta;

export default function IncomeStatementPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.income.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const s = d.statement;
  const gl = (code: string) => glHref(d.stationCode, code, from, to);
  const codesLink = (codes: string[]) => (codes.length === 1 ? gl(codes[0]!) : undefined);
  return (
    <div className="space-y-4">
      <ReportHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("reports.income.title")}
        subtitle={t("reports.range.period", { from, to })}
        csvHref={`/stations/${d.stationCode}/reports/csv/income?from=${from}&to=${to}`}
      />
      <ReportRangeForm from={from} to={to} />
      <dl className="card grid grid-cols-3 gap-2">
        <Figure label={t("reports.income.totalIncome")} amount={groupAmount(s.totalIncome)} testId="total-income" />
        <Figure label={t("reports.income.totalExpenses")} amount={groupAmount(s.totalExpenses)} />
        <Figure label={t("reports.income.net")} amount={groupAmount(s.net)} testId="net" />
      </dl>
      <LineChart
        title={t("reports.income.chart")}
        series={[
          { name: t("reports.income.series.income"), points: s.byMonth.map((m) => ({ label: m.month, value: m.income, href: `?from=${m.month}-01&to=${(lastOfMonth(`${m.month}-01`) < to ? lastOfMonth(`${m.month}-01`) : to)}` })) },
          { name: t("reports.income.series.expenses"), points: s.byMonth.map((m) => ({ label: m.month, value: m.expenses })) },
        ]}
      />
      <h2 className="text-lg font-semibold">{t("reports.income.bySource")}</h2>
      <ReportTable head={[{ label: t("reports.income.bySource") }, { label: t("reports.amount"), numeric: true }]} testId="income-by-source">
        {s.bySource.map((b) => (
          <tr key={b.source} className="border-t border-stone-100">
            <td className="px-2 py-2">
              {t(`reports.source.${b.source}`)}
              {b.accountCodes.length > 1 ? (
                <span className="block text-xs">
                  {b.accountCodes.map((c) => (
                    <a key={c} href={gl(c)} className="mr-2">
                      {c}
                    </a>
                  ))}
                </span>
              ) : null}
            </td>
            <AmountCell amount={b.amount} href={codesLink(b.accountCodes)} testId={`source-${b.source}`} />
          </tr>
        ))}
        <tr className="border-t border-stone-300 font-semibold">
          <td className="px-2 py-2">{t("reports.income.totalIncome")}</td>
          <AmountCell amount={s.totalIncome} />
        </tr>
      </ReportTable>
      <h2 className="text-lg font-semibold">{t("reports.income.expenses")}</h2>
      <ReportTable head={[{ label: t("reports.income.expenses") }, { label: t("reports.amount"), numeric: true }]}>
        {s.expensesByKind
          .filter((e) => e.amount !== "0.00")
          .map((e) => (
            <tr key={e.kind} className="border-t border-stone-100">
              <td className="px-2 py-2">{t(`reports.kind.${e.kind}`)}</td>
              <AmountCell amount={e.amount} href={codesLink(e.accountCodes)} />
            </tr>
          ))}
        <tr className="border-t border-stone-300 font-semibold">
          <td className="px-2 py-2">{t("reports.income.totalExpenses")}</td>
          <AmountCell amount={s.totalExpenses} />
        </tr>
      </ReportTable>
    </div>
  );
}

/** The last day of a month inside the range (the range's end when it ends mid-month). */

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { Figure, glHref, ReportHeader, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { operatorAssessment } from "~/models/reports/sales.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount } from "~/routes-support/ledger/format";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 考核: the score, each part's figure and points, and the formula in words. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.assessment.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const report = await operatorAssessment(context.db, { stationId: station.station.id, from: range.from, to: range.to });
  return { ok: true as const, ...head, range: { from: range.from, to: range.to }, report };
}

export const meta = routeMeta;

export default function AssessmentPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.assessment.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const a = d.report;
  const c = a.constants;
  const w = c.weights;
  const rows = [
    { key: "sales", label: t("reports.assessment.sales", { target: groupAmount(a.result.salesTarget) }), figure: groupAmount(a.sales), points: a.result.parts.sales, max: w.sales, href: `/stations/${d.stationCode}/reports/sales?from=${from}&to=${to}` },
    { key: "households", label: t("reports.assessment.households"), figure: String(a.householdsServed), points: a.result.parts.households, max: w.households, href: `/stations/${d.stationCode}/reports/farmers?from=${from}&to=${to}` },
    { key: "orders", label: t("reports.assessment.orders"), figure: a.orders ? `${a.orders.onTime} / ${a.orders.due}` : t("reports.assessment.ordersNone"), points: a.result.parts.orders, max: w.orders, href: undefined },
    { key: "cash", label: t("reports.assessment.cash", { sessions: a.cashSessions, taken: groupAmount(a.cashTaken) }), figure: groupAmount(a.cashVariance), points: a.result.parts.cash, max: w.cash, href: glHref(d.stationCode, ACCOUNTS.cashOverShort, from, to) },
    { key: "payouts", label: t("reports.assessment.payouts", { share: a.payouts.share }), figure: t("reports.assessment.payoutsFigure", { onTime: groupAmount(a.payouts.onTime), due: groupAmount(a.payouts.due) }), points: a.result.parts.payouts, max: w.payouts, href: glHref(d.stationCode, ACCOUNTS.householdPayable, from, to) },
  ];
  return (
    <div className="space-y-4">
      <ReportHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("reports.assessment.title")}
        subtitle={t("reports.range.period", { from, to })}
        csvHref={`/stations/${d.stationCode}/reports/csv/assessment?from=${from}&to=${to}`}
      />
      <ReportRangeForm from={from} to={to} />
      <dl className="card">
        <Figure label={t("reports.assessment.score")} amount={`${a.result.score} / 100`} testId="assessment-score" />
      </dl>
      <ReportTable head={[{ label: t("reports.assessment.part") }, { label: t("reports.assessment.figure"), numeric: true }, { label: t("reports.assessment.points"), numeric: true }]} testId="assessment-parts">
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-stone-100">
            <td className="px-2 py-2">{r.label}</td>
            <td className="px-2 py-2 text-right tabular-nums">{r.href ? <a href={r.href}>{r.figure}</a> : r.figure}</td>
            <td className="px-2 py-2 text-right tabular-nums">{`${r.points} / ${r.max}`}</td>
          </tr>
        ))}
      </ReportTable>
      <BarChart title={t("reports.assessment.points")} series={[{ name: t("reports.assessment.points"), points: rows.map((r) => ({ label: r.label, value: r.points, href: r.href })) }]} />
      <section className="card space-y-2 text-sm">
        <h2 className="font-semibold">{t("reports.assessment.formula")}</h2>
        <p data-testid="assessment-formula">
          {t("reports.assessment.formulaText", { ws: w.sales, wh: w.households, wo: w.orders, wc: w.cash, wp: w.payouts, ht: c.householdsTarget, tol: c.cashTolerance, days: c.payoutDays, target: groupAmount(c.salesTargetPerMonth) })}
        </p>
      </section>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { Figure, ReportHeader, ReportRangeForm } from "~/components/report-parts";
import { farmerIncome, incomeStatement } from "~/models/reports/reports.server";
import { upkeepFund } from "~/models/committee/upkeep.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount } from "~/routes-support/ledger/format";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 报表: the period's headline figures (income, farmer income, the upkeep fund) and the way to every report. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const args = { stationId: station.station.id, from: range.from, to: range.to };
  const [income, farmers, upkeep] = await Promise.all([incomeStatement(context.db, args), farmerIncome(context.db, args), upkeepFund(context.db, args)]);
  return {
    ok: true as const,
    ...head,
    range: { from: range.from, to: range.to },
    income: { total: income.totalIncome, net: income.net, byMonth: income.byMonth.map((m) => ({ month: m.month, income: m.income })) },
    farmers: { added: farmers.added, paid: farmers.paid, owed: farmers.owed, households: farmers.households },
    upkeep: { opening: upkeep.opening, setAside: upkeep.setAside, spent: upkeep.spentTotal, released: upkeep.released, closing: upkeep.closing },
  };
}

export const meta = routeMeta;

export default function ReportsIndex() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const q = `?from=${from}&to=${to}`;
  const base = `/stations/${d.stationCode}/reports`;
  return (
    <div className="space-y-4">
      <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.title")} subtitle={t("reports.range.period", { from, to })} />
      <ReportRangeForm from={from} to={to} />
      <p className="text-sm text-stone-600">{t("reports.index.intro")}</p>
      <dl className="card grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label={t("reports.index.income")} amount={groupAmount(d.income.total)} href={`${base}/income${q}`} testId="index-income" />
        <Figure label={t("reports.income.net")} amount={groupAmount(d.income.net)} href={`${base}/income${q}`} />
        <Figure label={t("reports.index.farmers")} amount={groupAmount(d.farmers.added)} href={`${base}/farmers${q}`} testId="index-farmers" />
        <Figure label={t("reports.farmers.households")} amount={String(d.farmers.households)} href={`${base}/farmers${q}`} />
      </dl>
      <BarChart title={t("reports.income.chart")} series={[{ name: t("reports.income.series.income"), points: d.income.byMonth.map((m) => ({ label: m.month, value: m.income, href: `${base}/income${q}` })) }]} />
      <section className="card space-y-2">
        <h2 className="font-semibold">
          <a href={`/stations/${d.stationCode}/upkeep${q}`}>{t("reports.nav.upkeep")}</a>
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Figure label={t("reports.upkeep.opening")} amount={groupAmount(d.upkeep.opening)} />
          <Figure label={t("reports.upkeep.setAside")} amount={groupAmount(d.upkeep.setAside)} />
          <Figure label={t("reports.upkeep.spent")} amount={groupAmount(d.upkeep.spent)} />
          <Figure label={t("committee.figures.released")} amount={groupAmount(d.upkeep.released)} />
          <Figure label={t("reports.upkeep.closing")} amount={groupAmount(d.upkeep.closing)} />
        </dl>
      </section>
      <ul className="grid gap-2 sm:grid-cols-2">
        {(
          [
            ["income", t("reports.nav.income")],
            ["farmers", t("reports.nav.farmers")],
            ["sales", t("reports.nav.sales")],
            ["partners", t("reports.nav.partners")],
            ["assessment", t("reports.nav.assessment")],
            ["exports", t("reports.nav.exports")],
          ] as const
        ).map(([path, label]) => (
          <li key={path}>
            <a href={`${base}/${path}${path === "exports" ? "" : q}`} className="card block font-medium">
              {label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

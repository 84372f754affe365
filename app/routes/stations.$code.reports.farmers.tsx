import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { AmountCell, Figure, glHref, ReportHeader, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { lastOfMonth } from "~/domain/dates";
import { farmerIncome } from "~/models/reports/reports.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount } from "~/routes-support/ledger/format";
import { formatQty } from "~/routes-support/goods/format";
import type { UnitCode } from "~/domain/units";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 农民增收: paid and owed to households, by household, village group, product and month; every figure drills to 21101's ledger. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.farmers.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const f = await farmerIncome(context.db, { stationId: station.station.id, from: range.from, to: range.to });
  return {
    ok: true as const,
    ...head,
    range: { from: range.from, to: range.to },
    report: { ...f, byProduct: f.byProduct.map((p) => ({ ...p, name: pick(lang, p.nameZh, p.nameEn), quantity: formatQty(p.quantity, p.unit as UnitCode, lang) })) },
  };
}

export const meta = routeMeta;

export default function FarmerIncomePage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.farmers.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const f = d.report;
  const gl = glHref(d.stationCode, ACCOUNTS.householdPayable, from, to);
  const monthHref = (month: string) => glHref(d.stationCode, ACCOUNTS.householdPayable, month < from.slice(0, 7) ? from : `${month}-01`, month === to.slice(0, 7) ? to : lastOfMonth(`${month}-01`));
  return (
    <div className="space-y-4">
      <ReportHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("reports.farmers.title")}
        subtitle={t("reports.range.period", { from, to })}
        csvHref={`/stations/${d.stationCode}/reports/csv/farmers?from=${from}&to=${to}`}
      />
      <ReportRangeForm from={from} to={to} />
      <dl className="card grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label={t("reports.farmers.added")} amount={groupAmount(f.added)} href={gl} testId="farmers-added" />
        <Figure label={t("reports.farmers.paid")} amount={groupAmount(f.paid)} href={gl} />
        <Figure label={t("reports.farmers.owed")} amount={groupAmount(f.owed)} href={glHref(d.stationCode, ACCOUNTS.householdPayable, from, to)} />
        <Figure label={t("reports.farmers.households")} amount={String(f.households)} />
      </dl>
      <BarChart
        title={t("reports.farmers.byMonth")}
        series={[
          { name: t("reports.farmers.added"), points: f.byMonth.map((m) => ({ label: m.month, value: m.added, href: monthHref(m.month) })) },
          { name: t("reports.farmers.paid"), points: f.byMonth.map((m) => ({ label: m.month, value: m.paid, href: monthHref(m.month) })) },
        ]}
      />
      {f.notFromSales !== "0.00" ? <p className="text-sm text-amber-800">{t("reports.farmers.notFromSales", { amount: groupAmount(f.notFromSales) })}</p> : null}

      <h2 className="text-lg font-semibold">{t("reports.farmers.byMonth")}</h2>
      <ReportTable head={[{ label: t("reports.month") }, { label: t("reports.farmers.added"), numeric: true }, { label: t("reports.farmers.paid"), numeric: true }]} testId="farmers-by-month">
        {f.byMonth.map((m) => (
          <tr key={m.month} className="border-t border-stone-100">
            <td className="px-2 py-2 tabular-nums">{m.month}</td>
            <AmountCell amount={m.added} href={monthHref(m.month)} />
            <AmountCell amount={m.paid} href={monthHref(m.month)} />
          </tr>
        ))}
      </ReportTable>

      <h2 className="text-lg font-semibold">{t("reports.farmers.byVillage")}</h2>
      <ReportTable
        head={[
          { label: t("reports.farmers.village") },
          { label: t("reports.farmers.households"), numeric: true },
          { label: t("reports.farmers.added"), numeric: true },
          { label: t("reports.farmers.paid"), numeric: true },
          { label: t("reports.farmers.owed"), numeric: true },
        ]}
      >
        {f.byVillage.map((v) => (
          <tr key={v.village} className="border-t border-stone-100">
            <td className="px-2 py-2">{v.village || t("reports.farmers.noVillage")}</td>
            <td className="px-2 py-2 text-right tabular-nums">{v.households}</td>
            <AmountCell amount={v.added} />
            <AmountCell amount={v.paid} />
            <AmountCell amount={v.owed} />
          </tr>
        ))}
      </ReportTable>

      <h2 className="text-lg font-semibold">{t("reports.farmers.byHousehold")}</h2>
      {f.byHousehold.length === 0 ? (
        <p className="card">{t("reports.none")}</p>
      ) : (
        <ReportTable
          head={[
            { label: t("reports.farmers.household") },
            { label: t("reports.farmers.village") },
            { label: t("reports.farmers.added"), numeric: true },
            { label: t("reports.farmers.paid"), numeric: true },
            { label: t("reports.farmers.owed"), numeric: true },
          ]}
          testId="farmers-by-household"
        >
          {f.byHousehold.map((h) => (
            <tr key={h.householdId} className="border-t border-stone-100">
              <td className="px-2 py-2">{h.name}</td>
              <td className="px-2 py-2">{h.village}</td>
              <AmountCell amount={h.added} href={gl} />
              <AmountCell amount={h.paid} href={gl} />
              <AmountCell amount={h.owed} />
            </tr>
          ))}
        </ReportTable>
      )}

      <h2 className="text-lg font-semibold">{t("reports.farmers.byProduct")}</h2>
      <ReportTable head={[{ label: t("reports.farmers.product") }, { label: t("reports.farmers.quantity"), numeric: true }, { label: t("reports.farmers.added"), numeric: true }]}>
        {f.byProduct.map((p) => (
          <tr key={p.productId} className="border-t border-stone-100">
            <td className="px-2 py-2">{p.name}</td>
            <td className="px-2 py-2 text-right tabular-nums">
              {p.quantity}
            </td>
            <AmountCell amount={p.added} href={`/stations/${d.stationCode}/reports/sales?from=${from}&to=${to}`} />
          </tr>
        ))}
      </ReportTable>
    </div>
  );
}

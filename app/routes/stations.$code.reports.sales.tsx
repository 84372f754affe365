import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatQty } from "~/routes-support/goods/format";
import type { UnitCode } from "~/domain/units";
import { BarChart } from "~/components/charts";
import { AmountCell, Figure, glHref, ReportHeader, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { salesReport } from "~/models/reports/sales.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount } from "~/routes-support/ledger/format";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 销售: by product, category and month, walk-in vs online. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.sales.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const s = await salesReport(context.db, { stationId: station.station.id, from: range.from, to: range.to });
  const categoryName = (c: string) => {
    const key = `catalog.category.${c}`;
    return ["produce", "inputs", "daily", "services"].includes(c) ? t(key as "catalog.category.produce") : c;
  };
  return {
    ok: true as const,
    ...head,
    range: { from: range.from, to: range.to },
    report: {
      ...s,
      byProduct: s.byProduct.map((p) => ({ ...p, name: pick(lang, p.nameZh, p.nameEn), categoryName: categoryName(p.category), quantity: formatQty(p.quantity, p.unit as UnitCode, lang) })),
      byCategory: s.byCategory.map((c) => ({ ...c, name: categoryName(c.category) })),
    },
  };
}

export const meta = routeMeta;

export default function SalesReportPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.sales.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const s = d.report;
  return (
    <div className="space-y-4">
      <ReportHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("reports.sales.title")}
        subtitle={t("reports.range.period", { from, to })}
        csvHref={`/stations/${d.stationCode}/reports/csv/sales?from=${from}&to=${to}`}
      />
      <ReportRangeForm from={from} to={to} />
      {!s.onlineAvailable ? <p className="text-sm text-amber-800">{t("reports.sales.onlineMissing")}</p> : null}
      <dl className="card grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label={t("reports.sales.total")} amount={groupAmount(s.total)} testId="sales-total" />
        <Figure label={t("reports.sales.walkIn")} amount={groupAmount(s.walkIn)} />
        <Figure label={t("reports.sales.online")} amount={groupAmount(s.online)} />
        <Figure label={t("reports.sales.commission")} amount={groupAmount(s.commission)} href={glHref(d.stationCode, "501", from, to)} />
      </dl>
      <BarChart
        title={t("reports.sales.byMonth")}
        series={[
          { name: t("reports.sales.walkIn"), points: s.byMonth.map((m) => ({ label: m.month, value: m.walkIn })) },
          { name: t("reports.sales.online"), points: s.byMonth.map((m) => ({ label: m.month, value: m.online })) },
        ]}
      />
      <h2 className="text-lg font-semibold">{t("reports.sales.byCategory")}</h2>
      <ReportTable head={[{ label: t("reports.sales.byCategory") }, { label: t("reports.amount"), numeric: true }]}>
        {s.byCategory.map((c) => (
          <tr key={c.category} className="border-t border-stone-100">
            <td className="px-2 py-2">{c.name}</td>
            <AmountCell amount={c.amount} />
          </tr>
        ))}
      </ReportTable>
      <h2 className="text-lg font-semibold">{t("reports.sales.byProduct")}</h2>
      {s.byProduct.length === 0 ? (
        <p className="card">{t("reports.none")}</p>
      ) : (
        <ReportTable
          head={[
            { label: t("reports.farmers.product") },
            { label: t("reports.farmers.quantity"), numeric: true },
            { label: t("reports.amount"), numeric: true },
            { label: t("reports.sales.commission"), numeric: true },
          ]}
          testId="sales-by-product"
        >
          {s.byProduct.map((p) => (
            <tr key={p.productId} className="border-t border-stone-100">
              <td className="px-2 py-2">
                {p.name}
                <span className="block text-xs text-stone-500">{p.categoryName}</span>
              </td>
              <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                {p.quantity}
              </td>
              <AmountCell amount={p.amount} />
              <AmountCell amount={p.commission} href={glHref(d.stationCode, "501", from, to)} />
            </tr>
          ))}
        </ReportTable>
      )}
    </div>
  );
}

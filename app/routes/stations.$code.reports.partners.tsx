import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { AmountCell, glHref, ReportHeader, ReportRangeForm, ReportTable } from "~/components/report-parts";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { BULK_ORDER_STATUSES } from "~/domain/partners";
import { AGEING_BUCKETS } from "~/domain/reports";
import { partnerReceivables } from "~/models/reports/sales.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { badRange, reportRange } from "~/routes-support/reports/reports.server";

type BulkStatus = (typeof BULK_ORDER_STATUSES)[number];
const isBulkStatus = (s: string): s is BulkStatus => (BULK_ORDER_STATUSES as readonly string[]).includes(s);

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 合作企业: bulk orders placed in the range and what each partner still owes at its end, aged first in, first out. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const head = { stationCode: station.station.code, stationName: pick(lang, station.station.nameZh, station.station.nameEn), meta: { title: `${t("reports.partners.title")} · ${t("app.name")}` } };
  const range = reportRange(request, t);
  if (!range.ok) return badRange(range.failure, head);
  const report = await partnerReceivables(context.db, { stationId: station.station.id, asOf: range.to, from: range.from });
  return { ok: true as const, ...head, range: { from: range.from, to: range.to }, report };
}

export const meta = routeMeta;

export default function PartnerReceivablesPage() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  if (!d.ok) {
    return (
      <div className="space-y-4">
        <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.partners.title")} />
        <ReportRangeForm from={d.range.from} to={d.range.to} errors={d.errors} />
        <p>{t("reports.range.fix")}</p>
      </div>
    );
  }
  const { from, to } = d.range;
  const r = d.report;
  const gl = glHref(d.stationCode, ACCOUNTS.partnerReceivable, "2000-01-01", to);
  return (
    <div className="space-y-4">
      <ReportHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("reports.partners.title")}
        subtitle={t("reports.partners.asOf", { date: to })}
        csvHref={`/stations/${d.stationCode}/reports/csv/partners?from=${from}&to=${to}`}
      />
      <ReportRangeForm from={from} to={to} />
      <p className="text-sm text-stone-600">{t("reports.partners.note")}</p>
      <BarChart title={t("reports.partners.title")} series={[{ name: t("reports.total"), points: AGEING_BUCKETS.map((b) => ({ label: t(`reports.partners.bucket.${b}`), value: r.buckets[b], href: gl })) }]} />
      {r.rows.length === 0 ? (
        <p className="card">{t("reports.partners.none")}</p>
      ) : (
        <ReportTable
          head={[{ label: t("reports.partners.partner") }, ...AGEING_BUCKETS.map((b) => ({ label: t(`reports.partners.bucket.${b}`), numeric: true })), { label: t("reports.total"), numeric: true }]}
          testId="partner-ageing"
        >
          {r.rows.map((row) => (
            <tr key={row.partnerId} className="border-t border-stone-100">
              <td className="px-2 py-2">
                {pick(lang, row.partnerName, row.partnerNameEn)}
                {row.oldest ? <span className="block text-xs text-stone-500">{`${t("reports.partners.oldest")} ${row.oldest}`}</span> : null}
              </td>
              {AGEING_BUCKETS.map((b) => (
                <AmountCell key={b} amount={row.buckets[b]} />
              ))}
              <AmountCell amount={row.total} href={gl} />
            </tr>
          ))}
          <tr className="border-t border-stone-300 font-semibold">
            <td className="px-2 py-2">{t("reports.total")}</td>
            {AGEING_BUCKETS.map((b) => (
              <AmountCell key={b} amount={r.buckets[b]} />
            ))}
            <AmountCell amount={r.total} href={gl} />
          </tr>
        </ReportTable>
      )}
      {r.bulkOrders.length ? (
        <ReportTable head={[{ label: t("reports.partners.orders") }, { label: t("reports.partners.orderCount"), numeric: true }]}>
          {r.bulkOrders.map((o) => (
            <tr key={o.status} className="border-t border-stone-100">
              <td className="px-2 py-2">{isBulkStatus(o.status) ? t(`reports.partners.orderStatus.${o.status}`) : o.status}</td>
              <td className="px-2 py-2 text-right tabular-nums">{o.count}</td>
            </tr>
          ))}
        </ReportTable>
      ) : null}
    </div>
  );
}

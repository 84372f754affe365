import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportHeader } from "~/components/report-parts";
import { pick } from "~/domain/language";
import { getExport } from "~/models/reports/jobs.server";
import { stationAccess } from "~/utils/access";
import { metaTags } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** One export's progress: refreshes itself (meta refresh, no JavaScript) until the file is ready to download. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, doc: found } = await requireStationDocument(args, "ledger:read", (db, where) => getExport(db, where), "id");
  const { station } = access;
  const { lang, t } = getTranslate(args.request);
  return {
    stationCode: station.station.code,
    stationName: pick(lang, station.station.nameZh, station.station.nameEn),
    export: { id: found.id, kind: found.kind, from: found.fromDate, to: found.toDate, status: found.status, progress: found.progress, done: found.rowsDone, total: found.rowsTotal ?? 0, error: found.error },
    meta: { title: `${t("reports.exports.title")} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  // Until the file is ready the page reloads itself every two seconds (no JavaScript).
  const pending = data.export.status === "queued" || data.export.status === "running";
  return pending ? [...metaTags(data.meta), { httpEquiv: "refresh", content: "2" }] : metaTags(data.meta);
};

export default function ExportProgressPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const e = d.export;
  const pending = e.status === "queued" || e.status === "running";
  return (
    <div className="space-y-4">
      <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.exports.title")} subtitle={`${t(`reports.exports.kind.${e.kind}`)} · ${t("reports.range.period", { from: e.from, to: e.to })}`} />
      <section className="card space-y-3" aria-live="polite">
        <p className="font-semibold" data-testid="export-status">
          {t(`reports.exports.status.${e.status}`)}
        </p>
        <progress max={100} value={e.progress} className="w-full" aria-label={t(`reports.exports.status.${e.status}`)} />
        <p className="text-sm">{t("reports.exports.progress", { done: e.done, total: e.total, percent: e.progress })}</p>
        {pending ? <p className="text-sm text-stone-500">{t("reports.exports.refreshing")}</p> : null}
        {e.status === "done" ? (
          <p>
            <a className="btn-primary inline-block" href={`/stations/${d.stationCode}/reports/exports/${e.id}/download`} data-testid="export-download">
              {t("reports.exports.download")}
            </a>
          </p>
        ) : null}
        {e.status === "failed" ? <p className="text-red-700">{t("reports.exports.failed", { error: e.error ?? "" })}</p> : null}
      </section>
    </div>
  );
}

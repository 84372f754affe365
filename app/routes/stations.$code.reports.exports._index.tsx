import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ReportHeader } from "~/components/report-parts";
import { chinaToday } from "~/domain/dates";
import { pick } from "~/domain/language";
import { monthsBack, parseReportRange } from "~/domain/reports";
import { listExports, startExport } from "~/models/reports/jobs.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

const KINDS = ["ledger_csv", "beancount"] as const;
const ExportForm = z.object({
  kind: z.enum(KINDS, { message: "reports.exports.badKind" }),
  from: z.string().max(40),
  to: z.string().max(40),
  idempotencyKey: idempotencyKeyField("validation.invalid"),
});

/** 导出账簿: start an export of the station's ledger (CSV or Beancount) and see recent ones. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const today = chinaToday();
  const exports = await listExports(context.db, { stationId: station.station.id });
  return {
    stationCode: station.station.code,
    stationName: pick(lang, station.station.nameZh, station.station.nameEn),
    idempotencyKey: newIdempotencyKey(),
    defaults: { from: monthsBack(today, 11), to: today },
    exports: exports.map((e) => ({ id: e.id, kind: e.kind, from: e.fromDate, to: e.toDate, status: e.status, progress: e.progress })),
    meta: { title: `${t("reports.exports.title")} · ${t("app.name")}` },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(ExportForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const range = parseReportRange({ from: parsed.data.from, to: parsed.data.to }, chinaToday());
  if (!range.ok) {
    const messages = { invalid: t("reports.range.invalid"), inverted: t("reports.range.inverted"), tooLong: t("reports.range.tooLong") };
    const errors = Object.fromEntries(Object.entries(range.errors).map(([field, problem]) => [field, messages[problem]]));
    return data({ errors, values: { kind: parsed.data.kind, from: parsed.data.from, to: parsed.data.to } }, { status: 400 });
  }
  const started = await startExport(context.db, {
    stationId: station.station.id,
    stationName: pick(lang, station.station.nameZh, station.station.nameEn),
    kind: parsed.data.kind,
    from: range.from,
    to: range.to,
    requestedBy: user.id,
    idempotencyKey: parsed.data.idempotencyKey,
  });
  // The job runs on in this process; the export's page polls its progress.
  void started.job;
  return redirect(`/stations/${station.station.code}/reports/exports/${started.export.id}`);
}

export const meta = routeMeta;

export default function ExportsPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  const dateField = (name: "from" | "to", label: string) => (
    <label className="space-y-1">
      <span className="block text-sm font-medium">{label}</span>
      <input type="date" name={name} defaultValue={values[name] ?? d.defaults[name]} aria-invalid={errors[name] ? true : undefined} className="block min-h-[44px] rounded-md border border-stone-300 px-3 py-2" />
      {errors[name] ? (
        <span className="block text-sm text-red-700" role="alert">
          {errors[name]}
        </span>
      ) : null}
    </label>
  );
  return (
    <div className="space-y-4">
      <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.exports.title")} />
      <p className="text-sm text-stone-600">{t("reports.exports.intro")}</p>
      {/* ?index: an index route's action, for the browser's own form post (no JavaScript). */}
      <form method="post" action={`/stations/${d.stationCode}/reports/exports?index`} className="card flex flex-wrap items-end gap-3">
        <IdempotencyKeyField value={values.idempotencyKey ?? d.idempotencyKey} />
        {dateField("from", t("reports.range.from"))}
        {dateField("to", t("reports.range.to"))}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("reports.exports.kind")}</legend>
          {KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} defaultChecked={(values.kind ?? "beancount") === k} />
              {t(`reports.exports.kind.${k}`)}
            </label>
          ))}
          {errors.kind ? (
            <span className="block text-sm text-red-700" role="alert">
              {errors.kind}
            </span>
          ) : null}
        </fieldset>
        <button type="submit" className="btn-primary">
          {t("reports.exports.start")}
        </button>
      </form>
      <h2 className="text-lg font-semibold">{t("reports.exports.recent")}</h2>
      {d.exports.length === 0 ? (
        <p className="card">{t("reports.exports.none")}</p>
      ) : (
        <ul className="card divide-y divide-stone-100 p-0">
          {d.exports.map((e) => (
            <li key={e.id} className="flex flex-wrap justify-between gap-2 px-3 py-2 text-sm">
              <span>
                {t(`reports.exports.kind.${e.kind}`)} · {t("reports.range.period", { from: e.from, to: e.to })}
              </span>
              <a href={`/stations/${d.stationCode}/reports/exports/${e.id}`}>
                {t(`reports.exports.status.${e.status}`)} ({e.progress}%)
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

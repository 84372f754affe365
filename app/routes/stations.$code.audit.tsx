import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { chinaDateTime } from "~/domain/catalog";
import { auditTrail, trailChoices } from "~/models/audit/audit-trail.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import type { Lang } from "~/utils/i18n";
import { isUnitCode, unitLabel } from "~/domain/units";
import { auditActionLabel, auditFamilyLabel, auditRecordLabel } from "~/routes-support/audit-words";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { PageHeading } from "~/components/page-chrome";

export const handle = { access: stationAccess("audit:read"), hydrate: false };

const Filter = z.object({
  person: z.string().uuid().optional().catch(undefined),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_.]+)?$/)
    .optional()
    .catch(undefined),
  record: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  id: z.string().trim().max(80).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

const PAGE = 50;

/** A record's fields as the entry stored them, one a line; a unit reads in the reader's language ("unit: 斤"). */
function snapshot(value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return "";
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${k === "unit" && typeof v === "string" && isUnitCode(v) ? unitLabel(v, lang) : typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("\n");
}

/** Who did what at this station, for its operator, the committee and the township accountant (audit:read), filterable. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "audit:read");
  const { lang, t } = getTranslate(request);
  const url = new URL(request.url);
  const f = Filter.parse(Object.fromEntries(url.searchParams));
  const stationId = station.station.id;
  const [entries, choices] = await Promise.all([
    auditTrail(context.db, { stationId, actorUserId: f.person, action: f.action, recordType: f.record, recordId: f.id || null, before: f.before, limit: PAGE }),
    trailChoices(context.db, { stationId }),
  ]);
  const older = entries.length === PAGE ? new URLSearchParams({ ...Object.fromEntries(url.searchParams), before: String(entries[entries.length - 1]!.id) }).toString() : null;
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return {
    stationCode: station.station.code,
    stationName,
    filter: { person: f.person ?? "", action: f.action ?? "", record: f.record ?? "", id: f.id ?? "" },
    choices,
    older,
    entries: entries.map((e) => ({
      id: e.id,
      at: chinaDateTime(e.at),
      who: e.actorName,
      action: e.action,
      recordType: e.recordType,
      recordId: e.recordId,
      before: snapshot(e.before, lang),
      after: snapshot(e.after, lang),
    })),
    meta: { title: `${t("committee.audit.title")} · ${stationName}` },
  };
}

export const meta = routeMeta;

export default function AuditPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }]} title={t("committee.audit.title")} intro={t("committee.audit.intro")} />
      <form method="get" className="card grid gap-2 sm:grid-cols-5 sm:items-end" data-testid="audit-filter">
        <label className="text-sm">
          {t("committee.audit.person")}
          <select name="person" defaultValue={d.filter.person} className="block min-h-[44px] w-full rounded-md border border-stone-300 bg-white px-2">
            <option value="">{t("committee.audit.all")}</option>
            {d.choices.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("committee.audit.action")}
          <select name="action" defaultValue={d.filter.action} className="block min-h-[44px] w-full rounded-md border border-stone-300 bg-white px-2">
            <option value="">{t("committee.audit.all")}</option>
            {d.choices.families.map((f) => (
              <option key={f} value={f}>
                {auditFamilyLabel(t, f)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("committee.audit.record")}
          <select name="record" defaultValue={d.filter.record} className="block min-h-[44px] w-full rounded-md border border-stone-300 bg-white px-2">
            <option value="">{t("committee.audit.all")}</option>
            {d.choices.recordTypes.map((r) => (
              <option key={r} value={r}>
                {auditRecordLabel(t, r)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {t("committee.audit.recordId")}
          <input name="id" defaultValue={d.filter.id} className="block min-h-[44px] w-full rounded-md border border-stone-300 px-2" />
        </label>
        <button type="submit" className="btn-primary">
          {t("committee.audit.filter")}
        </button>
      </form>
      {d.entries.length === 0 ? <p className="text-stone-600">{t("committee.audit.none")}</p> : null}
      <ul className="space-y-2" data-testid="audit-entries">
        {d.entries.map((e) => (
          <li key={e.id} className="card space-y-1 text-sm" data-testid="audit-entry">
            <p className="flex flex-wrap gap-2">
              <span className="tabular-nums text-stone-600">{e.at}</span>
              <strong>{e.who ?? t("committee.audit.system")}</strong>
              <span data-testid="audit-action">{auditActionLabel(t, e.action)}</span>
              <a href={`?record=${encodeURIComponent(e.recordType)}&id=${encodeURIComponent(e.recordId)}`} className="break-all text-stone-600">
                {auditRecordLabel(t, e.recordType)} {e.recordId.slice(0, 12)}
              </a>
            </p>
            {e.before || e.after ? (
              <div className="grid gap-2 sm:grid-cols-2">
                <div>
                  <p className="text-xs text-stone-500">{t("committee.audit.before")}</p>
                  <pre className="whitespace-pre-wrap break-all text-xs" data-stored-values>
                    {e.before || "—"}
                  </pre>
                </div>
                <div>
                  <p className="text-xs text-stone-500">{t("committee.audit.after")}</p>
                  <pre className="whitespace-pre-wrap break-all text-xs" data-stored-values>
                    {e.after || "—"}
                  </pre>
                </div>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {d.older ? (
        <a href={`?${d.older}`} className="btn-quiet">
          {t("committee.audit.older")}
        </a>
      ) : null}
    </div>
  );
}

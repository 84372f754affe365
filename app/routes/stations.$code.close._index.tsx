import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { closeCalendar } from "~/models/committee/close-list.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { PageHeading } from "~/components/page-chrome";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** The station's months and where each stands: open, waiting for the second signature, closed. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const months = await closeCalendar(context.db, { stationId: station.station.id });
  // The link to the audit trail only for those who may read it (the county admin may not).
  return { stationCode: station.station.code, stationName, months, canAudit: permissions.has("audit:read"), meta: { title: `${t("committee.close.title")} · ${stationName}` } };
}

export const meta = routeMeta;

export default function CloseIndex() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const tone = { open: "bg-stone-200 text-stone-700", prepared: "bg-amber-100 text-amber-900", sealed: "bg-brand-100 text-brand-800" };
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }]} title={t("committee.close.title")} intro={t("committee.close.intro")} />
      <p className="flex flex-wrap gap-2 text-sm">
        <a href={`/stations/${d.stationCode}/upkeep`} className="btn-quiet">
          {t("committee.nav.upkeep")}
        </a>
        {d.canAudit ? (
          <a href={`/stations/${d.stationCode}/audit`} className="btn-quiet" data-testid="audit-link">
            {t("committee.nav.audit")}
          </a>
        ) : null}
      </p>
      {d.months.length ? (
        <ul className="card divide-y divide-stone-100 p-0" data-testid="close-months">
          {d.months.map((m) => (
            <li key={m.month} className="flex items-center justify-between gap-2 px-4 py-2">
              <a href={`/stations/${d.stationCode}/close/${m.month}`} className="font-medium tabular-nums" data-testid={`close-${m.month}`}>
                {m.month}
              </a>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${tone[m.status]}`}>
                {t(`committee.close.status.${m.status}`)}
                {m.reopened ? ` · ${t("committee.close.status.reopened")}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-stone-600">{t("committee.close.none")}</p>
      )}
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { PartnerStatementView } from "~/components/partner-statement";
import { stationAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { loadStationPartnerStatement } from "~/routes-support/partners/statement-loaders.server";
import { statementView } from "~/routes-support/partners/statements.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 对账单 of one partner at this station for a period (this month by default); `…/statement.csv` downloads it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, partnerId, statement, lang, t } = await loadStationPartnerStatement(request, params, context);
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    partnerId,
    view: statementView(statement, t, lang),
    meta: { title: `${t("partners.statement.title")} · ${pick(lang, statement.partner.nameZh, statement.partner.nameEn)} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function StationPartnerStatement() {
  const { station, partnerId, view } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const here = `/stations/${station.code}/manage/partners/${partnerId}/statement`;
  return (
    <div className="space-y-4">
      <div className="no-print">
        <ManageHeader stationCode={station.code} stationName={station.name} title={t("partners.statement.title")} back={{ href: `/stations/${station.code}/manage/partners/${partnerId}`, label: view.partner }} />
      </div>
      <PartnerStatementView view={view} action={here} scope={station.name} />
    </div>
  );
}

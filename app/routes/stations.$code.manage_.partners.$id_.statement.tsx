import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { PartnerStatementView } from "~/components/partner-statement";
import { chinaToday, firstOfMonth } from "~/domain/dates";
import { partnerStatement } from "~/models/partner-statements.server";
import { getStationTerms } from "~/models/partners.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { statementPeriod } from "~/utils/partner-forms";
import { statementView } from "~/utils/partners.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };


/** 对账单 of one partner at this station for a period (this month by default); `…/statement.csv` downloads it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  const id = params.id ?? "";
  const terms = /^[0-9a-f-]{36}$/.test(id) ? await getStationTerms(context.db, { partnerId: id, stationId: station.id }) : null;
  if (!terms) throw new Response("Not found", { status: 404 });
  const today = chinaToday();
  const { from, to } = statementPeriod(request.url, today, firstOfMonth(today));
  const statement = await partnerStatement(context.db, { partnerId: id, stationId: station.id, from, to });
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    partnerId: id,
    view: statementView(statement, t, lang),
    meta: { title: `${t("partners.statement.title")} · ${statement.partner.nameZh} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

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

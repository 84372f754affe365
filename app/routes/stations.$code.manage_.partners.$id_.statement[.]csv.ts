import type { LoaderFunctionArgs } from "@remix-run/node";
import { chinaToday, firstOfMonth } from "~/domain/dates";
import { partnerStatement } from "~/models/partner-statements.server";
import { getStationTerms } from "~/models/partners.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { getTranslate } from "~/utils/i18n.server";
import { statementPeriod } from "~/utils/partner-forms";
import { statementCsv } from "~/utils/partners.server";

export const handle = { access: stationAccess("ledger:read") };

/** The station's 对账单 with one partner as CSV, for the period in the query (this month by default). */
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
  return new Response(statementCsv(statement, t, lang), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="statement-${station.code}-${from}-${to}.csv"`, "Cache-Control": "private, no-store" },
  });
}

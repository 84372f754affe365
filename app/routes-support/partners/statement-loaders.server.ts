import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { chinaToday, firstOfMonth } from "~/domain/dates";
import { partnerStatement } from "~/models/partners/statements.server";
import { getPartner, getStationTerms } from "~/models/partners/partners.server";
import { requireCountyAdmin, requireStationAccess } from "~/utils/auth.server";
import { getTranslate } from "~/utils/i18n.server";
import { found, param, parseParams } from "~/utils/params";
import { statementPeriod } from "./forms";

type Params = LoaderFunctionArgs["params"];

/**
 * One station's 对账单 with one partner for the period in the query (this month by default):
 * what the page and its `.csv` twin both read. Authenticates, authorizes against the station in
 * the URL (ledger:read), and answers 404 when the partner has no terms at this station.
 */
export async function loadStationPartnerStatement(request: Request, params: Params, context: AppLoadContext) {
  const access = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  const { id: partnerId } = parseParams(params, { id: param.uuid });
  found(await getStationTerms(context.db, { partnerId, stationId: station.id }));
  const today = chinaToday();
  const { from, to } = statementPeriod(request.url, today, firstOfMonth(today));
  const statement = await partnerStatement(context.db, { partnerId, stationId: station.id, from, to });
  return { station, partnerId, from, to, statement, lang, t };
}

/**
 * A partner's 对账单 across all the county's stations for the period in the query (this year by
 * default): what the admin page and its `.csv` twin both read. 404 outside the admin's counties.
 */
export async function loadCountyPartnerStatement(request: Request, params: Params, context: AppLoadContext) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const { id: partnerId } = parseParams(params, { id: param.uuid });
  const partner = found(await getPartner(context.db, { partnerId }));
  if (!countyIds.includes(partner.countyId)) throw new Response("Not found", { status: 404 });
  const today = chinaToday();
  const { from, to } = statementPeriod(request.url, today, `${today.slice(0, 4)}-01-01`);
  const statement = await partnerStatement(context.db, { partnerId, from, to });
  return { partner, partnerId, from, to, statement, lang, t };
}

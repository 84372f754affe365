import type { LoaderFunctionArgs } from "@remix-run/node";
import { stationAccess } from "~/utils/access";
import { loadStationPartnerStatement } from "~/routes-support/partners/statement-loaders.server";
import { statementCsv } from "~/routes-support/partners/statements.server";
import { csvResponse } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read") };

/** The station's 对账单 with one partner as CSV, for the period in the query (this month by default). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, statement, from, to, lang, t } = await loadStationPartnerStatement(request, params, context);
  return csvResponse(statementCsv(statement, t, lang), `statement-${station.code}-${from}-${to}.csv`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { countyAdminAccess } from "~/utils/access";
import { loadCountyPartnerStatement } from "~/routes-support/partners/statement-loaders.server";
import { statementCsv } from "~/routes-support/partners/statements.server";
import { csvResponse } from "~/routes-support/reports/reports.server";

export const handle = { access: countyAdminAccess("admin:stations") };

/** A partner's 对账单 across the county's stations as CSV, for the period in the query (this year by default). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { statement, from, to, lang, t } = await loadCountyPartnerStatement(request, params, context);
  return csvResponse(statementCsv(statement, t, lang), `statement-${from}-${to}.csv`);
}

import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { getTranslate } from "~/utils/i18n.server";
import { countyRollupCsv } from "~/routes-support/reports/csv.server";
import { csvResponse, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: countyAdminAccess("admin:stations") };

/** The county roll-up as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const range = reportRange(request, t);
  if (!range.ok) return data({ errors: range.failure.errors, values: range.failure.values }, { status: 400 });
  return csvResponse(await countyRollupCsv(context.db, { countyIds, from: range.from, to: range.to, t, lang }), `county-${range.from}-${range.to}.csv`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { chinaToday } from "~/domain/dates";
import { partnerStatement } from "~/models/partner-statements.server";
import { getPartner } from "~/models/partners.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { getTranslate } from "~/utils/i18n.server";
import { statementPeriod } from "~/utils/partner-forms";
import { statementCsv } from "~/utils/partners.server";

export const handle = { access: countyAdminAccess("admin:stations") };

/** A partner's 对账单 across the county's stations as CSV, for the period in the query (this year by default). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const id = params.id ?? "";
  const partner = /^[0-9a-f-]{36}$/.test(id) ? await getPartner(context.db, { partnerId: id }) : null;
  if (!partner || !countyIds.includes(partner.countyId)) throw new Response("Not found", { status: 404 });
  const today = chinaToday();
  const { from, to } = statementPeriod(request.url, today, `${today.slice(0, 4)}-01-01`);
  const statement = await partnerStatement(context.db, { partnerId: id, from, to });
  return new Response(statementCsv(statement, t, lang), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="statement-${from}-${to}.csv"`, "Cache-Control": "private, no-store" },
  });
}

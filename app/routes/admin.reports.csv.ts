import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/reports";
import { countyRollup } from "~/models/reports/county.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { getTranslate } from "~/utils/i18n.server";
import { csvResponse, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: countyAdminAccess("admin:stations") };

/** The county roll-up as CSV. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const range = reportRange(request, t);
  if (!range.ok) return data({ errors: range.failure.errors, values: range.failure.values }, { status: 400 });
  const r = await countyRollup(context.db, { countyIds, from: range.from, to: range.to });
  return csvResponse(
    toCsv([
      [t("reports.county.title"), range.from, range.to],
      [t("reports.county.station"), t("reports.county.township"), t("reports.county.income"), t("reports.source.commission_produce"), t("reports.source.commission_partner"), t("reports.county.net"), t("reports.county.added"), t("reports.county.paid"), t("reports.county.owed"), t("reports.county.households")],
      ...r.rows.map((s) => [pick(lang, s.nameZh, s.nameEn), pick(lang, s.townshipZh, s.townshipEn), s.totalIncome, s.income.commission_produce, s.income.commission_partner, s.net, s.farmerAdded, s.farmerPaid, s.farmerOwed, s.households]),
      [t("reports.total"), "", r.totals.totalIncome, r.totals.income.commission_produce, r.totals.income.commission_partner, r.totals.net, r.totals.farmerAdded, r.totals.farmerPaid, r.totals.farmerOwed, r.totals.households],
    ]),
    `county-${range.from}-${range.to}.csv`,
  );
}

import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { pick } from "~/domain/language";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { getTranslate } from "~/utils/i18n.server";
import { parseParams } from "~/utils/params";
import { STATION_CSV_REPORTS, stationReportCsv } from "~/routes-support/reports/csv.server";
import { csvResponse, reportRange } from "~/routes-support/reports/reports.server";

export const handle = { access: stationAccess("ledger:read") };

/** Every station report as CSV (UTF-8 with BOM, so spreadsheets read the Chinese): /stations/:code/reports/csv/:report?from=&to=. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { report } = parseParams(params, { report: z.enum(STATION_CSV_REPORTS) });
  const { lang, t } = getTranslate(request);
  const range = reportRange(request, t);
  if (!range.ok) return data({ errors: range.failure.errors, values: range.failure.values }, { status: 400 });
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const body = await stationReportCsv(context.db, report, { stationId: station.station.id, stationName, from: range.from, to: range.to, t, lang });
  return csvResponse(body, `${report}-${station.station.code}-${range.from}-${range.to}.csv`);
}

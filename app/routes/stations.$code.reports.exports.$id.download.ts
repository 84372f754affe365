import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportContent } from "~/models/reports/jobs.server";
import { requireStationDocument } from "~/utils/station-documents.server";
import { stationAccess } from "~/utils/access";

export const handle = { access: stationAccess("ledger:read") };

/** The finished export file; 404 until it is ready. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, doc: file } = await requireStationDocument(args, "ledger:read", (db, where) => exportContent(db, where), "id");
  const { station } = access;
  const ext = file.kind === "beancount" ? "beancount" : "csv";
  const type = file.kind === "beancount" ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8";
  return new Response(file.content, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="ledger-${station.station.code}-${file.from}-${file.to}.${ext}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

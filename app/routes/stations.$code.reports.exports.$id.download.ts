import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportContent } from "~/models/reports/jobs.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";

export const handle = { access: stationAccess("ledger:read") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The finished export file; 404 until it is ready. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  if (!UUID.test(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const file = await exportContent(context.db, { stationId: station.station.id, id: params.id! });
  if (!file) throw new Response("Not found", { status: 404 });
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

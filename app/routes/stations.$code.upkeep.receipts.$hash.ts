import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReceipt } from "~/models/committee/upkeep-receipts.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";

export const handle = { access: stationAccess("ledger:read") };

/** The photo of an upkeep receipt, for those who read the station's books. Named by its hash: it never changes. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const receipt = await getReceipt(context.db, { stationId: station.station.id, hash: params.hash ?? "" });
  if (!receipt) throw new Response("Not found", { status: 404 });
  return new Response(receipt.bytes, {
    headers: { "Content-Type": receipt.contentType, "Content-Length": String(receipt.bytes.byteLength), "Cache-Control": "private, max-age=31536000, immutable" },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { getReceipt } from "~/models/committee/upkeep-receipts.server";
import { stationAccess } from "~/utils/access";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("ledger:read") };

/** The photo of an upkeep receipt, for those who read the station's books. Named by its hash: it never changes. */
export async function loader(args: LoaderFunctionArgs) {
  const { doc: receipt } = await requireStationDocument(args, "ledger:read", (db, where) => getReceipt(db, where), "hash");
  return new Response(receipt.bytes, {
    headers: { "Content-Type": receipt.contentType, "Content-Length": String(receipt.bytes.byteLength), "Cache-Control": "private, max-age=31536000, immutable" },
  });
}

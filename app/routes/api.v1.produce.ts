import type { LoaderFunctionArgs } from "@remix-run/node";
import { ProduceList, ProduceQuery } from "~/domain/partner-api";
import { listApiProduce } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiJson, readQuery, requireApiKey } from "~/routes-support/partner-api/api.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/produce[?station=code]: what households at the partner's county's stations hold. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  const query = readQuery(request, ProduceQuery);
  const produce = await listApiProduce(context.db, { partnerId: caller.partnerId, stationCode: query.station });
  return apiJson(ProduceList, produce);
}

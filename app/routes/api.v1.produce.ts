import type { LoaderFunctionArgs } from "@remix-run/node";
import { ProduceList, ProduceQuery } from "~/domain/partner-api";
import { listApiProduce } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiError, apiIssues, apiJson, requireApiKey } from "~/routes-support/partner-api/api.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/produce[?station=code]: what households at the partner's county's stations hold. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  const url = new URL(request.url);
  const query = ProduceQuery.safeParse(Object.fromEntries([...url.searchParams].filter(([name]) => name !== "lng")));
  if (!query.success) return apiError(request, 400, "INVALID_REQUEST", "partnerPortal.api.invalid", { issues: apiIssues(request, query.error) });
  const produce = await listApiProduce(context.db, { partnerId: caller.partnerId, stationCode: query.data.station });
  return apiJson(ProduceList, produce);
}

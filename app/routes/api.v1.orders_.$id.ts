import type { LoaderFunctionArgs } from "@remix-run/node";
import { Order } from "~/domain/partner-api";
import { getApiOrder } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiError, apiJson, requireApiKey } from "~/routes-support/partner-api/api.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/orders/:id: one of this partner's orders; anyone else's (or none) is 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  const order = await getApiOrder(context.db, { partnerId: caller.partnerId, orderId: params.id ?? "" });
  if (!order) return apiError(request, 404, "NOT_FOUND", "partnerPortal.api.notFound");
  return apiJson(Order, order);
}

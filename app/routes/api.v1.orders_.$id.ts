import type { LoaderFunctionArgs } from "@remix-run/node";
import { Order } from "~/domain/partner-api";
import { getApiOrder } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiFound, apiJson, requireApiKey } from "~/routes-support/partner-api/api.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/orders/:id: one of this partner's orders; anyone else's (or none, or not an id) is 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  const order = apiFound(request, await getApiOrder(context.db, { partnerId: caller.partnerId, orderId: params.id ?? "" }));
  return apiJson(Order, order);
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CreateOrderRequest, Order, OrderList } from "~/domain/partner-api";
import { listApiOrders, placeApiOrder } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiJson, apiMethodNotAllowed, apiRefusal, readJsonBody, requireApiKey, requireIdempotencyKey } from "~/routes-support/partner-api/api.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/orders: this partner's bulk orders, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  return apiJson(OrderList, { orders: await listApiOrders(context.db, { partnerId: caller.partnerId }) });
}

/** POST /api/v1/orders with an Idempotency-Key: places a bulk order once. */
export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireApiKey(request, context);
  if (request.method !== "POST") return apiMethodNotAllowed(request, "GET, POST");
  const idempotencyKey = requireIdempotencyKey(request);
  const body = await readJsonBody(request, CreateOrderRequest);
  try {
    const placed = await placeApiOrder(context.db, { partnerId: caller.partnerId, apiKeyId: caller.keyId, idempotencyKey, request: body });
    return apiJson(Order, placed.body, {
      status: placed.status,
      headers: { Location: `/api/v1/orders/${placed.body.id}`, ...(placed.replayed ? { "Idempotent-Replayed": "true" } : {}) },
    });
  } catch (error) {
    return apiRefusal(request, error);
  }
}

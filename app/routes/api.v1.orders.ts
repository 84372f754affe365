import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { CreateOrderRequest, IdempotencyKeyHeader, Order, OrderList } from "~/domain/partner-api";
import { PartnerError } from "~/domain/partners";
import { IdempotencyConflict, listApiOrders, placeApiOrder } from "~/models/partners/api.server";
import { apiKeyAccess } from "~/utils/access";
import { apiError, apiJson, readJsonBody, requireApiKey } from "~/routes-support/partner-api/api.server";
import { orderErrorMessage } from "~/routes-support/partners/errors.server";

export const handle = { access: apiKeyAccess };

/** GET /api/v1/orders: this partner's bulk orders, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiKey(request, context);
  return apiJson(OrderList, { orders: await listApiOrders(context.db, { partnerId: caller.partnerId }) });
}

/** POST /api/v1/orders with an Idempotency-Key: places a bulk order once. */
export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireApiKey(request, context);
  if (request.method !== "POST") return apiError(request, 405, "INVALID_REQUEST", "partnerPortal.api.method", { headers: { Allow: "GET, POST" } });
  const key = IdempotencyKeyHeader.safeParse(request.headers.get("Idempotency-Key") ?? undefined);
  if (!key.success) return apiError(request, 400, "IDEMPOTENCY_KEY_REQUIRED", "partnerPortal.api.idempotencyKeyRequired");
  const body = await readJsonBody(request, CreateOrderRequest);
  try {
    const placed = await placeApiOrder(context.db, { partnerId: caller.partnerId, apiKeyId: caller.keyId, idempotencyKey: key.data, request: body });
    return apiJson(Order, placed.body, {
      status: placed.status,
      headers: { Location: `/api/v1/orders/${placed.body.id}`, ...(placed.replayed ? { "Idempotent-Replayed": "true" } : {}) },
    });
  } catch (error) {
    if (error instanceof IdempotencyConflict) return apiError(request, 409, "IDEMPOTENCY_CONFLICT", "partnerPortal.api.idempotencyConflict");
    if (error instanceof PartnerError) return apiError(request, 422, "UNPROCESSABLE", orderErrorMessage(error.code));
    throw error;
  }
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent } from "~/models/payments/payments.server";
import { webhookRefusal } from "~/routes-support/orders/payments.server";
import { publicAccess } from "~/utils/access";
import { logger } from "~/utils/logger.server";

/** The gateway signs its requests; the signature is the authentication (ADR 011). */
export const handle = { access: publicAccess };

/** Stripe's events are a few kilobytes; anything far larger is not one. */
const MAX_BODY = 256 * 1024;

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * POST /webhooks/stripe: the raw body's signature is verified with the SDK (a bad or stale one is
 * a 400 and nothing is written), then the event is applied once. A gateway we cannot reach while
 * re-reading the object is a 503, so the event is delivered again later.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return text("Method not allowed", 405);
  if (!context.payments) return text("Online payment is not configured", 404);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY) return text("Too large", 413);
  let raw: Buffer;
  try {
    raw = Buffer.from(await request.arrayBuffer());
  } catch {
    return text("The body could not be read", 400);
  }
  if (raw.length > MAX_BODY) return text("Too large", 413);

  let event;
  try {
    event = context.payments.constructEvent(raw, request.headers.get("Stripe-Signature"));
  } catch (error) {
    if (webhookRefusal(error) !== "bad_signature") throw error;
    logger.warn({ reason: (error as Error).message }, "refused a webhook with a bad signature");
    return text("Bad signature", 400);
  }
  try {
    const outcome = await handleStripeEvent(context.db, context.payments, event);
    return Response.json({ received: true, outcome }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    switch (webhookRefusal(error)) {
      case "gateway_refused":
        // The gateway does not know the object (another account's, or deleted): retrying cannot help.
        logger.warn({ err: error, eventId: event.id }, "webhook names an object the gateway refuses to show; ignored");
        return Response.json({ received: true, outcome: "ignored" }, { headers: { "Cache-Control": "no-store" } });
      case "gateway_unavailable":
        logger.warn({ err: error, eventId: event.id }, "payment gateway unreachable while applying a webhook; it will be delivered again");
        return text("Try again later", 503);
      case "bad_signature":
        throw error;
    }
  }
}

export async function loader() {
  return text("Method not allowed", 405);
}

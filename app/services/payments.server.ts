import Stripe from "stripe";
import { z } from "zod";
import { type Dec, fromFen, parseAmount, toAmountString, toFen } from "~/domain/money";
import {
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewaySession,
  type RefundStatus,
  type PaymentsGateway,
  PaymentsRefusedError,
  PaymentsSignatureError,
  PaymentsUnavailableError,
} from "~/domain/payments";
import type { Env } from "~/utils/env.server";

/**
 * The one adapter around the `stripe` SDK (ADR 011): nothing else imports it. It speaks in our
 * terms — decimal-string yuan in, decimal-string yuan out — and converts to Stripe's integer fen
 * in exactly one place (`fenForStripe`). Every call that creates something carries an
 * idempotency key the caller derives from its own document (checkout attempt, refund row), so a
 * retried request never makes a second session or a second refund.
 */

export type { SessionStatus, RefundStatus, GatewaySession, GatewayPaymentIntent, GatewayRefund, GatewayEvent, CreateSessionInput, CreateRefundInput, PaymentsGateway } from "~/domain/payments";
export { PaymentsRefusedError, PaymentsSignatureError, PaymentsUnavailableError } from "~/domain/payments";

/** Yuan (decimal string) → Stripe's integer fen: the one conversion, refusing sub-fen amounts. */
export function fenForStripe(amount: string | Dec): number {
  return toFen(typeof amount === "string" ? parseAmount(amount) : amount);
}

/** Stripe's integer fen → yuan, 2 decimals. */
export function yuanFromStripe(fen: number): string {
  return toAmountString(fromFen(fen));
}

const id = (o: string | { id: string } | null | undefined): string | null => (o == null ? null : typeof o === "string" ? o : o.id);
const meta = (m: Record<string, string> | null | undefined, key: string): string | null => m?.[key] ?? null;

function sessionOf(s: Stripe.Checkout.Session): GatewaySession {
  return {
    id: s.id,
    url: s.url ?? null,
    status: s.status === "complete" ? "complete" : s.status === "expired" ? "expired" : "open",
    paid: s.payment_status === "paid",
    paymentIntentId: id(s.payment_intent),
    amount: yuanFromStripe(s.amount_total ?? 0),
    checkoutId: s.client_reference_id ?? meta(s.metadata, "checkoutId"),
  };
}

function paymentIntentOf(p: Stripe.PaymentIntent): GatewayPaymentIntent {
  return {
    id: p.id,
    succeeded: p.status === "succeeded",
    amountReceived: yuanFromStripe(p.amount_received ?? 0),
    checkoutId: meta(p.metadata, "checkoutId"),
  };
}

function refundOf(r: Stripe.Refund): GatewayRefund {
  return {
    id: r.id,
    status: (r.status ?? "pending") as RefundStatus,
    amount: yuanFromStripe(r.amount),
    paymentIntentId: id(r.payment_intent),
    refundRowId: meta(r.metadata, "refundId"),
  };
}

const EventShape = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int(),
  data: z.object({ object: z.object({ id: z.string().min(1).max(255), object: z.string().min(1).max(100) }) }),
});

/** Wraps each SDK call so callers see our three outcomes: a value, refused, or unavailable. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      const status = error.statusCode ?? 0;
      if (status >= 400 && status < 500 && status !== 409 && status !== 429) {
        throw new PaymentsRefusedError(error.message, error.code);
      }
      throw new PaymentsUnavailableError(error.message, { cause: error });
    }
    throw error;
  }
}

type StripeEnv = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_API_HOST" | "STRIPE_API_PORT" | "STRIPE_API_PROTOCOL">;

/**
 * Origins the pay form may be redirected to (CSP form-action): Stripe's hosted Checkout, or the
 * configured compatible gateway's own address. None without a key.
 */
export function hostedPageOrigins(env: StripeEnv): string[] {
  if (!env.STRIPE_SECRET_KEY) return [];
  if (!env.STRIPE_API_HOST) return ["https://checkout.stripe.com"];
  const protocol = env.STRIPE_API_PROTOCOL ?? "https";
  return [`${protocol}://${env.STRIPE_API_HOST}${env.STRIPE_API_PORT ? `:${env.STRIPE_API_PORT}` : ""}`];
}

/** The gateway for this configuration, or null when no key is set (online payment is then hidden). */
export function createPaymentsGateway(env: StripeEnv): PaymentsGateway | null {
  const key = env.STRIPE_SECRET_KEY;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET;
  if (!key || !webhookSecret) return null;
  const stripe = new Stripe(key, {
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: "cunzhan" },
  });

  return {
    async createCheckoutSession(input) {
      const session = await call(() =>
        stripe.checkout.sessions.create(
          {
            mode: "payment",
            client_reference_id: input.checkoutId,
            metadata: { checkoutId: input.checkoutId, attempt: String(input.attempt) },
            payment_intent_data: { metadata: { checkoutId: input.checkoutId } },
            line_items: input.lines.map((l) => ({
              quantity: 1,
              price_data: { currency: "cny", unit_amount: fenForStripe(l.amount), product_data: { name: l.name } },
            })),
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
            expires_at: Math.floor(input.expiresAt.getTime() / 1000),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return sessionOf(session);
    },
    async retrieveCheckoutSession(sessionId) {
      return sessionOf(await call(() => stripe.checkout.sessions.retrieve(sessionId)));
    },
    async retrievePaymentIntent(intentId) {
      return paymentIntentOf(await call(() => stripe.paymentIntents.retrieve(intentId)));
    },
    async createRefund(input) {
      const refund = await call(() =>
        stripe.refunds.create(
          { payment_intent: input.paymentIntentId, amount: fenForStripe(input.amount), metadata: { refundId: input.refundRowId } },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return refundOf(refund);
    },
    async retrieveRefund(refundId) {
      return refundOf(await call(() => stripe.refunds.retrieve(refundId)));
    },
    constructEvent(rawBody, signature) {
      if (!signature) throw new PaymentsSignatureError("no Stripe-Signature header");
      let event: unknown;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
      } catch (error) {
        throw new PaymentsSignatureError(error instanceof Error ? error.message : "signature verification failed");
      }
      const parsed = EventShape.safeParse(event);
      if (!parsed.success) throw new PaymentsSignatureError("the body is not a Stripe event");
      const e = parsed.data;
      return { id: e.id, type: e.type, created: new Date(e.created * 1000), objectType: e.data.object.object, objectId: e.data.object.id };
    },
  };
}

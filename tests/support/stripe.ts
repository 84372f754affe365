import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppLoadContext } from "@remix-run/node";
import Stripe from "stripe";
import { createPaymentsGateway, type PaymentsGateway } from "../../app/services/payments.server";
import { action as webhookAction } from "../../app/routes/webhooks.stripe";
import { startStripeLocal, type StripeLocal } from "../../scripts/stripe-local";
import { testContext } from "./db";

export const WEBHOOK_SECRET = "whsec_test_cunzhan";

export interface PaymentsWorld {
  local: StripeLocal;
  gateway: PaymentsGateway;
  context: AppLoadContext;
  /** HTTP statuses the app's webhook answered, in order. */
  answered: number[];
  close(): Promise<void>;
}

/**
 * The local Stripe-compatible server, an adapter pointed at it, and a real HTTP endpoint that
 * hands each delivery's raw body to the webhook route's action on the test database.
 */
export async function startPaymentsWorld(): Promise<PaymentsWorld> {
  const answered: number[] = [];
  const ready: { context?: AppLoadContext } = {};
  const receiver: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request("http://localhost/webhooks/stripe", { method: "POST", body: Buffer.concat(chunks), headers });
    try {
      const response = (await webhookAction({ request, params: {}, context: ready.context! } as never)) as Response;
      answered.push(response.status);
      res.writeHead(response.status, { "Content-Type": "text/plain" }).end(await response.text());
    } catch (error) {
      answered.push(500);
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  const local = await startStripeLocal({
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`,
    webhookSecret: WEBHOOK_SECRET,
    secretKey: "sk_test_cunzhan",
  });
  const gateway = createPaymentsGateway({
    STRIPE_SECRET_KEY: "sk_test_cunzhan",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: local.port,
    STRIPE_API_PROTOCOL: "http",
  })!;
  const context = testContext({ payments: gateway });
  ready.context = context;
  return {
    local,
    gateway,
    context,
    answered,
    async close() {
      await local.close();
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}

/** Clicks the hosted page's Pay (or Decline) button as a browser without JavaScript would: GET the page, POST its form. */
export async function clickOnHostedPage(url: string, button: "pay" | "decline" = "pay"): Promise<string> {
  const page = await fetch(url);
  const html = await page.text();
  const action = new RegExp(`<form method="post" action="([^"]+/${button})">`).exec(html)?.[1];
  if (!action) throw new Error(`no ${button} form on the hosted page: ${html.slice(0, 200)}`);
  const res = await fetch(new URL(action, url), { method: "POST", redirect: "manual" });
  if (res.status !== 303) throw new Error(`the hosted page answered ${res.status}`);
  return res.headers.get("Location")!;
}

/** A webhook request as Stripe would send it, signed with the SDK's own test helper. */
export function webhookRequest(payload: string, { secret = WEBHOOK_SECRET, timestamp }: { secret?: string; timestamp?: number } = {}): Request {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
  return new Request("http://localhost/webhooks/stripe", { method: "POST", body: payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
}

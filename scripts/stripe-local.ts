import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Stripe from "stripe";
import { decodeStripeForm, type Form, hostedPage, invalid, list, missing, obj, positiveInt, str, StripeWireError } from "./stripe-local-wire";

/**
 * A Stripe-compatible server for development and tests (ADR 011), speaking the subset the adapter
 * uses: Checkout Sessions (create, retrieve, a hosted page with Pay and Decline), PaymentIntents
 * (retrieve) and Refunds (create, retrieve), with form-encoded bodies and Idempotency-Key replay
 * like the real API. Events are delivered to the webhook URL signed with the SDK's own
 * `generateTestHeaderString`; they can be held and released out of order, or delivered again.
 *
 *   npm run stripe:local   (port 12111, webhooks to http://localhost:3000/webhooks/stripe)
 */

type Json = Record<string, unknown>;
interface LocalEvent {
  id: string;
  type: string;
  payload: string;
  deliveries: number[];
}

export interface StripeLocalOptions {
  port?: number;
  host?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** When set, requests must carry it as their bearer key; otherwise any `sk_…` key is taken. */
  secretKey?: string;
  /** How long a refund stays pending before it succeeds (ms). */
  refundDelayMs?: number;
}

export interface StripeLocal {
  url: string;
  port: number;
  webhookSecret: string;
  /** Environment for the app: STRIPE_* pointing here. */
  env: Record<string, string>;
  close(): Promise<void>;
  /** Queue events instead of delivering them, until `release`. */
  hold(): void;
  /** Deliver the held events, in order or reversed, each `times` times (concurrently). */
  release(opts?: { order?: "forward" | "reverse"; times?: number }): Promise<void>;
  /** Deliver one event again, `times` times at once. Returns the HTTP statuses. */
  redeliver(eventId: string, times?: number): Promise<number[]>;
  /** The events made so far: id, type, the exact JSON delivered, and the status of each delivery. */
  events(type?: string): { id: string; type: string; payload: string; deliveries: number[] }[];
  /** Resolves when every delivery started so far has finished. */
  idle(): Promise<void>;
  expireSession(id: string): void;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export async function startStripeLocal(options: StripeLocalOptions = {}): Promise<StripeLocal> {
  const webhookSecret = options.webhookSecret ?? "whsec_local";
  const webhookUrl = options.webhookUrl ?? "http://localhost:3000/webhooks/stripe";
  const sessions = new Map<string, Json & { id: string; status: string; amount_total: number; expires_at: number }>();
  const intents = new Map<string, Json & { id: string; amount_received: number }>();
  const refunds = new Map<string, Json & { id: string; amount: number; status: string; payment_intent: string }>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  const events: LocalEvent[] = [];
  const held: LocalEvent[] = [];
  let holding = false;
  let pending = Promise.resolve();
  let baseUrl = "";

  async function sendOnce(event: LocalEvent): Promise<number> {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: event.payload, secret: webhookSecret });
    try {
      const res = await fetch(webhookUrl, { method: "POST", body: event.payload, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
      await res.arrayBuffer();
      event.deliveries.push(res.status);
      return res.status;
    } catch {
      event.deliveries.push(0);
      return 0;
    }
  }

  /** Like Stripe: retried with backoff until a 2xx (here at most 5 tries). */
  async function deliver(event: LocalEvent): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const status = await sendOnce(event);
      if (status >= 200 && status < 300) return;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }

  function emit(type: string, object: Json): void {
    const event = {
      id: newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const local: LocalEvent = { id: event.id, type, payload: JSON.stringify(event, null, 2), deliveries: [] };
    events.push(local);
    if (holding) held.push(local);
    else pending = pending.then(() => deliver(local));
  }

  function session(id: string) {
    const s = sessions.get(id);
    if (!s) throw missing("checkout.session", id);
    if (s.status === "open" && s.expires_at <= now()) expire(s);
    return s;
  }

  function expire(s: Json & { status: string }) {
    if (s.status !== "open") return;
    Object.assign(s, { status: "expired", url: null });
    emit("checkout.session.expired", s);
  }

  function createSession(form: Form, origin: string) {
    if (str(form, "mode") !== "payment") throw invalid("Only mode=payment is supported here.", "mode");
    const items = list(form, "line_items");
    if (items.length === 0) throw invalid("line_items is required.", "line_items");
    const lines = items.map((item, i) => {
      const price = obj(item, "price_data");
      const amount = positiveInt(str(price, "unit_amount"));
      const quantity = positiveInt(str(item, "quantity") ?? "1");
      if (!price || amount === null || quantity === null) throw invalid("Invalid integer amount.", `line_items[${i}][price_data][unit_amount]`);
      if (str(price, "currency") !== "cny") throw invalid("Only cny is supported here.", `line_items[${i}][price_data][currency]`);
      return { name: str(obj(price, "product_data"), "name") ?? "", amount: amount * quantity };
    });
    const success = str(form, "success_url");
    const cancel = str(form, "cancel_url");
    if (!success || !/^https?:\/\//.test(success)) throw invalid("success_url must be a URL.", "success_url");
    if (cancel && !/^https?:\/\//.test(cancel)) throw invalid("cancel_url must be a URL.", "cancel_url");
    const expiresAt = positiveInt(str(form, "expires_at")) ?? now() + 24 * 3600;
    const id = newId("cs_test");
    const s = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      url: `${origin}/pay/${id}`,
      amount_total: lines.reduce((a, l) => a + l.amount, 0),
      currency: "cny",
      client_reference_id: str(form, "client_reference_id") ?? null,
      metadata: obj(form, "metadata") ?? {},
      payment_intent: null as string | null,
      payment_intent_metadata: obj(obj(form, "payment_intent_data"), "metadata") ?? {},
      line_items: lines,
      success_url: success,
      cancel_url: cancel ?? null,
      expires_at: expiresAt,
      created: now(),
      livemode: false,
    };
    sessions.set(id, s);
    return s;
  }

  function pay(id: string): string {
    const s = session(id);
    if (s.status === "open") {
      const pi = {
        id: newId("pi"),
        object: "payment_intent",
        amount: s.amount_total,
        amount_received: s.amount_total,
        currency: "cny",
        status: "succeeded",
        metadata: s.payment_intent_metadata,
        latest_charge: newId("ch"),
        created: now(),
        livemode: false,
      };
      intents.set(pi.id, pi);
      Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: pi.id, url: null });
      emit("payment_intent.succeeded", pi);
      emit("checkout.session.completed", s);
    }
    return String(s.success_url).replace("{CHECKOUT_SESSION_ID}", s.id);
  }

  function createRefund(form: Form) {
    const piId = str(form, "payment_intent");
    if (!piId) throw invalid("payment_intent is required.", "payment_intent");
    const pi = intents.get(piId);
    if (!pi) throw missing("payment_intent", piId);
    const refunded = [...refunds.values()].filter((r) => r.payment_intent === piId && !["failed", "canceled"].includes(r.status)).reduce((a, r) => a + r.amount, 0);
    const left = pi.amount_received - refunded;
    const amount = str(form, "amount") === undefined ? left : positiveInt(str(form, "amount"));
    if (amount === null || amount <= 0) throw invalid("Invalid positive integer amount.", "amount");
    if (left <= 0) throw invalid(`Charge for ${piId} has already been refunded.`, undefined, "charge_already_refunded");
    if (amount > left) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, "amount", "amount_too_large");
    const refund = { id: newId("re"), object: "refund", amount, currency: "cny", payment_intent: piId, status: "pending", metadata: obj(form, "metadata") ?? {}, created: now() };
    refunds.set(refund.id, refund);
    emit("refund.created", refund);
    setTimeout(() => {
      refund.status = "succeeded";
      emit("refund.updated", refund);
    }, options.refundDelayMs ?? 0);
    return refund;
  }

  function authorised(req: IncomingMessage): boolean {
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    return options.secretKey ? key === options.secretKey : Boolean(key?.startsWith("sk_"));
  }

  /** The API: answers like Stripe, replaying a response for a reused Idempotency-Key. */
  function api(req: IncomingMessage, path: string, body: string): { status: number; body: Json } {
    if (!authorised(req)) throw new StripeWireError(401, "invalid_request_error", "Invalid API Key provided.");
    const form = decodeStripeForm(body);
    const publicSession = (s: Json) => {
      const { payment_intent_metadata: _m, line_items: _l, ...rest } = s;
      return rest;
    };
    let m: RegExpExecArray | null;
    // The page is addressed as the caller addressed us (localhost or 127.0.0.1), as its CSP allows.
    const origin = req.headers.host && /^[\w.-]+(:\d+)?$/.test(req.headers.host) ? `http://${req.headers.host}` : baseUrl;
    if (req.method === "POST" && path === "/v1/checkout/sessions") return { status: 200, body: publicSession(createSession(form, origin)) };
    if (req.method === "GET" && (m = /^\/v1\/checkout\/sessions\/([\w-]+)$/.exec(path))) return { status: 200, body: publicSession(session(m[1]!)) };
    if (req.method === "GET" && (m = /^\/v1\/payment_intents\/([\w-]+)$/.exec(path))) {
      const pi = intents.get(m[1]!);
      if (!pi) throw missing("payment_intent", m[1]!);
      return { status: 200, body: pi };
    }
    if (req.method === "POST" && path === "/v1/refunds") return { status: 200, body: createRefund(form) };
    if (req.method === "GET" && (m = /^\/v1\/refunds\/([\w-]+)$/.exec(path))) {
      const r = refunds.get(m[1]!);
      if (!r) throw missing("refund", m[1]!);
      return { status: 200, body: r };
    }
    throw new StripeWireError(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${path}).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", baseUrl);
    const send = (status: number, payload: string, type = "application/json", headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": type, "Request-Id": newId("req"), ...headers });
      res.end(payload);
    };
    const redirect = (to: string) => {
      res.writeHead(303, { Location: to });
      res.end();
    };
    let m: RegExpExecArray | null;
    try {
      if (url.pathname.startsWith("/v1/")) {
        const key = req.method === "POST" ? req.headers["idempotency-key"] : undefined;
        const scope = typeof key === "string" ? `${req.headers.authorization}|${url.pathname}|${key}` : null;
        const fingerprint = `${req.method} ${body}`;
        const seen = scope ? idempotent.get(scope) : undefined;
        if (seen && seen.fingerprint !== fingerprint) {
          throw new StripeWireError(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with.`);
        }
        if (seen) return send(seen.status, seen.body, "application/json", { "Idempotent-Replayed": "true" });
        let result: { status: number; body: Json };
        try {
          result = api(req, url.pathname, req.method === "GET" ? url.searchParams.toString() : body);
        } catch (error) {
          if (!(error instanceof StripeWireError)) throw error;
          result = { status: error.status, body: error.body() };
        }
        const text = JSON.stringify(result.body);
        if (scope && result.status < 500) idempotent.set(scope, { fingerprint, status: result.status, body: text });
        return send(result.status, text);
      }
      if (req.method === "GET" && (m = /^\/pay\/([\w-]+)$/.exec(url.pathname))) {
        const s = session(m[1]!);
        return send(200, hostedPage(s as never), "text/html; charset=utf-8");
      }
      if (req.method === "POST" && (m = /^\/pay\/([\w-]+)\/(pay|decline)$/.exec(url.pathname))) {
        const s = session(m[1]!);
        if (m[2] === "pay") return redirect(pay(s.id));
        return redirect(String(s.cancel_url ?? s.success_url));
      }
      if (req.method === "POST" && url.pathname === "/control/hold") {
        control.hold();
        return send(200, "{}");
      }
      if (req.method === "POST" && url.pathname === "/control/release") {
        await control.release({ order: url.searchParams.get("order") === "reverse" ? "reverse" : "forward", times: Number(url.searchParams.get("times") ?? 1) || 1 });
        return send(200, "{}");
      }
      if (req.method === "POST" && (m = /^\/control\/redeliver\/([\w-]+)$/.exec(url.pathname))) {
        return send(200, JSON.stringify({ statuses: await control.redeliver(m[1]!, Number(url.searchParams.get("times") ?? 1) || 1) }));
      }
      if (req.method === "POST" && (m = /^\/control\/sessions\/([\w-]+)\/expire$/.exec(url.pathname))) {
        control.expireSession(m[1]!);
        return send(200, "{}");
      }
      if (req.method === "GET" && url.pathname === "/control/events") return send(200, JSON.stringify(control.events()));
      throw new StripeWireError(404, "invalid_request_error", `Unrecognized request URL (${req.method}: ${url.pathname}).`);
    } catch (error) {
      if (error instanceof StripeWireError) return send(error.status, JSON.stringify(error.body()));
      send(500, JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  baseUrl = `http://${host}:${port}`;
  // Sessions past their expires_at expire on their own, as on Stripe.
  const sweeper = setInterval(() => {
    for (const s of sessions.values()) if (s.status === "open" && s.expires_at <= now()) expire(s);
  }, 5_000);
  sweeper.unref();

  const control: StripeLocal = {
    url: baseUrl,
    port,
    webhookSecret,
    env: {
      STRIPE_SECRET_KEY: options.secretKey ?? "sk_test_local",
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_HOST: host,
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: "http",
    },
    async close() {
      clearInterval(sweeper);
      await control.idle();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    hold() {
      holding = true;
    },
    async release({ order = "forward", times = 1 } = {}) {
      holding = false;
      const batch = held.splice(0, held.length);
      if (order === "reverse") batch.reverse();
      for (const event of batch) await Promise.all(Array.from({ length: times }, () => deliver(event)));
    },
    async redeliver(eventId, times = 1) {
      const event = events.find((e) => e.id === eventId);
      if (!event) throw new Error(`no event ${eventId}`);
      return Promise.all(Array.from({ length: times }, () => sendOnce(event)));
    },
    events(type) {
      return events.filter((e) => !type || e.type === type).map((e) => ({ ...e, deliveries: [...e.deliveries] }));
    },
    async idle() {
      let seen: Promise<void>;
      do {
        seen = pending;
        await seen;
        await new Promise((r) => setTimeout(r, (options.refundDelayMs ?? 0) + 10));
      } while (seen !== pending);
    },
    expireSession(id) {
      expire(session(id));
    },
  };
  return control;
}

// `npm run stripe:local`: serve until stopped, and say how to point the app here.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const local = await startStripeLocal({
    port: Number(process.env.STRIPE_LOCAL_PORT ?? 12111),
    webhookUrl: process.env.STRIPE_LOCAL_WEBHOOK_URL ?? `http://localhost:${process.env.PORT ?? 3000}/webhooks/stripe`,
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_local",
  });
  console.log(`Stripe-compatible local server on ${local.url} (hosted pages at ${local.url}/pay/<session>).`);
  console.log("Start the app with:\n");
  console.log(`  ${Object.entries(local.env).map(([k, v]) => `${k}=${v}`).join(" ")} npm run dev\n`);
  const stop = () => void local.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

import type { Db, EngineKind } from "../../db/client.server";
import type { PaymentsGateway } from "../services/payments.server";
import type { Env } from "./env.server";

/**
 * What the server builds once at start-up and hands to every loader and action
 * (Hydrogen's pattern): routes pass `context.db` to models, nothing builds its own client.
 * The per-request fields are filled in by server.ts for each request.
 */
export interface AppContext {
  db: Db;
  dbKind: EngineKind;
  env: Env;
  /** The Stripe adapter (ADR 011), or null when STRIPE_SECRET_KEY is unset: online payment is then hidden. */
  payments: PaymentsGateway | null;
  /** The client's IP address (from the socket, or X-Forwarded-For only when TRUST_PROXY=1), for rate limits. */
  clientAddress: string;
  /** This response's Content-Security-Policy nonce: the only inline scripts that run carry it. */
  cspNonce: string;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

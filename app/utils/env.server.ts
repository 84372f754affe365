import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the app reads, parsed once at start-up.
 * A bad value stops the process with one sentence per variable (see `loadEnv`).
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number between 1 and 65535" })
    .int("must be a port number between 1 and 65535")
    .min(1, "must be a port number between 1 and 65535")
    .max(65535, "must be a port number between 1 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || isPostgresUrl(v), {
      message: "must be a PostgreSQL URL such as postgres://user:password@host:5432/cunzhan",
    }),
  DATA_DIR: z.string().min(1).default("./.data"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Unset means "auto" outside production and "never" in production: the demo accounts have
  // published passwords and must not appear on a real deployment by accident.
  SEED_DEMO: z.enum(["auto", "never"], { error: 'must be "auto" or "never"' }).optional(),
  PUBLIC_URL: z.string().url("must be a full URL such as https://cunzhan.example.cn").optional(),
  // "1" when exactly one reverse proxy (nginx, a load balancer) sits in front and appends
  // X-Forwarded-For; otherwise that header is the client's to invent and is ignored.
  TRUST_PROXY: z
    .enum(["0", "1"], { message: 'must be "1" (behind one reverse proxy) or "0"' })
    .default("0")
    .transform((v) => v === "1"),
  // Online payment (ADR 011): unset STRIPE_SECRET_KEY hides it and leaves pay-at-pickup. HOST/PORT/PROTOCOL
  // point the SDK at any Stripe-compatible gateway, such as `npm run stripe:local`.
  STRIPE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  STRIPE_API_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.-]+$/, "must be a host name such as api.stripe.com or 127.0.0.1")
    .optional(),
  STRIPE_API_PORT: z.coerce
    .number({ error: "must be a port number between 1 and 65535" })
    .int("must be a port number between 1 and 65535")
    .min(1, "must be a port number between 1 and 65535")
    .max(65535, "must be a port number between 1 and 65535")
    .optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"], { error: 'must be "http" or "https"' }).optional(),
  // Order notifications (ADR 010): sent by e-mail when set, otherwise shown on the order page only.
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v), { message: "must be an SMTP URL such as smtps://user:password@smtp.example.cn:465" }),
  MAIL_FROM: z.string().trim().min(3, "must be an address such as 村站 <orders@cunzhan.example.cn>").optional(),
  // Browser tests only (tests/e2e/serve.ts sets it): a port on 127.0.0.1 where the test factories
  // (tests/e2e/support/factory-server.ts) make what each spec needs. Never set on a deployment.
  E2E_FACTORY_PORT: z.coerce
    .number({ error: "must be a port number between 1024 and 65535" })
    .int("must be a port number between 1024 and 65535")
    .min(1024, "must be a port number between 1024 and 65535")
    .max(65535, "must be a port number between 1024 and 65535")
    .optional(),
});

export type Env = Omit<z.infer<typeof EnvSchema>, "SESSION_SECRET" | "LOG_LEVEL" | "SEED_DEMO"> & {
  SESSION_SECRET: string;
  SEED_DEMO: "auto" | "never";
  LOG_LEVEL: NonNullable<z.infer<typeof EnvSchema>["LOG_LEVEL"]>;
  /** DATA_DIR made absolute, so that PGlite and uploads agree wherever the process starts. */
  dataDir: string;
  database: "postgres" | "pglite";
};

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration problem: ${problems.join("; ")}`);
    this.name = "EnvError";
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Parses `source` (process.env by default); throws EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
    );
  }
  const env = parsed.data;
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    // Without it no payment or refund could ever be confirmed by webhook.
    throw new EnvError(["STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (the whsec_… secret of the webhook endpoint)"]);
  }
  let secret = env.SESSION_SECRET;
  if (!secret) {
    if (env.NODE_ENV === "production") {
      throw new EnvError([
        "SESSION_SECRET is required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)",
      ]);
    }
    // Command-line tasks never sign anyone in; the server keeps a generated secret in
    // DATA_DIR (server.ts) and says so, so nothing is printed here.
    secret = randomBytes(32).toString("hex");
  }
  return {
    ...env,
    SESSION_SECRET: secret,
    LOG_LEVEL: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    SEED_DEMO: env.SEED_DEMO ?? (env.NODE_ENV === "production" ? "never" : "auto"),
    dataDir: path.resolve(env.DATA_DIR),
    database: env.DATABASE_URL ? "postgres" : "pglite",
  };
}

let cached: Env | undefined;

/** The process-wide configuration, parsed on first use. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}

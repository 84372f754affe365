import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startStripeLocal } from "../../scripts/stripe-local";

/**
 * Starts the production server for the browser tests on a database nobody else uses,
 * and removes that database when Playwright stops the server.
 */
const port = process.env.E2E_PORT ?? "3100";
const baseUrl = process.env.DATABASE_URL;
let cleanup: () => Promise<void>;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  SEED_DEMO: "auto",
  HOST: "127.0.0.1",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-0000",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

if (baseUrl) {
  const name = `cunzhan_e2e_${process.pid}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  // A run that was killed outright could not drop its database: drop those of dead runs.
  const stale = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'cunzhan\_e2e\_%'`;
  for (const { datname } of stale) {
    const pid = Number(datname.slice("cunzhan_e2e_".length));
    if (!isAlive(pid)) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
  }
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  cleanup = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  };
} else {
  const dir = mkdtempSync(path.join(tmpdir(), "cunzhan-e2e-"));
  env.DATA_DIR = dir;
  delete env.DATABASE_URL;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

// Online payment goes to the local Stripe-compatible server (scripts/stripe-local.ts), which
// signs its webhooks to this server like Stripe would: the browser tests pay on its hosted page.
const stripe = await startStripeLocal({ webhookUrl: `http://127.0.0.1:${port}/webhooks/stripe` });
Object.assign(env, stripe.env);
const cleanupDatabase = cleanup;
cleanup = async () => {
  await stripe.close().catch(() => {});
  await cleanupDatabase();
};

const server = spawn(path.resolve("node_modules/.bin/tsx"), ["server.ts"], { env, stdio: "inherit" });
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
server.on("exit", async (code) => {
  await cleanup();
  process.exit(stopping ? 0 : (code ?? 1));
});

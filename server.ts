import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, watch, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { type AppLoadContext, broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { pinoHttp } from "pino-http";
import { type Database, DatabaseStartError, openDatabase } from "./db/client.server";
import { DEMO_ACCOUNTS, seedDemo } from "./scripts/demo/seed";
import "./app/utils/context";
import { createPaymentsGateway, hostedPageOrigins } from "./app/services/payments.server";
import { EnvError, type Env, loadEnv } from "./app/utils/env.server";
import { crossSiteGuard, requestContext, securityHeadersMiddleware } from "./app/utils/http-middleware.server";
import { logger } from "./app/utils/logger.server";
import { startOrderSweeper } from "./app/services/order-sweeper.server";
import { storefrontCache } from "./app/routes-support/shop/storefront-cache.server";

const BUILD_PATH = path.resolve("build/index.js");

/** Start-up problems are told in one sentence each, without a stack trace. */
function fail(message: string): never {
  console.error(`Cunzhan cannot start: ${message}`);
  process.exit(1);
}

/** Outside production a missing SESSION_SECRET is made once and kept beside the data, so sign-ins survive restarts. */
function withSessionSecret(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (source.SESSION_SECRET || source.NODE_ENV === "production") return source;
  const dataDir = path.resolve(source.DATA_DIR || "./.data");
  const file = path.join(dataDir, "session-secret");
  try {
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
      console.warn(`SESSION_SECRET is not set: generated one in ${file} (set SESSION_SECRET in production).`);
    }
    return { ...source, SESSION_SECRET: readFileSync(file, "utf8").trim() };
  } catch {
    console.warn("SESSION_SECRET is not set and DATA_DIR is not writable: using a random one, so sign-ins will not survive a restart.");
    return source; // loadEnv then generates a per-run secret
  }
}

async function importBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD_PATH)) fail("there is no build yet; run `npm run build` first.");
  // A query string busts Node's module cache so a rebuilt server is picked up in development.
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${statSync(BUILD_PATH).mtimeMs}`);
}

/** The demo sign-ins, once, when the demo county is first seeded (they are also in the README). */
function printDemoAccounts(env: Env) {
  const lines = DEMO_ACCOUNTS.map(
    (a) => `  ${a.roleZh.padEnd(6, "　")} ${a.login.padEnd(20)} ${a.password.padEnd(22)} ${a.name}${a.place ? `（${a.where}）` : ""}`,
  );
  console.log(["", "Demo accounts (sign in at /login):", ...lines, ""].join("\n"));
  if (env.NODE_ENV === "production") {
    logger.warn("SEED_DEMO=auto in production: the demo accounts above have published passwords; deactivate them before real use");
  }
}

async function main() {
  let env: Env;
  try {
    env = loadEnv(withSessionSecret(process.env));
  } catch (error) {
    if (error instanceof EnvError) fail(error.problems.join("; ") + ".");
    throw error;
  }

  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
    await database.migrate();
  } catch (error) {
    if (error instanceof DatabaseStartError) fail(error.message);
    throw error;
  }

  if (env.SEED_DEMO === "auto") {
    const seeded = await seedDemo(database.db);
    if (seeded.seeded) {
      logger.info({ stations: seeded.stations, accounts: seeded.accounts }, "seeded the demo county (黔西县) into an empty database");
      printDemoAccounts(env);
    }
  }

  const shared = { db: database.db, dbKind: database.kind, env, payments: createPaymentsGateway(env) };
  let build = await importBuild();

  const app = express();
  app.disable("x-powered-by");
  // Headers first, so static files and refusals carry them too.
  app.use(securityHeadersMiddleware({ production: env.NODE_ENV === "production", formActionOrigins: hostedPageOrigins(env) }));
  app.use(compression());
  // Fingerprinted assets never change: cache them for a year.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info"),
    }),
  );
  app.use(crossSiteGuard({ publicUrl: env.PUBLIC_URL }));
  // Anonymous storefront pages come from the page cache while the catalogue version is unchanged.
  app.use(storefrontCache({ getBuild: () => build, shared, loadContext: (req, res) => requestContext(shared, req, res) }));
  app.all("*", (req, res, next) =>
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (request, response): AppLoadContext => requestContext(shared, request, response),
    })(req, res, next),
  );

  // Browser tests make their own stations and goods (ADR 020): a factory endpoint on loopback, only when asked.
  const factories = env.E2E_FACTORY_PORT ? await (await import("./tests/e2e/support/factory-server")).startFactoryServer({ db: database.db, port: env.E2E_FACTORY_PORT }) : null;

  // Order housekeeping (ADR 010): expire unpaid online checkouts, e-mail notifications when SMTP is set.
  const stopOrderSweeper = startOrderSweeper({ db: database.db, env, logger });

  const server = app.listen(env.PORT, env.HOST, () => {
    const where = env.HOST === "0.0.0.0" ? "localhost" : env.HOST;
    logger.info(`Cunzhan is serving on http://${where}:${env.PORT} (database: ${database.kind})`);
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
  });

  if (env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) {
    const versionFile = path.resolve("build/version.txt");
    watch(path.dirname(versionFile), async (_event, file) => {
      if (file !== "version.txt") return;
      build = await importBuild();
      broadcastDevReady(build);
    });
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopOrderSweeper();
    factories?.close();
    // Stop taking requests, let the ones in flight finish, then close the database cleanly.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await database.close().catch(() => {});
      process.exit(0);
    });
    server.closeIdleConnections?.();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

await main();

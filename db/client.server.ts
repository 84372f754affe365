import { mkdirSync, accessSync, constants } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index";

export type Schema = typeof schema;

/**
 * The one drizzle type every model takes: a database or a transaction, on either engine.
 * Models never build a client; they are handed one of these (ADR 003).
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type EngineKind = "postgres" | "pglite";

export interface Database {
  db: Db;
  kind: EngineKind;
  /** Raw SQL on the underlying driver, for what drizzle does not express (migrations' bookkeeping, resets). */
  exec(sqlText: string): Promise<void>;
  /** Applies pending migrations from `folder` (the app's own by default) in one transaction. */
  migrate(folder?: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data folder as a tarball, so tests can start new instances already migrated. */
  snapshot?(): Promise<Blob>;
}

export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "migrations",
);

/** A start-up problem told in one sentence, without a stack trace. */
export class DatabaseStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseStartError";
  }
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** PGlite only: start from a `snapshot()` instead of an empty cluster (tests). */
  pgliteSnapshot?: Blob;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.maxConnections ?? 10)
    : openPglite(options.dataDir ?? "./.data", options.pgliteSnapshot);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  let where: string;
  try {
    const parsed = new URL(url);
    if (!["postgres:", "postgresql:"].includes(parsed.protocol) || !parsed.hostname) throw new Error("not a PostgreSQL URL");
    where = `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    throw new DatabaseStartError("DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database).");
  }
  const client = postgres(url, {
    max,
    connect_timeout: 10,
    onnotice: () => {},
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseStartError(`Cannot connect to PostgreSQL at ${where}: ${describe(error)}.`, { cause: error });
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    exec: async (sqlText) => {
      await client.unsafe(sqlText);
    },
    migrate: (folder = MIGRATIONS_FOLDER) =>
      runMigration(() => migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: folder })),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, snapshot?: Blob): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) {
    const dir = path.resolve(dataDir);
    try {
      // PGlite does not create parent folders itself.
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new DatabaseStartError(`DATA_DIR ${dir} cannot be created or written to: ${describe(error)}.`, { cause: error });
    }
    dataDir = path.join(dir, "pglite");
  }
  let client: PGlite;
  try {
    client = await PGlite.create(inMemory ? undefined : dataDir, { extensions: { pg_trgm }, loadDataDir: snapshot });
  } catch (error) {
    throw new DatabaseStartError(`Cannot open the embedded database in ${dataDir}: ${describe(error)}.`, { cause: error });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    migrate: (folder = MIGRATIONS_FOLDER) =>
      runMigration(() => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: folder })),
    close: () => client.close(),
    snapshot: () => client.dumpDataDir("none"),
  };
}

async function runMigration(run: () => Promise<void>): Promise<void> {
  try {
    // drizzle applies all pending migrations in one transaction: a failure leaves the database as it was.
    await run();
  } catch (error) {
    throw new DatabaseStartError(`A database migration failed and was rolled back: ${describe(error)}.`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return `${error.message}${code && !error.message.includes(code) ? ` [${code}]` : ""}${cause}`.replace(/\.$/, "");
  }
  return String(error);
}

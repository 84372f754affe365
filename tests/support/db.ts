import { readFileSync } from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import postgres from "postgres";
import { beforeAll, beforeEach, inject } from "vitest";
import { type Database, openDatabase } from "../../db/client.server";
import { loadEnv } from "../../app/utils/env.server";
import "../../app/utils/context";
import { withDatabase } from "../setup/database-url";

/*
 * The integration project runs with `isolate: false` (vitest.config.ts): a worker process runs
 * file after file and evaluates this module once, so the worker's database below is opened once
 * per worker, not once per file (opening a PGlite costs 1–4 s). Every test still starts from an
 * empty, migrated database: the setup file (tests/setup/integration.ts) empties it before each.
 */

interface Copy {
  database: Database;
  /** Closes the copy and, on PostgreSQL, drops its database. */
  discard(): Promise<void>;
}

/** The worker's own database: a copy of the migrated template (PostgreSQL) or snapshot (PGlite). */
let worker: Promise<Database> | undefined;
/** The worker's database once open, for the setup file's hooks. */
let base: Database | undefined;

/** The test's database: PostgreSQL when DATABASE_URL is set, else PGlite. Empty and migrated before each test. */
export function testDatabase(): Database {
  const database = base;
  if (!database) throw new Error("testDatabase() used outside a test (the setup file opens it in beforeAll)");
  return database;
}

export function testDb() {
  return testDatabase().db;
}

/** The load context a route sees, built on the test database. */
export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  const database = testDatabase();
  return {
    db: database.db,
    dbKind: database.kind,
    env: loadEnv({ NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" }),
    payments: null,
    clientAddress: "192.0.2.1",
    cspNonce: "test-nonce",
    ...overrides,
  };
}

let admin: postgres.Sql | undefined;
const snapshots = new Map<string, Blob>();

/** A new database copied from a PostgreSQL template or loaded from a PGlite snapshot. */
async function openCopy(from: { pgTemplate: string | null; pgliteSnapshotPath: string | null }): Promise<Copy> {
  const url = process.env.DATABASE_URL;
  if (url && from.pgTemplate) {
    // Named after the run's template, so that the global teardown finds and drops what a worker leaves.
    const name = `${inject("pgTemplate")}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    admin ??= postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${from.pgTemplate}"`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), maxConnections: 10 });
    return {
      database,
      discard: async () => {
        await database.close();
        await admin!.unsafe(`drop database if exists "${name}" with (force)`);
      },
    };
  }
  if (!from.pgliteSnapshotPath) throw new Error("global setup provided no database");
  let snapshot = snapshots.get(from.pgliteSnapshotPath);
  if (!snapshot) {
    snapshot = new Blob([readFileSync(from.pgliteSnapshotPath)]);
    snapshots.set(from.pgliteSnapshotPath, snapshot);
  }
  const database = await openDatabase({ dataDir: "memory://", pgliteSnapshot: snapshot });
  return { database, discard: () => database.close() };
}

function workerDatabase(): Promise<Database> {
  worker ??= openCopy({ pgTemplate: inject("pgTemplate"), pgliteSnapshotPath: inject("pgliteSnapshotPath") }).then(
    (copy) => copy.database,
    (error: unknown) => {
      worker = undefined;
      throw error;
    },
  );
  return worker;
}

/**
 * Empties every application table (the migrations' own bookkeeping lives in schema `drizzle`)
 * and restarts the identity sequences: what `truncate … restart identity cascade` on every table
 * did, which rewrote some 200 files per test (~60 ms on PGlite, ~200 ms on PostgreSQL). Now only
 * tables that hold rows are emptied, by DELETE with triggers and foreign keys off
 * (session_replication_role = replica: the append-only guards would refuse, and the order does
 * not matter when every table ends empty), and only sequences that were used are restarted:
 * ~4 ms. A role that may not set session_replication_role (not a superuser) truncates as before.
 */
export async function resetDatabase(database: Database): Promise<void> {
  await database.exec(`
    do $$
    declare
      r record;
      busy boolean;
      tables text;
    begin
      begin
        set local session_replication_role = replica;
      exception when insufficient_privilege then
        select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables
          from pg_tables where schemaname = 'public';
        if tables is not null then
          execute 'truncate table ' || tables || ' restart identity cascade';
        end if;
        return;
      end;
      for r in select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public' loop
        execute 'select exists (select from ' || r.name || ')' into busy;
        if busy then
          execute 'delete from ' || r.name;
        end if;
      end loop;
      for r in select format('%I.%I', schemaname, sequencename) as name from pg_sequences
                where schemaname = 'public' and last_value is not null loop
        execute 'alter sequence ' || r.name || ' restart';
      end loop;
    end $$;`);
}

/** The setup file's hooks, once per test file: the worker's database, emptied before each test. */
export function setupTestDatabase(): void {
  beforeAll(async () => {
    base = await workerDatabase();
  });
  beforeEach(async () => {
    await resetDatabase(base!);
  });
}

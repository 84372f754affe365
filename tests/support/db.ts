import { readFileSync } from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { type Database, openDatabase } from "../../db/client.server";
import { loadEnv } from "../../app/utils/env.server";
import "../../app/utils/context";
import { withDatabase } from "../setup/database-url";
import { type DemoSeedDone, waitForDemoSeed } from "../setup/demo-seed";

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
/** Demo copies opened by useDemoDatabase(), innermost last: while one is open, tests see it. */
const demoCopies: Database[] = [];

/**
 * The test's database: PostgreSQL when DATABASE_URL is set, else PGlite. Empty and migrated
 * before each test; inside a useDemoDatabase() block, a copy of the seeded demo county instead.
 */
export function testDatabase(): Database {
  const database = demoCopies.at(-1) ?? base;
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
          -- A rule or row-level policy could make DELETE leave rows: then say so, not run on a dirty database.
          execute 'select exists (select from ' || r.name || ')' into busy;
          if busy then
            raise exception 'resetDatabase: % still has rows after DELETE', r.name;
          end if;
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
  afterAll(() => {
    // A demo block always closes its copy; nothing of one file's may reach the next.
    demoCopies.length = 0;
  });
}

/** Waiting for the demo seed may take as long as the seed itself, on a machine busy with other files. */
const DEMO_TIMEOUT_MS = 300_000;

let demoSeed: Promise<DemoSeedDone> | undefined;

function demoSeedDone(): Promise<DemoSeedDone> {
  demoSeed ??= waitForDemoSeed(inject("demoSeedDir"), { timeoutMs: DEMO_TIMEOUT_MS });
  return demoSeed;
}

/**
 * PGlite: a demo copy that no test wrote to, kept for the worker's next demo block, since opening
 * one takes 1–3 s. A PostgreSQL copy (CREATE DATABASE … TEMPLATE) is quick: never kept.
 */
let spareDemo: { copy: Copy; mark: string } | undefined;

/**
 * The next transaction id PGlite will hand out: it moves with every transaction that writes
 * anything (rows, sequences, temporary tables), not with reads. Null inside a transaction that
 * has written, or on PostgreSQL, where other databases' work moves it too.
 */
async function writeMark(database: Database): Promise<string | null> {
  if (database.kind !== "pglite") return null;
  const result = await database.db.execute(
    sql`select pg_snapshot_xmax(pg_current_snapshot())::text as next, pg_current_xact_id_if_assigned()::text as mine`,
  );
  const [row] = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { next: string; mine: string | null }[];
  return row && row.mine === null ? row.next : null;
}

/**
 * Tests of the demo county's year call this in their file or describe block. Inside it,
 * testDb(), testDatabase() and testContext() answer a copy of the demo as seedDemo left it on
 * an empty, migrated database. The demo is seeded once per run (tests/setup/demo-seed.ts).
 *
 * `copy: "per-block"` (the default) opens one copy for the whole block: for tests that only read
 * it (on PGlite a copy nobody wrote to serves the worker's next block too). `copy: "per-test"`
 * gives each test its own, for tests that write to it.
 */
export function useDemoDatabase({ copy = "per-block" }: { copy?: "per-block" | "per-test" } = {}): void {
  const [open, close] = copy === "per-test" ? [beforeEach, afterEach] : [beforeAll, afterAll];
  let current: { copy: Copy; mark: string | null } | undefined;
  open(async () => {
    if (copy === "per-block" && spareDemo) {
      current = spareDemo;
      spareDemo = undefined;
    } else {
      const done = await demoSeedDone();
      const opened = await openCopy({ pgTemplate: done.pgDemoTemplate, pgliteSnapshotPath: done.pgliteDemoSnapshotPath });
      current = { copy: opened, mark: await writeMark(opened.database) };
    }
    demoCopies.push(current.copy.database);
  }, DEMO_TIMEOUT_MS + 30_000);
  close(async () => {
    if (!current) return;
    const closing = current;
    current = undefined;
    const index = demoCopies.indexOf(closing.copy.database);
    if (index !== -1) demoCopies.splice(index, 1);
    const untouched = copy === "per-block" && closing.mark !== null && (await writeMark(closing.copy.database)) === closing.mark;
    if (untouched && !spareDemo) spareDemo = { copy: closing.copy, mark: closing.mark! };
    else await closing.copy.discard();
  });
}

/** What seedDemo returned when the demo was seeded for this run, and how long it took. Inside a useDemoDatabase() block. */
export async function demoSeedResult(): Promise<DemoSeedDone> {
  return demoSeedDone();
}

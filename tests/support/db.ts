import { readFileSync } from "node:fs";
import type { AppLoadContext } from "@remix-run/node";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { type Database, openDatabase } from "../../db/client.server";
import { loadEnv } from "../../app/utils/env.server";
import "../../app/utils/context";
import { withDatabase } from "../setup/global-db";

let current: Database | undefined;
let dropCopy: (() => Promise<void>) | undefined;

/** The test file's database: PostgreSQL when DATABASE_URL is set, else PGlite. Empty and migrated before each test. */
export function testDatabase(): Database {
  if (!current) throw new Error("testDatabase() used outside a test (the setup file opens it in beforeAll)");
  return current;
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

async function open(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const template = inject("pgTemplate");
  if (url && template) {
    const name = `${template}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template}"`);
    dropCopy = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
    return openDatabase({ databaseUrl: withDatabase(url, name), maxConnections: 10 });
  }
  const snapshotPath = inject("pgliteSnapshotPath");
  if (!snapshotPath) throw new Error("global setup provided no database");
  return openDatabase({ dataDir: "memory://", pgliteSnapshot: new Blob([readFileSync(snapshotPath)]) });
}

/** Empties every application table (the migrations' own bookkeeping lives in schema `drizzle`). */
export async function resetDatabase(database: Database): Promise<void> {
  await database.exec(`
    do $$
    declare tables text;
    begin
      select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables
        from pg_tables where schemaname = 'public';
      if tables is not null then
        execute 'truncate table ' || tables || ' restart identity cascade';
      end if;
    end $$;`);
}

export function setupTestDatabase(): void {
  beforeAll(async () => {
    current = await open();
  });
  beforeEach(async () => {
    await resetDatabase(testDatabase());
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
    await dropCopy?.();
  });
}

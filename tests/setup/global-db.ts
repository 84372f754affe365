import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL: a migrated template database each test file clones. */
    pgTemplate: string | null;
    /** PGlite: a migrated data folder, as a tarball file, each test file loads. */
    pgliteSnapshotPath: string | null;
  }
}

/**
 * Migrates once per run, not once per test: PostgreSQL gets a template database that each
 * test file copies (CREATE DATABASE … TEMPLATE, ~0.1 s); PGlite gets a snapshot each test file
 * loads. Between tests the tables are truncated (tests/support/db.ts).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `cunzhan_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${template}"`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), maxConnections: 1 });
    await database.migrate();
    await database.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteSnapshotPath", null);
    return async () => {
      // Leftover copies from crashed files would keep the template busy: drop them first.
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${template}_%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  const blob = await database.snapshot!();
  await database.close();
  const dir = mkdtempSync(path.join(tmpdir(), "cunzhan-pglite-"));
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgTemplate", null);
  project.provide("pgliteSnapshotPath", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

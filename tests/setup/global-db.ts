import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client.server";
import { withDatabase } from "./database-url";
import { stopDemoSeed, writeDemoSeedJob } from "./demo-seed";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL: a migrated template database each worker clones. */
    pgTemplate: string | null;
    /** PGlite: a migrated data folder, as a tarball file, each worker loads. */
    pgliteSnapshotPath: string | null;
    /** The run's folder in which the demo county is seeded once, when a test needs it (tests/setup/demo-seed.ts). */
    demoSeedDir: string;
  }
}

export { withDatabase };

/**
 * Migrates once per run, not once per test: PostgreSQL gets a template database that each
 * worker copies (CREATE DATABASE … TEMPLATE, ~0.1 s); PGlite gets a snapshot each worker
 * loads. Between tests the tables are emptied (tests/support/db.ts).
 *
 * The demo county's year is not seeded here: the sequencer starts that in a process of its own
 * when a selected file needs it, so that it runs alongside the other files (tests/setup/demo-seed.ts).
 * This only says what that seed starts from and where its copy goes.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "cunzhan-test-run-"));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const script = path.join(root, "tests/setup/seed-demo-process.ts");
  project.provide("demoSeedDir", dir);
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `cunzhan_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${template}"`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), maxConnections: 1 });
    await database.migrate();
    await database.close();
    writeDemoSeedJob(dir, {
      root,
      script,
      databaseUrl: url,
      pgTemplate: template,
      pgDemoTemplate: `${template}_demo`,
      pgliteSnapshotPath: null,
      pgliteDemoSnapshotPath: null,
    });
    project.provide("pgTemplate", template);
    project.provide("pgliteSnapshotPath", null);
    return async () => {
      await stopDemoSeed(dir);
      // The workers' databases, the demo template and its copies are all named after the template.
      const copies = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${template}_%`}`;
      for (const { datname } of copies) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.unsafe(`drop database if exists "${template}" with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const database = await openDatabase({ dataDir: "memory://" });
  await database.migrate();
  const blob = await database.snapshot!();
  await database.close();
  const file = path.join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  writeDemoSeedJob(dir, {
    root,
    script,
    databaseUrl: null,
    pgTemplate: null,
    pgDemoTemplate: null,
    pgliteSnapshotPath: file,
    pgliteDemoSnapshotPath: path.join(dir, "demo.tar"),
  });
  project.provide("pgTemplate", null);
  project.provide("pgliteSnapshotPath", file);
  return async () => {
    await stopDemoSeed(dir);
    rmSync(dir, { recursive: true, force: true });
  };
}

import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
 * loads, itself kept between runs while the migrations stay the same. Between tests the tables
 * are emptied (tests/support/db.ts).
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
  const file = path.join(dir, "migrated.tar");
  await migratedSnapshot(root, file);
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

/**
 * PGlite: the migrated data folder as a tarball at `file`. Making one costs 5–8 s before any test
 * can start (the first PGlite of a process compiles its WebAssembly, then initdb and the
 * migrations), so it is kept between runs in node_modules/.cache, under a key made of everything
 * that decides its content: the migration files, PGlite's and drizzle's versions and the client.
 */
async function migratedSnapshot(root: string, file: string): Promise<void> {
  const hash = createHash("sha256");
  const migrations = path.join(root, "db/migrations");
  for (const name of (readdirSync(migrations, { recursive: true }) as string[]).sort()) {
    const full = path.join(migrations, name);
    try {
      hash.update(name).update(readFileSync(full));
    } catch {
      // a folder
    }
  }
  for (const pkg of ["@electric-sql/pglite", "drizzle-orm"]) hash.update(readFileSync(path.join(root, "node_modules", pkg, "package.json")));
  hash.update(readFileSync(path.join(root, "db/client.server.ts")));
  const cacheDir = path.join(root, "node_modules/.cache/cunzhan-tests");
  const cached = path.join(cacheDir, `migrated-${hash.digest("hex").slice(0, 16)}.tar`);
  if (!existsSync(cached)) {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    const blob = await database.snapshot!();
    await database.close();
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so that a concurrent run never reads half a tarball.
    writeFileSync(`${cached}.${process.pid}.tmp`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${cached}.${process.pid}.tmp`, cached);
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith("migrated-") && old.endsWith(".tar") && path.join(cacheDir, old) !== cached) rmSync(path.join(cacheDir, old), { force: true });
    }
  }
  // The run keeps its own link, so that another run pruning the cache cannot take it away.
  try {
    linkSync(cached, file);
  } catch {
    copyFileSync(cached, file);
  }
}

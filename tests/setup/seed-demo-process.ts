/**
 * Seeds the demo county's year once for the whole test run (started by tests/setup/demo-seed.ts,
 * `node --import tsx tests/setup/seed-demo-process.ts <run folder>`), through seedDemo itself on
 * an empty, migrated database:
 *   PostgreSQL: a second template database, copied from the migrated one, then seeded;
 *   PGlite: the migrated snapshot loaded, seeded and written out as a second snapshot.
 * Ends by writing done.json (or failed.json) in the run folder.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../../db/client.server";
import { seedDemo } from "../../scripts/demo/seed";
import { type DemoSeedDone, type DemoSeedJob, writeAtomically } from "./demo-seed";
import { withDatabase } from "./database-url";

const dir = process.argv[2];
if (!dir) throw new Error("usage: seed-demo-process.ts <run folder>");
const job = JSON.parse(readFileSync(path.join(dir, "job.json"), "utf8")) as DemoSeedJob;

try {
  const started = performance.now();
  let done: DemoSeedDone;
  if (job.databaseUrl && job.pgTemplate && job.pgDemoTemplate) {
    const admin = postgres(job.databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${job.pgDemoTemplate}" template "${job.pgTemplate}"`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(job.databaseUrl, job.pgDemoTemplate), maxConnections: 1 });
    const result = await seedDemo(database.db);
    // Copies of a template need it free of connections.
    await database.close();
    done = { result, seconds: (performance.now() - started) / 1000, pgDemoTemplate: job.pgDemoTemplate, pgliteDemoSnapshotPath: null };
  } else if (job.pgliteSnapshotPath && job.pgliteDemoSnapshotPath) {
    const database = await openDatabase({ dataDir: "memory://", pgliteSnapshot: new Blob([readFileSync(job.pgliteSnapshotPath)]) });
    const result = await seedDemo(database.db);
    const blob = await database.snapshot!();
    await database.close();
    writeFileSync(`${job.pgliteDemoSnapshotPath}.tmp`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${job.pgliteDemoSnapshotPath}.tmp`, job.pgliteDemoSnapshotPath);
    done = { result, seconds: (performance.now() - started) / 1000, pgDemoTemplate: null, pgliteDemoSnapshotPath: job.pgliteDemoSnapshotPath };
  } else {
    throw new Error(`job.json names neither a PostgreSQL template nor a PGlite snapshot: ${JSON.stringify(job)}`);
  }
  writeAtomically(dir, "done.json", JSON.stringify(done));
  console.log(`seeded the demo county once in ${done.seconds.toFixed(1)} s`);
} catch (error) {
  const err = error instanceof Error ? error : new Error(String(error));
  writeAtomically(dir, "failed.json", JSON.stringify({ message: err.message, stack: err.stack }));
  console.error(err);
  process.exitCode = 1;
}

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SeedResult } from "../../scripts/demo/seed";

/**
 * The demo county's year is seeded once per run, in a process of its own, while the workers run
 * the files that do not need it (tests/setup/sequencer.ts runs the demo files last). The files
 * that do (tests/support/db.ts, useDemoDatabase) wait for it, then copy it.
 *
 * Everything goes through one folder per run, made by the global setup, so that the vitest main
 * process and every worker agree without talking to each other:
 *   job.json     what to seed and where (written by the global setup)
 *   started      claimed with O_EXCL by whoever starts the seed first; holds the seed's pid
 *   done.json    the seed's result and where the seeded copy is (written last, by rename)
 *   failed.json  or why it failed
 *   seed.log     the seed process's output
 * This module is loaded by the main process (global setup, sequencer) and by the workers: it
 * imports nothing from the app.
 */

export interface DemoSeedJob {
  /** The repository root: the seed process's working directory (for `--import tsx`). */
  root: string;
  /** The script that seeds (tests/setup/seed-demo-process.ts). */
  script: string;
  /** PostgreSQL: the server, the migrated template to start from and the name the seeded template gets. */
  databaseUrl: string | null;
  pgTemplate: string | null;
  pgDemoTemplate: string | null;
  /** PGlite: the migrated snapshot to start from and where the seeded snapshot goes. */
  pgliteSnapshotPath: string | null;
  pgliteDemoSnapshotPath: string | null;
}

export interface DemoSeedDone {
  /** What seedDemo returned on the empty, migrated database. */
  result: SeedResult;
  seconds: number;
  /** PostgreSQL: the seeded template database each demo test copies. */
  pgDemoTemplate: string | null;
  /** PGlite: the seeded data folder as a tarball, loaded by each demo copy. */
  pgliteDemoSnapshotPath: string | null;
}

const file = (dir: string, name: string) => path.join(dir, name);

export function writeDemoSeedJob(dir: string, job: DemoSeedJob): void {
  writeFileSync(file(dir, "job.json"), JSON.stringify(job));
}

/** Writes `name` so that a reader never sees half of it. */
export function writeAtomically(dir: string, name: string, content: string): void {
  writeFileSync(file(dir, `${name}.tmp`), content);
  renameSync(file(dir, `${name}.tmp`), file(dir, name));
}

/** Starts the seed unless some process already has: safe to call from anywhere, any number of times. */
export function startDemoSeed(dir: string): void {
  let claim: number;
  try {
    claim = openSync(file(dir, "started"), "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  try {
    const job = JSON.parse(readFileSync(file(dir, "job.json"), "utf8")) as DemoSeedJob;
    const log = openSync(file(dir, "seed.log"), "a");
    const child = spawn(process.execPath, ["--import", "tsx", job.script, dir], {
      cwd: job.root,
      stdio: ["ignore", log, log],
      env: { ...process.env, NODE_ENV: "test" },
    });
    closeSync(log);
    child.on("error", (error) => writeAtomically(dir, "failed.json", JSON.stringify({ message: `could not start the seed: ${error.message}` })));
    // Nobody waits on the child object: waiters poll the folder, so the starter may finish first.
    child.unref();
    writeFileSync(claim, String(child.pid ?? ""));
  } catch (error) {
    writeAtomically(dir, "failed.json", JSON.stringify({ message: `could not start the seed: ${(error as Error).message}` }));
  } finally {
    closeSync(claim);
  }
}

/** The pid of the seed process while it may still be running, else null. */
export function runningDemoSeed(dir: string): number | null {
  if (existsSync(file(dir, "done.json")) || existsSync(file(dir, "failed.json"))) return null;
  let pid: number;
  try {
    pid = Number(readFileSync(file(dir, "started"), "utf8"));
  } catch {
    return null;
  }
  return pid > 0 && alive(pid) ? pid : null;
}

/** Starts the seed if nobody has, and resolves once it is done (rejects with its error or log if it failed). */
export async function waitForDemoSeed(dir: string, { timeoutMs }: { timeoutMs: number }): Promise<DemoSeedDone> {
  startDemoSeed(dir);
  const deadline = Date.now() + timeoutMs;
  let pid = 0;
  for (;;) {
    if (existsSync(file(dir, "done.json"))) return JSON.parse(readFileSync(file(dir, "done.json"), "utf8")) as DemoSeedDone;
    if (existsSync(file(dir, "failed.json"))) {
      const { message, stack } = JSON.parse(readFileSync(file(dir, "failed.json"), "utf8")) as { message: string; stack?: string };
      throw new Error(`The demo seed failed: ${stack ?? message}`);
    }
    pid ||= Number(readFileSync(file(dir, "started"), "utf8") || 0);
    // The pid is written just after the claim: until then, or while it runs, keep waiting.
    if (pid > 0 && !alive(pid) && !existsSync(file(dir, "done.json")) && !existsSync(file(dir, "failed.json"))) {
      throw new Error(`The demo seed process ${pid} ended without a result. Its output:\n${tail(file(dir, "seed.log"))}`);
    }
    if (Date.now() > deadline) throw new Error(`The demo seed took more than ${timeoutMs / 1000} s. Its output so far:\n${tail(file(dir, "seed.log"))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ends a seed still running (a run cut short), so that teardown can drop what it was writing. */
export async function stopDemoSeed(dir: string): Promise<void> {
  const pid = runningDemoSeed(dir);
  if (!pid) return;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
  } catch {
    return "(no output)";
  }
}

/**
 * `npm run bench`: every bench/*.ts (except this runner) in turn, each in its own process so
 * one bench's connections and memory never colour the next one's figures.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts")
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, "")))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file} ===`);
  try {
    execFileSync(process.execPath, ["--import", "tsx", path.join(here, file)], { stdio: "inherit" });
  } catch {
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;

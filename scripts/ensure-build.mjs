// Builds the app when there is no build yet or the sources are newer than it,
// so that `npm install && npm start` works on a fresh clone and never serves stale code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const BUILD = path.resolve("build/index.js");
const SOURCES = ["app", "remix.config.js", "tailwind.config.ts", "package.json"];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const built = existsSync(BUILD) ? statSync(BUILD).mtimeMs : 0;
const sources = Math.max(...SOURCES.map(newestMtime));
if (built === 0 || sources > built) {
  console.log(built === 0 ? "No build yet: building…" : "Sources changed since the last build: rebuilding…");
  execFileSync(path.resolve("node_modules/.bin/remix"), ["build"], { stdio: "inherit" });
}

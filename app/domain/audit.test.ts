import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_RECORD_TYPES } from "./audit";

/** Every .ts file under a folder of the repository. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith(".ts") && !full.endsWith(".test.ts") ? [full] : [];
  });
}

describe("the audit vocabulary", () => {
  const code = [...sources("app/models"), ...sources("scripts")].map((f) => readFileSync(f, "utf8")).join("\n");

  it("knows every action and record type the models write, so no page shows a raw code", () => {
    const actions = new Set([...code.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!));
    const records = new Set([...code.matchAll(/recordType: "([a-z_]+)"/g)].map((m) => m[1]!));
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    expect([...records].filter((r) => !(AUDIT_RECORD_TYPES as readonly string[]).includes(r))).toEqual([]);
  });
});

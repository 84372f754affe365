import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { startDemoSeed } from "./demo-seed";

/** A test file that works on the demo county's year says so by calling useDemoDatabase() (tests/support/db.ts). */
export function usesDemo(file: string): boolean {
  try {
    return readFileSync(file, "utf8").includes("useDemoDatabase(");
  } catch {
    return false;
  }
}

/**
 * Vitest's own order (failed first, then slowest first), except that the files needing the demo
 * county's year run last, and the demo seed starts now, once, if any of them was selected: the
 * seed (20–40 s) then runs in its own process while the workers run the other files, and is
 * ready by the time they reach the demo files. With no demo file selected, nothing is seeded.
 */
export class DemoLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const demo = new Set(sorted.filter((spec) => spec.project.getProvidedContext().demoSeedDir && usesDemo(spec.moduleId)));
    for (const dir of new Set([...demo].map((spec) => spec.project.getProvidedContext().demoSeedDir))) startDemoSeed(dir);
    return [...sorted.filter((spec) => !demo.has(spec)), ...demo];
  }
}

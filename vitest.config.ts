import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { DemoLastSequencer } from "./tests/setup/sequencer";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // The files on the demo county's year run last, and the demo is seeded meanwhile (tests/setup/sequencer.ts).
    sequence: { sequencer: DemoLastSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/integration.ts"],
          // One database per worker (a PGlite instance or a PostgreSQL database), emptied before
          // each test; two cores here, so two workers. A worker runs file after file without
          // re-importing modules (isolate: false), so it opens its database once, not once per
          // file (tests/support/db.ts). No test may leave state in a module for the next file.
          pool: "forks",
          maxWorkers: 2,
          isolate: false,
          // The limits are there to stop a hang on a shared machine, not to time anything (bench/ does that).
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

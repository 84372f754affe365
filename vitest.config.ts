import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
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
          // One database per worker (a PGlite instance or a PostgreSQL database),
          // reset between tests; two cores here, so two workers.
          pool: "forks",
          maxWorkers: 2,
          // Several tests seed the whole demo year first (10–25 s on PGlite alone, twice that on a
          // shared machine): the limit is there to stop a hang, not to time the seed (bench/ does that).
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

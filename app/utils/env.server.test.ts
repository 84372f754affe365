import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.server";

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the embedded database on port 3000 with a generated secret in development", () => {
    const env = loadEnv({ NODE_ENV: "test" });
    expect(env).toMatchObject({ PORT: 3000, database: "pglite", dataDir: path.resolve(".data") });
    expect(env.SESSION_SECRET).toHaveLength(64);
  });

  it("chooses PostgreSQL when DATABASE_URL is set", () => {
    expect(loadEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://u:p@db:5432/cunzhan" }).database).toBe("postgres");
  });

  it("names each bad variable in plain words", () => {
    const found = problems({ DATABASE_URL: "mysql://nope", PORT: "eighty", SESSION_SECRET: "short" });
    expect(found.join("\n")).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
    expect(found.join("\n")).toMatch(/^PORT must be a port number between 1 and 65535/m);
    expect(found.join("\n")).toMatch(/SESSION_SECRET must be at least 32 characters/);
  });

  it("seeds the demo only outside production unless asked", () => {
    expect(loadEnv({ NODE_ENV: "test" }).SEED_DEMO).toBe("auto");
    expect(loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).SEED_DEMO).toBe("never");
    expect(loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), SEED_DEMO: "auto" }).SEED_DEMO).toBe("auto");
    expect(problems({ SEED_DEMO: "yes" }).join()).toMatch(/SEED_DEMO must be "auto" or "never"/);
  });

  it("requires SESSION_SECRET in production", () => {
    expect(problems({ NODE_ENV: "production" }).join()).toMatch(/SESSION_SECRET is required in production/);
    expect(problems({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) })).toEqual([]);
  });
});

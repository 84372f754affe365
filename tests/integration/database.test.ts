import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countAppliedMigrations } from "../../app/models/database/system.server";
import { DatabaseStartError, MIGRATIONS_FOLDER, openDatabase } from "../../db/client.server";
import { testDatabase, testDb } from "../support/db";

describe("opening the database", () => {
  it("names a malformed DATABASE_URL in one sentence", async () => {
    await expect(openDatabase({ databaseUrl: "postgres://" })).rejects.toThrow(DatabaseStartError);
    await expect(openDatabase({ databaseUrl: "not a url" })).rejects.toThrow(/DATABASE_URL is not a valid URL/);
  });

  it("names an unreachable server", async () => {
    await expect(openDatabase({ databaseUrl: "postgres://postgres@127.0.0.1:1/none" })).rejects.toThrow(
      /Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/none/,
    );
  });

  it("names an unwritable DATA_DIR", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cunzhan-")), "a-file");
    writeFileSync(file, "");
    await expect(openDatabase({ dataDir: path.join(file, "data") })).rejects.toThrow(/DATA_DIR .* cannot be created or written to/);
  });
});

describe("migrations", () => {
  it("a failing migration is rolled back whole", async () => {
    const database = testDatabase();
    const before = await countAppliedMigrations(database.db);
    // The app's migrations plus one whose second statement fails.
    const folder = mkdtempSync(path.join(tmpdir(), "cunzhan-migrations-"));
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[] };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_broken" });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(
      path.join(folder, "9999_broken.sql"),
      "create table half_done (id int);\n--> statement-breakpoint\nselect * from no_such_table;",
    );
    await expect(database.migrate(folder)).rejects.toThrow(/migration failed and was rolled back/);
    expect(await countAppliedMigrations(database.db)).toBe(before);
    const result = await testDb().execute(sql`select to_regclass('public.half_done') as t`);
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: { t: unknown }[] }).rows;
    expect(rows[0]).toEqual({ t: null });
  });
});

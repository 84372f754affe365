import { countAppliedMigrations } from "../app/models/database/system.server";
import { runCli } from "./cli";

// `npm run db:migrate`: apply pending migrations (runCli migrates before the task).
await runCli(async (database) => {
  console.log(`Database (${database.kind}) is at ${await countAppliedMigrations(database.db)} migrations.`);
});

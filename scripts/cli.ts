import { getEnv, EnvError } from "../app/utils/env.server";
import { type Database, DatabaseStartError, openDatabase } from "../db/client.server";

/**
 * Runs a command-line task against the configured database (migrated first) and exits
 * with one clear sentence on a configuration or connection problem.
 */
export async function runCli(task: (database: Database) => Promise<void>): Promise<void> {
  let database: Database | undefined;
  try {
    const env = getEnv();
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir, maxConnections: 2 });
    await database.migrate();
    await task(database);
  } catch (error) {
    if (error instanceof EnvError || error instanceof DatabaseStartError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await database?.close();
  }
}

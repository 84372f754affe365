import type { Db, EngineKind } from "../../db/client.server";
import type { Env } from "./env.server";

/**
 * What the server builds once at start-up and hands to every loader and action
 * (Hydrogen's pattern): routes pass `context.db` to models, nothing builds its own client.
 */
export interface AppContext {
  db: Db;
  dbKind: EngineKind;
  env: Env;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}

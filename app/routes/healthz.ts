import type { LoaderFunctionArgs } from "@remix-run/node";
import { countAppliedMigrations } from "~/models/database/system.server";
import { publicAccess } from "~/utils/access";

export const handle = { access: publicAccess };

/** For load balancers and for people: is the database there, which one, how far migrated. */
export async function loader({ context }: LoaderFunctionArgs) {
  try {
    const migrations = await countAppliedMigrations(context.db);
    return Response.json(
      { status: "ok", database: context.dbKind, migrations },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json(
      { status: "error", database: context.dbKind },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}

import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

type Params = LoaderFunctionArgs["params"];
import type { Permission } from "~/domain/permissions";
import { requireStationAccess, type StationAccess } from "./auth.server";

/**
 * A station's numbered document from the URL (…/:code/…/:number): authenticates, authorizes
 * against the station in the URL, and finds the document inside that station only. A number
 * that is no positive whole number, or names nothing at this station, answers 404.
 */
export async function requireStationDocument<T>(
  { request, params, context }: { request: Request; params: Params; context: AppLoadContext },
  permission: Permission,
  find: (db: AppLoadContext["db"], where: { stationId: string; number: number }) => Promise<T | null>,
): Promise<{ access: StationAccess; doc: T }> {
  const access = await requireStationAccess(request, context, params.code, permission);
  const number = Number(params.number);
  const doc = Number.isSafeInteger(number) && number > 0 ? await find(context.db, { stationId: access.station.station.id, number }) : null;
  if (!doc) throw new Response("Not found", { status: 404 });
  return { access, doc };
}

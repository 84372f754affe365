import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { Permission } from "~/domain/permissions";
import { requireStationAccess, type StationAccess } from "./auth.server";
import { param, parseParams } from "./params";

type Params = LoaderFunctionArgs["params"];

/** How each kind of document is named in its URL: a station's number, a row id, a content hash. */
const DOCUMENT_PARAMS = { number: param.number, id: param.uuid, hash: param.hash } as const;
type DocumentParam = keyof typeof DOCUMENT_PARAMS;
type DocumentKey<P extends DocumentParam> = { number: number; id: string; hash: string }[P];

/**
 * The one way a route opens a station's document from its URL (…/:code/…/:number, …/:id,
 * …/:hash; ADR 018): authenticates, authorizes against the station in the URL, parses the
 * param, and finds the document inside that station only. A param that is malformed, or names
 * nothing at this station, answers 404 — never another station's document.
 *
 *   const { access, doc } = await requireStationDocument(args, "till:read", (db, where) => getSale(db, where));
 *   const { doc } = await requireStationDocument(args, "goods:write", (db, { stationId, id }) => getProduct(db, { stationId, productId: id }), "id");
 */
export async function requireStationDocument<T, P extends DocumentParam = "number">(
  { request, params, context }: { request: Request; params: Params; context: AppLoadContext },
  permission: Permission,
  find: (db: AppLoadContext["db"], where: { stationId: string } & Record<NoInfer<P>, DocumentKey<NoInfer<P>>>) => Promise<T | null | undefined>,
  by: P = "number" as P,
): Promise<{ access: StationAccess; doc: T }> {
  const access = await requireStationAccess(request, context, params.code, permission);
  const parsed = parseParams(params, { [by]: DOCUMENT_PARAMS[by] }) as Record<P, DocumentKey<P>>;
  const doc = await find(context.db, { stationId: access.station.station.id, ...parsed } as { stationId: string } & Record<P, DocumentKey<P>>);
  if (!doc) throw new Response("Not found", { status: 404 });
  return { access, doc };
}

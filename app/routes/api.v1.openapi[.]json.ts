import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildOpenApiDocument } from "~/domain/partner-openapi";
import { publicAccess } from "~/utils/access";

export const handle = { access: publicAccess };

/** GET /api/v1/openapi.json: the API's description, generated from the schemas the routes use. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = context.env.PUBLIC_URL ? new URL(context.env.PUBLIC_URL).origin : new URL(request.url).origin;
  return new Response(JSON.stringify(buildOpenApiDocument(origin)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicAccess } from "~/utils/access";
import { siteOrigin } from "~/utils/seo.server";

export const handle = { access: publicAccess };

/**
 * The storefront is for everyone to find; the working screens and accounts are not. A route,
 * not a file, so the sitemap line names the site's real origin.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /admin",
    "Disallow: /account",
    "Disallow: /login",
    "Disallow: /register",
    "Disallow: /set-password",
    "Disallow: /stations/*/manage",
    `Sitemap: ${siteOrigin(request, context)}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

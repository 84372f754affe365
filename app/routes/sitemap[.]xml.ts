import type { LoaderFunctionArgs } from "@remix-run/node";
import { PRODUCT_CATEGORIES } from "~/domain/catalog";
import { listPublicStations } from "~/models/stations/geography.server";
import { listSitemapProducts } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { siteOrigin } from "~/utils/seo.server";

export const handle = { access: publicAccess };

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Every public page worth indexing: the market, its categories, the stations, the listed goods. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const origin = siteOrigin(request, context);
  const [stations, products] = await Promise.all([listPublicStations(context.db), listSitemapProducts(context.db)]);
  const urls: { loc: string; lastmod?: string }[] = [
    { loc: `${origin}/` },
    { loc: `${origin}/search` },
    ...PRODUCT_CATEGORIES.map((c) => ({ loc: `${origin}/search?category=${c}` })),
    ...stations.map(({ station }) => ({ loc: `${origin}/stations/${station.code}`, lastmod: station.updatedAt.toISOString().slice(0, 10) })),
    ...products.map((p) => ({ loc: `${origin}/products/${p.id}`, lastmod: p.updatedAt.toISOString().slice(0, 10) })),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`),
    "</urlset>",
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
}

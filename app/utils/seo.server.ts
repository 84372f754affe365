import type { AppLoadContext } from "@remix-run/node";

/**
 * The site's own origin for canonical links and the sitemap: PUBLIC_URL when set (behind a
 * proxy the request's Host may be an internal name), else the origin the request came to.
 */
export function siteOrigin(request: Request, context: AppLoadContext): string {
  const configured = context.env.PUBLIC_URL;
  return (configured ? new URL(configured) : new URL(request.url)).origin;
}

/** The canonical URL of a page: the origin, the path, and only the query parameters that change what it shows. */
export function canonicalUrl(request: Request, context: AppLoadContext, keep: readonly string[] = []): string {
  const url = new URL(request.url);
  const canonical = new URL(url.pathname, siteOrigin(request, context));
  for (const name of keep) {
    const value = url.searchParams.get(name);
    if (value) canonical.searchParams.set(name, value);
  }
  return canonical.toString();
}

/** A description for <meta>: one line, at most `max` characters. */
export function metaDescription(text: string, max = 150): string {
  const line = text.replace(/\s+/g, " ").trim();
  return [...line].length > max ? `${[...line].slice(0, max - 1).join("")}…` : line;
}

import type { MetaDescriptor, MetaFunction } from "@remix-run/node";

/**
 * The one meta helper (ADR 018). A loader returns `meta: pageMeta(...)`'s input — the title it
 * translated, and where the page wants them a description, a canonical URL and noindex — and
 * the route says `export const meta = routeMeta;`.
 */
export interface PageMeta {
  title: string;
  description?: string;
  canonical?: string;
  noindex?: boolean;
}

export function metaTags(meta: PageMeta | undefined): MetaDescriptor[] {
  if (!meta) return [];
  const tags: MetaDescriptor[] = [{ title: meta.title }];
  if (meta.description) tags.push({ name: "description", content: meta.description });
  if (meta.canonical) tags.push({ tagName: "link", rel: "canonical", href: meta.canonical });
  if (meta.noindex) tags.push({ name: "robots", content: "noindex" });
  return tags;
}

export const routeMeta: MetaFunction = ({ data }) => metaTags((data as { meta?: PageMeta } | undefined)?.meta);

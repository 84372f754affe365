/**
 * How a storefront search box is read. Pure: the storefront model turns the terms into SQL
 * (ILIKE on the trigram-indexed search text, plus trigram word similarity for typos).
 */

/** Longest query kept; the rest is dropped rather than refused (a pasted paragraph still searches). */
export const MAX_QUERY_LENGTH = 60;
export const MAX_TERMS = 5;

export const SORTS = ["relevance", "new", "price_asc", "price_desc"] as const;
export type SearchSort = (typeof SORTS)[number];

/**
 * The terms of a query: NFKC-folded (full-width letters and digits from a Chinese IME become
 * ASCII), lower-cased, split on spaces and punctuation, de-duplicated, at most MAX_TERMS.
 * An empty result means "no text filter".
 */
export function searchTerms(query: string | null | undefined): string[] {
  if (!query) return [];
  const folded = query.normalize("NFKC").toLowerCase().slice(0, MAX_QUERY_LENGTH);
  const terms = folded
    .split(/[\s,，、;；.。!！?？"'“”‘’()（）[\]【】/\\|]+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** A term made safe inside a LIKE pattern (with ESCAPE '\'): %, _ and \ match themselves. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function isSort(value: unknown): value is SearchSort {
  return typeof value === "string" && (SORTS as readonly string[]).includes(value);
}

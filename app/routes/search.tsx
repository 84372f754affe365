import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ProductGrid } from "~/components/product-card";
import { PRODUCT_CATEGORIES } from "~/domain/catalog";
import { MAX_QUERY_LENGTH, SORTS } from "~/domain/search";
import { listPublicStations } from "~/models/stations/geography.server";
import { searchProducts } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { CATEGORY_LABELS } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { metaTags } from "~/utils/meta";
import { canonicalUrl } from "~/utils/seo.server";

export const handle = { access: publicAccess, hydrate: false };

// A bad filter in a shared link is dropped, never an error page.
const Query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  category: z.enum(PRODUCT_CATEGORIES).optional().catch(undefined),
  station: z.string().regex(/^[a-z0-9-]{2,40}$/).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});

/** The market's goods list: search in Chinese or English, filter by category and station, sort. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { lang, t } = getTranslate(request);
  const [result, stations] = await Promise.all([
    searchProducts(context.db, { q: query.q, category: query.category, stationCode: query.station, sort: query.sort, page: query.page }, lang),
    listPublicStations(context.db),
  ]);
  const heading = query.q ? t("market.search.resultsFor", { q: query.q.slice(0, MAX_QUERY_LENGTH) }) : query.category ? t(CATEGORY_LABELS[query.category]) : t("market.search.allGoods");
  return {
    query: { q: query.q ?? "", category: query.category ?? "", station: query.station ?? "", sort: query.sort ?? "" },
    result,
    stations: stations.map(({ station }) => ({ code: station.code, name: pick(lang, station.nameZh, station.nameEn) })),
    heading,
    meta: {
      title: `${heading} · ${t("app.name")}`,
      description: t("market.search.metaDescription"),
      canonical: canonicalUrl(request, context, ["category", "station"]),
      // Result pages of free text are for people, not for the index.
      noindex: Boolean(query.q) || (query.page ?? 1) > 1,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...metaTags({ ...data.meta, noindex: false }),
        // Still "follow": the goods a result page links to are worth indexing.
        ...(data.meta.noindex ? [{ name: "robots", content: "noindex, follow" }] : []),
      ]
    : [];

function pageHref(query: Record<string, string>, page: number): string {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}

export default function Search() {
  const { query, result, stations, heading } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <form method="get" action="/search" role="search" className="card space-y-3" data-testid="search-form">
        <div className="flex gap-2">
          <label htmlFor="search-q" className="sr-only">
            {t("market.search.label")}
          </label>
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={MAX_QUERY_LENGTH}
            placeholder={t("market.search.placeholder")}
            className="block min-h-[44px] w-full rounded-md border border-stone-300 px-3 py-2 text-base"
          />
          <button type="submit" className="btn-primary shrink-0">
            {t("market.search.submit")}
          </button>
        </div>
        <div className="grid grid-cols-3 gap-2 text-sm">
          <label className="space-y-1">
            <span className="block text-stone-600">{t("market.search.category")}</span>
            <select name="category" defaultValue={query.category} className="block min-h-[40px] w-full rounded-md border border-stone-300 bg-white px-1">
              <option value="">{t("market.search.any")}</option>
              {PRODUCT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(CATEGORY_LABELS[c])}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("market.search.station")}</span>
            <select name="station" defaultValue={query.station} className="block min-h-[40px] w-full rounded-md border border-stone-300 bg-white px-1">
              <option value="">{t("market.search.any")}</option>
              {stations.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1">
            <span className="block text-stone-600">{t("market.search.sort")}</span>
            <select name="sort" defaultValue={query.sort} className="block min-h-[40px] w-full rounded-md border border-stone-300 bg-white px-1">
              <option value="">{t("market.sort.default")}</option>
              <option value="new">{t("market.sort.new")}</option>
              <option value="price_asc">{t("market.sort.priceAsc")}</option>
              <option value="price_desc">{t("market.sort.priceDesc")}</option>
            </select>
          </label>
        </div>
      </form>
      <div className="flex items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{heading}</h1>
        <span className="shrink-0 text-sm text-stone-500" data-testid="result-count">
          {t("market.search.count", { count: result.total })}
        </span>
      </div>
      {result.items.length === 0 ? (
        <p className="text-stone-600">{t("market.search.none")}</p>
      ) : (
        <ProductGrid products={result.items} testId="search-results" />
      )}
      {result.pageCount > 1 ? (
        <nav className="flex justify-between text-sm" aria-label={t("market.search.pages")}>
          {result.page > 1 ? <a href={pageHref(query, result.page - 1)}>← {t("market.search.prev")}</a> : <span />}
          <span className="text-stone-500">
            {result.page} / {result.pageCount}
          </span>
          {result.page < result.pageCount ? <a href={pageHref(query, result.page + 1)}>{t("market.search.next")} →</a> : <span />}
        </nav>
      ) : null}
    </div>
  );
}

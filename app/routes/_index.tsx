import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { StationCard } from "~/components/station-card";
import { PRODUCT_CATEGORIES } from "~/domain/catalog";
import { MAX_QUERY_LENGTH } from "~/domain/search";
import { listPublicStations, presentStation } from "~/models/stations/geography.server";
import { categoryCounts, listInSeason } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { CATEGORY_LABELS } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { canonicalUrl } from "~/utils/seo.server";

export const handle = { access: publicAccess, hydrate: false };

/** The county market: search, categories, what is in season, and the stations behind it all. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const [rows, inSeason, counts] = await Promise.all([listPublicStations(context.db), listInSeason(context.db, lang), categoryCounts(context.db)]);
  const stations = rows.map((row) => presentStation(row, lang));
  const first = stations[0];
  const county = first ? { name: first.county, province: first.province } : null;
  const title = county ? t("home.title", { county: county.name }) : t("app.tagline");
  return {
    county,
    stations,
    inSeason,
    categories: PRODUCT_CATEGORIES.map((category) => ({ category, count: counts[category] ?? 0 })).filter((c) => c.count > 0),
    meta: {
      title: `${title} · ${t("app.name")}`,
      description: t("home.metaDescription", { county: county?.name ?? "" }),
      canonical: canonicalUrl(request, context),
    },
  };
}

export const meta = routeMeta;

export default function Home() {
  const { county, stations, inSeason, categories } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-bold leading-tight">{county ? t("home.title", { county: county.name }) : t("app.tagline")}</h1>
        {county ? <p className="text-stone-700">{t("home.intro", { county: county.name })}</p> : null}
      </section>

      <form method="get" action="/search" role="search" className="flex gap-2" data-testid="home-search">
        <label htmlFor="home-q" className="sr-only">
          {t("market.search.label")}
        </label>
        <input
          id="home-q"
          name="q"
          type="search"
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t("market.search.placeholder")}
          className="block min-h-[44px] w-full rounded-md border border-stone-300 px-3 py-2 text-base"
        />
        <button type="submit" className="btn-primary shrink-0">
          {t("market.search.submit")}
        </button>
      </form>

      {categories.length ? (
        <nav aria-labelledby="categories-heading" className="space-y-2">
          <h2 id="categories-heading" className="text-lg font-semibold">
            {t("market.home.categories")}
          </h2>
          <ul className="flex flex-wrap gap-2" data-testid="category-list">
            {categories.map(({ category, count }) => (
              <li key={category}>
                <a href={`/search?category=${category}`} className="inline-block rounded-full border border-brand-600 bg-white px-3 py-1 no-underline">
                  {t(CATEGORY_LABELS[category])} <span className="text-stone-500">{t("market.home.categoryCount", { count })}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <section aria-labelledby="season-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="season-heading" className="text-lg font-semibold">
            {t("market.home.inSeason")}
          </h2>
          <a href="/search" className="text-sm">
            {t("market.home.seeAll")}
          </a>
        </div>
        {inSeason.length ? <ProductGrid products={inSeason} testId="in-season" /> : <p className="text-stone-600">{t("market.home.inSeasonEmpty")}</p>}
      </section>

      <section aria-labelledby="stations-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <h2 id="stations-heading" className="text-lg font-semibold">
            {t("home.stationsHeading")}
          </h2>
          <span className="text-sm text-stone-500">{t("home.stationCount", { count: stations.length })}</span>
        </div>
        {stations.length === 0 ? (
          <p>{t("home.noStations")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" data-testid="station-list">
            {stations.map((station) => (
              <li key={station.code}>
                <StationCard station={station} />
              </li>
            ))}
          </ul>
        )}
        {county ? <p className="text-sm text-stone-500">{t("footer.county", { county: county.name, province: county.province })}</p> : null}
      </section>
    </div>
  );
}

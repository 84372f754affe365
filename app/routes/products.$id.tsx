import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProductPhoto } from "~/components/product-photo";
import { bestBefore } from "~/domain/catalog";
import { unitLabel } from "~/domain/units";
import { getPublicStation, presentStation } from "~/models/stations/geography.server";
import { getPublicProduct } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { CATEGORY_LABELS, formatPrice, formatStock, hasStock, OWNER_LABELS } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { metaTags } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { canonicalUrl, metaDescription, siteOrigin } from "~/utils/seo.server";

export const handle = { access: publicAccess, hydrate: false };

/** A product's public page: what it is, what it costs per unit, whose it is and where to get it. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { id } = parseParams(params, { id: param.uuid });
  const { lang, t } = getTranslate(request);
  const product = found(await getPublicProduct(context.db, { productId: id }, lang));
  const stationRow = found(await getPublicStation(context.db, { code: product.stationCode }));
  const station = presentStation(stationRow, lang);
  const price = formatPrice(product.price, product.unit, lang);
  const first = product.photos[0];
  return {
    product,
    station,
    meta: {
      title: `${product.name} ${price} · ${product.village} · ${t("app.name")}`,
      description: metaDescription(product.description || t("market.product.metaDescription", { name: product.name, village: product.village, county: product.county, price })),
      canonical: canonicalUrl(request, context),
      image: first ? `${siteOrigin(request, context)}/media/${first.hash}-${first.widths.find((w) => w >= 480) ?? first.widths.at(-1)}.jpg` : null,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        ...metaTags(data.meta),
        // A shared link shows the product's name, words and photo (Open Graph).
        { property: "og:title", content: data.meta.title },
        { property: "og:description", content: data.meta.description },
        { property: "og:url", content: data.meta.canonical },
        ...(data.meta.image ? [{ property: "og:image", content: data.meta.image }] : []),
      ]
    : [];

export default function ProductPage() {
  const { product: p, station } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const inStock = hasStock(p.available);
  const until = bestBefore(p.harvestedOn, p.shelfLifeDays);
  const [main, ...more] = p.photos;
  return (
    <article className="space-y-5">
      <nav className="text-sm text-stone-500" aria-label={t("market.breadcrumb")}>
        <a href="/">{t("nav.home")}</a> › <a href={`/search?category=${p.category}`}>{t(CATEGORY_LABELS[p.category])}</a> ›{" "}
        <a href={`/stations/${p.stationCode}`}>{p.stationName}</a>
      </nav>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <ProductPhoto photo={main ?? null} alt={p.name} sizes="(min-width: 640px) 360px, 92vw" eager />
          {more.length ? (
            <ul className="grid grid-cols-4 gap-2">
              {more.map((ph) => (
                <li key={ph.hash}>
                  <ProductPhoto photo={ph} alt={p.name} sizes="80px" />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="space-y-3">
          <h1 className="text-2xl font-bold" data-testid="product-name">
            {p.name}
          </h1>
          <p className="text-2xl font-semibold text-brand-700" data-testid="product-price">
            {formatPrice(p.price, p.unit, lang)}
          </p>
          <p className={inStock ? "text-stone-700" : "text-stone-500"} data-testid="product-stock">
            {inStock ? t("market.inStock", { quantity: formatStock(p.available, p.unit, lang) }) : t("market.soldOut")}
          </p>
          <p className="text-stone-700" data-testid="product-origin">
            {p.ownerKind === "household" && p.householdName
              ? t("market.fromHousehold", { name: p.householdName, village: p.village, group: p.householdGroup ?? "" })
              : t("market.fromOwner", { owner: t(OWNER_LABELS[p.ownerKind]), village: p.village })}
          </p>
          {inStock ? (
            <form method="post" action="/cart" className="flex flex-wrap items-end gap-2" data-testid="add-to-cart">
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="productId" value={p.id} />
              <label className="text-sm">
                {t("orders.cart.quantity", { unit: unitLabel(p.unit, lang) })}
                <input name="quantity" defaultValue="1" inputMode="decimal" required className="block min-h-[44px] w-28 rounded-md border border-stone-300 px-3" />
              </label>
              <button type="submit" className="btn-primary">
                {t("orders.cart.add")}
              </button>
            </form>
          ) : null}
          <dl className="text-sm">
            {p.harvestedOn ? (
              <div className="flex gap-2">
                <dt className="text-stone-500">{t("market.harvestedOn")}</dt>
                <dd data-testid="product-harvested">{p.harvestedOn}</dd>
              </div>
            ) : null}
            {until ? (
              <div className="flex gap-2">
                <dt className="text-stone-500">{t("goods.bestBefore")}</dt>
                <dd>{until}</dd>
              </div>
            ) : null}
            {p.origin ? (
              <div className="flex gap-2">
                <dt className="text-stone-500">{t("market.origin")}</dt>
                <dd>{p.origin}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      </div>
      {p.description ? (
        <section className="space-y-1" aria-labelledby="story">
          <h2 id="story" className="text-lg font-semibold">
            {t("market.story")}
          </h2>
          <p className="whitespace-pre-line text-stone-800">{p.description}</p>
        </section>
      ) : null}
      <section className="card space-y-1" aria-labelledby="where">
        <h2 id="where" className="font-semibold">
          {t("market.whereToBuy")}
        </h2>
        <p>
          <a href={`/stations/${station.code}`}>{station.name}</a>
        </p>
        {station.address ? <p className="text-sm text-stone-600">{station.address}</p> : null}
        {station.openingHours ? <p className="text-sm text-stone-600">{t("station.openingHours")}：{station.openingHours}</p> : null}
        {station.operatorContactPhone ? (
          <p className="text-sm">
            {station.operatorContactName} · <a href={`tel:${station.operatorContactPhone.replace(/[^0-9+]/g, "")}`}>{station.operatorContactPhone}</a>
          </p>
        ) : null}
      </section>
    </article>
  );
}

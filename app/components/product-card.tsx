import type { ProductCard as Card } from "~/models/catalog/storefront.server";
import { formatPriceRange, hasStock } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { ProductPhoto } from "./product-photo";

/**
 * One product on a public list: a link to its page, nothing that needs JavaScript. A product with
 * several lots (households, harvests) says how many and their price range; its page lists them.
 */
export function ProductCard({ product }: { product: Card }) {
  const { lang, t } = useI18n();
  return (
    <a href={`/products/${product.id}`} className="card block h-full p-2 text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
      <ProductPhoto photo={product.photo} alt={product.name} sizes="(min-width: 640px) 180px, 45vw" />
      <span className="mt-2 block font-semibold leading-snug text-brand-700">{product.name}</span>
      <span className="block font-medium">{formatPriceRange(product.price, product.priceMax, product.unit, lang)}</span>
      <span className="block text-sm text-stone-500">
        {product.village}
        {product.lotCount > 1 ? (
          <>
            {" · "}
            <span data-testid="lot-count">{t("market.lots.count", { count: product.lotCount })}</span>
          </>
        ) : null}
      </span>
      {hasStock(product.available) ? null : <span className="mt-1 inline-block rounded bg-stone-100 px-1 text-xs text-stone-600">{t("market.soldOut")}</span>}
    </a>
  );
}

export function ProductGrid({ products, testId }: { products: Card[]; testId?: string }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid={testId}>
      {products.map((p) => (
        <li key={p.id}>
          <ProductCard product={p} />
        </li>
      ))}
    </ul>
  );
}

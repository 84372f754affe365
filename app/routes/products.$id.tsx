import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { ProductPhoto } from "~/components/product-photo";
import { bestBefore } from "~/domain/catalog";
import { type UnitCode, unitLabel } from "~/domain/units";
import { getPublicStation, presentStation } from "~/models/stations/geography.server";
import { getPublicProduct, type PublicLot } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { CATEGORY_LABELS, formatPrice, formatStock, hasStock, OWNER_LABELS } from "~/routes-support/goods/format";
import { AddToCartForm, addToCartResponse } from "~/routes-support/shop/cart.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
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

/**
 * Add to cart from this page (any of its lots): on success the cart; refused (bad quantity, more
 * than is left, sold out meanwhile) this page again, the reason beside that lot's quantity and
 * what was typed kept, so the buyer can try again without JavaScript.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  parseParams(params, { id: param.uuid });
  const { lang, t } = getTranslate(request);
  const parsed = parseForm(AddToCartForm, await readFormData(request), t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  return addToCartResponse(request, context, parsed.data, { t, lang });
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

/** Whose a lot is, in the words the page uses for its owner. */
function useOwnerLine() {
  const { t } = useI18n();
  return (lot: Pick<PublicLot, "ownerKind" | "householdName" | "householdGroup">, village: string) =>
    lot.ownerKind === "household" && lot.householdName
      ? t("market.fromHousehold", { name: lot.householdName, village, group: lot.householdGroup ?? "" })
      : t("market.fromOwner", { owner: t(OWNER_LABELS[lot.ownerKind]), village });
}

/** One lot's add-to-cart: a quantity in the product's unit, the refusal beside it, what was typed kept. */
function AddToCart({ lotId, unit, error, value, testId }: { lotId: string; unit: UnitCode; error?: string; value?: string; testId: string }) {
  const { lang, t } = useI18n();
  const id = `quantity-${lotId}`;
  return (
    <form method="post" className="space-y-1" data-testid={testId}>
      <input type="hidden" name="productId" value={lotId} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm" htmlFor={id}>
          {t("orders.cart.quantity", { unit: unitLabel(unit, lang) })}
          <input
            id={id}
            name="quantity"
            defaultValue={value ?? "1"}
            inputMode="decimal"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={`block min-h-[44px] w-28 rounded-md border px-3 ${error ? "border-red-600" : "border-stone-300"}`}
          />
        </label>
        <button type="submit" className="btn-primary">
          {t("orders.cart.add")}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" role="alert" data-testid="add-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export default function ProductPage() {
  const { product: p, station } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const ownerLine = useOwnerLine();
  const { errors, values } = useFormFeedback();
  const refusal = errors.quantity ?? errors.form ?? errors.productId;
  // A refusal lands beside the lot that was posted; one for a lot no longer here shows at the top.
  const failedLot = refusal ? p.lots.find((l) => l.id === values.productId)?.id : undefined;
  const lotError = (lotId: string) => (lotId === failedLot ? refusal : undefined);
  const lotValue = (lotId: string) => (lotId === failedLot ? values.quantity : undefined);
  const severalLots = p.lots.length > 1;
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
            {ownerLine(p, p.village)}
          </p>
          {refusal && !failedLot ? <FormAlert>{refusal}</FormAlert> : null}
          {severalLots ? (
            <p className="text-stone-700" data-testid="lots-note">
              <a href="#lots">{t("market.lots.choose", { count: p.lots.length })}</a>
            </p>
          ) : inStock ? (
            <AddToCart lotId={p.id} unit={p.unit} error={lotError(p.id)} value={lotValue(p.id)} testId="add-to-cart" />
          ) : lotError(p.id) ? (
            <FormAlert>{lotError(p.id)}</FormAlert>
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
      {severalLots ? (
        <section id="lots" className="space-y-2" aria-labelledby="lots-heading">
          <h2 id="lots-heading" className="text-lg font-semibold">
            {t("market.lots.heading", { count: p.lots.length })}
          </h2>
          <p className="text-sm text-stone-600">{t("market.lots.intro")}</p>
          <ul className="space-y-3" data-testid="lots">
            {p.lots.map((lot) => {
              const lotUntil = bestBefore(lot.harvestedOn, lot.shelfLifeDays);
              const error = lotError(lot.id);
              return (
                <li key={lot.id} className={`card space-y-2 ${lot.id === p.id ? "border-brand-600" : ""}`} data-testid="lot">
                  <p className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium" data-testid="lot-owner">
                      {ownerLine(lot, p.village)}
                    </span>
                    <span className="font-semibold text-brand-700" data-testid="lot-price">
                      {formatPrice(lot.price, p.unit, lang)}
                    </span>
                  </p>
                  <p className="text-sm text-stone-700">
                    {lot.harvestedOn ? <span data-testid="lot-harvested">{t("market.lots.harvested", { date: lot.harvestedOn })}</span> : null}
                    {lot.harvestedOn ? " · " : null}
                    <span data-testid="lot-stock">{hasStock(lot.available) ? t("market.inStock", { quantity: formatStock(lot.available, p.unit, lang) }) : t("market.soldOut")}</span>
                    {lotUntil ? ` · ${t("goods.bestBefore")} ${lotUntil}` : null}
                  </p>
                  {lot.id === p.id ? (
                    <p className="text-xs text-stone-500">{t("market.lots.thisOne")}</p>
                  ) : (
                    <p className="text-xs">
                      <a href={`/products/${lot.id}`}>{t("market.lots.open")}</a>
                    </p>
                  )}
                  {hasStock(lot.available) ? (
                    <AddToCart lotId={lot.id} unit={p.unit} error={error} value={lotValue(lot.id)} testId="lot-add-to-cart" />
                  ) : error ? (
                    <p className="text-sm text-red-700" role="alert" data-testid="add-error">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
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
        {station.openingHours ? <p className="text-sm text-stone-600">{t("common.labelled", { label: t("station.openingHours"), value: station.openingHours })}</p> : null}
        {station.operatorContactPhone ? (
          <p className="text-sm">
            {station.operatorContactName} · <a href={`tel:${station.operatorContactPhone.replace(/[^0-9+]/g, "")}`}>{station.operatorContactPhone}</a>
          </p>
        ) : null}
      </section>
    </article>
  );
}

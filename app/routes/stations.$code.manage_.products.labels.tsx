import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ManageHeader } from "~/components/manage-chrome";
import { getProduct, listStationProducts } from "~/models/catalog/products.server";
import { formatPrice } from "~/routes-support/goods/format";
import { shelfLabels } from "~/routes-support/goods/labels.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { siteOrigin } from "~/utils/seo.server";

// Hydrated only so that the print button can call window.print(); the page works without it.
export const handle = { access: stationAccess("station:read") };

const Query = z.object({
  paper: z.enum(["58", "a4"]).catch("a4"),
  product: z.uuid().optional().catch(undefined),
});

/** Shelf labels (货架标签): every listed product's, or one product's (`?product=`), on a 58 mm roll or an A4 sheet. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "station:read");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const query = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  let products;
  if (query.product) {
    const one = await getProduct(context.db, { stationId, productId: query.product });
    if (!one) throw new Response(t("goods.error.productNotFound"), { status: 404 });
    products = [one];
  } else {
    products = (await listStationProducts(context.db, { stationId, status: "listed" })).map((r) => r.product);
  }
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    paper: query.paper,
    product: query.product ?? null,
    labels: await shelfLabels(products, lang, siteOrigin(request, context)),
    meta: { title: `${t("scan.labels.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function ShelfLabels() {
  const { station, paper, product, labels } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage/products`;
  const query = (p: "58" | "a4") => `?paper=${p}${product ? `&product=${product}` : ""}`;
  return (
    <div className="space-y-4">
      <div className="no-print space-y-3">
        <ManageHeader stationCode={station.code} stationName={station.name} title={t("scan.labels.title")} back={{ href: product ? `${base}/${product}` : base, label: t("goods.nav.products") }} />
        <p className="flex flex-wrap gap-2">
          <a href={query("58")} className={paper === "58" ? "btn-primary" : "btn-quiet"} aria-current={paper === "58" ? "page" : undefined}>
            {t("scan.labels.paper58")}
          </a>
          <a href={query("a4")} className={paper === "a4" ? "btn-primary" : "btn-quiet"} aria-current={paper === "a4" ? "page" : undefined}>
            {t("scan.labels.paperA4")}
          </a>
          <button type="button" className="btn-primary" onClick={() => window.print()}>
            {t("scan.labels.print")}
          </button>
        </p>
        {product ? (
          <p className="text-sm">
            <a href={`?paper=${paper}`}>{t("scan.labels.all")}</a>
          </p>
        ) : null}
        <p className="text-sm text-stone-600">{t("scan.labels.printHint")}</p>
      </div>
      {labels.length === 0 ? <p className="text-stone-600">{t("scan.labels.empty")}</p> : null}
      <ul className={paper === "58" ? "label-strip" : "label-sheet"} data-testid="shelf-labels">
        {labels.map((l) => (
          <li key={l.id} className="shelf-label" data-testid="shelf-label">
            <div className="shelf-label-text">
              <p className="shelf-label-name">{l.name}</p>
              <p className="shelf-label-price">{formatPrice(l.price, l.unit, lang)}</p>
            </div>
            <div className="shelf-label-codes">
              <div className="shelf-label-barcode" role="img" aria-label={`${t("scan.code")} ${l.code}`} dangerouslySetInnerHTML={{ __html: l.barcodeSvg }} />
              <figure className="shelf-label-qr">
                <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: l.qrSvg }} />
                <figcaption>{t("scan.labels.qr")}</figcaption>
              </figure>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ProductGrid } from "~/components/product-card";
import { getPublicStation, presentStation } from "~/models/stations/geography.server";
import { listStationGoods } from "~/models/catalog/storefront.server";
import { publicAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { canonicalUrl } from "~/utils/seo.server";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { code } = parseParams(params, { code: param.code });
  const { lang, t } = getTranslate(request);
  const row = found(await getPublicStation(context.db, { code }));
  const station = presentStation(row, lang);
  const goods = await listStationGoods(context.db, { stationCode: station.code }, lang);
  return {
    station,
    goods,
    meta: {
      title: `${station.name} · ${t("app.name")}`,
      description: t("station.metaDescription", { station: station.name, village: station.village, township: station.township }),
      canonical: canonicalUrl(request, context),
    },
  };
}

export const meta = routeMeta;

function Detail({ label, value, href }: { label: string; value: string; href?: string }) {
  const { t } = useI18n();
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 border-b border-stone-100 py-2 last:border-0">
      <dt className="text-stone-500">{label}</dt>
      <dd>
        {!value ? <span className="text-stone-400">{t("station.notProvided")}</span> : href ? <a href={href}>{value}</a> : value}
      </dd>
    </div>
  );
}

export default function StationPage() {
  const { station, goods } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <article className="space-y-4">
      <a href="/" className="no-print text-sm">
        ← {t("station.backToList")}
      </a>
      <header>
        <h1 className="text-2xl font-bold">{station.name}</h1>
        <p className="text-stone-600">
          {station.county} · {station.township} · {station.village}
        </p>
      </header>
      <dl className="card">
        <Detail label={t("station.township")} value={station.township} />
        <Detail label={t("station.village")} value={station.village} />
        <Detail label={t("station.address")} value={station.address} />
        <Detail label={t("station.openingHours")} value={station.openingHours} />
        <Detail label={t("station.operator")} value={station.operatorContactName} />
        <Detail
          label={t("station.phone")}
          value={station.operatorContactPhone}
          href={`tel:${station.operatorContactPhone.replace(/[^0-9+]/g, "")}`}
        />
      </dl>
      <section className="space-y-3" aria-labelledby="goods-heading">
        <h2 id="goods-heading" className="text-lg font-semibold">
          {t("market.station.goods")}
        </h2>
        {goods.length ? <ProductGrid products={goods} testId="station-goods" /> : <p className="text-stone-600">{t("market.station.noGoods")}</p>}
        {goods.length ? (
          <a href={`/search?station=${station.code}`} className="text-sm">
            {t("market.station.seeAll")}
          </a>
        ) : null}
      </section>
      {station.cooperationNotes ? (
        <section className="card space-y-1">
          <h2 className="font-semibold">{t("station.cooperation")}</h2>
          <p className="text-stone-700">{station.cooperationNotes}</p>
        </section>
      ) : null}
    </article>
  );
}

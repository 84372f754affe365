import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StationCard } from "~/components/station-card";
import { listPublicStations, presentStation } from "~/models/geography.server";
import { publicAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const rows = await listPublicStations(context.db);
  const stations = rows.map((row) => presentStation(row, lang));
  const first = stations[0];
  const county = first ? { name: first.county, province: first.province } : null;
  const title = county ? t("home.title", { county: county.name }) : t("app.tagline");
  return {
    county,
    stations,
    meta: { title: `${title} · ${t("app.name")}`, description: t("home.metaDescription", { county: county?.name ?? "" }) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: data.meta.title }, { name: "description", content: data.meta.description }] : [];

export default function Home() {
  const { county, stations } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <h1 className="text-2xl font-bold leading-tight">
          {county ? t("home.title", { county: county.name }) : t("app.tagline")}
        </h1>
        {county ? <p className="text-stone-700">{t("home.intro", { county: county.name })}</p> : null}
        {county ? <p className="text-sm text-stone-500">{t("footer.county", { county: county.name, province: county.province })}</p> : null}
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
      </section>
      <p className="sr-only">
        <Link to="/">{t("nav.home")}</Link>
      </p>
    </div>
  );
}

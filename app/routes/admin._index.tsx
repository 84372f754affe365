import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listStationsForAdmin } from "~/models/stations/stations.server";
import { countManagedAccounts } from "~/models/identity/users.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const stations = await listStationsForAdmin(context.db, { countyIds });
  const accounts = await countManagedAccounts(context.db, { countyIds });
  const county = stations[0]?.county;
  return {
    county: county ? pick(lang, county.nameZh, county.nameEn) : null,
    stations: {
      active: stations.filter((s) => s.station.status === "active").length,
      inactive: stations.filter((s) => s.station.status === "inactive").length,
    },
    accounts,
    meta: { title: `${t("admin.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function AdminHome() {
  const { county, stations, accounts } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
        {county ? <p className="text-stone-600">{county}</p> : null}
      </header>
      <div className="grid gap-3 sm:grid-cols-2">
        <a href="/admin/stations" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("admin.stations.title")}</span>
          <span className="mt-1 block text-sm text-stone-600">
            {t("admin.stations.summary", { active: stations.active, inactive: stations.inactive })}
          </span>
        </a>
        <a href="/admin/accounts" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("admin.accounts.title")}</span>
          <span className="mt-1 block text-sm text-stone-600">
            {t("admin.accounts.summary", { active: accounts.active, inactive: accounts.inactive, awaiting: accounts.awaitingPassword })}
          </span>
        </a>
        <a href="/admin/partners" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("partners.nav")}</span>
          <span className="mt-1 block text-sm text-stone-600">{t("partners.adminSummary")}</span>
        </a>
        <a href="/admin/partner-keys" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("partnerPortal.admin.keysLink")}</span>
        </a>
        <a href="/admin/periods" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("committee.nav.adminPeriods")}</span>
        </a>
        <a href="/admin/reports" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("reports.countyLink")}</span>
        </a>
        <a href="/admin/pay-formula" className="card block text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
          <span className="block text-lg font-semibold text-brand-700">{t("committee.nav.adminPay")}</span>
        </a>
      </div>
    </div>
  );
}

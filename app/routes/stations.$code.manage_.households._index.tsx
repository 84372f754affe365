import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, ManageHeader } from "~/components/manage-chrome";
import { maskPaymentAccount, maskPhone } from "~/domain/households";
import { listHouseholds } from "~/models/households/households.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { PAYMENT_LABELS } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("station:read"), hydrate: false };

/** The station's farmer households: operators manage them, committee members read them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, permissions } = await requireStationAccess(request, context, params.code, "station:read");
  const { lang, t } = getTranslate(request);
  const rows = await listHouseholds(context.db, { stationId: station.station.id });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    canWrite: permissions.has("households:write"),
    households: rows.map(({ household: h, productCount }) => ({
      id: h.id,
      headName: h.headName,
      villageGroup: h.villageGroup,
      phone: maskPhone(h.phone),
      paymentMethod: h.paymentMethod,
      account: maskPaymentAccount(h.paymentMethod, h.paymentAccount),
      active: h.status === "active",
      productCount,
    })),
    meta: { title: `${t("households.list.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function Households() {
  const { station, canWrite, households } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const base = `/stations/${station.code}/manage/households`;
  return (
    <div className="space-y-4">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("households.list.title")} />
      {canWrite ? (
        <a href={`${base}/new`} className="btn-primary">
          {t("households.list.new")}
        </a>
      ) : null}
      {households.length === 0 ? <p className="text-stone-600">{t("households.list.empty")}</p> : <p className="text-sm text-stone-600">{t("households.list.productsExplain")}</p>}
      {households.length === 0 ? null : (
        <ul className="space-y-2" data-testid="household-list">
          {households.map((h) => (
            <li key={h.id}>
              <a href={`${base}/${h.id}`} className="card block p-3 text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-brand-700">{h.headName}</span>
                  {h.villageGroup ? <span className="text-sm text-stone-600">{h.villageGroup}</span> : null}
                  {h.active ? null : <Badge tone="inactive">{t("households.status.inactive")}</Badge>}
                </span>
                <span className="block text-sm text-stone-600">
                  {t(PAYMENT_LABELS[h.paymentMethod])}
                  {h.account ? ` ${h.account}` : null}
                  {h.phone ? ` · ${h.phone}` : null}
                  {" · "}
                  <span data-testid="household-products">{t("households.list.products", { count: h.productCount })}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

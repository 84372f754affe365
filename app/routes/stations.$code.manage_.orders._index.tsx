import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { StatusBadge } from "~/components/order-parts";
import { formatMoney } from "~/domain/money";
import { ORDER_STATUSES } from "~/domain/orders";
import { listStationOrders } from "~/models/orders/read.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { STATUS_KEYS } from "~/services/notification-text";
import { presentOrderSummary, statusFilter } from "~/routes-support/orders/view.server";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

/** The station's online orders, newest first, filtered by status: what to pack, hand over, ship. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "orders:write");
  const { lang, t } = getTranslate(request);
  const status = statusFilter(request.url);
  const list = await listStationOrders(context.db, { stationId: station.station.id, status });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    status: status ?? null,
    filters: ORDER_STATUSES.map((s) => ({ status: s, label: t(STATUS_KEYS[s]) })),
    orders: list.map((o) => ({ ...presentOrderSummary(o, lang, t), contactName: o.contactName })),
    meta: { title: `${t("orders.manage.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function StationOrders() {
  const { station, status, filters, orders } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage/orders`;
  const tab = (active: boolean) => `inline-block rounded-full border px-3 py-1 ${active ? "border-brand-700 bg-brand-50 font-semibold" : "border-stone-300 bg-white"}`;
  return (
    <div className="space-y-4">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("orders.manage.title")} />
      <p className="flex flex-wrap gap-3 text-sm">
        <a href={`${base}/packing-list`}>{t("orders.manage.packingList")}</a>
        <a href={`/stations/${station.code}/manage/delivery`}>{t("orders.manage.deliveryRule")}</a>
      </p>
      <nav aria-label={t("orders.manage.title")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          <li>
            <a href={base} className={tab(status === null)}>
              {t("orders.manage.all")}
            </a>
          </li>
          {filters.map((f) => (
            <li key={f.status}>
              <a href={`${base}?status=${f.status}`} className={tab(status === f.status)}>
                {f.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {orders.length === 0 ? (
        <p className="text-stone-600">{t("orders.manage.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="station-orders">
          {orders.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <a href={`${base}/${o.number}`} className="font-medium" data-testid="station-order-link">
                {t("orders.manage.detail", { number: o.number })}
              </a>
              <StatusBadge status={o.status} label={o.statusLabel} />
              <span className="text-sm text-stone-600">
                {o.contactName} · {t(o.fulfilment === "delivery" ? "orders.checkout.delivery" : "orders.checkout.pickup")}
              </span>
              <span className="text-sm">{formatMoney(o.total, lang)}</span>
              <span className="w-full text-xs text-stone-500">{o.placedAt}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { packingList } from "~/models/orders/read.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { formatWhen, statusFilter } from "~/routes-support/orders/view.server";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

/**
 * The packing list (拣货单) to print: what to take from the shelf for every order waiting to be
 * packed (paid online, or placed to pay at pickup), then each order with its buyer and lines.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "orders:write");
  const { lang, t } = getTranslate(request);
  const list = await packingList(context.db, { stationId: station.station.id, status: statusFilter(request.url) });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    printedAt: formatWhen(new Date(), lang),
    totals: list.totals.map((x) => ({ productId: x.productId, name: pick(lang, x.nameZh, x.nameEn), quantity: formatQty(x.quantity, x.unit, lang) })),
    orders: list.orders.map((o) => ({
      id: o.id,
      number: o.number,
      buyer: `${o.contactName} ${o.contactPhone}`,
      where: o.deliveryAddress ? t("orders.page.deliveryTo", { address: o.deliveryAddress }) : t("orders.checkout.pickup"),
      lines: o.lines.map((l) => ({ productId: l.productId, name: pick(lang, l.nameZh, l.nameEn), quantity: formatQty(l.quantity, l.unit, lang) })),
    })),
    meta: { title: `${t("orders.packing.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function PackingList() {
  const { station, printedAt, totals, orders } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <ManageHeader
        stationCode={station.code}
        stationName={station.name}
        title={t("orders.packing.title")}
        back={{ href: `/stations/${station.code}/manage/orders`, label: t("orders.manage.title") }}
      />
      <section className="slip space-y-4" data-testid="packing-list">
        <p className="font-semibold">
          {station.name} · {t("orders.packing.title")} · {printedAt}
        </p>
        {orders.length === 0 ? (
          <p>{t("orders.packing.empty")}</p>
        ) : (
          <>
            <table className="w-full border-collapse text-sm">
              <tbody>
                {totals.map((x) => (
                  <tr key={x.productId} className="border-b border-stone-300">
                    <td className="py-1">☐ {x.name}</td>
                    <td className="py-1 text-right font-semibold">{x.quantity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {orders.map((o) => (
              <div key={o.id} className="break-inside-avoid border-t border-dashed border-stone-400 pt-2 text-sm">
                <p className="font-semibold">
                  {t("orders.manage.detail", { number: o.number })} · {o.buyer}
                </p>
                <p>{o.where}</p>
                <ul>
                  {o.lines.map((l) => (
                    <li key={l.productId}>
                      ☐ {l.name} × {l.quantity}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )}
      </section>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { StatusBadge } from "~/components/order-parts";
import { formatMoney } from "~/domain/money";
import { listBuyerOrders } from "~/models/orders/read.server";
import { signedInAccess } from "~/utils/access";
import { requireUser } from "~/utils/auth.server";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { presentOrderSummary } from "~/routes-support/orders/view.server";

export const handle = { access: signedInAccess, hydrate: false };

/** A signed-in buyer's orders, newest first; each opens its tracking page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { lang, t } = getTranslate(request);
  const list = await listBuyerOrders(context.db, { buyerUserId: user.id });
  return {
    orders: list.map((o) => ({ ...presentOrderSummary(o, lang, t), token: o.token })),
    meta: { title: `${t("orders.mine.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function MyOrders() {
  const { orders } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.mine.title")}</h1>
      {orders.length === 0 ? (
        <p className="text-stone-600">
          {t("orders.mine.empty")} <a href="/">{t("orders.cart.browse")}</a>
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="my-orders">
          {orders.map((o) => (
            <li key={o.id} className="space-y-1 p-3">
              <p className="flex flex-wrap items-center justify-between gap-2">
                <a href={`/orders/${o.token}`} className="font-medium">
                  {o.stationName} · {t("orders.page.title", { number: o.number })}
                </a>
                <StatusBadge status={o.status} label={o.statusLabel} />
              </p>
              <p className="text-sm text-stone-600">
                {o.lines.map((l) => `${l.name} × ${l.quantity}`).join("，")} · {formatMoney(o.total, lang)}
              </p>
              <p className="text-xs text-stone-500">{o.placedAt}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

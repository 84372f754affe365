import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerHeader } from "~/components/partner-chrome";
import { pick } from "~/domain/language";
import { formatMoney } from "~/domain/money";
import { listPartnerDeliveries } from "~/models/partners/deliveries.server";
import { partnerAccess } from "~/utils/access";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** The company's delivery notes (发货单), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context);
  const deliveries = await listPartnerDeliveries(context.db, { partnerId: partner.id });
  return {
    partnerName,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      title: t("partnerPortal.deliveries.number", { station: d.stationCode, number: d.number }),
      station: pick(lang, d.stationNameZh, d.stationNameEn),
      order: t("partnerPortal.orders.number", { station: d.stationCode, number: d.orderNumber }),
      orderId: d.orderId,
      date: d.businessDate,
      amount: d.amount,
    })),
    meta: { title: `${t("partnerPortal.nav.deliveries")} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerDeliveries() {
  const { partnerName, deliveries } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.nav.deliveries")} />
      {deliveries.length === 0 ? <p className="text-stone-500">{t("partnerPortal.deliveries.none")}</p> : null}
      <ul className="space-y-2" data-testid="partner-deliveries">
        {deliveries.map((d) => (
          <li key={d.id} className="card">
            <a href={`/partner/deliveries/${d.id}`} className="font-semibold">
              {d.title}
            </a>
            <p className="text-sm text-stone-600">
              {d.date} · {d.station} · <a href={`/partner/orders/${d.orderId}`}>{d.order}</a> · {formatMoney(d.amount, lang)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PartnerHeader } from "~/components/partner-chrome";
import { listConsignedStock } from "~/models/partners/consignment.server";
import { partnerAccess } from "~/utils/access";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

/** The company's goods on consignment at the stations: what is still there. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context);
  const stock = await listConsignedStock(context.db, { partnerId: partner.id });
  return {
    partnerName,
    stock: stock.map((s) => ({
      id: s.productId,
      station: pick(lang, s.stationNameZh, s.stationNameEn),
      name: pick(lang, s.nameZh, s.nameEn),
      onHand: formatQty(s.onHand, s.unit, lang),
      unit: s.unit,
      price: s.price,
    })),
    meta: { title: `${t("partnerPortal.nav.stock")} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerStock() {
  const { partnerName, stock } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.nav.stock")} />
      <p className="text-stone-600">{t("partnerPortal.stock.intro")}</p>
      {stock.length === 0 ? <p className="text-stone-500">{t("partnerPortal.stock.none")}</p> : null}
      <table className="w-full text-left text-sm" data-testid="partner-stock">
        <thead>
          <tr>
            <th>{t("partnerPortal.orders.station")}</th>
            <th>{t("partnerPortal.orders.produce")}</th>
            <th>{t("partnerPortal.stock.onHand")}</th>
            <th>{t("partnerPortal.orders.unitPrice")}</th>
          </tr>
        </thead>
        <tbody>
          {stock.map((s) => (
            <tr key={s.id}>
              <td>{s.station}</td>
              <td>{s.name}</td>
              <td>{s.onHand}</td>
              <td>{formatPrice(s.price, s.unit, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

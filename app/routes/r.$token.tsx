import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SaleReceipt } from "~/components/sale-receipt";
import { D, sum } from "~/domain/money";
import { listReturns } from "~/models/till/returns.server";
import { getSaleByToken, receiptStation } from "~/models/till/sales.server";
import { publicAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { siteOrigin } from "~/utils/seo.server";
import { receiptView } from "~/routes-support/till/view.server";

export const handle = { access: publicAccess, hydrate: false };

/** The receipt anyone holding it can check (the QR code's address): the same receipt, no personal data. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { token } = parseParams(params, { token: param.token });
  const view = found(await getSaleByToken(context.db, { token }));
  const station = found(await receiptStation(context.db, { stationId: view.sale.stationId }));
  const { lang, t } = getTranslate(request);
  const returns = await listReturns(context.db, { saleId: view.sale.id });
  return {
    station: { name: pick(lang, station.nameZh, station.nameEn), address: pick(lang, station.addressZh, station.addressEn) },
    paper: new URL(request.url).searchParams.get("paper") === "58" ? ("58" as const) : ("a4" as const),
    receipt: await receiptView(view, lang, siteOrigin(request, context), sum(returns.map((r) => new D(r.amount)))),
    meta: { title: `${t("till.receipt.title")} ${view.sale.number} · ${t("app.name")}`, noindex: true },
  };
}

export const meta = routeMeta;

export default function PublicReceipt() {
  const { station, paper, receipt } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-3">
      <p className="no-print text-sm text-stone-600">{t("till.receipt.publicNote")}</p>
      <SaleReceipt receipt={receipt} station={station} paper={paper} />
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { maskPhone } from "~/domain/households";
import { D, formatMoney, lineTotal, toAmountString } from "~/domain/money";
import { getReceipt } from "~/models/catalog/stock.server";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { stationAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("station:read"), hydrate: false };

/**
 * 代卖收货单: the slip a household signs when it leaves goods at the station. Printed from
 * the browser (the page's print styles drop everything but the slip); the station keeps one
 * copy, the household the other.
 */
export async function loader(args: LoaderFunctionArgs) {
  const {
    access: { station },
    doc: receipt,
  } = await requireStationDocument(args, "station:read", (db, { stationId, number }) => getReceipt(db, { stationId, number }));
  const { request } = args;
  const { lang, t } = getTranslate(request);
  const { movement, product, household } = receipt;
  const value = movement.unitPrice ? toAmountString(lineTotal(new D(movement.onHandDelta), new D(movement.unitPrice))) : null;
  return {
    station: {
      code: station.station.code,
      name: pick(lang, station.station.nameZh, station.station.nameEn),
      address: pick(lang, station.station.addressZh, station.station.addressEn),
      village: pick(lang, station.village.nameZh, station.village.nameEn),
    },
    isNew: new URL(request.url).searchParams.get("new") === "1",
    already: new URL(request.url).searchParams.get(ALREADY_PARAM) === "1",
    receipt: {
      number: movement.receiptNumber!,
      at: chinaDateTime(movement.createdAt),
      household: household.headName,
      group: household.villageGroup,
      phone: maskPhone(household.phone),
      product: pick(lang, product.nameZh, product.nameEn),
      productId: product.id,
      unit: product.unit,
      quantity: movement.onHandDelta,
      unitPrice: movement.unitPrice,
      value,
      note: movement.reason,
    },
    meta: { title: `${t("stock.receipt.title")} ${movement.receiptNumber} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function ReceiptSlip() {
  const { station, receipt, isNew, already } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const line = "border-b border-stone-200 py-2 grid grid-cols-[7rem_1fr] gap-2";
  return (
    <div className="space-y-4">
      <div className="no-print space-y-3">
        <ManageHeader
          stationCode={station.code}
          stationName={station.name}
          title={t("stock.receipt.title")}
          back={{ href: `/stations/${station.code}/manage/products/${receipt.productId}`, label: receipt.product }}
        />
        {isNew ? <FormAlert tone="success">{t("stock.receipt.saved")}</FormAlert> : null}
        {already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}
        <p className="text-sm text-stone-600">{t("stock.receipt.printHint")}</p>
      </div>
      <article className="receipt-slip card space-y-3 print:border-0 print:shadow-none" data-testid="receipt-slip">
        <header className="text-center">
          <h2 className="text-xl font-bold">{t("stock.receipt.title")}</h2>
          <p className="text-sm">{station.name}</p>
          <p className="text-sm text-stone-600">{station.address}</p>
          <p className="text-sm">
            {t("stock.receipt.number")} <strong data-testid="receipt-number">{String(receipt.number).padStart(6, "0")}</strong> · {receipt.at}
          </p>
        </header>
        <dl>
          <div className={line}>
            <dt>{t("stock.receipt.household")}</dt>
            <dd>
              {receipt.household}
              {receipt.group ? t("common.parenthesized", { text: "", inner: `${station.village} ${receipt.group}` }) : null}
              {receipt.phone ? ` · ${receipt.phone}` : null}
            </dd>
          </div>
          <div className={line}>
            <dt>{t("stock.field.product")}</dt>
            <dd>{receipt.product}</dd>
          </div>
          <div className={line}>
            <dt>{t("stock.field.quantity")}</dt>
            <dd className="text-lg font-semibold" data-testid="receipt-quantity">
              {formatQty(receipt.quantity, receipt.unit, lang)}
            </dd>
          </div>
          {receipt.unitPrice ? (
            <div className={line}>
              <dt>{t("stock.receipt.price")}</dt>
              <dd>{formatPrice(receipt.unitPrice, receipt.unit, lang)}</dd>
            </div>
          ) : null}
          {receipt.value ? (
            <div className={line}>
              <dt>{t("stock.receipt.value")}</dt>
              <dd>
                {formatMoney(receipt.value, lang)}
                <span className="block text-sm text-stone-500">{t("stock.receipt.valueNote")}</span>
              </dd>
            </div>
          ) : null}
          {receipt.note ? (
            <div className={line}>
              <dt>{t("stock.field.note")}</dt>
              <dd>{receipt.note}</dd>
            </div>
          ) : null}
        </dl>
        <p className="text-sm text-stone-700">{t("stock.receipt.terms")}</p>
        <div className="grid grid-cols-2 gap-6 pt-8 text-sm">
          <p className="border-t border-stone-500 pt-1">{t("stock.receipt.householdSignature")}</p>
          <p className="border-t border-stone-500 pt-1">{t("stock.receipt.operatorSignature")}</p>
        </div>
      </article>
    </div>
  );
}

import { formatMoney } from "~/domain/money";
import { formatPrice } from "~/routes-support/goods/format";
import type { ReceiptView } from "~/routes-support/till/view.server";
import { useI18n } from "~/utils/i18n-react";

/**
 * A till receipt: the same markup on the operator's page, the public page and paper. With
 * `?paper=58` it prints on a 58 mm roll (the named page `roll` in tailwind.css), otherwise on A4.
 * Carries no personal data: the operator is named only on the station's own copy. The amounts
 * arrive as decimal strings and are formatted here, in the reader's language.
 */
export function SaleReceipt({ receipt, station, operator, paper }: { receipt: ReceiptView; station: { name: string; address: string }; operator?: string; paper: "58" | "a4" }) {
  const { lang, t } = useI18n();
  const money = (amount: string) => formatMoney(amount, lang);
  return (
    <article className={`till-receipt card mx-auto space-y-2 ${paper === "58" ? "paper-58 max-w-[20rem]" : "paper-a4 max-w-xl"}`} data-testid="sale-receipt">
      <header className="text-center">
        <h2 className="text-lg font-bold">{station.name}</h2>
        <p className="text-sm text-stone-600">{station.address}</p>
        <p className="text-sm">
          {t("till.receipt.title")} <strong data-testid="sale-number">{String(receipt.number).padStart(6, "0")}</strong> · {receipt.at}
        </p>
      </header>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th className="py-1">{t("till.receipt.item")}</th>
            <th className="py-1 text-right">{t("till.receipt.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((l, i) => (
            <tr key={i} className="border-b border-stone-100 align-top">
              <td className="py-1">
                {l.name}
                <span className="block text-stone-600">
                  {l.quantity} × {formatPrice(l.price, l.unit, lang)}
                </span>
              </td>
              <td className="py-1 text-right">{money(l.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="space-y-1 text-sm">
        <div className="flex justify-between text-base font-bold">
          <dt>{t("till.total")}</dt>
          <dd data-testid="receipt-total">{money(receipt.total)}</dd>
        </div>
        <div className="flex justify-between">
          <dt>{t("till.payment")}</dt>
          <dd>
            {receipt.payment === "cash" ? t("till.pay.cash") : t("till.pay.mobile")}
            {receipt.reference ? ` · ${receipt.reference}` : null}
          </dd>
        </div>
        {receipt.tendered ? (
          <div className="flex justify-between">
            <dt>{t("till.tendered")}</dt>
            <dd>{money(receipt.tendered)}</dd>
          </div>
        ) : null}
        {receipt.change ? (
          <div className="flex justify-between">
            <dt>{t("till.change")}</dt>
            <dd data-testid="receipt-change">{money(receipt.change)}</dd>
          </div>
        ) : null}
        {receipt.returned ? (
          <div className="flex justify-between text-red-800">
            <dt>{t("till.receipt.returned")}</dt>
            <dd data-testid="receipt-returned">{money(receipt.returned)}</dd>
          </div>
        ) : null}
        {operator ? (
          <div className="flex justify-between">
            <dt>{t("till.receipt.operator")}</dt>
            <dd>{operator}</dd>
          </div>
        ) : null}
      </dl>
      <figure className="mx-auto w-32 text-center">
        <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: receipt.qrSvg }} />
        <figcaption className="text-xs text-stone-600">{t("till.receipt.qr")}</figcaption>
      </figure>
      <p className="text-center text-xs text-stone-500">{t("till.receipt.thanks")}</p>
    </article>
  );
}

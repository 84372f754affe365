import { formatMoney } from "~/domain/money";
import type { UnitCode } from "~/domain/units";
import { formatPrice } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";

/** The pieces the buyer's and the operator's order pages share. Plain markup: no JavaScript needed. */

/** One order line; the amounts are decimal strings ("40.00"), formatted here in the reader's language. */
interface LineView {
  productId: string;
  name: string;
  /** Already worded with its unit ("5 斤"). */
  quantity: string;
  unit: UnitCode;
  unitPrice: string;
  amount: string;
}

/** The lines, the delivery fee (null: none to show) and the total, all amounts as decimal strings. */
export function OrderLines({ lines, deliveryFee, total }: { lines: LineView[]; deliveryFee: string | null; total: string }) {
  const { lang, t } = useI18n();
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{t("orders.page.lines")}</caption>
      <tbody>
        {lines.map((l) => (
          <tr key={l.productId} className="border-b border-stone-100">
            <td className="py-1">{l.name}</td>
            <td className="py-1 text-stone-600">
              {l.quantity} × {formatPrice(l.unitPrice, l.unit, lang)}
            </td>
            <td className="py-1 text-right">{formatMoney(l.amount, lang)}</td>
          </tr>
        ))}
        {deliveryFee ? (
          <tr className="border-b border-stone-100">
            <td className="py-1" colSpan={2}>
              {t("orders.checkout.deliveryFee")}
            </td>
            <td className="py-1 text-right">{formatMoney(deliveryFee, lang)}</td>
          </tr>
        ) : null}
        <tr>
          <td className="py-1 font-semibold" colSpan={2} />
          <td className="py-1 text-right font-semibold" data-testid="order-total">
            {formatMoney(total, lang)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function OrderTimeline({ items }: { items: { id: number; label: string; at: string }[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <section aria-label={t("orders.page.timeline")} className="space-y-1">
      <h3 className="text-sm font-semibold">{t("orders.page.timeline")}</h3>
      <ol className="space-y-1 border-l-2 border-brand-100 pl-3 text-sm" data-testid="order-timeline">
        {items.map((e) => (
          <li key={e.id}>
            <span className="font-medium">{e.label}</span> <span className="text-stone-500">{e.at}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function OrderNotifications({ items }: { items: { id: string; text: string; at: string }[] }) {
  const { t } = useI18n();
  return (
    <section aria-label={t("orders.page.notifications")} className="space-y-1">
      <h3 className="text-sm font-semibold">{t("orders.page.notifications")}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-stone-500">{t("orders.page.noNotifications")}</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="order-notifications">
          {items.map((n) => (
            <li key={n.id}>
              {n.text} <span className="text-stone-500">{n.at}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const TONES: Record<string, string> = {
  pending_payment: "bg-amber-100 text-amber-900",
  placed: "bg-sky-100 text-sky-900",
  paid: "bg-sky-100 text-sky-900",
  packed: "bg-violet-100 text-violet-900",
  ready_for_pickup: "bg-brand-100 text-brand-800",
  shipped: "bg-brand-100 text-brand-800",
  completed: "bg-stone-200 text-stone-800",
  cancelled: "bg-stone-200 text-stone-600",
  refunded: "bg-stone-200 text-stone-600",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[status] ?? "bg-stone-100"}`} data-testid="order-status">
      {label}
    </span>
  );
}

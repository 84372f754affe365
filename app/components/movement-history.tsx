import type { MovementKind } from "~/domain/stock";
import type { UnitCode } from "~/domain/units";
import { formatQty, formatSignedQty, MOVEMENT_LABELS } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";

export interface MovementView {
  id: number;
  at: string;
  kind: MovementKind;
  onHandDelta: string;
  reservedDelta: string;
  onHandAfter: string;
  reason: string;
  receiptNumber: number | null;
}

/** A product's stock history, newest first, with the balance after each movement. */
export function MovementHistory({ movements, unit, stationCode }: { movements: MovementView[]; unit: UnitCode; stationCode: string }) {
  const { lang, t } = useI18n();
  if (movements.length === 0) return <p className="text-stone-600">{t("stock.history.empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="movement-history">
        <thead className="text-stone-500">
          <tr>
            <th className="py-1 pr-2 font-normal">{t("stock.history.when")}</th>
            <th className="py-1 pr-2 font-normal">{t("stock.history.kind")}</th>
            <th className="py-1 pr-2 text-right font-normal">{t("stock.history.change")}</th>
            <th className="py-1 text-right font-normal">{t("stock.history.after")}</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={m.id} className="border-t border-stone-100 align-top">
              <td className="py-1 pr-2 whitespace-nowrap">{m.at}</td>
              <td className="py-1 pr-2">
                {t(MOVEMENT_LABELS[m.kind])}
                {m.receiptNumber ? (
                  <>
                    {" · "}
                    <a href={`/stations/${stationCode}/manage/receipts/${m.receiptNumber}`}>{t("stock.receipt.short", { number: m.receiptNumber })}</a>
                  </>
                ) : null}
                {m.reason ? <span className="block text-stone-500">{m.reason}</span> : null}
              </td>
              <td className="py-1 pr-2 text-right whitespace-nowrap">
                {m.kind === "reserved" || m.kind === "released" ? formatSignedQty(m.reservedDelta, unit, lang) : formatSignedQty(m.onHandDelta, unit, lang)}
              </td>
              <td className="py-1 text-right whitespace-nowrap">{formatQty(m.onHandAfter, unit, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { rateToPercent } from "~/domain/catalog";
import { D, toAmountString } from "~/domain/money";
import type { CloseFigures } from "~/models/committee/figures.server";
import { groupAmount } from "~/routes-support/ledger/format";
import { useI18n } from "~/utils/i18n-react";
import type { MessageKey } from "~/utils/i18n";

/**
 * A closed month's figures as the close page, the printed notice and the public verification
 * page all show them: the same component, so the three never disagree.
 */

function Row({ label, amount, strong = false, testId }: { label: string; amount: string; strong?: boolean; testId?: string }) {
  return (
    <tr className={`border-t border-stone-200 ${strong ? "font-semibold" : ""}`}>
      <td className="py-1 pr-2">{label}</td>
      <td className="py-1 text-right tabular-nums" data-testid={testId}>
        {groupAmount(amount)}
      </td>
    </tr>
  );
}

export function FiguresTables({ figures, showHouseholds = true }: { figures: CloseFigures; showHouseholds?: boolean }) {
  const { t } = useI18n();
  const source = (s: string) => t(`committee.source.${s}` as MessageKey);
  const kind = (k: string) => t(`committee.kind.${k}` as MessageKey);
  const expenseKind = (k: string) => t(`committee.expense.${k}` as MessageKey);
  const expenses = figures.expenses.filter((e) => e.amount !== "0.00");
  return (
    <div className="grid gap-4 sm:grid-cols-2 print:grid-cols-2" data-testid="figures">
      <section>
        <h3 className="font-semibold">{t("committee.figures.income")}</h3>
        <table className="w-full text-sm">
          <tbody>
            {figures.income.map((s) => (
              <Row key={s.source} label={source(s.source)} amount={s.amount} testId={`income-${s.source}`} />
            ))}
            <Row label={t("committee.figures.incomeTotal")} amount={figures.incomeTotal} strong testId="income-total" />
          </tbody>
        </table>
        {expenses.length ? (
          <>
            <h3 className="mt-3 font-semibold">{t("committee.figures.expenses")}</h3>
            <table className="w-full text-sm">
              <tbody>
                {expenses.map((e) => (
                  <Row key={e.kind} label={expenseKind(e.kind)} amount={e.amount} />
                ))}
                <Row label={t("committee.figures.expensesTotal")} amount={figures.expensesTotal} strong />
              </tbody>
            </table>
          </>
        ) : null}
        <table className="mt-2 w-full text-sm">
          <tbody>
            <Row label={t("committee.figures.net")} amount={figures.net} strong testId="net" />
          </tbody>
        </table>
      </section>
      <section>
        <h3 className="font-semibold">{t("committee.figures.upkeep")}</h3>
        <p className="text-xs text-stone-600">
          {t("committee.figures.upkeepRule", { commission: groupAmount(figures.upkeep.commission), rate: `${rateToPercent(figures.upkeep.rate)}%` })}
        </p>
        <table className="w-full text-sm">
          <tbody>
            <Row label={t("committee.figures.opening")} amount={figures.upkeep.opening} />
            <Row label={t("committee.figures.setAside")} amount={figures.upkeep.setAside} testId="upkeep-set-aside" />
            {figures.upkeep.spent
              .filter((s) => s.amount !== "0.00")
              .map((s) => (
                <Row key={s.kind} label={t("common.labelled", { label: t("committee.figures.spent"), value: kind(s.kind) })} amount={s.amount} />
              ))}
            <Row label={t("committee.figures.spent")} amount={figures.upkeep.spentTotal} testId="upkeep-spent" />
            {/* The closing balance moves by what was drawn from the fund; an approved overspend is paid by the collective. */}
            <Row label={t("committee.figures.released")} amount={figures.upkeep.released} testId="upkeep-released" />
            {new D(figures.upkeep.spentTotal).gt(figures.upkeep.released) ? (
              <Row label={t("committee.figures.beyond")} amount={toAmountString(new D(figures.upkeep.spentTotal).minus(figures.upkeep.released))} testId="upkeep-beyond" />
            ) : null}
            <Row label={t("committee.figures.closing")} amount={figures.upkeep.closing} strong testId="upkeep-closing" />
          </tbody>
        </table>
        <h3 className="mt-3 font-semibold">{t("committee.figures.farmer")}</h3>
        <table className="w-full text-sm">
          <tbody>
            <Row label={t("committee.figures.added")} amount={figures.farmer.added} strong testId="farmer-added" />
            <Row label={t("committee.figures.paid")} amount={figures.farmer.paid} testId="farmer-paid" />
            <Row label={t("committee.figures.owed")} amount={figures.farmer.owed} />
            <tr className="border-t border-stone-200">
              <td className="py-1">{t("committee.figures.households")}</td>
              <td className="py-1 text-right tabular-nums" data-testid="households">
                {figures.farmer.households}
              </td>
            </tr>
          </tbody>
        </table>
        {showHouseholds && figures.households.length ? (
          <p className="mt-2 text-sm">
            <span className="text-stone-600">{t("committee.figures.householdsList")}{t("common.colon")}</span>
            <span data-testid="household-names">{figures.households.join(t("common.listSeparator"))}</span>
          </p>
        ) : null}
      </section>
    </div>
  );
}

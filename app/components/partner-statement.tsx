import { formatMoney } from "~/domain/money";
import { useI18n } from "~/utils/i18n-react";

interface StatementViewProps {
  view: {
    partner: string;
    from: string;
    to: string;
    reconciled: boolean;
    /** [label, amount] rows; amounts are decimal strings ("9600.00"), formatted here. */
    consignment: (readonly [label: string, amount: string])[];
    orders: (readonly [label: string, amount: string])[];
    net: string;
    goods: { name: string; station: string; received: string; returned: string; sold: string }[];
    entries: { date: string; station: string; label: string; reference: string; amount: string | null }[];
  };
  /** The page's own URL without a query, for the period form and the CSV link. */
  action: string;
  scope: string;
}

/** 对账单: the period form, both sides' figures, consigned quantities and every entry; prints on one sheet. */
export function PartnerStatementView({ view, action, scope }: StatementViewProps) {
  const { lang, t } = useI18n();
  return (
    <div className="space-y-5">
      <form method="get" action={action} className="no-print flex flex-wrap items-end gap-3">
        <label className="block">
          <span className="block text-sm">{t("partners.statement.from")}</span>
          <input type="date" name="from" defaultValue={view.from} className="min-h-[44px] rounded-md border px-2" />
        </label>
        <label className="block">
          <span className="block text-sm">{t("partners.statement.to")}</span>
          <input type="date" name="to" defaultValue={view.to} className="min-h-[44px] rounded-md border px-2" />
        </label>
        <button type="submit" className="btn-primary">
          {t("partners.statement.show")}
        </button>
        <a href={`${action}.csv?from=${view.from}&to=${view.to}`} className="min-h-[44px] py-2" data-testid="statement-csv">
          {t("partners.statement.csv")}
        </a>
      </form>
      <article className="card space-y-4 print:border-0 print:shadow-none" data-testid="partner-statement">
        <header>
          <h2 className="text-xl font-bold">
            {t("partners.statement.title")} · {view.partner}
          </h2>
          <p className="text-stone-600">
            {scope} · {t("partners.statement.period", { from: view.from, to: view.to })}
          </p>
          <p className={view.reconciled ? "text-brand-700" : "font-semibold text-red-700"}>{view.reconciled ? t("partners.statement.reconciled") : t("partners.statement.notReconciled")}</p>
        </header>
        <div className="grid gap-4 sm:grid-cols-2">
          {(
            [
              ["partners.statement.consignment", view.consignment],
              ["partners.statement.orders", view.orders],
            ] as const
          ).map(([title, rows]) => (
            <section key={title}>
              <h3 className="font-semibold">{t(title)}</h3>
              <table className="w-full text-sm">
                <tbody>
                  {rows.map(([label, amount]) => (
                    <tr key={label} className="border-b border-stone-100">
                      <td>{label}</td>
                      <td className="text-right">{formatMoney(amount, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p>
          {t("partners.statement.net")}: <strong>{formatMoney(view.net, lang)}</strong>
        </p>
        {view.goods.length > 0 ? (
          <section>
            <h3 className="font-semibold">{t("partners.statement.goods")}</h3>
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left">
                  <th>{t("partners.col.product")}</th>
                  <th>{t("partners.statement.station")}</th>
                  <th className="text-right">{t("partners.statement.received")}</th>
                  <th className="text-right">{t("partners.statement.returned")}</th>
                  <th className="text-right">{t("partners.statement.soldQty")}</th>
                </tr>
              </thead>
              <tbody>
                {view.goods.map((g, i) => (
                  <tr key={i} className="border-b border-stone-100">
                    <td>{g.name}</td>
                    <td>{g.station}</td>
                    <td className="text-right">{g.received}</td>
                    <td className="text-right">{g.returned}</td>
                    <td className="text-right">{g.sold}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
        <section>
          <h3 className="font-semibold">{t("partners.statement.entries")}</h3>
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left">
                <th>{t("partners.col.date")}</th>
                <th>{t("partners.statement.station")}</th>
                <th>{t("partners.statement.entries")}</th>
                <th>{t("partners.col.reference")}</th>
                <th className="text-right">{t("partners.col.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((e, i) => (
                <tr key={i} className="border-b border-stone-100">
                  <td>{e.date}</td>
                  <td>{e.station}</td>
                  <td>{e.label}</td>
                  <td>{e.reference}</td>
                  <td className="text-right">{e.amount ? formatMoney(e.amount, lang) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </article>
    </div>
  );
}

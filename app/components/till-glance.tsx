import { formatMoney } from "~/domain/money";
import { useI18n } from "~/utils/i18n-react";

/** Today's figures as decimal strings ("95.00"); formatted here, in the reader's language. */
export interface Glance {
  count: number;
  total: string;
  cash: string;
  mobile: string;
  returns: string;
  commission: string;
  expected: string | null;
}

/** Today at a glance: what the operator checks between customers. */
export function TillGlance({ glance, sessionOpen, base }: { glance: Glance; sessionOpen: boolean; base: string }) {
  const { lang, t } = useI18n();
  const money = (amount: string) => formatMoney(amount, lang);
  const cell = "rounded-md bg-stone-100 p-2";
  return (
    <section className="card space-y-2" aria-label={t("till.glance.title")} data-testid="till-glance">
      <h2 className="font-semibold">{t("till.glance.title")}</h2>
      <dl className="grid grid-cols-2 gap-2 text-sm">
        <div className={cell}>
          <dt>{t("till.glance.sales")}</dt>
          <dd className="text-lg font-bold">
            {glance.count} · {money(glance.total)}
          </dd>
        </div>
        <div className={cell}>
          <dt>{t("till.glance.commission")}</dt>
          <dd className="text-lg font-bold">{money(glance.commission)}</dd>
        </div>
        <div className={cell}>
          <dt>{t("till.pay.cash")}</dt>
          <dd>{money(glance.cash)}</dd>
        </div>
        <div className={cell}>
          <dt>{t("till.pay.mobile")}</dt>
          <dd>{money(glance.mobile)}</dd>
        </div>
        <div className={cell}>
          <dt>{t("till.glance.returns")}</dt>
          <dd>{money(glance.returns)}</dd>
        </div>
        <div className={cell}>
          <dt>{t("till.glance.expected")}</dt>
          <dd data-testid="glance-expected">{glance.expected ? money(glance.expected) : "—"}</dd>
        </div>
      </dl>
      <p>
        <a href={`${base}/till/session`} className="btn-quiet w-full">
          {sessionOpen ? t("till.session.closeLink") : t("till.session.openLink")}
        </a>
      </p>
    </section>
  );
}

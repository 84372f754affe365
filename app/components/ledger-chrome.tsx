import { Crumbs, NavPills } from "~/components/page-chrome";
import { useI18n } from "~/utils/i18n-react";

/**
 * The books' frame: where you are (station › books › page) and the two ledger pages one tap
 * away. Plain links and GET forms: everything works without JavaScript on a village phone.
 */
export function LedgerHeader({ stationCode, stationName, title, subtitle }: { stationCode: string; stationName: string; title: string; subtitle?: string }) {
  const { t } = useI18n();
  const base = `/stations/${stationCode}/ledger`;
  return (
    <header className="space-y-2">
      <Crumbs trail={[{ href: `/stations/${stationCode}/manage`, label: stationName }, { href: base, label: t("ledger.title") }]} className="no-print" />
      <h1 className="text-2xl font-bold">{title}</h1>
      {subtitle ? <p className="text-stone-600">{subtitle}</p> : null}
      <NavPills
        label={t("ledger.nav.label")}
        links={[
          { href: base, label: t("ledger.nav.trialBalance") },
          { href: `${base}/drafts`, label: t("ledger.nav.drafts") },
          { href: `/stations/${stationCode}/reports`, label: t("reports.stationLink") },
        ]}
        className="no-print"
      />
    </header>
  );
}

/** A GET form choosing a date range: the page reloads with ?from=&to= (no JavaScript needed). */
export function DateRangeForm({ from, to, error }: { from: string; to: string; error?: string }) {
  const { t } = useI18n();
  return (
    <form method="get" className="no-print card flex flex-wrap items-end gap-3">
      <label className="space-y-1">
        <span className="block text-sm font-medium">{t("ledger.from")}</span>
        <input type="date" name="from" defaultValue={from} className="block min-h-[44px] rounded-md border border-stone-300 px-3 py-2" />
      </label>
      <label className="space-y-1">
        <span className="block text-sm font-medium">{t("ledger.to")}</span>
        <input type="date" name="to" defaultValue={to} className="block min-h-[44px] rounded-md border border-stone-300 px-3 py-2" />
      </label>
      <button type="submit" className="btn-quiet">
        {t("ledger.show")}
      </button>
      {error ? (
        <p className="w-full text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

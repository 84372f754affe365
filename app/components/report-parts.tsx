import type { ReactNode } from "react";
import { Crumbs, NavPills } from "~/components/page-chrome";
import { useI18n } from "~/utils/i18n-react";
import { groupAmount } from "~/routes-support/ledger/format";

/**
 * The reports' frame: where you are, the reports one tap away, the range form (GET, works
 * without JavaScript), print and CSV links. Printing hides the chrome (.no-print).
 */
export function ReportHeader({ stationCode, stationName, title, subtitle, csvHref }: { stationCode: string; stationName: string; title: string; subtitle?: string; csvHref?: string }) {
  const { t } = useI18n();
  const base = `/stations/${stationCode}/reports`;
  const links = [
    { href: base, label: t("reports.nav.index") },
    { href: `${base}/income`, label: t("reports.nav.income") },
    { href: `${base}/farmers`, label: t("reports.nav.farmers") },
    { href: `${base}/sales`, label: t("reports.nav.sales") },
    { href: `${base}/partners`, label: t("reports.nav.partners") },
    { href: `${base}/assessment`, label: t("reports.nav.assessment") },
    { href: `${base}/exports`, label: t("reports.nav.exports") },
    { href: `/stations/${stationCode}/ledger`, label: t("reports.nav.ledger") },
  ];
  return (
    <header className="space-y-2">
      <Crumbs trail={[{ href: `/stations/${stationCode}/manage`, label: stationName }, { href: base, label: t("reports.title") }]} className="no-print" />
      <h1 className="text-2xl font-bold">
        <span className="hidden print:inline">{stationName} · </span>
        {title}
      </h1>
      {subtitle ? <p className="text-stone-600">{subtitle}</p> : null}
      <NavPills label={t("reports.nav.label")} links={links} className="no-print" />
      {csvHref ? (
        <p className="no-print flex gap-4 text-sm">
          <a href={csvHref} download>
            {t("reports.csv")}
          </a>
        </p>
      ) : null}
    </header>
  );
}

/** ?from=&to= as a GET form; field errors beside the fields (a bad range answers 400). */
export function ReportRangeForm({ from, to, errors, extra }: { from: string; to: string; errors?: Partial<Record<"from" | "to", string>>; extra?: ReactNode }) {
  const { t } = useI18n();
  const field = (name: "from" | "to", label: string, value: string) => (
    <label className="space-y-1">
      <span className="block text-sm font-medium">{label}</span>
      <input
        type="date"
        name={name}
        defaultValue={value}
        aria-invalid={errors?.[name] ? true : undefined}
        aria-describedby={errors?.[name] ? `${name}-error` : undefined}
        className="block min-h-[44px] rounded-md border border-stone-300 px-3 py-2"
      />
      {errors?.[name] ? (
        <span id={`${name}-error`} className="block text-sm text-red-700" role="alert">
          {errors[name]}
        </span>
      ) : null}
    </label>
  );
  return (
    <form method="get" className="no-print card flex flex-wrap items-end gap-3">
      {field("from", t("reports.range.from"), from)}
      {field("to", t("reports.range.to"), to)}
      {extra}
      <button type="submit" className="btn-quiet">
        {t("reports.range.show")}
      </button>
    </form>
  );
}

/** A right-aligned amount cell, linked when the figure has a drill-down. */
export function AmountCell({ amount, href, testId }: { amount: string; href?: string; testId?: string }) {
  const text = groupAmount(amount);
  return (
    <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums" data-testid={testId}>
      {href ? <a href={href}>{text}</a> : text}
    </td>
  );
}

/** Table widths as classes: the CSP (style-src 'self') drops inline style attributes. */
const TABLE_WIDTHS = { normal: "min-w-[30rem]", wide: "min-w-[56rem]" } as const;

export function ReportTable({ head, children, testId, width = "normal" }: { head: readonly { label: string; numeric?: boolean }[]; children: ReactNode; testId?: string; width?: keyof typeof TABLE_WIDTHS }) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className={`w-full text-sm ${TABLE_WIDTHS[width]}`} data-testid={testId}>
        <thead className="bg-stone-100 text-left text-stone-600">
          <tr>
            {head.map((h, i) => (
              <th key={i} className={`px-2 py-2 ${h.numeric ? "text-right" : ""}`}>
                {h.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Figure({ label, amount, href, testId }: { label: string; amount: string; href?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-stone-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {href ? <a href={href}>{amount}</a> : amount}
      </dd>
    </div>
  );
}

/** The general ledger of an account over the report's range: where every figure drills down to. */
export function glHref(stationCode: string, code: string, from: string, to: string): string {
  return `/stations/${stationCode}/ledger/accounts/${code}?from=${from}&to=${to}`;
}

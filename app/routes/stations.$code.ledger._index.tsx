import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateRangeForm, LedgerHeader } from "~/components/ledger-chrome";
import { toAmountString } from "~/domain/money";
import { getTrialBalance, listJournals } from "~/models/ledger/read.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount, journalMemo, sidedBalance, sourceLabel } from "~/routes-support/ledger/format";
import { ledgerRange } from "~/routes-support/ledger/range.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/**
 * 试算平衡表: every account with activity, for the period ending on the chosen date (from the
 * first of its month unless told otherwise), and the latest journals. Read-only for everyone.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const range = ledgerRange(request);
  const stationId = station.station.id;
  const report = await getTrialBalance(context.db, { stationId, from: range.from, to: range.to });
  const journals = await listJournals(context.db, { stationId, limit: 10 });
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return {
    stationCode: station.station.code,
    stationName,
    from: report.from,
    to: report.to,
    invalidRange: range.invalid,
    rows: report.rows.map((r) => ({
      code: r.code,
      level: r.level,
      name: pick(lang, r.nameZh, r.nameEn),
      opening: toAmountString(r.opening),
      debit: toAmountString(r.debit),
      credit: toAmountString(r.credit),
      closing: toAmountString(r.closing),
    })),
    totals: Object.fromEntries(Object.entries(report.totals).map(([k, v]) => [k, toAmountString(v)])) as Record<keyof typeof report.totals, string>,
    balanced: report.balanced,
    journals: journals.map((j) => ({
      number: j.number,
      date: j.businessDate,
      memo: journalMemo(t, j),
      source: sourceLabel(t, j.sourceType),
      total: toAmountString(j.total),
    })),
    meta: { title: `${t("ledger.tb.title")} · ${stationName} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

/** Indentation by account level, as classes: the CSP (style-src 'self') drops inline style attributes. */
const INDENT = ["pl-2", "pl-6", "pl-10", "pl-14"] as const;

export default function TrialBalancePage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const query = `?from=${d.from}&to=${d.to}`;
  return (
    <div className="space-y-4">
      <LedgerHeader stationCode={d.stationCode} stationName={d.stationName} title={t("ledger.tb.title")} subtitle={t("ledger.period", { from: d.from, to: d.to })} />
      <DateRangeForm from={d.from} to={d.to} error={d.invalidRange ? t("ledger.badDate") : undefined} />
      <p className="text-sm text-stone-600">{t("ledger.tb.intro")}</p>

      {d.rows.length === 0 ? (
        <p className="card text-stone-600">{t("ledger.tb.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full min-w-[36rem] text-sm" data-testid="trial-balance">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th className="px-2 py-2">{t("ledger.tb.account")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.opening")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.debit")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.credit")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.closing")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.code} className={`border-t border-stone-100 ${r.level === 1 ? "font-medium" : "text-stone-700"}`} data-code={r.code}>
                  <td className={`py-2 pr-2 ${INDENT[Math.min(r.level, INDENT.length) - 1]}`}>
                    <a href={`/stations/${d.stationCode}/ledger/accounts/${r.code}${query}`}>
                      <span className="tabular-nums">{r.code}</span> {r.name}
                    </a>
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{sidedBalance(t, r.opening)}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{groupAmount(r.debit)}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{groupAmount(r.credit)}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{sidedBalance(t, r.closing)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-stone-300 font-semibold">
              <tr>
                <td className="px-2 py-2">{t("ledger.tb.totals")}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                  {t("ledger.side.debit")} {groupAmount(d.totals.openingDebit)}
                  <br />
                  {t("ledger.side.credit")} {groupAmount(d.totals.openingCredit)}
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{groupAmount(d.totals.debit)}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{groupAmount(d.totals.credit)}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                  {t("ledger.side.debit")} {groupAmount(d.totals.closingDebit)}
                  <br />
                  {t("ledger.side.credit")} {groupAmount(d.totals.closingCredit)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <p className={d.balanced ? "text-brand-700" : "font-semibold text-red-700"} data-testid="balanced">
        {d.balanced ? `✓ ${t("ledger.tb.balanced")}` : t("ledger.tb.unbalanced")}
      </p>

      <section className="space-y-2" aria-labelledby="recent">
        <h2 id="recent" className="text-lg font-semibold">
          {t("ledger.recent.title")}
        </h2>
        {d.journals.length === 0 ? (
          <p className="text-stone-600">{t("ledger.recent.empty")}</p>
        ) : (
          <ul className="card divide-y divide-stone-100 p-0">
            {d.journals.map((j) => (
              <li key={j.number}>
                <a href={`/stations/${d.stationCode}/ledger/journals/${j.number}`} className="flex gap-3 px-3 py-2 hover:no-underline">
                  <span className="shrink-0 tabular-nums text-stone-500">{t("ledger.journal.number", { number: j.number })}</span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-stone-900">{j.memo}</span>
                    <span className="text-xs text-stone-500">
                      {j.date} · {j.source}
                    </span>
                  </span>
                  <span className="shrink-0 tabular-nums text-stone-900">{groupAmount(j.total)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

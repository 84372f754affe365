import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateRangeForm, LedgerHeader } from "~/components/ledger-chrome";
import { toAmountString } from "~/domain/money";
import { getGeneralLedger } from "~/models/ledger/read.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { param, parseParams } from "~/utils/params";
import { groupAmount, journalMemo, sidedBalance } from "~/routes-support/ledger/format";
import { ledgerRange } from "~/routes-support/ledger/range.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

const ROW_LIMIT = 500;

/** 明细账: one account's postings in a period with the running balance, each linked to its journal. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { account: code } = parseParams(params, { account: param.account });
  const { lang, t } = getTranslate(request);
  const range = ledgerRange(request);
  const gl = await getGeneralLedger(context.db, { stationId: station.station.id, accountCode: code, from: range.from, to: range.to, limit: ROW_LIMIT });
  if (!gl) throw new Response("Not found", { status: 404 });
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const accountName = `${gl.account.code} ${pick(lang, gl.account.nameZh, gl.account.nameEn)}`;
  return {
    stationCode: station.station.code,
    stationName,
    accountName,
    isParent: !gl.account.postable,
    from: gl.from,
    to: gl.to,
    invalidRange: range.invalid,
    opening: toAmountString(gl.opening),
    debit: toAmountString(gl.debit),
    credit: toAmountString(gl.credit),
    closing: toAmountString(gl.closing),
    truncated: gl.truncated,
    limit: ROW_LIMIT,
    rows: gl.rows.map((r) => ({
      id: r.postingId,
      number: r.number,
      date: r.date,
      memo: journalMemo(t, r),
      accountCode: r.accountCode,
      debit: r.amount.isPos() ? toAmountString(r.amount) : "",
      credit: r.amount.isNeg() ? toAmountString(r.amount.neg()) : "",
      party: r.subledger ? `${t(r.subledger.kind === "household" ? "ledger.subledger.household" : "ledger.subledger.partner")} ${(lang === "en" && r.subledger.nameEn) || r.subledger.name || r.subledger.id}` : "",
      balance: toAmountString(r.balance),
    })),
    meta: { title: `${accountName} · ${stationName} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function GeneralLedgerPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <LedgerHeader
        stationCode={d.stationCode}
        stationName={d.stationName}
        title={t("ledger.gl.title", { account: d.accountName })}
        subtitle={t("ledger.period", { from: d.from, to: d.to })}
      />
      <DateRangeForm from={d.from} to={d.to} error={d.invalidRange ? t("ledger.badDate") : undefined} />
      {d.isParent ? <p className="text-sm text-stone-600">{t("ledger.gl.parentNote")}</p> : null}

      <dl className="card grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-stone-500">{t("ledger.gl.opening")}</dt>
          <dd className="tabular-nums" data-testid="gl-opening">
            {sidedBalance(t, d.opening)}
          </dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("ledger.tb.debit")}</dt>
          <dd className="tabular-nums">{groupAmount(d.debit)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("ledger.tb.credit")}</dt>
          <dd className="tabular-nums">{groupAmount(d.credit)}</dd>
        </div>
        <div>
          <dt className="text-stone-500">{t("ledger.gl.closing")}</dt>
          <dd className="font-semibold tabular-nums" data-testid="gl-closing">
            {sidedBalance(t, d.closing)}
          </dd>
        </div>
      </dl>

      {d.rows.length === 0 ? (
        <p className="card text-stone-600">{t("ledger.gl.empty")}</p>
      ) : (
        <div className="card overflow-x-auto p-0">
          <table className="w-full min-w-[34rem] text-sm" data-testid="general-ledger">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th className="px-2 py-2">{t("ledger.journal.date")}</th>
                <th className="px-2 py-2">{t("ledger.gl.journal")}</th>
                <th className="px-2 py-2">{t("ledger.journal.memo")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.debit")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.tb.credit")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.gl.balance")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-100">
                  <td className="whitespace-nowrap px-2 py-2 tabular-nums">{r.date}</td>
                  <td className="whitespace-nowrap px-2 py-2">
                    <a href={`/stations/${d.stationCode}/ledger/journals/${r.number}`}>{t("ledger.journal.number", { number: r.number })}</a>
                  </td>
                  <td className="px-2 py-2">
                    {r.memo}
                    {d.isParent || r.party ? (
                      <span className="block text-xs text-stone-500">
                        {d.isParent ? r.accountCode : null} {r.party}
                      </span>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{r.debit ? groupAmount(r.debit) : ""}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{r.credit ? groupAmount(r.credit) : ""}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{sidedBalance(t, r.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.truncated ? (
        <p className="text-sm text-amber-800" role="status">
          {t("ledger.gl.truncated", { count: d.limit })}
        </p>
      ) : null}
    </div>
  );
}

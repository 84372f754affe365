import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ReactNode } from "react";
import { useLoaderData } from "@remix-run/react";
import { LedgerHeader } from "~/components/ledger-chrome";
import { toAmountString } from "~/domain/money";
import { loadChart } from "~/models/ledger/accounts.server";
import { getJournalDetail } from "~/models/ledger/read.server";
import { stationAccess } from "~/utils/access";
import { requireStationDocument } from "~/utils/station-documents.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount, journalMemo, sourceLabel } from "~/routes-support/ledger/format";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 记账凭证: a journal's postings, its source document, who caused and approved it, and its place in the hash chain. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, doc: journal } = await requireStationDocument(args, "ledger:read", (db, where) => getJournalDetail(db, where));
  const { station } = access;
  const { context } = args;
  const { lang, t } = getTranslate(args.request);
  const stationId = station.station.id;
  const chart = await loadChart(context.db, { stationId });
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const base = `/stations/${station.station.code}/ledger`;
  const sourceHref =
    journal.source.type === "reversal" && journal.reverses
      ? `${base}/journals/${journal.reverses.number}`
      : journal.source.type === "adjustment"
        ? `${base}/drafts#draft-${journal.source.id}`
        : `/stations/${station.station.code}/reports/sources/${journal.number}`; // every other source: its read-only document (reports)
  return {
    stationCode: station.station.code,
    stationName,
    number: journal.number,
    date: journal.businessDate,
    memo: journalMemo(t, journal),
    source: { label: sourceLabel(t, journal.source.type), id: journal.source.id, href: sourceHref },
    createdBy: journal.createdByName,
    approvedBy: journal.approvedByName,
    // Station time (UTC+8, no daylight saving), as the operator saw the clock.
    postedAt: `${new Date(journal.postedAt.getTime() + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 19)} (UTC+8)`,
    reverses: journal.reverses?.number ?? null,
    reversedBy: journal.reversedBy?.number ?? null,
    reason: journal.draft?.reason ?? null,
    hash: journal.hash,
    prevHash: journal.prevHash,
    lines: journal.lines.map((l, i) => {
      const account = chart.accounts.get(l.accountCode);
      return {
        key: i,
        code: l.accountCode,
        name: account ? pick(lang, account.nameZh, account.nameEn) : "",
        party: l.subledger ? `${t(l.subledger.kind === "household" ? "ledger.subledger.household" : "ledger.subledger.partner")} ${l.subledger.id}` : "",
        debit: l.amount.isPos() ? toAmountString(l.amount) : "",
        credit: l.amount.isNeg() ? toAmountString(l.amount.neg()) : "",
      };
    }),
    meta: { title: `${t("ledger.journal.title", { number: journal.number })} · ${stationName} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 border-b border-stone-100 py-2 last:border-0">
      <dt className="text-stone-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function JournalPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const base = `/stations/${d.stationCode}/ledger`;
  return (
    <div className="space-y-4">
      <LedgerHeader stationCode={d.stationCode} stationName={d.stationName} title={t("ledger.journal.title", { number: d.number })} />
      <dl className="card text-sm">
        <Item label={t("ledger.journal.date")}>{d.date}</Item>
        <Item label={t("ledger.journal.memo")}>{d.memo}</Item>
        <Item label={t("ledger.journal.source")}>
          {d.source.href ? <a href={d.source.href}>{d.source.label}</a> : d.source.label}
          <span className="block break-all text-xs text-stone-500">{d.source.id}</span>
        </Item>
        {d.reason ? <Item label={t("ledger.journal.reason")}>{d.reason}</Item> : null}
        <Item label={t("ledger.journal.createdBy")}>
          <span data-testid="created-by">{d.createdBy}</span>
        </Item>
        {d.approvedBy ? (
          <Item label={t("ledger.journal.approvedBy")}>
            <span data-testid="approved-by">{d.approvedBy}</span>
          </Item>
        ) : null}
        <Item label={t("ledger.journal.postedAt")}>{d.postedAt}</Item>
      </dl>
      {d.reverses !== null ? (
        <p>
          <a href={`${base}/journals/${d.reverses}`}>{t("ledger.journal.reverses", { number: d.reverses })}</a>
        </p>
      ) : null}
      {d.reversedBy !== null ? (
        <p className="font-medium text-amber-800">
          <a href={`${base}/journals/${d.reversedBy}`}>{t("ledger.journal.reversedBy", { number: d.reversedBy })}</a>
        </p>
      ) : null}

      <section aria-labelledby="postings" className="space-y-2">
        <h2 id="postings" className="text-lg font-semibold">
          {t("ledger.journal.postings")}
        </h2>
        <div className="card overflow-x-auto p-0">
          <table className="w-full text-sm" data-testid="postings">
            <thead className="bg-stone-100 text-left text-stone-600">
              <tr>
                <th className="px-2 py-2">{t("ledger.tb.account")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.debit")}</th>
                <th className="px-2 py-2 text-right">{t("ledger.credit")}</th>
              </tr>
            </thead>
            <tbody>
              {d.lines.map((l) => (
                <tr key={l.key} className="border-t border-stone-100">
                  <td className="px-2 py-2">
                    <a href={`${base}/accounts/${l.code}?from=${d.date}&to=${d.date}`}>
                      <span className="tabular-nums">{l.code}</span> {l.name}
                    </a>
                    {l.party ? <span className="block break-all text-xs text-stone-500">{l.party}</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{l.debit ? groupAmount(l.debit) : ""}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{l.credit ? groupAmount(l.credit) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card space-y-2 text-sm" aria-labelledby="hash">
        <h2 id="hash" className="font-semibold">
          {t("ledger.journal.hash")}
        </h2>
        <p className="break-all font-mono text-xs" data-testid="hash">
          {d.hash}
        </p>
        <p className="text-stone-500">{t("ledger.journal.prevHash")}</p>
        <p className="break-all font-mono text-xs text-stone-600">{d.prevHash}</p>
        <p className="text-stone-500">{t("ledger.journal.hashHint")}</p>
      </section>
    </div>
  );
}

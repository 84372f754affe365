import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatQty } from "~/routes-support/goods/format";
import type { UnitCode } from "~/domain/units";
import { useLoaderData } from "@remix-run/react";
import { AmountCell, ReportHeader, ReportTable } from "~/components/report-parts";
import { OtherSourceDocument } from "~/components/report-sources";
import { sourceDocument } from "~/models/reports/sources.server";
import { stationAccess } from "~/utils/access";
import { requireStationDocument } from "~/utils/station-documents.server";
import { type MessageKey, pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { groupAmount, sourceLabel } from "~/routes-support/ledger/format";

const PAYOUT_METHOD_KEYS: Record<string, MessageKey | undefined> = {
  cash: "till.payout.method.cash",
  bank: "till.payout.method.bank",
  mobile: "till.payout.method.mobile",
};

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/** 原始单据: the document behind any journal (sale, order, delivery, payment, expense, close …), for whoever may read the books. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, doc: found } = await requireStationDocument(args, "ledger:read", (db, where) => sourceDocument(db, where));
  const { station } = access;
  const { lang, t } = getTranslate(args.request);
  const doc = found.document;
  return {
    stationCode: station.station.code,
    stationName: pick(lang, station.station.nameZh, station.station.nameEn),
    meta: { title: `${t("reports.doc.title", { number: found.journal.number })} · ${t("app.name")}` },
    journal: found.journal,
    typeLabel: sourceLabel(t, doc.kind === "other" ? doc.type : doc.kind),
    document:
      doc.kind === "sale"
        ? { ...doc, payment: doc.payment === "cash" ? t("till.pay.cash") : doc.payment === "mobile" ? t("till.pay.mobile") : doc.payment, lines: doc.lines.map((l) => ({ ...l, product: pick(lang, l.product, l.productEn) })) }
        : doc.kind === "payout"
          ? { ...doc, method: PAYOUT_METHOD_KEYS[doc.method] ? t(PAYOUT_METHOD_KEYS[doc.method]!) : doc.method }
          : doc,
  };
}

export const meta = routeMeta;

export default function SourceDocumentPage() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const doc = d.document;
  const journalHref = `/stations/${d.stationCode}/ledger/journals/${d.journal.number}`;
  return (
    <div className="space-y-4">
      <ReportHeader stationCode={d.stationCode} stationName={d.stationName} title={t("reports.doc.title", { number: d.journal.number })} subtitle={d.typeLabel} />
      <p>
        <a href={journalHref}>{t("reports.doc.journal", { number: d.journal.number })}</a>
      </p>
      {doc.kind === "sale" ? (
        <section className="space-y-2" data-testid="source-sale">
          <h2 className="text-lg font-semibold">{`${t("reports.doc.sale", { number: doc.number })} · ${doc.date}`}</h2>
          <ReportTable
            head={[
              { label: t("reports.doc.product") },
              { label: t("reports.doc.owner") },
              { label: t("reports.doc.quantity"), numeric: true },
              { label: t("reports.doc.price"), numeric: true },
              { label: t("reports.doc.amount"), numeric: true },
              { label: t("reports.doc.commission"), numeric: true },
            ]}
          >
            {doc.lines.map((l, i) => (
              <tr key={i} className="border-t border-stone-100">
                <td className="px-2 py-2">{l.product}</td>
                <td className="px-2 py-2">{l.owner}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">
                  {formatQty(l.quantity, l.unit as UnitCode, lang)}
                </td>
                <AmountCell amount={l.unitPrice} />
                <AmountCell amount={l.amount} />
                <AmountCell amount={l.commission} />
              </tr>
            ))}
            <tr className="border-t border-stone-300 font-semibold">
              <td className="px-2 py-2" colSpan={4}>
                {`${t("reports.doc.total")} · ${t("reports.doc.payment")} ${doc.payment}`}
              </td>
              <AmountCell amount={doc.total} testId="source-total" />
              <td />
            </tr>
          </ReportTable>
          {doc.returns.length ? (
            <>
              <h3 className="font-semibold">{t("reports.doc.returns")}</h3>
              <ul className="card text-sm">
                {doc.returns.map((r, i) => (
                  <li key={i}>{`${r.date} · ${r.kind} · ${groupAmount(r.amount)} · ${r.reason}`}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : doc.kind === "payout" ? (
        <dl className="card grid grid-cols-2 gap-2 text-sm" data-testid="source-payout">
          <dt>{t("reports.doc.payout", { number: doc.number })}</dt>
          <dd>{doc.date}</dd>
          <dt>{t("reports.doc.household")}</dt>
          <dd>{doc.household}</dd>
          <dt>{t("reports.doc.method")}</dt>
          <dd>{doc.method}</dd>
          <dt>{t("reports.doc.amount")}</dt>
          <dd className="tabular-nums">{groupAmount(doc.amount)}</dd>
        </dl>
      ) : doc.kind === "cash_count" ? (
        <dl className="card grid grid-cols-2 gap-2 text-sm" data-testid="source-cash-count">
          <dt>{t("reports.doc.session", { date: doc.date })}</dt>
          <dd />
          <dt>{t("reports.doc.expected")}</dt>
          <dd className="tabular-nums">{groupAmount(doc.expected)}</dd>
          <dt>{t("reports.doc.counted")}</dt>
          <dd className="tabular-nums">{groupAmount(doc.counted)}</dd>
          <dt>{t("reports.doc.difference")}</dt>
          <dd className="tabular-nums">{groupAmount(doc.difference)}</dd>
        </dl>
      ) : doc.kind === "other" ? (
        <p className="card">{t("reports.doc.other", { type: d.typeLabel })}</p>
      ) : (
        <OtherSourceDocument doc={doc} stationCode={d.stationCode} />
      )}
    </div>
  );
}

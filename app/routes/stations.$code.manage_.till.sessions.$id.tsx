import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { D, formatMoney, toAmountString } from "~/domain/money";
import { DENOMINATIONS } from "~/domain/till";
import { getSession, sessionFigures } from "~/models/till/cash-sessions.server";
import { getUser } from "~/models/identity/users.server";
import { stationAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("sales:write"), hydrate: false };

/** The printable closing report of a till session (日结单). */
export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const {
    access: { station },
    doc: session,
  } = await requireStationDocument(args, "sales:write", (db, { stationId, id }) => getSession(db, { stationId, id }), "id");
  const { lang, t } = getTranslate(request);
  const figures = await sessionFigures(context.db, session);
  const closer = session.closedBy ? await getUser(context.db, { id: session.closedBy }) : null;
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    report: {
      status: session.status,
      openedAt: chinaDateTime(session.openedAt),
      closedAt: session.closedAt ? chinaDateTime(session.closedAt) : null,
      float: toAmountString(figures.float),
      sales: toAmountString(figures.cashSales),
      refunds: toAmountString(figures.cashRefunds),
      payouts: toAmountString(figures.cashPayouts),
      expected: session.expected,
      counted: session.counted,
      difference: session.counted && session.expected ? toAmountString(new D(session.counted).minus(session.expected)) : null,
      counts: DENOMINATIONS.map((d) => ({ d, n: session.denominations?.[d] ?? 0 })),
      note: session.note,
      closer: closer?.displayName ?? "",
    },
    meta: { title: `${t("till.report.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function SessionReport() {
  const { station, report } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, lang));
  const row = "flex justify-between border-b border-stone-100 py-1";
  return (
    <div className="space-y-4">
      <div className="no-print">
        <ManageHeader stationCode={station.code} stationName={station.name} title={t("till.report.title")} back={{ href: `/stations/${station.code}/manage/till`, label: t("till.title") }} />
      </div>
      <article className="till-receipt paper-a4 card mx-auto max-w-xl space-y-2" data-testid="session-report">
        <h2 className="text-center text-lg font-bold">
          {station.name} · {t("till.report.title")}
        </h2>
        <p className="text-center text-sm">
          {report.openedAt} → {report.closedAt ?? t("till.report.stillOpen")}
        </p>
        <dl className="text-sm">
          <div className={row}><dt>{t("till.session.float")}</dt><dd>{money(report.float)}</dd></div>
          <div className={row}><dt>{t("till.session.cashSales")}</dt><dd>{money(report.sales)}</dd></div>
          <div className={row}><dt>{t("till.session.cashRefunds")}</dt><dd>{money(report.refunds)}</dd></div>
          <div className={row}><dt>{t("till.session.cashPayouts")}</dt><dd>{money(report.payouts)}</dd></div>
          <div className={row}><dt>{t("till.session.expected")}</dt><dd>{money(report.expected)}</dd></div>
          <div className={row}><dt>{t("till.session.counted")}</dt><dd data-testid="report-counted">{money(report.counted)}</dd></div>
          <div className={`${row} font-bold`}><dt>{t("till.session.difference")}</dt><dd data-testid="report-difference">{money(report.difference)}</dd></div>
        </dl>
        <table className="w-full text-sm">
          <tbody>
            {report.counts.map((c) => (
              <tr key={c.d}>
                <td>¥{c.d}</td>
                <td className="text-right">× {c.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.note ? <p className="text-sm">{t("till.session.note")}: {report.note}</p> : null}
        <p className="pt-6 text-sm">{t("till.report.signature", { name: report.closer })}</p>
      </article>
    </div>
  );
}

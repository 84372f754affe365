import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { D, formatCNY } from "~/domain/money";
import { DENOMINATIONS } from "~/domain/till";
import { getSession, sessionFigures } from "~/models/till/cash-sessions.server";
import { getUser } from "~/models/identity/users.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: stationAccess("sales:write"), hydrate: false };

/** The printable closing report of a till session (日结单). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "sales:write");
  const session = await getSession(context.db, { stationId: station.station.id, id: params.id ?? "" });
  if (!session) throw new Response("Not found", { status: 404 });
  const { lang, t } = getTranslate(request);
  const figures = await sessionFigures(context.db, session);
  const money = (v: string | null) => (v === null ? "—" : formatCNY(new D(v), lang));
  const closer = session.closedBy ? await getUser(context.db, { id: session.closedBy }) : null;
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    report: {
      status: session.status,
      openedAt: chinaDateTime(session.openedAt),
      closedAt: session.closedAt ? chinaDateTime(session.closedAt) : null,
      float: formatCNY(figures.float, lang),
      sales: formatCNY(figures.cashSales, lang),
      refunds: formatCNY(figures.cashRefunds, lang),
      payouts: formatCNY(figures.cashPayouts, lang),
      expected: money(session.expected),
      counted: money(session.counted),
      difference: session.counted && session.expected ? formatCNY(new D(session.counted).minus(session.expected), lang) : "—",
      counts: DENOMINATIONS.map((d) => ({ d, n: session.denominations?.[d] ?? 0 })),
      note: session.note,
      closer: closer?.displayName ?? "",
    },
    meta: { title: `${t("till.report.title")} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

export default function SessionReport() {
  const { station, report } = useLoaderData<typeof loader>();
  const { t } = useI18n();
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
          <div className={row}><dt>{t("till.session.float")}</dt><dd>{report.float}</dd></div>
          <div className={row}><dt>{t("till.session.cashSales")}</dt><dd>{report.sales}</dd></div>
          <div className={row}><dt>{t("till.session.cashRefunds")}</dt><dd>{report.refunds}</dd></div>
          <div className={row}><dt>{t("till.session.cashPayouts")}</dt><dd>{report.payouts}</dd></div>
          <div className={row}><dt>{t("till.session.expected")}</dt><dd>{report.expected}</dd></div>
          <div className={row}><dt>{t("till.session.counted")}</dt><dd data-testid="report-counted">{report.counted}</dd></div>
          <div className={`${row} font-bold`}><dt>{t("till.session.difference")}</dt><dd data-testid="report-difference">{report.difference}</dd></div>
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

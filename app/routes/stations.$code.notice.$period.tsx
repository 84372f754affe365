import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { FiguresTables } from "~/components/committee-figures";
import { SealBlock } from "~/components/committee-notice";
import { chinaDateTime } from "~/domain/catalog";
import { verifyPath } from "~/domain/notice";
import { formatSeal } from "~/domain/period-close";
import { getNotice } from "~/models/committee/notice.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { siteOrigin } from "~/utils/seo.server";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";

export const handle = { access: stationAccess("notice:print") };

/**
 * The public notice (村务公开) of a closed month, one A4 page for the notice board: Chinese by
 * default, English with ?lng=en. Its QR code opens the public verification page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "notice:print");
  const { period: month } = parseParams(params, { period: param.period });
  const { lang, t } = getTranslate(request);
  const notice = found(await getNotice(context.db, { stationCode: station.station.code, period: month }));
  const { summary, close } = notice;
  const period = close.period.slice(0, 7);
  const verifyUrl = `${siteOrigin(request, context)}${verifyPath(summary.station.code, period, close.seal)}`;
  const stationName = pick(lang, summary.station.nameZh, summary.station.nameEn);
  return {
    lang,
    stationCode: summary.station.code,
    stationName,
    period,
    county: pick(lang, summary.county.nameZh, summary.county.nameEn),
    township: pick(lang, summary.township.nameZh, summary.township.nameEn),
    village: pick(lang, summary.village.nameZh, summary.village.nameEn),
    sealedOn: close.sealedAt ? chinaDateTime(close.sealedAt).slice(0, 10) : "",
    figures: close.figures,
    seal: formatSeal(close.seal ?? ""),
    signatures: close.signatures.map((s) => ({ role: s.role, name: s.signerName, at: chinaDateTime(s.signedAt) })),
    verifyUrl,
    qrSvg: await QRCode.toString(verifyUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    meta: { title: t("committee.notice.title", { station: stationName, month: period }) },
  };
}

export const meta = routeMeta;

export default function NoticePage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="space-y-3">
      <p className="no-print flex flex-wrap gap-2">
        <a href={`/stations/${d.stationCode}/close/${d.period}`} className="btn-quiet">
          {t("committee.close.monthTitle", { month: d.period })}
        </a>
        <button type="button" className="btn-primary" onClick={() => window.print()}>
          {t("committee.notice.print")}
        </button>
        <a href="?lng=en" className="btn-quiet" lang="en">
          {t("committee.notice.english")}
        </a>
        <a href="?lng=zh-CN" className="btn-quiet" lang="zh-CN">
          {t("committee.notice.chinese")}
        </a>
      </p>
      <article className="paper-a4 card mx-auto max-w-3xl space-y-4 print:max-w-none print:border-0 print:p-0 print:shadow-none" data-testid="notice">
        <header className="space-y-1 text-center">
          <h1 className="text-xl font-bold">{t("committee.notice.title", { station: d.stationName, month: d.period })}</h1>
          <p className="text-sm text-stone-600">{t("committee.notice.subtitle", { county: d.county, township: d.township, village: d.village, date: d.sealedOn })}</p>
        </header>
        <FiguresTables figures={d.figures} />
        <div className="flex items-start gap-4 border-t border-stone-200 pt-3">
          <div className="flex-1">
            <SealBlock seal={d.seal} signatures={d.signatures} />
            <p className="mt-2 text-sm text-stone-600">{t("committee.notice.qrHint")}</p>
            <p className="break-all text-xs">
              <a href={d.verifyUrl} data-testid="verify-link">
                {d.verifyUrl}
              </a>
            </p>
          </div>
          <div className="h-32 w-32 shrink-0" aria-hidden="true" data-testid="qr" dangerouslySetInnerHTML={{ __html: d.qrSvg }} />
        </div>
        <p className="text-xs text-stone-500">{t("committee.notice.footer")}</p>
      </article>
    </div>
  );
}

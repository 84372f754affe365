import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresTables } from "~/components/committee-figures";
import { SealBlock } from "~/components/committee-notice";
import { chinaDateTime } from "~/domain/catalog";
import { formatSeal } from "~/domain/period-close";
import { getNotice, verifyNotice } from "~/models/committee/notice.server";
import { publicAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: publicAccess, hydrate: false };

/**
 * What the notice's QR code opens, for anyone with a phone: the same figures and seal as the
 * notice, and whether the station's books still verify (hash chain recomputed, the sealed head
 * and the month's figures as sealed). Never cached: the answer is about the books right now.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const notice = await getNotice(context.db, { stationCode: params.station ?? "", period: params.period ?? "" });
  if (!notice) throw new Response(t("committee.verify.notFound"), { status: 404, headers: { "Cache-Control": "no-store" } });
  const { summary, close } = notice;
  const result = await verifyNotice(context.db, { close, stationCode: summary.station.code });
  const stationName = pick(lang, summary.station.nameZh, summary.station.nameEn);
  const period = close.period.slice(0, 7);
  return data(
    {
      stationName,
      period,
      ok: result.ok,
      checks: { chain: result.chain.ok, head: result.headHolds, seal: result.sealHolds, figures: result.figuresHold },
      figures: close.figures,
      seal: formatSeal(close.seal ?? ""),
      signatures: close.signatures.map((s) => ({ role: s.role, name: s.signerName, at: chinaDateTime(s.signedAt) })),
      checkedAt: chinaDateTime(new Date()),
      meta: { title: t("committee.verify.title", { station: stationName, month: period }) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const meta = routeMeta;

export default function VerifyPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const result = (ok: boolean) => t(ok ? "committee.verify.pass" : "committee.verify.fail");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">{t("committee.verify.title", { station: d.stationName, month: d.period })}</h1>
      <p
        className={`card text-lg font-semibold ${d.ok ? "border-brand-600 bg-brand-50 text-brand-800" : "border-red-600 bg-red-50 text-red-800"}`}
        data-testid="verify-result"
        data-ok={d.ok ? "true" : "false"}
      >
        {d.ok ? t("committee.verify.ok") : t("committee.verify.changed")}
      </p>
      <ul className="text-sm text-stone-700">
        <li>{t("committee.verify.detail.chain", { result: result(d.checks.chain) })}</li>
        <li>{t("committee.verify.detail.head", { result: result(d.checks.head) })}</li>
        <li>{t("committee.verify.detail.seal", { result: result(d.checks.seal) })}</li>
        <li>{t("committee.verify.detail.figures", { result: result(d.checks.figures) })}</li>
      </ul>
      <section className="card">
        <FiguresTables figures={d.figures} />
      </section>
      <SealBlock seal={d.seal} signatures={d.signatures} />
      <p className="text-xs text-stone-500">{t("committee.verify.checkedAt", { at: d.checkedAt })}</p>
    </div>
  );
}

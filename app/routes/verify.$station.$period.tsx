import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FiguresTables } from "~/components/committee-figures";
import { SealBlock } from "~/components/committee-notice";
import { Field } from "~/components/form";
import { chinaDateTime } from "~/domain/catalog";
import { getSealHistory, verifyNotice } from "~/models/committee/notice.server";
import { VerifyQuery, verifyView } from "~/routes-support/committee/verify.server";
import { publicAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { param, parseParams } from "~/utils/params";

export const handle = { access: publicAccess, hydrate: false };

/**
 * What the notice's QR code opens, for anyone with a phone: every seal the month has had, in
 * order, with each reopening (when, by whom, why); whether the notice the villager holds (its
 * seal is in the link) is the current one; and whether the books still verify against the
 * current seal (hash chain recomputed, the sealed head and the month's figures as sealed).
 * Never cached: the answer is about the books right now.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const { station: code, period: month } = parseParams(params, { station: param.code, period: param.period });
  const { seal: asked } = VerifyQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const history = await getSealHistory(context.db, { stationCode: code, period: month });
  if (!history) throw new Response(t("committee.verify.notFound"), { status: 404, headers: { "Cache-Control": "no-store" } });
  const { summary, current } = history;
  const result = current ? await verifyNotice(context.db, { close: current, stationCode: summary.station.code }) : null;
  const stationName = pick(lang, summary.station.nameZh, summary.station.nameEn);
  return data(
    {
      stationName,
      period: month,
      ...verifyView(history, result, asked, t),
      checkedAt: chinaDateTime(new Date()),
      meta: { title: t("committee.verify.title", { station: stationName, month }) },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const meta = routeMeta;

const TONES = {
  ok: "border-brand-600 bg-brand-50 text-brand-800",
  changed: "border-red-600 bg-red-50 text-red-800",
  reopened: "border-amber-600 bg-amber-50 text-amber-900",
  current: "border-brand-600 bg-brand-50 text-brand-800",
  superseded: "border-amber-600 bg-amber-50 text-amber-900",
  unknown: "border-red-600 bg-red-50 text-red-800",
} as const;

export default function VerifyPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const result = (ok: boolean) => t(ok ? "committee.verify.pass" : "committee.verify.fail");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-xl font-bold">{t("committee.verify.title", { station: d.stationName, month: d.period })}</h1>

      {d.held ? (
        <section className={`card space-y-1 ${TONES[d.held.kind]}`} data-testid="held-notice" data-held={d.held.kind}>
          <h2 className="font-semibold">{t("committee.verify.held.title")}</h2>
          <p className="text-lg font-semibold" data-testid="held-message">
            {d.held.message}
          </p>
          {d.held.seal ? <p className="break-words font-mono text-sm">{t("committee.verify.held.seal", { seal: d.held.seal })}</p> : null}
        </section>
      ) : null}

      <p className={`card text-lg font-semibold ${TONES[d.verdict.tone]}`} data-testid="verify-result" data-ok={d.verdict.tone === "ok" ? "true" : "false"}>
        {d.verdict.message}
      </p>

      {d.checks ? (
        <ul className="text-sm text-stone-700">
          <li>{t("committee.verify.detail.chain", { result: result(d.checks.chain) })}</li>
          <li>{t("committee.verify.detail.head", { result: result(d.checks.head) })}</li>
          <li>{t("committee.verify.detail.seal", { result: result(d.checks.seal) })}</li>
          <li>{t("committee.verify.detail.figures", { result: result(d.checks.figures) })}</li>
        </ul>
      ) : null}

      {d.current ? (
        <section className="card space-y-3" data-testid="current-notice">
          <h2 className="font-semibold">{t("committee.verify.current.title")}</h2>
          <FiguresTables figures={d.current.figures} />
          <SealBlock seal={d.current.seal} signatures={d.current.signatures} />
        </section>
      ) : null}

      {d.held?.figures ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t("committee.verify.held.figures")}</summary>
          <div className="mt-3">
            <FiguresTables figures={d.held.figures} />
          </div>
        </details>
      ) : null}

      <section className="space-y-2" data-testid="seal-history">
        <h2 className="text-lg font-semibold">{t("committee.verify.history.title")}</h2>
        <p className="text-sm text-stone-600">{t("committee.verify.history.intro")}</p>
        <ol className="space-y-2">
          {d.history.map((h) => (
            <li
              key={h.n}
              className={`card space-y-1 text-sm ${h.yours ? "border-2 border-stone-800" : ""}`}
              data-testid="seal-entry"
              data-current={h.current ? "true" : "false"}
              data-yours={h.yours ? "true" : "false"}
            >
              <p className="flex flex-wrap items-center gap-2 font-semibold">
                <span>{t("committee.verify.history.revision", { n: String(h.n) })}</span>
                <span className={`rounded px-2 text-xs ${h.current ? "bg-brand-100 text-brand-800" : "bg-stone-200 text-stone-700"}`}>
                  {t(h.current ? "committee.verify.history.current" : "committee.verify.history.void")}
                </span>
                {h.yours ? <span className="rounded bg-stone-800 px-2 text-xs text-white">{t("committee.verify.history.yours")}</span> : null}
              </p>
              <p className="break-words font-mono" data-testid="history-seal">
                {h.seal}
              </p>
              <p>{t("committee.verify.history.sealedAt", { at: h.sealedAt })}</p>
              <p>
                <span className="text-stone-600">{t("committee.notice.signedBy")}{t("common.colon")}</span>
                {h.signatures.map((s) => `${t(`committee.close.signature.${s.role}`)} ${s.name}`).join(t("common.clauseSeparator"))}
              </p>
              {h.reopened ? (
                <p className="text-amber-900" data-testid="history-reopened">
                  {t("committee.verify.history.reopened", { at: h.reopened.at, by: h.reopened.by, reason: h.reopened.reason })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <form method="get" className="card space-y-2" data-testid="seal-form">
        <Field label={t("committee.verify.ask.label")} name="seal" defaultValue={d.asked} autoComplete="off" spellCheck={false} inputMode="text" />
        <button type="submit" className="btn-primary">
          {t("committee.verify.ask.submit")}
        </button>
      </form>

      <p className="text-xs text-stone-500">{t("committee.verify.checkedAt", { at: d.checkedAt })}</p>
    </div>
  );
}

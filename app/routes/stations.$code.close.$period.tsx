import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FiguresTables } from "~/components/committee-figures";
import { FormAlert } from "~/components/form";
import { Crumbs } from "~/components/page-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { formatSeal } from "~/domain/period-close";
import { verifyPath } from "~/domain/notice";
import { reopenings } from "~/models/committee/close-list.server";
import { getClose, prepareClose, previewClose, signClose } from "~/models/committee/close.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { refuse } from "~/routes-support/refusals.server";
import { pick } from "~/domain/language";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

/**
 * One month's close: what blocks it, the figures, the two sign-offs and the seal. The operator
 * (ledger:draft) prepares and signs first; a committee member or the township accountant
 * (period:sign) signs second, which locks and seals the month.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { period } = parseParams(params, { period: param.period });
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const close = await getClose(context.db, { stationId, period });
  // A month that cannot be closed (not ended yet, no books) has no close page.
  const preview = close ? null : found(await previewClose(context.db, { stationId, period }));
  const trail = await reopenings(context.db, { stationId, period });
  return {
    stationCode: station.station.code,
    stationName,
    period,
    status: (close?.status ?? "open") as "open" | "prepared" | "sealed",
    figures: close?.figures ?? preview!.figures,
    blockers: preview?.blockers ?? [],
    seal: close?.seal ? formatSeal(close.seal) : null,
    closingNumber: close?.closingNumber ?? null,
    signatures: (close?.signatures ?? []).map((s) => ({ role: s.role, name: s.signerName, at: chinaDateTime(s.signedAt) })),
    signedByMe: close?.signatures.some((s) => s.userId === user.id) ?? false,
    canPrepare: permissions.has("ledger:draft"),
    canSign: permissions.has("period:sign"),
    canPrint: permissions.has("notice:print"),
    verifyUrl: verifyPath(station.station.code, period, close?.status === "sealed" ? close.seal : null),
    trail: trail.map((r) => ({ id: r.id, by: r.by, at: r.reopenedAt ? chinaDateTime(r.reopenedAt) : "", reason: r.reason ?? "", seal: r.seal ? formatSeal(r.seal) : "" })),
    meta: { title: `${t("committee.close.monthTitle", { month: period })} · ${stationName}` },
  };
}

export const meta = routeMeta;

const Intent = z.object({ intent: z.enum(["prepare", "sign"], { error: "validation.invalid" }) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { period } = parseParams(params, { period: param.period });
  const { lang, t } = getTranslate(request);
  const parsed = parseForm(Intent, await readFormData(request), t);
  if (!parsed.ok) return data({ errors: { form: parsed.errors.intent ?? t("validation.invalid") }, values: parsed.values }, { status: 400 });
  const needed = parsed.data.intent === "prepare" ? "ledger:draft" : "period:sign";
  if (!permissions.has(needed)) throw new Response("Forbidden", { status: 403 });
  const args = { stationId: station.station.id, period, userId: user.id };
  try {
    switch (parsed.data.intent) {
      case "prepare":
        await prepareClose(context.db, args);
        break;
      case "sign":
        await signClose(context.db, args);
        break;
      default: {
        const exhaustive: never = parsed.data.intent;
        throw new Error(`unknown intent ${String(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang });
  }
  return redirect(`/stations/${station.station.code}/close/${period}`);
}

export default function ClosePage() {
  const d = useLoaderData<typeof loader>();
  const { errors } = useFormFeedback();
  const { t } = useI18n();
  const operatorSigned = d.signatures.some((s) => s.role === "operator");
  return (
    <div className="space-y-4">
      <Crumbs trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }, { href: `/stations/${d.stationCode}/close`, label: t("committee.close.title") }]} className="no-print" />
      <h1 className="text-2xl font-bold">{t("committee.close.monthTitle", { month: d.period })}</h1>
      <p data-testid="close-status" className="font-medium">
        {t(`committee.close.status.${d.status}`)}
      </p>
      <FormAlert>{errors.form}</FormAlert>

      {d.status === "open" ? (
        d.blockers.length ? (
          <section className="card border-amber-300 bg-amber-50" data-testid="blockers">
            <h2 className="font-semibold">{t("committee.close.blockers")}</h2>
            <ul className="list-disc pl-5 text-sm">
              {d.blockers.map((b) => (
                <li key={b.kind}>{t(`committee.close.blocker.${b.kind}`, { count: b.count })}</li>
              ))}
            </ul>
          </section>
        ) : (
          <p className="text-sm text-stone-600">{t("committee.close.ready")}</p>
        )
      ) : null}

      <section className="card">
        <FiguresTables figures={d.figures} />
      </section>

      <section className="card space-y-2" aria-labelledby="signatures">
        <h2 id="signatures" className="font-semibold">
          {t("committee.close.signatures")}
        </h2>
        <dl className="grid grid-cols-[auto,1fr] gap-x-3 gap-y-1 text-sm" data-testid="signatures">
          {(["operator", "overseer"] as const).map((role) => {
            const s = d.signatures.find((x) => x.role === role);
            return (
              <div key={role} className="contents">
                <dt className="text-stone-600">{t(`committee.close.signature.${role}`)}</dt>
                <dd>{s ? t("committee.close.signedBy", { name: s.name, at: s.at }) : t("committee.close.notSigned")}</dd>
              </div>
            );
          })}
        </dl>
        {d.status === "open" && d.canPrepare ? (
          <Form method="post">
            <input type="hidden" name="intent" value="prepare" />
            <button type="submit" className="btn-primary" disabled={d.blockers.length > 0} data-testid="prepare-close">
              {t("committee.close.prepare")}
            </button>
          </Form>
        ) : null}
        {d.status === "prepared" ? <p className="text-sm text-stone-600">{t("committee.close.prepared")}</p> : null}
        {d.status === "prepared" && d.canSign && d.signedByMe ? <p className="text-sm text-stone-600">{t("committee.close.ownClose")}</p> : null}
        {d.status === "prepared" && d.canSign && operatorSigned && !d.signedByMe ? (
          <Form method="post">
            <input type="hidden" name="intent" value="sign" />
            <button type="submit" className="btn-primary" data-testid="sign-close">
              {t("committee.close.sign")}
            </button>
          </Form>
        ) : null}
      </section>

      {d.status === "sealed" ? (
        <section className="card space-y-2" data-testid="sealed">
          <p className="font-medium">{t("committee.close.sealed")}</p>
          <p className="text-sm">
            <span className="text-stone-600">{t("committee.close.seal")}{t("common.colon")}</span>
            <code className="break-all" data-testid="seal">
              {d.seal}
            </code>
          </p>
          {d.closingNumber !== null ? <p className="text-sm text-stone-600">{t("committee.close.closingHead", { number: d.closingNumber })}</p> : null}
          <p className="flex flex-wrap gap-2">
            {d.canPrint ? (
              <a href={`/stations/${d.stationCode}/notice/${d.period}`} className="btn-primary" data-testid="print-notice">
                {t("committee.close.printNotice")}
              </a>
            ) : null}
            <a href={d.verifyUrl} className="btn-quiet">
              {t("committee.close.verifyPage")}
            </a>
          </p>
        </section>
      ) : null}

      {d.trail.length ? (
        <section className="card space-y-1">
          <h2 className="font-semibold">{t("committee.close.trail")}</h2>
          <ul className="text-sm">
            {d.trail.map((r) => (
              <li key={r.id}>
                {t("committee.close.reopenedBy", { name: r.by, at: r.at, reason: r.reason })} <code className="text-xs text-stone-500">{r.seal}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

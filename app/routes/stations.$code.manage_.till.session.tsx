import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, type SummaryItem } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { formatMoney, toAmountString } from "~/domain/money";
import { DENOMINATIONS, type Denomination } from "~/domain/till";
import { closeSession, getOpenSession, listSessions, openSession, sessionFigures } from "~/models/till/cash-sessions.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { type MessageKey, pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { refuse } from "~/routes-support/refusals.server";
import { tillAmountField } from "~/routes-support/till/form.server";
import { TILL_SCREEN_REFUSALS } from "~/routes-support/till/refusals";

export const handle = { access: stationAccess("sales:write"), hydrate: false };

/** 交接班/日结: open the till with a counted float, or close it with a count by denomination. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "sales:write");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const open = await getOpenSession(context.db, { stationId });
  const figures = open ? await sessionFigures(context.db, open) : null;
  const past = await listSessions(context.db, { stationId, limit: 5 });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    open: open && figures
      ? {
          id: open.id,
          float: toAmountString(figures.float),
          sales: toAmountString(figures.cashSales),
          refunds: toAmountString(figures.cashRefunds),
          payouts: toAmountString(figures.cashPayouts),
          expected: toAmountString(figures.expected),
        }
      : null,
    past: past.filter((s) => s.status === "closed").map((s) => ({ id: s.id, date: s.businessDate, counted: s.counted ?? "0.00" })),
    meta: { title: `${t("till.session.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

/** A count of notes or coins: empty is none; one message per rule (a whole number, at most 99999). */
const Count = z
  .string()
  .trim()
  .transform((s, ctx) => {
    if (!/^\d*$/.test(s)) ctx.addIssue({ code: "custom", message: "till.error.count" });
    else if (s.replace(/^0+/, "").length > 5) ctx.addIssue({ code: "custom", message: "till.error.countTooLarge" });
    else return s ? Number.parseInt(s, 10) : 0;
    return z.NEVER;
  });

const SessionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), float: tillAmountField() }),
  z.object({
    intent: z.literal("close"),
    sessionId: z.string().uuid(),
    note: z.string().trim().max(500, "validation.tooLong").optional().default(""),
    ...Object.fromEntries(DENOMINATIONS.map((d) => [`d${d}`, Count.optional().default(0)])),
  }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "sales:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(SessionForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const stationId = station.station.id;
  const base = `/stations/${station.station.code}/manage/till`;
  try {
    const form = parsed.data;
    switch (form.intent) {
      case "open": {
        await openSession(context.db, { stationId, operatorId: user.id, openingFloat: form.float });
        return redirect(base);
      }
      case "close": {
        const record = form as unknown as Record<string, number>;
        const counts = Object.fromEntries(DENOMINATIONS.map((d) => [d, record[`d${d}`] ?? 0])) as Record<Denomination, number>;
        const { session } = await closeSession(context.db, { stationId, sessionId: form.sessionId, operatorId: user.id, counts, note: form.note });
        return redirect(`${base}/sessions/${session.id}`);
      }
      default: {
        const never: never = form;
        throw new Error(`unknown intent ${String(never)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, formData, table: TILL_SCREEN_REFUSALS });
  }
}

/** Each note or coin as the reader's language names it ("5角", "¥0.50"). */
const DENOMINATION_LABEL: Record<Denomination, MessageKey> = {
  "100": "till.denomination.100",
  "50": "till.denomination.50",
  "20": "till.denomination.20",
  "10": "till.denomination.10",
  "5": "till.denomination.5",
  "1": "till.denomination.1",
  "0.5": "till.denomination.0.5",
  "0.1": "till.denomination.0.1",
};

export default function TillSession() {
  const { station, open, past } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage`;
  // Every refusal at the top, in the form's order, each linking to its field.
  const fields: { field: string; label: string }[] = open
    ? [...DENOMINATIONS.map((d) => ({ field: `d${d}`, label: t("till.session.countOf", { denomination: t(DENOMINATION_LABEL[d]) }) })), { field: "note", label: t("till.session.note") }]
    : [{ field: "float", label: t("till.session.float") }];
  const summary: SummaryItem[] = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...fields.flatMap((f) => (errors[f.field] ? [{ ...f, message: errors[f.field]! }] : [])),
  ];
  return (
    <div className="space-y-5">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("till.session.title")} back={{ href: `${base}/till`, label: t("till.title") }} />
      <ErrorSummary title={t("form.errorSummary")} items={summary} />
      {open ? (
        <Form method="post" className="space-y-4" noValidate data-testid="close-session">
          <input type="hidden" name="intent" value="close" />
          <input type="hidden" name="sessionId" value={open.id} />
          <dl className="card grid grid-cols-2 gap-2 text-sm">
            <dt>{t("till.session.float")}</dt>
            <dd>{formatMoney(open.float, lang)}</dd>
            <dt>{t("till.session.cashSales")}</dt>
            <dd>{formatMoney(open.sales, lang)}</dd>
            <dt>{t("till.session.cashRefunds")}</dt>
            <dd>{formatMoney(open.refunds, lang)}</dd>
            <dt>{t("till.session.cashPayouts")}</dt>
            <dd>{formatMoney(open.payouts, lang)}</dd>
            <dt className="font-bold">{t("till.session.expected")}</dt>
            <dd className="font-bold" data-testid="session-expected">
              {formatMoney(open.expected, lang)}
            </dd>
          </dl>
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("till.session.count")}</legend>
            <div className="grid grid-cols-2 gap-2">
              {DENOMINATIONS.map((d) => {
                const name = `d${d}`;
                const error = errors[name];
                return (
                  <div key={d} className="space-y-1">
                    <label htmlFor={`field-${name}`} className="flex items-center justify-between gap-2">
                      <span>{t(DENOMINATION_LABEL[d])} ×</span>
                      <input
                        id={`field-${name}`}
                        name={name}
                        inputMode="numeric"
                        defaultValue={values[name]}
                        placeholder="0"
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `field-${name}-error` : undefined}
                        className={`min-h-[44px] w-20 rounded-md border px-2 text-right ${error ? "border-red-600" : "border-stone-300"}`}
                      />
                    </label>
                    {error ? (
                      <p id={`field-${name}-error`} className="text-sm text-red-700" data-testid="field-error">
                        {error}
                      </p>
                    ) : null}
                  </div>
                );
              })}
            </div>
          </fieldset>
          <Field label={t("till.session.note")} name="note" defaultValue={values.note} error={errors.note} hint={t("till.session.noteHint")} maxLength={500} />
          <button type="submit" className="btn-primary w-full">
            {t("till.session.close")}
          </button>
        </Form>
      ) : (
        <Form method="post" className="space-y-4" noValidate data-testid="open-session">
          <input type="hidden" name="intent" value="open" />
          <Field label={t("till.session.float")} name="float" inputMode="decimal" defaultValue={values.float} error={errors.float} hint={t("till.session.floatHint")} required />
          <button type="submit" className="btn-primary w-full">
            {t("till.session.open")}
          </button>
        </Form>
      )}
      {past.length ? (
        <section>
          <h2 className="font-semibold">{t("till.session.past")}</h2>
          <ul>
            {past.map((s) => (
              <li key={s.id}>
                <a href={`${base}/till/sessions/${s.id}`}>
                  {s.date} · {formatMoney(s.counted, lang)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

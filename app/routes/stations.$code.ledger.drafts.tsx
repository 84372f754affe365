import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField, TextAreaField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { LedgerHeader } from "~/components/ledger-chrome";
import { chinaToday } from "~/domain/dates";
import { toAmountString } from "~/domain/money";
import { loadChart } from "~/models/ledger/accounts.server";
import { approveDraft, createDraft, getDraftByKey, listDrafts, rejectDraft } from "~/models/ledger/drafts.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { pick } from "~/domain/language";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { DRAFT_LINE_ROWS, draftRefusal, parseDraftForm } from "~/routes-support/ledger/draft-form.server";
import { groupAmount } from "~/routes-support/ledger/format";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { ALREADY_PARAM, formEntryKey, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

const DONE = ["created", "approved", "rejected"] as const;

/**
 * Adjusting journals need two people: the operator drafts (ledger:draft) with a reason, a
 * committee member or the township accountant approves or rejects (ledger:approve), never
 * their own draft. Everyone who reads the books sees the queue and the decisions.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const canDraft = permissions.has("ledger:draft");
  // The new draft's key is in the URL: after saving, Back or reload shows the draft it made.
  const entry = canDraft ? requireEntryKey(request) : null;
  const made = entry ? await getDraftByKey(context.db, { stationId, idempotencyKey: entry }) : null;
  if (made) throw redirect(`/stations/${station.station.code}/ledger/drafts?${ALREADY_PARAM}=1#draft-${made.id}`);
  const [drafts, chart] = await Promise.all([listDrafts(context.db, { stationId }), loadChart(context.db, { stationId })]);
  const name = (code: string) => {
    const a = chart.accounts.get(code);
    return a ? `${code} ${pick(lang, a.nameZh, a.nameEn)}` : code;
  };
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  const url = new URL(request.url);
  const done = url.searchParams.get("done");
  return {
    stationCode: station.station.code,
    stationName,
    canDraft,
    idempotencyKey: entry,
    already: url.searchParams.get(ALREADY_PARAM) === "1",
    canApprove: permissions.has("ledger:approve"),
    today: chinaToday(),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
    accounts: [...chart.accounts.values()]
      .filter((a) => a.postable)
      .map((a) => ({ code: a.code, label: `${a.code} ${pick(lang, a.nameZh, a.nameEn)}${a.subledger ? ` (${t(a.subledger === "household" ? "ledger.subledger.household" : "ledger.subledger.partner")})` : ""}` })),
    drafts: drafts.map((d) => ({
      id: d.id,
      status: d.status,
      date: d.businessDate,
      memo: d.memo,
      reason: d.reason,
      draftedBy: d.draftedByName,
      mine: d.draftedBy === user.id,
      decidedBy: d.decidedByName,
      note: d.decisionNote,
      journalNumber: d.journalNumber,
      lines: d.lines.map((l, i) => ({
        key: i,
        account: name(l.accountCode),
        party: l.subledger?.id ?? "",
        debit: l.amount.isPos() ? toAmountString(l.amount) : "",
        credit: l.amount.isNeg() ? toAmountString(l.amount.neg()) : "",
      })),
    })),
    meta: { title: `${t("ledger.drafts.title")} · ${stationName} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const chart = await loadChart(context.db, { stationId });
  const formData = await readFormData(request);
  const parsed = parseDraftForm(formData, chart, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.form;
  const needed = form.intent === "create" ? "ledger:draft" : "ledger:approve";
  if (!permissions.has(needed)) throw new Response("Forbidden", { status: 403 });
  const back = (done: (typeof DONE)[number]) => redirect(`/stations/${station.station.code}/ledger/drafts?done=${done}`);
  try {
    switch (form.intent) {
      case "create": {
        const idempotencyKey = formEntryKey(formData);
        const made = idempotencyKey ? await getDraftByKey(context.db, { stationId, idempotencyKey }) : null;
        if (made) return redirect(`/stations/${station.station.code}/ledger/drafts?${ALREADY_PARAM}=1#draft-${made.id}`);
        await createDraft(context.db, { stationId, draftedBy: user.id, date: form.date, memo: form.memo, reason: form.reason, lines: form.lines, idempotencyKey });
        return back("created");
      }
      case "approve":
        await approveDraft(context.db, { stationId, draftId: form.draftId, approverId: user.id });
        return back("approved");
      case "reject":
        await rejectDraft(context.db, { stationId, draftId: form.draftId, deciderId: user.id, note: form.note });
        return back("rejected");
      default: {
        const exhaustive: never = form;
        throw new Error(`unknown intent ${String(exhaustive)}`);
      }
    }
  } catch (error) {
    return draftRefusal(error, { t, lang, form });
  }
}

function Status({ status }: { status: "pending" | "approved" | "rejected" }) {
  const { t } = useI18n();
  const tone = { pending: "bg-amber-100 text-amber-900", approved: "bg-brand-100 text-brand-800", rejected: "bg-stone-200 text-stone-700" }[status];
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone}`}>{t(`ledger.drafts.status.${status}`)}</span>;
}

export default function DraftsPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  const pending = d.drafts.filter((x) => x.status === "pending");
  const decided = d.drafts.filter((x) => x.status !== "pending");
  const doneText = { created: t("ledger.drafts.created"), approved: t("ledger.drafts.approved"), rejected: t("ledger.drafts.rejected") };
  const list = (drafts: typeof d.drafts) => (
    <ul className="space-y-3">
      {drafts.map((x) => (
        <li key={x.id} id={`draft-${x.id}`} className="card space-y-2" data-testid="draft">
          <p className="flex flex-wrap items-center gap-2">
            <Status status={x.status} />
            <span className="tabular-nums text-stone-600">{x.date}</span>
            <span className="font-medium">{x.memo}</span>
          </p>
          <p className="text-sm">
            <span className="text-stone-500">{t("ledger.drafts.reason")}{t("common.colon")}</span>
            {x.reason}
          </p>
          <table className="w-full text-sm">
            <tbody>
              {x.lines.map((l) => (
                <tr key={l.key} className="border-t border-stone-100">
                  <td className="py-1">
                    {l.account}
                    {l.party ? <span className="block break-all text-xs text-stone-500">{l.party}</span> : null}
                  </td>
                  <td className="whitespace-nowrap py-1 text-right tabular-nums">{l.debit ? `${t("ledger.side.debit")} ${groupAmount(l.debit)}` : ""}</td>
                  <td className="whitespace-nowrap py-1 text-right tabular-nums">{l.credit ? `${t("ledger.side.credit")} ${groupAmount(l.credit)}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="text-sm text-stone-600">
            {t("ledger.drafts.draftedBy", { name: x.draftedBy })}
            {x.decidedBy ? ` · ${t("ledger.drafts.decidedBy", { name: x.decidedBy })}` : null}
          </p>
          {x.note ? (
            <p className="text-sm">
              <span className="text-stone-500">{t("ledger.drafts.note")}{t("common.colon")}</span>
              {x.note}
            </p>
          ) : null}
          {x.journalNumber ? (
            <p className="text-sm">
              <a href={`/stations/${d.stationCode}/ledger/journals/${x.journalNumber}`}>{t("ledger.drafts.posted", { number: x.journalNumber })}</a>
            </p>
          ) : null}
          <FormAlert>{errors[`draft-${x.id}`]}</FormAlert>
          {x.status === "pending" && d.canApprove && x.mine ? <p className="text-sm text-stone-600">{t("ledger.drafts.ownDraft")}</p> : null}
          {x.status === "pending" && d.canApprove && !x.mine ? (
            <div className="space-y-2 border-t border-stone-100 pt-2">
              <Form method="post">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="draftId" value={x.id} />
                <button type="submit" className="btn-primary w-full sm:w-auto">
                  {t("ledger.drafts.approve")}
                </button>
              </Form>
              <Form method="post" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="intent" value="reject" />
                <input type="hidden" name="draftId" value={x.id} />
                <div className="min-w-[12rem] flex-1">
                  <Field label={t("ledger.drafts.note")} name="note" />
                </div>
                <button type="submit" className="btn-quiet">
                  {t("ledger.drafts.reject")}
                </button>
              </Form>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="space-y-4">
      <LedgerHeader stationCode={d.stationCode} stationName={d.stationName} title={t("ledger.drafts.title")} />
      <p className="text-sm text-stone-600">{t("ledger.drafts.intro")}</p>
      {d.done ? <FormAlert tone="success">{doneText[d.done]}</FormAlert> : null}
      {d.already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}

      <section aria-labelledby="pending" className="space-y-2">
        <h2 id="pending" className="text-lg font-semibold">
          {t("ledger.drafts.pending")}
        </h2>
        {pending.length ? list(pending) : <p className="text-stone-600">{t("ledger.drafts.none")}</p>}
      </section>

      {d.canDraft ? (
        <section className="card space-y-4" aria-labelledby="new-draft">
          <h2 id="new-draft" className="text-lg font-semibold">
            {t("ledger.drafts.new")}
          </h2>
          <FormAlert>{errors.form}</FormAlert>
          <Form method="post" className="space-y-4" noValidate data-testid="draft-form">
            <input type="hidden" name="intent" value="create" />
            {d.idempotencyKey ? <IdempotencyKeyField value={values.idempotencyKey ?? d.idempotencyKey} /> : null}
            <Field label={t("ledger.journal.date")} name="date" type="date" defaultValue={values.date ?? d.today} error={errors.date} />
            <Field label={t("ledger.journal.memo")} name="memo" defaultValue={values.memo} error={errors.memo} />
            <TextAreaField label={t("ledger.drafts.reason")} name="reason" defaultValue={values.reason} error={errors.reason} />
            <p className="text-sm text-stone-600">{t("ledger.drafts.linesHint")}</p>
            {Array.from({ length: DRAFT_LINE_ROWS }, (_, i) => (
              <fieldset key={i} className="space-y-2 rounded-md border border-stone-200 p-3">
                <legend className="px-1 text-sm font-medium">{t("ledger.drafts.line", { n: i + 1 })}</legend>
                <SelectField label={t("ledger.drafts.account")} name={`account${i}`} defaultValue={values[`account${i}`] ?? ""}>
                  <option value="">{t("ledger.drafts.chooseAccount")}</option>
                  {d.accounts.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.label}
                    </option>
                  ))}
                </SelectField>
                <div className="grid grid-cols-2 gap-2">
                  <Field label={t("ledger.drafts.debit")} name={`debit${i}`} inputMode="decimal" defaultValue={values[`debit${i}`]} />
                  <Field label={t("ledger.drafts.credit")} name={`credit${i}`} inputMode="decimal" defaultValue={values[`credit${i}`]} />
                </div>
                <Field label={t("ledger.drafts.party")} name={`party${i}`} defaultValue={values[`party${i}`]} />
                <FormAlert>{errors[`line${i}`]}</FormAlert>
              </fieldset>
            ))}
            <button type="submit" className="btn-primary">
              {t("ledger.drafts.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="decided" className="space-y-2">
        <h2 id="decided" className="text-lg font-semibold">
          {t("ledger.drafts.decided")}
        </h2>
        {decided.length ? list(decided) : <p className="text-stone-600">{t("ledger.drafts.none")}</p>}
      </section>
    </div>
  );
}

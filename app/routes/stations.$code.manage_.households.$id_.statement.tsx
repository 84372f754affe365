import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { formatMoney, toAmountString } from "~/domain/money";
import { PAYOUT_METHODS } from "~/domain/till";
import { getHousehold } from "~/models/households/households.server";
import { getPayoutByKey, householdOwed, householdStatement, recordPayout } from "~/models/households/payouts.server";
import { formatQty } from "~/routes-support/goods/format";
import { statementLineLabel, statementRange } from "~/routes-support/households/statement.server";
import { refuse } from "~/routes-support/refusals.server";
import { tillAmountField } from "~/routes-support/till/form.server";
import { TILL_SCREEN_REFUSALS } from "~/routes-support/till/refusals";
import { stationAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM, idempotencyKeyField, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("payouts:write"), hydrate: false };

async function load(args: LoaderFunctionArgs) {
  const { access, doc: household } = await requireStationDocument(args, "payouts:write", (db, { stationId, id }) => getHousehold(db, { stationId, householdId: id }), "id");
  return { access, household };
}

/**
 * 对账单 as a bank book for the period in the query: opening balance, every line in date order
 * with the balance after it, closing balance; and the payout form. A bad period is a field
 * error (400) beside the date boxes.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { access, household } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  // The payout's key is in the URL: after paying, Back or reload shows the slip it recorded.
  const entry = requireEntryKey(args.request);
  const made = await getPayoutByKey(args.context.db, { stationId: station.id, idempotencyKey: entry });
  if (made) throw redirect(`/stations/${station.code}/manage/payouts/${made.number}?${ALREADY_PARAM}=1`);
  const stationId = station.id;
  const range = statementRange(args.request, t);
  const [statement, owed] = await Promise.all([
    range.ok ? householdStatement(args.context.db, { stationId, householdId: household.id, ...range.data }) : null,
    householdOwed(args.context.db, { stationId, householdId: household.id }),
  ]);
  const body = {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    household: { id: household.id, name: household.headName, method: household.paymentMethod },
    // What is owed now, as a decimal string: shown formatted, and the payout form's default amount.
    owedPlain: toAmountString(owed),
    idempotencyKey: entry,
    range: range.ok ? range.data : { from: range.values.from ?? "", to: range.values.to ?? "" },
    rangeErrors: (range.ok ? {} : range.errors) as Record<string, string | undefined>,
    statement: statement && {
      from: statement.from,
      to: statement.to,
      opening: statement.opening,
      closing: statement.closing,
      lines: statement.lines.map((l) => ({
        key: l.journalId,
        date: l.date,
        voucher: l.journalNumber,
        label: statementLineLabel(t, l),
        // The household's goods in a sale or return, in the reader's language: "土鸡蛋 3 个、腊肉 1.2 斤".
        goods: l.goods.map((g) => `${pick(lang, g.nameZh, g.nameEn)} ${formatQty(g.quantity, g.unit, lang)}`).join(t("common.listSeparator")),
        change: l.change,
        balance: l.balance,
      })),
    },
    meta: { title: `${t("till.statement.title")} · ${household.headName} · ${t("app.name")}` },
  };
  return range.ok ? body : data(body, { status: 400 });
}

export const meta = routeMeta;

const PayoutForm = z
  .object({
    idempotencyKey: idempotencyKeyField("till.error.key"),
    amount: tillAmountField(),
    method: z.enum(PAYOUT_METHODS, { error: "till.error.payment" }),
    reference: z.string().trim().max(64, "validation.tooLong").optional().default(""),
  })
  .superRefine((form, ctx) => {
    // Paid into an account, the payout needs the transaction's reference to be found again.
    if (form.method !== "cash" && !form.reference) ctx.addIssue({ code: "custom", path: ["reference"], message: "till.error.reference" });
  });

export async function action(args: ActionFunctionArgs) {
  const { access, household } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const formData = await readFormData(args.request);
  const parsed = parseForm(PayoutForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { amount } = parsed.data;
  const made = await getPayoutByKey(args.context.db, { stationId: access.station.station.id, idempotencyKey: parsed.data.idempotencyKey });
  if (made) return redirect(`/stations/${access.station.station.code}/manage/payouts/${made.number}?${ALREADY_PARAM}=1`);
  try {
    const payout = await recordPayout(args.context.db, {
      stationId: access.station.station.id,
      householdId: household.id,
      operatorId: access.user.id,
      amount,
      method: parsed.data.method,
      reference: parsed.data.reference,
      idempotencyKey: parsed.data.idempotencyKey,
    });
    return redirect(`/stations/${access.station.station.code}/manage/payouts/${payout.number}`);
  } catch (error) {
    return refuse(error, { t, lang, formData, table: TILL_SCREEN_REFUSALS });
  }
}

/** A signed amount whose sign never parts from its digits (at 360 px a cell may otherwise wrap after "-"). */
function Amount({ value, className = "" }: { value: string; className?: string }) {
  const { lang } = useI18n();
  return <span className={`whitespace-nowrap tabular-nums ${className}`}>{formatMoney(value, lang)}</span>;
}

export default function Statement() {
  const { station, household, owedPlain, idempotencyKey, range, rangeErrors, statement } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const owed = formatMoney(owedPlain, lang);
  const base = `/stations/${station.code}/manage`;
  const method = values.method ?? (household.method === "bank" ? "bank" : household.method === "mobile" ? "mobile" : "cash");
  return (
    <div className="space-y-5">
      <div className="no-print">
        <ManageHeader stationCode={station.code} stationName={station.name} title={t("till.statement.title")} back={{ href: `${base}/households/${household.id}`, label: household.name }} />
      </div>
      <p className="text-xl">
        {t("till.statement.owed")}: <strong data-testid="household-owed">{owed}</strong>
      </p>
      <Form method="get" className="no-print card flex flex-wrap items-end gap-3" noValidate aria-label={t("till.statement.range")} data-testid="statement-range">
        <div className="min-w-[9rem] flex-1">
          <Field label={t("till.statement.from")} name="from" type="date" defaultValue={range.from} error={rangeErrors.from} />
        </div>
        <div className="min-w-[9rem] flex-1">
          <Field label={t("till.statement.to")} name="to" type="date" defaultValue={range.to} error={rangeErrors.to} />
        </div>
        <button type="submit" className="btn-quiet">
          {t("till.statement.show")}
        </button>
      </Form>
      <p className="text-sm text-stone-600">{t("till.statement.explain")}</p>
      {statement ? (
        <div className="card overflow-x-auto p-0" data-testid="statement">
          <table className="w-full text-[13px] sm:text-sm">
            <thead>
              <tr className="border-b text-left">
                <th className="whitespace-nowrap px-1.5 py-1 sm:px-2">{t("till.statement.date")}</th>
                <th className="px-1.5 py-1 sm:px-2">{t("till.statement.item")}</th>
                <th className="whitespace-nowrap px-1.5 py-1 text-right sm:px-2">{t("till.statement.change")}</th>
                <th className="whitespace-nowrap px-1.5 py-1 text-right sm:px-2">{t("till.statement.balance")}</th>
              </tr>
            </thead>
            <tbody>
              <tr className="border-b bg-stone-50" data-testid="statement-opening">
                <td className="px-2 py-1" colSpan={3}>
                  {t("till.statement.opening", { date: statement.from })}
                </td>
                <td className="px-2 py-1 text-right font-medium">
                  <Amount value={statement.opening} />
                </td>
              </tr>
              {statement.lines.length === 0 ? (
                <tr>
                  <td className="px-2 py-2 text-stone-600" colSpan={4}>
                    {t("till.statement.none")}
                  </td>
                </tr>
              ) : null}
              {statement.lines.map((l) => (
                <tr key={l.key} className="border-b border-stone-100 align-top" data-testid="statement-line">
                  <td className="whitespace-nowrap px-1.5 py-1 sm:px-2">{l.date}</td>
                  <td className="min-w-[6rem] px-1.5 py-1 sm:px-2">
                    {l.label}
                    {l.goods ? <span className="block text-xs text-stone-600">{l.goods}</span> : null}
                    <span className="block text-xs text-stone-500">{t("till.statement.voucher", { number: l.voucher })}</span>
                  </td>
                  <td className="px-1.5 py-1 text-right sm:px-2">
                    <Amount value={l.change} className={l.change.startsWith("-") ? "text-red-700" : ""} />
                  </td>
                  <td className="px-1.5 py-1 text-right sm:px-2" data-testid="statement-balance">
                    <Amount value={l.balance} />
                  </td>
                </tr>
              ))}
              <tr className="bg-stone-50 font-semibold" data-testid="statement-closing">
                <td className="px-2 py-1" colSpan={3}>
                  {t("till.statement.closing", { date: statement.to })}
                </td>
                <td className="px-1.5 py-1 text-right sm:px-2" data-testid="statement-closing-amount">
                  <Amount value={statement.closing} />
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      <section className="no-print card space-y-3">
        <h2 className="text-lg font-semibold">{t("till.payout.title")}</h2>
        <FormAlert>{errors.form}</FormAlert>
        <Form method="post" className="space-y-3" noValidate data-testid="payout-form">
          <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
          <Field label={t("till.payout.amount")} name="amount" inputMode="decimal" defaultValue={values.amount ?? owedPlain} error={errors.amount} hint={t("till.payout.amountHint", { owed })} required />
          <fieldset className="space-y-1">
            <legend className="font-medium">{t("till.payout.method")}</legend>
            {PAYOUT_METHODS.map((m) => (
              <label key={m} className="flex min-h-[44px] items-center gap-2">
                <input type="radio" name="method" value={m} defaultChecked={method === m} /> {t(`till.payout.method.${m}`)}
              </label>
            ))}
          </fieldset>
          <Field label={t("till.reference")} name="reference" defaultValue={values.reference} error={errors.reference} maxLength={64} />
          <button type="submit" className="btn-primary w-full">
            {t("till.payout.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

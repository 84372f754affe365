import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { formatMoney, toAmountString } from "~/domain/money";
import { PAYOUT_METHODS } from "~/domain/till";
import type { UnitCode } from "~/domain/units";
import { getHousehold } from "~/models/households/households.server";
import { getPayoutByKey, householdStatement, recordPayout } from "~/models/households/payouts.server";
import { formatQty } from "~/routes-support/goods/format";
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

/** 对账单: each sale of the household's goods, the commission, what is owed and what was paid; and the payout form. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, household } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  // The payout's key is in the URL: after paying, Back or reload shows the slip it recorded.
  const entry = requireEntryKey(args.request);
  const made = await getPayoutByKey(args.context.db, { stationId: station.id, idempotencyKey: entry });
  if (made) throw redirect(`/stations/${station.code}/manage/payouts/${made.number}?${ALREADY_PARAM}=1`);
  const { entries, owed } = await householdStatement(args.context.db, { stationId: station.id, householdId: household.id });
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    household: { id: household.id, name: household.headName, method: household.paymentMethod },
    // What is owed, as a decimal string: shown formatted, and the payout form's default amount.
    owedPlain: toAmountString(owed),
    idempotencyKey: entry,
    entries: entries.map((e) => ({
      date: e.date,
      kind: e.kind,
      label: e.kind === "payout" ? "" : pick(lang, e.nameZh ?? e.label, e.nameEn ?? e.label),
      quantity: e.quantity && e.unit ? formatQty(e.quantity, e.unit as UnitCode, lang) : "",
      amount: e.kind === "payout" ? null : e.amount,
      commission: e.kind === "payout" ? null : e.commission,
      owed: e.owed,
      number: e.number,
    })),
    meta: { title: `${t("till.statement.title")} · ${household.headName} · ${t("app.name")}` },
  };
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

export default function Statement() {
  const { station, household, owedPlain, idempotencyKey, entries } = useLoaderData<typeof loader>();
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
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left">
              <th>{t("till.statement.date")}</th>
              <th>{t("till.statement.item")}</th>
              <th className="text-right">{t("till.receipt.amount")}</th>
              <th className="text-right">{t("till.statement.commission")}</th>
              <th className="text-right">{t("till.statement.change")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={i} className="border-b border-stone-100">
                <td>{e.date}</td>
                <td>
                  {e.kind === "payout" ? t("till.statement.payout", { number: e.number }) : `${e.kind === "return" ? t("till.statement.return") : ""}${e.label} ${e.quantity}`}
                </td>
                <td className="text-right">{e.amount === null ? "" : formatMoney(e.amount, lang)}</td>
                <td className="text-right">{e.commission === null ? "" : formatMoney(e.commission, lang)}</td>
                <td className="text-right">{formatMoney(e.owed, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

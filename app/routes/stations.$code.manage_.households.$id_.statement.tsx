import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { D, formatCNY, parseAmount } from "~/domain/money";
import { PAYOUT_METHODS } from "~/domain/till";
import type { UnitCode } from "~/domain/units";
import { getHousehold } from "~/models/households/households.server";
import { householdStatement, recordPayout } from "~/models/households/payouts.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { tillRefusal } from "~/routes-support/till/view.server";

export const handle = { access: stationAccess("payouts:write"), hydrate: false };

async function load({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireStationAccess(request, context, params.code, "payouts:write");
  const id = params.id ?? "";
  const household = /^[0-9a-f-]{36}$/.test(id) ? await getHousehold(context.db, { stationId: access.station.station.id, householdId: id }) : null;
  if (!household) throw new Response("Not found", { status: 404 });
  return { access, household };
}

/** 对账单: each sale of the household's goods, the commission, what is owed and what was paid; and the payout form. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, household } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  const { entries, owed } = await householdStatement(args.context.db, { stationId: station.id, householdId: household.id });
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    household: { id: household.id, name: household.headName, method: household.paymentMethod },
    owed: formatCNY(owed, lang),
    owedPlain: owed.toFixed(2),
    key: randomUUID(),
    entries: entries.map((e) => ({
      date: e.date,
      kind: e.kind,
      label: e.kind === "payout" ? "" : pick(lang, e.nameZh ?? e.label, e.nameEn ?? e.label),
      quantity: e.quantity && e.unit ? formatQty(e.quantity, e.unit as UnitCode, lang) : "",
      amount: e.kind === "payout" ? "" : formatCNY(new D(e.amount), lang),
      commission: e.kind === "payout" ? "" : formatCNY(new D(e.commission), lang),
      owed: formatCNY(new D(e.owed), lang),
      number: e.number,
    })),
    meta: { title: `${t("till.statement.title")} · ${household.headName} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

const PayoutForm = z.object({
  key: z.string().uuid("till.error.key"),
  amount: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(15, "till.error.amount"),
  method: z.enum(PAYOUT_METHODS, { error: "till.error.payment" }),
  reference: z.string().trim().max(64, "validation.tooLong").optional().default(""),
});

export async function action(args: ActionFunctionArgs) {
  const { access, household } = await load(args);
  const { t } = getTranslate(args.request);
  const formData = await readFormData(args.request);
  const parsed = parseForm(PayoutForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const values = keptValues(formValues(formData));
  let amount;
  try {
    amount = parseAmount(parsed.data.amount);
  } catch {
    return data({ errors: { amount: t("till.error.amount") } as Record<string, string>, values }, { status: 400 });
  }
  if (parsed.data.method !== "cash" && !parsed.data.reference) return data({ errors: { reference: t("till.error.reference") } as Record<string, string>, values }, { status: 400 });
  try {
    const payout = await recordPayout(args.context.db, {
      stationId: access.station.station.id,
      householdId: household.id,
      operatorId: access.user.id,
      amount,
      method: parsed.data.method,
      reference: parsed.data.reference,
      idempotencyKey: parsed.data.key,
    });
    return redirect(`/stations/${access.station.station.code}/manage/payouts/${payout.number}`);
  } catch (error) {
    const refused = tillRefusal(error, t, values);
    if (refused) return refused;
    throw error;
  }
}

export default function Statement() {
  const { station, household, owed, owedPlain, key, entries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
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
                <td className="text-right">{e.amount}</td>
                <td className="text-right">{e.commission}</td>
                <td className="text-right">{e.owed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="no-print card space-y-3">
        <h2 className="text-lg font-semibold">{t("till.payout.title")}</h2>
        <FormAlert>{errors.form}</FormAlert>
        <Form method="post" className="space-y-3" noValidate data-testid="payout-form">
          <input type="hidden" name="key" value={key} />
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

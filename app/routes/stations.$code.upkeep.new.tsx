import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField, TextAreaField } from "~/components/form";
import { PageHeading } from "~/components/page-chrome";
import { chinaToday } from "~/domain/dates";
import { UPKEEP_KIND_LIST, type UpkeepExpenseKind } from "~/domain/upkeep";
import { prepareReceipt, ReceiptError } from "~/models/committee/upkeep-receipts.server";
import { recordExpense, UpkeepError } from "~/models/committee/upkeep.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ExpenseForm } from "~/routes-support/committee/upkeep-forms.server";
import { parseFormWithPhoto } from "~/utils/uploads.server";

export const handle = { access: stationAccess("upkeep:write"), hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { lang, t } = getTranslate(request);
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return { stationCode: station.station.code, stationName, today: chinaToday(), key: randomUUID(), meta: { title: `${t("committee.upkeep.new")} · ${stationName}` } };
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => (d ? [{ title: d.meta.title }] : []);

/** An upkeep expense with the photo of its receipt (multipart; the photo is required). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { t } = getTranslate(request);
  const { formData, photo } = await parseFormWithPhoto(request);
  const parsed = parseForm(ExpenseForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors as Record<string, string>, values: parsed.values }, { status: 400 });
  if (photo.kind === "none") return data(fieldFailure(formData, "photo", t("committee.upkeep.error.RECEIPT_REQUIRED")), { status: 400 });
  if (photo.kind === "too_large") return data(fieldFailure(formData, "photo", t("committee.upkeep.error.TOO_LARGE")), { status: 400 });
  let receipt;
  try {
    receipt = await prepareReceipt(photo.bytes);
  } catch (error) {
    if (!(error instanceof ReceiptError)) throw error;
    return data(fieldFailure(formData, "photo", t(`committee.upkeep.error.${error.code}`)), { status: 400 });
  }
  const f = parsed.data;
  try {
    const expense = await recordExpense(context.db, {
      stationId: station.station.id,
      userId: user.id,
      kind: f.kind as UpkeepExpenseKind,
      amount: f.amount,
      date: f.date,
      paidFrom: f.paidFrom,
      payee: f.payee,
      note: f.note,
      receipt,
      idempotencyKey: f.key,
    });
    return redirect(`/stations/${station.station.code}/upkeep?done=${expense.status === "posted" ? "recorded" : "awaiting"}`);
  } catch (error) {
    if (!(error instanceof UpkeepError)) throw error;
    const field = error.code === "RECEIPT_REQUIRED" ? "photo" : "date";
    return data(fieldFailure(formData, field, t(`committee.upkeep.error.${error.code}`)), { status: error.code === "PERIOD_CLOSED" ? 409 : 422 });
  }
}

export default function NewExpensePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }, { href: `/stations/${d.stationCode}/upkeep`, label: t("committee.upkeep.title") }]} title={t("committee.upkeep.new")} />
      <FormAlert>{errors.form}</FormAlert>
      <Form method="post" encType="multipart/form-data" className="card space-y-3" noValidate data-testid="expense-form">
        <input type="hidden" name="key" value={values.key ?? d.key} />
        <SelectField label={t("committee.upkeep.kind")} name="kind" defaultValue={values.kind ?? ""} error={errors.kind}>
          <option value="">—</option>
          {UPKEEP_KIND_LIST.map((k) => (
            <option key={k} value={k}>
              {t(`committee.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <Field label={t("committee.upkeep.amount")} name="amount" inputMode="decimal" defaultValue={values.amount} error={errors.amount} />
        <Field label={t("committee.upkeep.date")} name="date" type="date" defaultValue={values.date ?? d.today} error={errors.date} />
        <SelectField label={t("committee.upkeep.paidFrom")} name="paidFrom" defaultValue={values.paidFrom ?? "cash"} error={errors.paidFrom}>
          <option value="cash">{t("committee.upkeep.paidFrom.cash")}</option>
          <option value="bank">{t("committee.upkeep.paidFrom.bank")}</option>
        </SelectField>
        <Field label={t("committee.upkeep.payee")} name="payee" defaultValue={values.payee} error={errors.payee} />
        <TextAreaField label={t("committee.upkeep.note")} name="note" defaultValue={values.note} error={errors.note} />
        <Field label={t("committee.upkeep.receipt")} name="photo" type="file" accept="image/*" capture="environment" hint={t("committee.upkeep.receiptHint")} error={errors.photo} />
        <button type="submit" className="btn-primary">
          {t("committee.upkeep.submit")}
        </button>
      </Form>
    </div>
  );
}

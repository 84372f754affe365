import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField, TextAreaField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { PageHeading } from "~/components/page-chrome";
import { chinaToday } from "~/domain/dates";
import { pick } from "~/domain/language";
import { UPKEEP_KIND_LIST, type UpkeepExpenseKind } from "~/domain/upkeep";
import { prepareReceipt } from "~/models/committee/upkeep-receipts.server";
import { recordExpense } from "~/models/committee/upkeep.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { fieldFailure, formValues, keptValues, parseForm } from "~/utils/forms";
import { requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { UPKEEP_EXPENSE_REFUSALS } from "~/routes-support/committee/refusals";
import { ExpenseForm } from "~/routes-support/committee/upkeep-forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { parseFormWithPhoto } from "~/utils/uploads.server";

export const handle = { access: stationAccess("upkeep:write"), hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { lang, t } = getTranslate(request);
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return { stationCode: station.station.code, stationName, today: chinaToday(), idempotencyKey: requireEntryKey(request), meta: { title: `${t("committee.upkeep.new")} · ${stationName}` } };
}

export const meta = routeMeta;

/** An upkeep expense with the photo of its receipt (multipart; the photo is required). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { lang, t } = getTranslate(request);
  const { formData, photo } = await parseFormWithPhoto(request);
  const parsed = parseForm(ExpenseForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  if (photo.kind === "none") return data(fieldFailure(formData, "photo", t("committee.upkeep.error.RECEIPT_REQUIRED")), { status: 400 });
  if (photo.kind === "too_large") return data(fieldFailure(formData, "photo", t("committee.upkeep.error.TOO_LARGE")), { status: 400 });
  const f = parsed.data;
  try {
    const receipt = await prepareReceipt(photo.bytes);
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
      idempotencyKey: f.idempotencyKey,
    });
    return redirect(`/stations/${station.station.code}/upkeep?done=${expense.status === "posted" ? "recorded" : "awaiting"}`);
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)), table: UPKEEP_EXPENSE_REFUSALS });
  }
}

export default function NewExpensePage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }, { href: `/stations/${d.stationCode}/upkeep`, label: t("committee.upkeep.title") }]} title={t("committee.upkeep.new")} />
      <FormAlert>{errors.form}</FormAlert>
      <Form method="post" encType="multipart/form-data" className="card space-y-3" noValidate data-testid="expense-form">
        <IdempotencyKeyField value={values.idempotencyKey ?? d.idempotencyKey} />
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

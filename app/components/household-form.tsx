import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { Form } from "@remix-run/react";
import { PAYMENT_METHODS } from "~/domain/households";
import { PAYMENT_LABELS } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { Field, SelectField, TextAreaField } from "./form";

/**
 * A household's details. The payment account is never sent back to the browser: on edit the
 * box is empty, shows the masked account as a hint, and an empty box keeps what is stored.
 */
export function HouseholdForm({
  values,
  errors,
  maskedAccount,
  submitLabel,
  showStatus,
  idempotencyKey,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  maskedAccount: string | null;
  submitLabel: string;
  showStatus: boolean;
  /** The entry's key, for the form that creates (ADR 018). */
  idempotencyKey?: string;
}) {
  const { t } = useI18n();
  return (
    <Form method="post" className="space-y-4" noValidate data-testid="household-form">
      {idempotencyKey ? <IdempotencyKeyField value={idempotencyKey} /> : null}
      <Field label={t("households.field.headName")} name="headName" defaultValue={values.headName} error={errors.headName} required maxLength={40} />
      <Field label={t("households.field.villageGroup")} name="villageGroup" defaultValue={values.villageGroup} error={errors.villageGroup} hint={t("households.hint.villageGroup")} maxLength={20} />
      <Field label={t("households.field.phone")} name="phone" type="tel" inputMode="tel" defaultValue={values.phone} error={errors.phone} />
      <SelectField label={t("households.field.paymentMethod")} name="paymentMethod" defaultValue={values.paymentMethod ?? "cash"} error={errors.paymentMethod}>
        {PAYMENT_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(PAYMENT_LABELS[m])}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("households.field.paymentAccount")}
        name="paymentAccount"
        inputMode="text"
        autoComplete="off"
        defaultValue=""
        error={errors.paymentAccount}
        hint={maskedAccount ? t("households.hint.accountKept", { account: maskedAccount }) : t("households.hint.account")}
      />
      <Field label={t("households.field.paymentInstitution")} name="paymentInstitution" defaultValue={values.paymentInstitution} error={errors.paymentInstitution} hint={t("households.hint.institution")} maxLength={40} />
      <TextAreaField label={t("households.field.notes")} name="notes" defaultValue={values.notes} error={errors.notes} maxLength={500} />
      {showStatus ? (
        <SelectField label={t("households.field.status")} name="status" defaultValue={values.status ?? "active"} error={errors.status}>
          <option value="active">{t("households.status.active")}</option>
          <option value="inactive">{t("households.status.inactive")}</option>
        </SelectField>
      ) : null}
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {submitLabel}
      </button>
    </Form>
  );
}

import { Field, SelectField } from "~/components/form";
import { PARTNER_KINDS, PARTNER_MODES, PARTNER_STATUSES } from "~/domain/partners";
import { PARTNER_KIND_LABELS, PARTNER_MODE_LABELS, PARTNER_STATUS_LABELS } from "~/routes-support/partners/labels";
import { useI18n } from "~/utils/i18n-react";

/** The partner company's fields (create and edit); `withStatus` adds the active / inactive choice. */
export function PartnerFields({ values, errors, withStatus = false }: { values: Record<string, string | undefined>; errors: Record<string, string | undefined>; withStatus?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t("partners.field.nameZh")} name="nameZh" defaultValue={values.nameZh} error={errors.nameZh} required />
      <Field label={t("partners.field.nameEn")} name="nameEn" defaultValue={values.nameEn} error={errors.nameEn} />
      <SelectField label={t("partners.field.kind")} name="kind" defaultValue={values.kind ?? "processor"} error={errors.kind}>
        {PARTNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(PARTNER_KIND_LABELS[k])}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("partners.field.mode")} name="mode" defaultValue={values.mode ?? "village_enterprise"} error={errors.mode}>
        {PARTNER_MODES.map((m) => (
          <option key={m} value={m}>
            {t(PARTNER_MODE_LABELS[m])}
          </option>
        ))}
      </SelectField>
      <Field label={t("partners.field.contactName")} name="contactName" defaultValue={values.contactName} error={errors.contactName} />
      <Field label={t("partners.field.contactPhone")} name="contactPhone" inputMode="tel" defaultValue={values.contactPhone} error={errors.contactPhone} />
      <Field label={t("partners.field.address")} name="addressZh" defaultValue={values.addressZh} error={errors.addressZh} />
      <Field label={t("partners.field.bankAccount")} name="bankAccount" inputMode="numeric" defaultValue={values.bankAccount} error={errors.bankAccount} />
      <Field label={t("partners.field.bankName")} name="bankName" defaultValue={values.bankName} error={errors.bankName} />
      {withStatus ? (
        <SelectField label={t("partners.field.status")} name="status" defaultValue={values.status ?? "active"} error={errors.status}>
          {PARTNER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(PARTNER_STATUS_LABELS[s])}
            </option>
          ))}
        </SelectField>
      ) : null}
    </div>
  );
}

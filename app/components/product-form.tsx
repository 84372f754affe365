import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { Form } from "@remix-run/react";
import { OWNER_KINDS, PRODUCT_CATEGORIES } from "~/domain/catalog";
import { UNIT_CODES, unitLabel } from "~/domain/units";
import { CATEGORY_LABELS, OWNER_LABELS, sellModeKey } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { Field, SelectField, TextAreaField } from "./form";

export interface HouseholdOption {
  id: string;
  label: string;
}

/**
 * Create and edit a product: one plain form (multipart when it carries a photo), every error
 * beside its field. Works without JavaScript; the photo input accepts the phone's camera.
 */
export function ProductForm({
  values,
  errors,
  households,
  defaultRatePercent,
  withPhoto,
  submitLabel,
  showStatus,
  idempotencyKey,
}: {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
  households: HouseholdOption[];
  defaultRatePercent: string;
  withPhoto: boolean;
  submitLabel: string;
  showStatus: boolean;
  /** The entry's key, for the form that creates (ADR 018). */
  idempotencyKey?: string;
}) {
  const { lang, t } = useI18n();
  return (
    <Form method="post" encType={withPhoto ? "multipart/form-data" : undefined} className="space-y-4" noValidate data-testid="product-form">
      {idempotencyKey ? <IdempotencyKeyField value={idempotencyKey} /> : null}
      <input type="hidden" name="intent" value="save" />
      <Field label={t("goods.field.nameZh")} name="nameZh" defaultValue={values.nameZh} error={errors.nameZh} required maxLength={60} />
      <Field label={t("goods.field.nameEn")} name="nameEn" defaultValue={values.nameEn} error={errors.nameEn} maxLength={100} lang="en" />
      <SelectField label={t("goods.field.category")} name="category" defaultValue={values.category ?? "produce"} error={errors.category}>
        {PRODUCT_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {t(CATEGORY_LABELS[c])}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("goods.field.unit")} name="unit" defaultValue={values.unit ?? "jin"} error={errors.unit}>
        {UNIT_CODES.map((u) => (
          <option key={u} value={u}>
            {unitLabel(u, lang)} · {t(sellModeKey(u))}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("goods.field.price")}
        name="price"
        inputMode="decimal"
        defaultValue={values.price}
        error={errors.price}
        hint={t("goods.hint.price")}
        required
      />
      <SelectField label={t("goods.field.owner")} name="ownerKind" defaultValue={values.ownerKind ?? "household"} error={errors.ownerKind}>
        {OWNER_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(OWNER_LABELS[k])}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("goods.field.household")} name="householdId" defaultValue={values.householdId ?? ""} error={errors.householdId}>
        <option value="">{t("goods.field.householdNone")}</option>
        {households.map((h) => (
          <option key={h.id} value={h.id}>
            {h.label}
          </option>
        ))}
      </SelectField>
      <Field
        label={t("goods.field.commission")}
        name="commissionPercent"
        inputMode="decimal"
        defaultValue={values.commissionPercent}
        error={errors.commissionPercent}
        hint={t("goods.hint.commission", { rate: defaultRatePercent })}
      />
      <Field label={t("goods.field.originZh")} name="originZh" defaultValue={values.originZh} error={errors.originZh} maxLength={60} />
      <Field label={t("goods.field.originEn")} name="originEn" defaultValue={values.originEn} error={errors.originEn} maxLength={100} lang="en" />
      <Field label={t("goods.field.harvestedOn")} name="harvestedOn" type="date" defaultValue={values.harvestedOn} error={errors.harvestedOn} />
      <Field
        label={t("goods.field.shelfLife")}
        name="shelfLifeDays"
        inputMode="numeric"
        defaultValue={values.shelfLifeDays}
        error={errors.shelfLifeDays}
        hint={t("goods.hint.shelfLife")}
      />
      <TextAreaField label={t("goods.field.descriptionZh")} name="descriptionZh" defaultValue={values.descriptionZh} error={errors.descriptionZh} maxLength={2000} />
      <TextAreaField label={t("goods.field.descriptionEn")} name="descriptionEn" defaultValue={values.descriptionEn} error={errors.descriptionEn} maxLength={3000} lang="en" />
      {withPhoto ? (
        <Field label={t("goods.field.photo")} name="photo" type="file" accept="image/*" error={errors.photo} hint={t("goods.hint.photo")} />
      ) : null}
      {showStatus ? (
        <SelectField label={t("goods.field.status")} name="status" defaultValue={values.status ?? "listed"} error={errors.status}>
          <option value="listed">{t("goods.status.listNow")}</option>
          <option value="draft">{t("goods.status.keepDraft")}</option>
        </SelectField>
      ) : null}
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {submitLabel}
      </button>
    </Form>
  );
}

import { useI18n } from "~/utils/i18n-react";
import { SelectField } from "./form";

export interface PlaceOption {
  id: string;
  name: string;
}

/**
 * Role, station and township pickers for the admin's account forms. All three are shown (the
 * page has no JavaScript); the hint says which place each role needs.
 */
export function RolePicker({
  roles,
  stations,
  townships,
  partners = [],
  errors,
  values,
}: {
  roles: { value: string; label: string }[];
  stations: PlaceOption[];
  townships: PlaceOption[];
  /** Partner companies, for the partner_user role (issue 8). */
  partners?: PlaceOption[];
  errors: Record<string, string | undefined>;
  values: Record<string, string | undefined>;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="space-y-4">
      <legend className="font-medium">{t("admin.accounts.roleAndPlace")}</legend>
      <SelectField label={t("admin.accounts.role")} name="role" defaultValue={values.role ?? ""} error={errors.role} required>
        <option value="">{t("admin.choose")}</option>
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <p className="text-sm text-stone-500">{t("admin.accounts.placeHint")}</p>
      <SelectField label={t("admin.accounts.station")} name="stationId" defaultValue={values.stationId ?? ""} error={errors.stationId}>
        <option value="">—</option>
        {stations.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("station.township")} name="townshipId" defaultValue={values.townshipId ?? ""} error={errors.townshipId}>
        <option value="">—</option>
        {townships.map((tw) => (
          <option key={tw.id} value={tw.id}>
            {tw.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("partnerPortal.admin.partner")}
        hint={t("partnerPortal.admin.partnerHint")}
        name="partnerId"
        defaultValue={values.partnerId ?? ""}
        error={errors.partnerId}
      >
        <option value="">—</option>
        {partners.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}

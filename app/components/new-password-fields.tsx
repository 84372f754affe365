import { useI18n } from "~/utils/i18n-react";
import { Field } from "./form";

/**
 * A new password and its confirmation, as registering, setting a password from a code and
 * changing it all ask for them (never pre-filled: typed passwords are not sent back).
 */
export function NewPasswordFields({ errors }: { errors: { password?: string; confirmPassword?: string } }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("auth.newPassword")} hint={t("auth.passwordRules")} name="password" type="password" autoComplete="new-password" required error={errors.password} />
      <Field label={t("auth.confirmPassword")} name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
    </>
  );
}

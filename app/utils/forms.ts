import { z } from "zod";
import { normalizePhone, normalizeUsername } from "~/domain/identity";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem, passwordProblem } from "~/domain/passwords";
import { zhCN } from "~/locales/zh-CN";
import type { MessageKey, Translate, TranslateVars } from "./i18n";

/**
 * Forms are parsed with zod schemas whose messages are dictionary keys ("validation.required"),
 * translated here into the visitor's language, one message per field, beside the field.
 */

export type FieldErrors = Record<string, string>;

/** What a form sends back on bad input: the errors, and what was typed (never passwords). */
export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}

export type FormResult<T> = { ok: true; data: T } | ({ ok: false } & FormFailure);

function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, value);
}

/** The text fields of a form, first value of each; files are dropped. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !(name in values)) values[name] = value;
  }
  return values;
}

/** What is safe to send back into the form: everything typed except secrets. */
export function keptValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !/password/i.test(name)));
}

/**
 * The one way a form is parsed (ADR 018): the schema's messages are dictionary keys, translated
 * here, one message per field. Forms that do several things parse a discriminated union on
 * `intent` and switch over it exhaustively.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, t: Translate): FormResult<z.output<S>> {
  return parseValues(schema, formValues(formData), t);
}

/** parseForm over values already read (a form whose fields are built per row, like the till's). */
export function parseValues<S extends z.ZodType>(schema: S, values: Record<string, string>, t: Translate): FormResult<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, errors: fieldErrors(parsed.error, t), values: keptValues(values) };
}

/** A zod error as one translated message per field (the first issue of each). */
export function fieldErrors(error: z.ZodError, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = typeof issue.path[0] === "string" ? issue.path[0] : "form";
    if (errors[field]) continue;
    const params = (issue as { params?: TranslateVars }).params;
    errors[field] = isMessageKey(issue.message) ? t(issue.message, params) : t("validation.invalid");
  }
  return errors;
}

/** A failure for one field, for rules only the model can check (a phone already taken). */
export function fieldFailure(formData: FormData, field: string, message: string): FormFailure {
  return { errors: { [field]: message }, values: keptValues(formValues(formData)) };
}

// Field builders: the same rule and the same message wherever the field appears.

export const requiredText = (max = 100) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.tooLong");

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v ?? "");

export const displayNameField = () => requiredText(60);

export const phoneField = () =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .transform((value, ctx) => {
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: "validation.phone" });
        return z.NEVER;
      }
      return phone;
    });

export const optionalPhoneField = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.addIssue({ code: "custom", message: "validation.phone" });
        return z.NEVER;
      }
      return phone;
    });

export const optionalUsernameField = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const username = normalizeUsername(value);
      if (!username) {
        ctx.addIssue({ code: "custom", message: "validation.username" });
        return z.NEVER;
      }
      return username;
    });

const passwordMessages: Record<PasswordProblem, MessageKey> = {
  too_short: "validation.passwordTooShort",
  too_long: "validation.passwordTooLong",
  too_common: "validation.passwordTooCommon",
  contains_login: "validation.passwordContainsLogin",
};

/** A password being chosen: checked against the length rule, the common list and the person's own logins. */
export const newPasswordField = (ownLogins: readonly (string | null | undefined)[] = []) =>
  z.string({ error: "validation.required" }).superRefine((password, ctx) => {
    if (password.length === 0) {
      ctx.addIssue({ code: "custom", message: "validation.required" });
      return;
    }
    const problem = passwordProblem(password, ownLogins);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: passwordMessages[problem],
        params: { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH },
      });
    }
  });

/**
 * The checks on a new password that need the rest of the form: it must not contain the
 * person's own phone or username, and the second copy must match (there is no other way to
 * catch a typo). Use in the form's superRefine.
 */
export function refineNewPassword(
  value: { password: string; confirmPassword: string },
  ctx: z.RefinementCtx,
  ownLogins: readonly (string | null | undefined)[],
): void {
  if (passwordProblem(value.password, ownLogins) === "contains_login") {
    ctx.addIssue({ code: "custom", path: ["password"], message: passwordMessages.contains_login });
  }
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "validation.passwordMismatch" });
  }
}

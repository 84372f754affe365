import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Field, FormAlert } from "~/components/form";
import { IdentityError } from "~/domain/identity";
import { passwordProblem } from "~/domain/passwords";
import { listGrants } from "~/models/identity/access.server";
import { peekSetPasswordCode, redeemSetPasswordCode } from "~/models/identity/set-password-codes.server";
import { publicAccess } from "~/utils/access";
import { homePathFor, startSession } from "~/utils/auth.server";
import { fieldFailure, newPasswordField, parseForm, refineNewPassword, requiredText } from "~/utils/forms";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = getTranslate(request);
  const code = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  const holder = code ? await peekSetPasswordCode(context.db, { code }) : null;
  return {
    code,
    // Greeting them by name tells them the code is theirs; it reveals nothing the code holder may not know.
    holderName: holder?.displayName ?? null,
    codeProblem: code && !holder ? t("auth.codeInvalid") : null,
    meta: { title: `${t("auth.setPassword.title")} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

const SetPasswordForm = z
  .object({
    code: requiredText(40),
    password: newPasswordField(),
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .superRefine((value, ctx) => refineNewPassword(value, ctx, []));

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(SetPasswordForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { code, password } = parsed.data;
  const holder = await peekSetPasswordCode(context.db, { code });
  if (!holder) return data(fieldFailure(formData, "code", t("auth.codeInvalid")), { status: 400 });
  if (passwordProblem(password, [holder.phone, holder.username]) === "contains_login") {
    return data(fieldFailure(formData, "password", t("validation.passwordContainsLogin")), { status: 400 });
  }
  try {
    await redeemSetPasswordCode(context.db, { code, password });
  } catch (error) {
    if (error instanceof IdentityError && error.code === "CODE_INVALID") {
      return data(fieldFailure(formData, "code", t("auth.codeInvalid")), { status: 400 });
    }
    throw error;
  }
  const cookie = await startSession(request, context, holder.userId);
  const home = homePathFor({ grants: await listGrants(context.db, { userId: holder.userId }) });
  return redirect(home, { headers: { "Set-Cookie": cookie } });
}

export default function SetPassword() {
  const { code, holderName, codeProblem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold">{t("auth.setPassword.title")}</h1>
      {holderName ? <p data-testid="code-holder">{t("auth.setPassword.greeting", { name: holderName })}</p> : <p className="text-stone-600">{t("auth.setPassword.intro")}</p>}
      {codeProblem && !actionData ? <FormAlert>{codeProblem}</FormAlert> : null}
      <Form method="post" className="card space-y-4" noValidate>
        <FormAlert>{errors.form}</FormAlert>
        <Field
          label={t("auth.code")}
          hint={t("auth.codeHint")}
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          required
          defaultValue={values.code ?? code}
          error={errors.code}
        />
        <NewPasswordFields errors={errors} />
        <button type="submit" className="btn-primary w-full">
          {t("auth.setPassword.submit")}
        </button>
      </Form>
    </section>
  );
}

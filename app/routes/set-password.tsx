import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Field, FormAlert } from "~/components/form";
import { listGrants } from "~/models/identity/access.server";
import { type CodeHolder, peekSetPasswordCode, redeemSetPasswordCode } from "~/models/identity/set-password-codes.server";
import { publicAccess } from "~/utils/access";
import { homePathFor, startSession } from "~/utils/auth.server";
import { formValues, keptValues, newPasswordField, parseForm, refineNewPassword, requiredText } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";
import { refuse } from "~/routes-support/refusals.server";

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

export const meta = routeMeta;

const SetPasswordForm = z
  .object({
    code: requiredText(40),
    password: newPasswordField(),
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .superRefine((value, ctx) => refineNewPassword(value, ctx, []));

export async function action({ request, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(SetPasswordForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { code, password } = parsed.data;
  let holder: CodeHolder;
  try {
    holder = await redeemSetPasswordCode(context.db, { code, password });
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
  const cookie = await startSession(request, context, holder.userId);
  const home = homePathFor({ grants: await listGrants(context.db, { userId: holder.userId }) });
  return redirect(home, { headers: { "Set-Cookie": cookie } });
}

export default function SetPassword() {
  const { code, holderName, codeProblem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
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

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Field, FormAlert } from "~/components/form";
import { IdentityError } from "~/domain/identity";
import { registerBuyer } from "~/models/identity/users.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser, homePathFor, startSession } from "~/utils/auth.server";
import { displayNameField, fieldFailure, newPasswordField, parseForm, phoneField, refineNewPassword } from "~/utils/forms";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = getTranslate(request);
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(homePathFor(user));
  return { meta: { title: `${t("auth.register.title")} · ${t("app.name")}` } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

const RegisterForm = z
  .object({
    displayName: displayNameField(),
    phone: phoneField(),
    password: newPasswordField(),
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .superRefine((value, ctx) => refineNewPassword(value, ctx, [value.phone]));

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(RegisterForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const user = await registerBuyer(context.db, parsed.data);
    const cookie = await startSession(request, context, user.id);
    return redirect("/account", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof IdentityError && error.code === "PHONE_TAKEN") {
      return data(fieldFailure(formData, "phone", t("validation.phoneTaken")), { status: 409 });
    }
    throw error;
  }
}

export default function Register() {
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold">{t("auth.register.title")}</h1>
      <p className="text-stone-600">{t("auth.register.intro")}</p>
      <Form method="post" className="card space-y-4" noValidate>
        <FormAlert>{errors.form}</FormAlert>
        <Field label={t("auth.displayName")} name="displayName" autoComplete="name" required defaultValue={values.displayName} error={errors.displayName} />
        <Field
          label={t("auth.phone")}
          name="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel-national"
          required
          defaultValue={values.phone}
          error={errors.phone}
        />
        <NewPasswordFields errors={errors} />
        <button type="submit" className="btn-primary w-full">
          {t("auth.register.submit")}
        </button>
      </Form>
      <p className="text-sm">
        {t("auth.register.haveAccount")} <a href="/login">{t("auth.signIn.link")}</a>
      </p>
    </section>
  );
}

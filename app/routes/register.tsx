import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Field, FormAlert } from "~/components/form";
import { registerBuyer } from "~/models/identity/users.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser, homePathFor, startSession } from "~/utils/auth.server";
import { displayNameField, formValues, keptValues, newPasswordField, parseForm, phoneField, refineNewPassword } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = getTranslate(request);
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(homePathFor(user));
  return { meta: { title: `${t("auth.register.title")} · ${t("app.name")}` } };
}

export const meta = routeMeta;

const RegisterForm = z
  .object({
    displayName: displayNameField(),
    phone: phoneField(),
    password: newPasswordField(),
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .superRefine((value, ctx) => refineNewPassword(value, ctx, [value.phone]));

export async function action({ request, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(RegisterForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    const user = await registerBuyer(context.db, parsed.data);
    const cookie = await startSession(request, context, user.id);
    return redirect("/account", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
}

export default function Register() {
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
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

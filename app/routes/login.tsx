import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { PASSWORD_MAX_LENGTH } from "~/domain/passwords";
import { listGrants } from "~/models/identity/access.server";
import { attemptSignIn } from "~/models/identity/sign-in.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser, homePathFor, startSession } from "~/utils/auth.server";
import { mergeCartAtSignIn } from "~/routes-support/shop/cart.server";
import { parseForm, requiredText } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/redirect";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: publicAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = getTranslate(request);
  const url = new URL(request.url);
  const redirectTo = url.searchParams.get("redirectTo");
  const user = await getOptionalUser(request, context);
  if (user) throw redirect(safeRedirectPath(redirectTo, homePathFor(user)));
  return {
    redirectTo: safeRedirectPath(redirectTo, ""),
    notice: url.searchParams.get("signedOut") === "everywhere" ? t("auth.signedOutEverywhere") : null,
    meta: { title: `${t("auth.signIn.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

/** The page after a throttled POST carries Retry-After too, not only the data request. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const SignInForm = z.object({
  login: requiredText(64),
  password: z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(PASSWORD_MAX_LENGTH * 4, "validation.tooLong"),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(SignInForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { login, password, redirectTo } = parsed.data;
  const values = { login, redirectTo: redirectTo ?? "" };
  const result = await attemptSignIn(context.db, { login, password, address: context.clientAddress });
  if (!result.ok) {
    if (result.reason === "throttled") {
      const seconds = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
      return data(
        { errors: { form: t("auth.throttled", { minutes: Math.ceil(seconds / 60) }) }, values },
        { status: 429, headers: { "Retry-After": String(seconds) } },
      );
    }
    return data({ errors: { form: t("auth.invalidCredentials") }, values }, { status: 400 });
  }
  const cookie = await startSession(request, context, result.user.id);
  const headers = new Headers({ "Set-Cookie": cookie });
  // A guest's cart joins the buyer's cart on sign-in (and the guest cookie is forgotten).
  const forgetCart = await mergeCartAtSignIn(request, context, result.user.id);
  if (forgetCart) headers.append("Set-Cookie", forgetCart);
  const home = homePathFor({ grants: await listGrants(context.db, { userId: result.user.id }) });
  return redirect(safeRedirectPath(redirectTo, home), { headers });
}

export default function SignIn() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold">{t("auth.signIn.title")}</h1>
      {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
      <Form method="post" className="card space-y-4" noValidate>
        <FormAlert>{errors.form}</FormAlert>
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? redirectTo} />
        <Field
          label={t("auth.login")}
          hint={t("auth.loginHint")}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          required
          defaultValue={values.login}
          error={errors.login}
        />
        <Field label={t("auth.password")} name="password" type="password" autoComplete="current-password" required error={errors.password} />
        <button type="submit" className="btn-primary w-full">
          {t("auth.signIn.submit")}
        </button>
      </Form>
      <ul className="space-y-2 text-sm">
        <li>
          {t("auth.signIn.noAccount")} <a href="/register">{t("auth.register.link")}</a>
        </li>
        <li>
          {t("auth.signIn.haveCode")} <a href="/set-password">{t("auth.setPassword.link")}</a>
        </li>
        <li className="text-stone-500">{t("auth.signIn.forgot")}</li>
      </ul>
    </section>
  );
}

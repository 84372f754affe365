import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Field, FormAlert } from "~/components/form";
import { countActiveSessions, revokeAllSessions } from "~/models/identity/sessions.server";
import { changePassword } from "~/models/identity/users.server";
import { signedInAccess } from "~/utils/access";
import { clearedSessionCookie, homePathFor, requireUser } from "~/utils/auth.server";
import { formValues, keptValues, newPasswordField, parseForm, refineNewPassword } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { roleLabel } from "~/routes-support/admin/labels";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: signedInAccess, hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const { lang, t } = getTranslate(request);
  const done = new URL(request.url).searchParams.get("done");
  return {
    account: {
      displayName: user.displayName,
      username: user.username,
      phone: user.phone,
      roles: user.grants.map((g) => ({ id: g.id, role: roleLabel(t, g.role), place: pick(lang, g.placeNameZh, g.placeNameEn) })),
      homePath: homePathFor(user),
    },
    devices: await countActiveSessions(context.db, { userId: user.id }),
    notice: done === "password" ? t("account.passwordChanged") : null,
    meta: { title: `${t("account.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const AccountForm = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("change-password"),
      currentPassword: z.string({ error: "validation.required" }).min(1, "validation.required").max(512, "validation.tooLong"),
      password: newPasswordField(),
      confirmPassword: z.string({ error: "validation.required" }),
    })
    .superRefine((value, ctx) => refineNewPassword(value, ctx, [])),
  z.object({ intent: z.literal("sign-out-everywhere") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(AccountForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  switch (form.intent) {
    case "change-password": {
      try {
        await changePassword(context.db, {
          userId: user.id,
          keepSessionId: user.sessionId,
          currentPassword: form.currentPassword,
          newPassword: form.password,
        });
      } catch (error) {
        return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
      }
      return redirect("/account?done=password");
    }
    case "sign-out-everywhere": {
      await revokeAllSessions(context.db, { userId: user.id });
      return redirect("/login?signedOut=everywhere", { headers: { "Set-Cookie": await clearedSessionCookie(context) } });
    }
    default: {
      const exhaustive: never = form;
      throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
    }
  }
}

export default function Account() {
  const { account, devices, notice } = useLoaderData<typeof loader>();
  const { errors } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <p className="text-stone-600">{account.displayName}</p>
      </header>
      {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
      <section className="card space-y-2" aria-labelledby="who">
        <h2 id="who" className="text-lg font-semibold">
          {t("account.signInWith")}
        </h2>
        <dl className="grid grid-cols-[6.5rem_1fr] gap-2">
          {account.phone ? (
            <>
              <dt className="text-stone-500">{t("auth.phone")}</dt>
              <dd>{account.phone}</dd>
            </>
          ) : null}
          {account.username ? (
            <>
              <dt className="text-stone-500">{t("auth.username")}</dt>
              <dd>{account.username}</dd>
            </>
          ) : null}
        </dl>
        <h2 className="pt-2 text-lg font-semibold">{t("account.roles")}</h2>
        {account.roles.length === 0 ? (
          <p className="text-stone-500">{t("account.noRoles")}</p>
        ) : (
          <ul className="list-inside list-disc" data-testid="account-roles">
            {account.roles.map((r) => (
              <li key={r.id}>{r.place ? `${r.role} · ${r.place}` : r.role}</li>
            ))}
          </ul>
        )}
        {account.homePath !== "/account" ? (
          <a className="btn-quiet mt-2" href={account.homePath}>
            {t("nav.myWork")}
          </a>
        ) : null}
        <a className="btn-quiet mt-2" href="/account/orders" data-testid="my-orders-link">
          {t("orders.nav.myOrders")}
        </a>
      </section>
      <section className="card space-y-4" aria-labelledby="change-password">
        <h2 id="change-password" className="text-lg font-semibold">
          {t("account.changePassword")}
        </h2>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <Field label={t("account.currentPassword")} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
          <NewPasswordFields errors={errors} />
          <p className="text-sm text-stone-500">{t("account.changePasswordNote")}</p>
          <button type="submit" className="btn-primary">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>
      <section className="card space-y-3" aria-labelledby="devices">
        <h2 id="devices" className="text-lg font-semibold">
          {t("account.devices")}
        </h2>
        <p>{t("account.deviceCount", { count: devices })}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit" className="btn-quiet">
            {t("account.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

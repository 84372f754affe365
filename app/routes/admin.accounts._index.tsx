import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { BackHeader, TaskSection } from "~/components/page-chrome";
import { RolePicker } from "~/components/role-picker";
import { createStaffAccount, listManagedAccounts } from "~/models/identity/users.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { flashIssuedCode } from "~/utils/flash.server";
import { displayNameField, formValues, keptValues, optionalPhoneField, optionalUsernameField, parseForm } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { roleLabel } from "~/routes-support/admin/labels";
import { placeFor, placeRefusals, refineRolePlace, RoleFields, rolePickerOptions } from "~/routes-support/admin/staff-forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: countyAdminAccess("admin:accounts"), hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { lang, t } = getTranslate(request);
  const accounts = await listManagedAccounts(context.db, { countyIds });
  return {
    accounts: accounts.map((a) => ({
      id: a.id,
      displayName: a.displayName,
      login: [a.username, a.phone].filter(Boolean).join(" · "),
      active: a.status === "active",
      roles: a.grants.map((g) => (g.placeNameZh ? `${roleLabel(t, g.role)} · ${pick(lang, g.placeNameZh, g.placeNameEn)}` : roleLabel(t, g.role))),
    })),
    options: await rolePickerOptions(context.db, countyIds, lang, t),
    meta: { title: `${t("admin.accounts.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const NewStaffForm = z
  .object({
    displayName: displayNameField(),
    username: optionalUsernameField(),
    phone: optionalPhoneField(),
    ...RoleFields,
  })
  .superRefine((value, ctx) => {
    if (!value.username && !value.phone) ctx.addIssue({ code: "custom", path: ["username"], message: "admin.accounts.loginRequired" });
    refineRolePlace(value, ctx);
  });

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(NewStaffForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  try {
    const created = await createStaffAccount(context.db, {
      actorUserId: user.id,
      countyId: countyIds[0]!,
      displayName: form.displayName,
      username: form.username,
      phone: form.phone,
      role: form.role,
      placeId: placeFor(form, countyIds),
      countyIds,
    });
    const cookie = await flashIssuedCode(context.env, {
      userId: created.user.id,
      code: created.code,
      expiresAt: created.expiresAt.toISOString(),
    });
    return redirect(`/admin/accounts/${created.user.id}`, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)), table: placeRefusals(form.role) });
  }
}

export default function AdminAccounts() {
  const { accounts, options } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <BackHeader back={{ href: "/admin", label: t("admin.title") }} title={t("admin.accounts.title")} />
      <ul className="space-y-2" data-testid="admin-account-list">
        {accounts.map((a) => (
          <li key={a.id} className="card">
            <a href={`/admin/accounts/${a.id}`} className="font-semibold">
              {a.displayName}
            </a>
            {a.active ? null : <span className="ml-2 text-sm text-red-700">{t("admin.status.inactive")}</span>}
            <p className="text-sm text-stone-600">{a.login}</p>
            {a.roles.length ? <p className="text-sm text-stone-500">{a.roles.join(t("common.clauseSeparator"))}</p> : null}
          </li>
        ))}
      </ul>
      <TaskSection id="new-staff" title={t("admin.accounts.create")}>
        <p className="text-sm text-stone-600">{t("admin.accounts.createIntro")}</p>
        <Form method="post" className="space-y-4" noValidate>
          <FormAlert>{errors.form}</FormAlert>
          <Field label={t("auth.displayName")} name="displayName" required defaultValue={values.displayName} error={errors.displayName} />
          <Field label={t("auth.username")} hint={t("admin.accounts.usernameHint")} name="username" autoCapitalize="none" defaultValue={values.username} error={errors.username} />
          <Field label={t("auth.phone")} name="phone" type="tel" inputMode="tel" defaultValue={values.phone} error={errors.phone} />
          <RolePicker {...options} errors={errors} values={values} />
          <button type="submit" className="btn-primary">
            {t("admin.accounts.create")}
          </button>
        </Form>
      </TaskSection>
    </div>
  );
}

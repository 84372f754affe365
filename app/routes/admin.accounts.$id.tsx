import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/form";
import { BackHeader } from "~/components/page-chrome";
import { RolePicker } from "~/components/role-picker";
import { listGrants } from "~/models/identity/access.server";
import { listAuditFor } from "~/models/audit/audit.server";
import { assignRole, removeRole } from "~/models/identity/roles.server";
import { issueSetPasswordCode } from "~/models/identity/set-password-codes.server";
import { getManagedAccount, setAccountStatus } from "~/models/identity/users.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { flashIssuedCode, takeIssuedCode } from "~/utils/flash.server";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { auditActionLabel } from "~/routes-support/audit-words";
import { getTranslate } from "~/utils/i18n.server";
import { roleLabel } from "~/routes-support/admin/labels";
import { placeFor, placeRefusals, refineRolePlace, RoleFields, rolePickerOptions, uuidField } from "~/routes-support/admin/staff-forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";

export const handle = { access: countyAdminAccess("admin:accounts"), hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { id } = parseParams(params, { id: param.uuid });
  const { lang, t } = getTranslate(request);
  const account = found(await getManagedAccount(context.db, { userId: id, countyIds }));
  const [grants, history, options] = await Promise.all([
    listGrants(context.db, { userId: account.id }),
    listAuditFor(context.db, { recordType: "user", recordId: account.id, limit: 20 }),
    rolePickerOptions(context.db, countyIds, lang, t),
  ]);
  const { issued, clear } = await takeIssuedCode(request, context.env, account.id);
  const origin = context.env.PUBLIC_URL ? new URL(context.env.PUBLIC_URL).origin : new URL(request.url).origin;
  return data(
    {
      account: {
        id: account.id,
        displayName: account.displayName,
        username: account.username,
        phone: account.phone,
        active: account.status === "active",
        hasPassword: account.passwordChangedAt !== null,
      },
      grants: grants.map((g) => ({ id: g.id, label: g.placeNameZh ? `${roleLabel(t, g.role)} · ${pick(lang, g.placeNameZh, g.placeNameEn)}` : roleLabel(t, g.role) })),
      history: history.map((h) => ({ id: h.id, at: h.at.toISOString(), action: h.action })),
      issued: issued
        ? { code: issued.code, link: `${origin}/set-password?code=${encodeURIComponent(issued.code)}`, expiresAt: issued.expiresAt }
        : null,
      options,
      meta: { title: `${account.displayName} · ${t("admin.accounts.title")} · ${t("app.name")}` },
    },
    // No shared cache keeps this page: the root marks every signed-in page private, no-store.
    { headers: clear ? { "Set-Cookie": clear } : {} },
  );
}

export const meta = routeMeta;

const AccountForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("assign"), ...RoleFields }).superRefine((value, ctx) => refineRolePlace(value, ctx)),
  z.object({ intent: z.literal("remove-role"), assignmentId: uuidField() }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("issue-code") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { id } = parseParams(params, { id: param.uuid });
  const { lang, t } = getTranslate(request);
  const account = found(await getManagedAccount(context.db, { userId: id, countyIds }));
  const formData = await readFormData(request);
  const parsed = parseForm(AccountForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  const back = `/admin/accounts/${account.id}`;
  try {
    switch (form.intent) {
      case "assign":
        await assignRole(context.db, { actorUserId: user.id, userId: account.id, role: form.role, placeId: placeFor(form, countyIds), countyIds });
        return redirect(back);
      case "remove-role":
        await removeRole(context.db, { actorUserId: user.id, userId: account.id, assignmentId: form.assignmentId, countyIds });
        return redirect(back);
      case "deactivate":
      case "reactivate":
        await setAccountStatus(context.db, { actorUserId: user.id, userId: account.id, status: form.intent === "deactivate" ? "inactive" : "active", countyIds });
        return redirect(back);
      case "issue-code": {
        const { code, expiresAt } = await issueSetPasswordCode(context.db, { userId: account.id, actorUserId: user.id });
        const cookie = await flashIssuedCode(context.env, { userId: account.id, code, expiresAt: expiresAt.toISOString() });
        return redirect(back, { headers: { "Set-Cookie": cookie } });
      }
      default: {
        const exhaustive: never = form;
        throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)), table: placeRefusals(formData.get("role")) });
  }
}

export default function AdminAccount() {
  const { account, grants, history, issued, options } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6">
      <BackHeader back={{ href: "/admin/accounts", label: t("admin.accounts.title") }} title={account.displayName}>
        <p className="text-stone-600">
          {[account.username, account.phone].filter(Boolean).join(" · ")} ·{" "}
          {account.active ? t("admin.status.active") : t("admin.status.inactive")}
          {account.hasPassword ? null : ` · ${t("admin.accounts.noPasswordYet")}`}
        </p>
      </BackHeader>
      <FormAlert>{errors.form}</FormAlert>
      {issued ? (
        <section className="card space-y-2 border-brand-600" aria-labelledby="issued" data-testid="issued-code">
          <h2 id="issued" className="text-lg font-semibold">
            {t("admin.accounts.codeTitle")}
          </h2>
          <p className="font-mono text-2xl tracking-wider">{issued.code}</p>
          <p className="break-all text-sm">
            <a href={issued.link}>{issued.link}</a>
          </p>
          <p className="text-sm text-stone-600">{t("admin.accounts.codeNote", { expires: dateTime.format(new Date(issued.expiresAt)) })}</p>
        </section>
      ) : null}
      <section className="card space-y-3" aria-labelledby="roles">
        <h2 id="roles" className="text-lg font-semibold">
          {t("account.roles")}
        </h2>
        {grants.length === 0 ? <p className="text-stone-500">{t("account.noRoles")}</p> : null}
        <ul className="space-y-2">
          {grants.map((g) => (
            <li key={g.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>{g.label}</span>
              <Form method="post">
                <input type="hidden" name="assignmentId" value={g.id} />
                <button type="submit" name="intent" value="remove-role" className="btn-quiet min-h-[40px] py-1 text-sm">
                  {t("admin.accounts.removeRole")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="space-y-4 border-t border-stone-100 pt-3" noValidate>
          <input type="hidden" name="intent" value="assign" />
          <RolePicker {...options} errors={errors} values={values.intent === "assign" ? values : {}} />
          <button type="submit" className="btn-primary">
            {t("admin.accounts.assign")}
          </button>
        </Form>
      </section>
      <section className="card flex flex-wrap gap-3" aria-label={t("admin.accounts.actions")}>
        <Form method="post">
          <button type="submit" name="intent" value="issue-code" className="btn-quiet" disabled={!account.active}>
            {t("admin.accounts.issueCode")}
          </button>
        </Form>
        <Form method="post">
          <button type="submit" name="intent" value={account.active ? "deactivate" : "reactivate"} className="btn-quiet">
            {account.active ? t("admin.accounts.deactivate") : t("admin.accounts.reactivate")}
          </button>
        </Form>
      </section>
      <section className="space-y-2" aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          {t("admin.accounts.history")}
        </h2>
        <ul className="text-sm text-stone-600">
          {history.map((h) => (
            <li key={h.id}>
              {dateTime.format(new Date(h.at))} · <span data-testid="history-action">{auditActionLabel(t, h.action)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField } from "~/components/form";
import { BackHeader, TaskSection } from "~/components/page-chrome";
import { isUuid } from "~/domain/ids";
import { createApiKey, listApiKeys, listPartnerChoices, revokeApiKey } from "~/models/partners/api-keys.server";
import { refuse } from "~/routes-support/refusals.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { flashNewKey, takeNewKey } from "~/utils/flash.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm, requiredText } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: countyAdminAccess("admin:accounts"), hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { lang, t } = getTranslate(request);
  const [keys, partners, { created, clear }] = await Promise.all([
    listApiKeys(context.db, { countyIds }),
    listPartnerChoices(context.db, { countyIds }),
    takeNewKey(request, context.env),
  ]);
  return data(
    {
      keys: keys.map((k) => ({
        id: k.id,
        partner: pick(lang, k.partnerNameZh, k.partnerNameEn),
        label: k.label,
        prefix: k.prefix,
        ratePerMinute: k.ratePerMinute,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
      partners: partners.filter((p) => p.status === "active").map((p) => ({ id: p.id, name: pick(lang, p.nameZh, p.nameEn) })),
      // Shown only if it is one of this admin's keys (the list is scoped by county).
      created: created && keys.some((k) => k.id === created.keyId) ? created.key : null,
      meta: { title: `${t("partnerPortal.keys.title")} · ${t("app.name")}` },
    },
    { headers: clear ? { "Set-Cookie": clear } : {} },
  );
}

export const meta = routeMeta;

const uuid = () => z.string({ error: "validation.required" }).refine(isUuid, "validation.required");

const KeyForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    partnerId: uuid(),
    label: requiredText(60),
    ratePerMinute: z.coerce.number({ error: "validation.invalid" }).int("validation.invalid").min(1, "validation.invalid").max(6000, "validation.invalid"),
  }),
  z.object({ intent: z.literal("revoke"), keyId: uuid() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:accounts");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(KeyForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  try {
    switch (form.intent) {
      case "create": {
        const made = await createApiKey(context.db, { partnerId: form.partnerId, label: form.label, ratePerMinute: form.ratePerMinute, actorUserId: user.id, countyIds });
        return redirect("/admin/partner-keys", { headers: { "Set-Cookie": await flashNewKey(context.env, { keyId: made.id, key: made.key }) } });
      }
      case "revoke":
        await revokeApiKey(context.db, { keyId: form.keyId, actorUserId: user.id, countyIds });
        return redirect("/admin/partner-keys");
      default: {
        const exhaustive: never = form;
        throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
}

export default function PartnerKeys() {
  const { keys, partners, created } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" });
  return (
    <div className="space-y-6">
      <BackHeader back={{ href: "/admin", label: t("admin.title") }} title={t("partnerPortal.keys.title")}>
        <p className="text-stone-600">{t("partnerPortal.keys.intro")}</p>
        <p className="text-sm">
          <a href="/api/v1/openapi.json">{t("partnerPortal.keys.docs")}</a>
        </p>
      </BackHeader>
      <FormAlert>{errors.form}</FormAlert>
      {created ? (
        <section className="card space-y-2 border-brand-600" aria-labelledby="new-key" data-testid="new-api-key">
          <h2 id="new-key" className="text-lg font-semibold">
            {t("partnerPortal.keys.newTitle")}
          </h2>
          <p className="break-all font-mono text-lg">{created}</p>
          <p className="text-sm text-stone-600">{t("partnerPortal.keys.newNote")}</p>
        </section>
      ) : null}
      {keys.length === 0 ? <p className="text-stone-500">{t("partnerPortal.keys.none")}</p> : null}
      <ul className="space-y-2" data-testid="api-key-list">
        {keys.map((k) => (
          <li key={k.id} className="card flex flex-wrap items-center justify-between gap-2">
            <div>
              <p className="font-semibold">
                {k.partner} · {k.label}
              </p>
              <p className="text-sm text-stone-600">
                {t("partnerPortal.keys.prefix")} <code>{k.prefix}…</code> · {k.ratePerMinute}/min · {t("partnerPortal.keys.createdAt", { date: dateTime.format(new Date(k.createdAt)) })} ·{" "}
                {k.lastUsedAt ? t("partnerPortal.keys.lastUsed", { date: dateTime.format(new Date(k.lastUsedAt)) }) : t("partnerPortal.keys.neverUsed")}
              </p>
              {k.revokedAt ? <p className="text-sm text-red-700">{t("partnerPortal.keys.revoked", { date: dateTime.format(new Date(k.revokedAt)) })}</p> : null}
            </div>
            {k.revokedAt ? null : (
              <Form method="post">
                <input type="hidden" name="keyId" value={k.id} />
                <button type="submit" name="intent" value="revoke" className="btn-quiet min-h-[40px] py-1 text-sm">
                  {t("partnerPortal.keys.revoke")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <TaskSection id="create-key" title={t("partnerPortal.keys.create")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <SelectField label={t("partnerPortal.admin.partner")} name="partnerId" defaultValue={values.partnerId ?? ""} error={errors.partnerId} required>
            <option value="">{t("admin.choose")}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <Field label={t("partnerPortal.keys.label")} hint={t("partnerPortal.keys.labelHint")} name="label" required defaultValue={values.label} error={errors.label} />
          <Field label={t("partnerPortal.keys.rate")} name="ratePerMinute" inputMode="numeric" defaultValue={values.ratePerMinute ?? "120"} error={errors.ratePerMinute} />
          <button type="submit" className="btn-primary">
            {t("partnerPortal.keys.create")}
          </button>
        </Form>
      </TaskSection>
    </div>
  );
}

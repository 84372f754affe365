import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PartnerFields } from "~/components/partner-fields";
import { createPartner, listPartners } from "~/models/partners/partners.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { type MessageKey, pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { PartnerForm } from "~/routes-support/partners/forms";
import { partnerRefusal } from "~/routes-support/partners/statements.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

/** The county's partner companies, and registering a new one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const partners = (await Promise.all(countyIds.map((countyId) => listPartners(context.db, { countyId })))).flat();
  return {
    partners: partners.map((p) => ({
      id: p.id,
      name: pick(lang, p.nameZh, p.nameEn || p.nameZh),
      kind: t(`partners.kind.${p.kind}` as MessageKey),
      mode: t(`partners.mode.${p.mode}` as MessageKey),
      status: t(`partners.status.${p.status}` as MessageKey),
      contact: `${p.contactName} ${p.contactPhone}`.trim(),
    })),
    meta: { title: `${t("partners.title")} · ${t("app.name")}` },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [{ title: data.meta.title }] : []);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(PartnerForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status: _status, ...input } = parsed.data;
  try {
    const partner = await createPartner(context.db, { countyId: countyIds[0]!, input, actorUserId: user.id });
    return redirect(`/admin/partners/${partner.id}`);
  } catch (error) {
    const refused = partnerRefusal(error, t, keptValues(formValues(formData)));
    if (refused) return refused;
    throw error;
  }
}

export default function AdminPartners() {
  const { partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <header>
        <a href="/admin" className="text-sm">
          {t("admin.title")}
        </a>
        <h1 className="text-2xl font-bold">{t("partners.title")}</h1>
      </header>
      {partners.length === 0 ? <p>{t("partners.none")}</p> : null}
      <ul className="space-y-2" data-testid="admin-partners">
        {partners.map((p) => (
          <li key={p.id} className="card">
            <a href={`/admin/partners/${p.id}`} className="font-semibold">
              {p.name}
            </a>
            <span className="block text-sm text-stone-600">
              {p.kind} · {p.mode} · {p.status} {p.contact ? `· ${p.contact}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("partners.create")}</h2>
        <FormAlert>{actionData?.errors.form}</FormAlert>
        <Form method="post" className="space-y-3" noValidate>
          <PartnerFields values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} />
          <button type="submit" className="btn-primary">
            {t("partners.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

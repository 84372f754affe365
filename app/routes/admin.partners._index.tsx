import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PartnerFields } from "~/components/partner-fields";
import { createPartner, listPartners } from "~/models/partners/partners.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { PartnerForm } from "~/routes-support/partners/forms";
import { PARTNER_KIND_LABELS, PARTNER_MODE_LABELS, PARTNER_STATUS_LABELS } from "~/routes-support/partners/labels";
import { refuse } from "~/routes-support/refusals.server";

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
      kind: t(PARTNER_KIND_LABELS[p.kind]),
      mode: t(PARTNER_MODE_LABELS[p.mode]),
      status: t(PARTNER_STATUS_LABELS[p.status]),
      contact: `${p.contactName} ${p.contactPhone}`.trim(),
    })),
    meta: { title: `${t("partners.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(PartnerForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status: _status, ...input } = parsed.data;
  try {
    const partner = await createPartner(context.db, { countyId: countyIds[0]!, input, actorUserId: user.id });
    return redirect(`/admin/partners/${partner.id}`);
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
}

export default function AdminPartners() {
  const { partners } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
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
        <FormAlert>{errors.form}</FormAlert>
        <Form method="post" className="space-y-3" noValidate>
          <PartnerFields values={values} errors={errors} />
          <button type="submit" className="btn-primary">
            {t("partners.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField, TextAreaField } from "~/components/form";
import { PartnerFields } from "~/components/partner-fields";
import { rateToPercent } from "~/domain/catalog";
import { REMITTANCE_SCHEDULES } from "~/domain/partners";
import { unitLabel } from "~/domain/units";
import { getPartner, getStationTerms, listPartnerStations, setStationTerms, updatePartner } from "~/models/partners/partners.server";
import { listStationsForAdmin } from "~/models/stations/stations.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { PartnerForm, TermsForm, parsePriceLines } from "~/routes-support/partners/forms";
import { SCHEDULE_LABELS, termsSummary } from "~/routes-support/partners/labels";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

async function load({ request, params, context }: LoaderFunctionArgs) {
  const admin = await requireCountyAdmin(request, context, "admin:stations");
  const { id } = parseParams(params, { id: param.uuid });
  const partner = found(await getPartner(context.db, { partnerId: id }));
  if (!admin.countyIds.includes(partner.countyId)) throw new Response("Not found", { status: 404 });
  return { ...admin, partner };
}

/** One partner: its details and status, and the terms agreed with each station. */
export async function loader(args: LoaderFunctionArgs) {
  const { partner, countyIds } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const db = args.context.db;
  const stations = (await listStationsForAdmin(db, { countyIds })).filter((s) => s.county.id === partner.countyId);
  const agreed = await listPartnerStations(db, { partnerId: partner.id });
  const terms = await Promise.all(
    agreed.map(async (a) => {
      const full = (await getStationTerms(db, { partnerId: partner.id, stationId: a.stationId }))!;
      return {
        stationId: a.stationId,
        station: pick(lang, a.nameZh, a.nameEn),
        ratePercent: rateToPercent(full.commissionRate),
        days: String(full.paymentTermsDays),
        schedule: full.remittanceSchedule,
        summary: termsSummary(t, full),
        prices: full.prices.map((p) => `${p.produceKey} ${unitLabel(p.unit, lang)} ${p.unitPrice}`).join("\n"),
      };
    }),
  );
  const { createdAt: _c, updatedAt: _u, createdBy: _b, ...details } = partner;
  return {
    partner: details,
    stations: stations.map((s) => ({ id: s.station.id, name: pick(lang, s.station.nameZh, s.station.nameEn) })),
    terms,
    meta: { title: `${pick(lang, partner.nameZh, partner.nameEn)} · ${t("partners.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const Intent = z.object({ intent: z.enum(["details", "terms"], { error: "validation.invalid" }) });

export async function action(args: ActionFunctionArgs) {
  const { partner, user, countyIds } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const db = args.context.db;
  const formData = await readFormData(args.request);
  const values = keptValues(formValues(formData));
  const intent = parseForm(Intent, formData, t);
  if (!intent.ok) return data({ errors: intent.errors, values }, { status: 400 });
  try {
    switch (intent.data.intent) {
      case "details": {
        const parsed = parseForm(PartnerForm, formData, t);
        if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
        const { status, ...input } = parsed.data;
        await updatePartner(db, { countyId: partner.countyId, partnerId: partner.id, input, status, actorUserId: user.id });
        return redirect(`/admin/partners/${partner.id}`);
      }
      case "terms": {
        const parsed = parseForm(TermsForm, formData, t);
        if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
        const stations = await listStationsForAdmin(db, { countyIds });
        if (!stations.some((s) => s.station.id === parsed.data.stationId && s.county.id === partner.countyId)) {
          return data({ errors: { stationId: t("validation.invalid") } as Record<string, string>, values }, { status: 400 });
        }
        const prices = parsePriceLines(parsed.data.prices);
        if (!prices.ok) return data({ errors: { prices: t("partners.error.prices", { line: prices.line }) } as Record<string, string>, values }, { status: 400 });
        const { stationId, ratePercent: commissionRate, days, schedule } = parsed.data;
        await setStationTerms(db, {
          partnerId: partner.id,
          stationId,
          actorUserId: user.id,
          terms: { commissionRate, paymentTermsDays: Number(days), remittanceSchedule: schedule, prices: prices.prices },
        });
        return redirect(`/admin/partners/${partner.id}`);
      }
      default: {
        const exhaustive: never = intent.data.intent;
        throw new Error(`unhandled intent ${String(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values });
  }
}

export default function AdminPartner() {
  const { partner, stations, terms } = useLoaderData<typeof loader>();
  const { errors, values: typed } = useFormFeedback();
  const { lang, t } = useI18n();
  const isTerms = typed.intent === "terms";
  // The details form shows what was typed after a refused post of it, else the partner as stored.
  const details: Record<string, string | undefined> = typed.intent === "details" ? typed : { ...partner };
  return (
    <div className="space-y-6">
      <header>
        <a href="/admin/partners" className="text-sm">
          {t("partners.title")}
        </a>
        <h1 className="text-2xl font-bold">{pick(lang, partner.nameZh, partner.nameEn)}</h1>
        <a href={`/admin/partners/${partner.id}/statement`}>{t("partners.statement.title")}</a>
      </header>
      <FormAlert>{errors.form}</FormAlert>
      <section className="card space-y-3">
        <Form method="post" className="space-y-3" noValidate>
          <input type="hidden" name="intent" value="details" />
          <PartnerFields values={details} errors={isTerms ? {} : errors} withStatus />
          <button type="submit" className="btn-primary">
            {t("partners.save")}
          </button>
        </Form>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("partners.terms.title")}</h2>
        {terms.length === 0 ? <p>{t("partners.terms.none")}</p> : null}
        <ul className="space-y-1" data-testid="partner-terms">
          {terms.map((x) => (
            <li key={x.stationId}>
              <strong>{x.station}</strong> · {x.summary}
              {x.prices ? <span className="block whitespace-pre-line text-sm text-stone-600">{x.prices}</span> : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="card grid gap-3 sm:grid-cols-2" noValidate data-testid="terms-form">
          <input type="hidden" name="intent" value="terms" />
          <SelectField label={t("partners.field.station")} name="stationId" defaultValue={isTerms ? typed.stationId : stations[0]?.id} error={isTerms ? errors.stationId : undefined}>
            {stations.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <Field label={t("partners.field.rate")} name="ratePercent" inputMode="decimal" defaultValue={isTerms ? typed.ratePercent : "8"} error={isTerms ? errors.ratePercent : undefined} required />
          <Field label={t("partners.field.days")} name="days" inputMode="numeric" defaultValue={isTerms ? typed.days : "30"} error={isTerms ? errors.days : undefined} required />
          <SelectField label={t("partners.field.schedule")} name="schedule" defaultValue={isTerms ? typed.schedule : "monthly"} error={isTerms ? errors.schedule : undefined}>
            {REMITTANCE_SCHEDULES.map((s) => (
              <option key={s} value={s}>
                {t(SCHEDULE_LABELS[s])}
              </option>
            ))}
          </SelectField>
          <div className="sm:col-span-2">
            <TextAreaField label={t("partners.field.prices")} name="prices" defaultValue={isTerms ? typed.prices : ""} error={isTerms ? errors.prices : undefined} />
          </div>
          <div>
            <button type="submit" className="btn-primary">
              {t("partners.terms.set")}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

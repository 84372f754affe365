import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { PageHeading } from "~/components/page-chrome";
import { rateToPercent } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { pick } from "~/domain/language";
import type { Dec } from "~/domain/money";
import { UPKEEP_KIND_LIST } from "~/domain/upkeep";
import { upkeepRate, setUpkeepRate } from "~/models/committee/upkeep-rules.server";
import { setBudget, upkeepFund } from "~/models/committee/upkeep.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { SettingsForm } from "~/routes-support/committee/upkeep-forms.server";

export const handle = { access: stationAccess("upkeep:write"), hydrate: false };

/** The station's share of commission set aside, and this year's budget per kind. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const [rate, fund] = await Promise.all([upkeepRate(context.db, { stationId }), upkeepFund(context.db, { stationId, from: `${year}-01-01`, to: today })]);
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return {
    stationCode: station.station.code,
    stationName,
    year,
    ratePercent: rateToPercent(rate),
    budgets: Object.fromEntries(fund.budget.rows.map((r) => [r.kind, r.budget])),
    meta: { title: `${t("committee.upkeep.settings")} · ${stationName}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "upkeep:write");
  const { t } = getTranslate(request);
  const parsed = parseForm(SettingsForm, await readFormData(request), t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const stationId = station.station.id;
  const form = parsed.data;
  switch (form.intent) {
    case "rate":
      await setUpkeepRate(context.db, { stationId, rate: form.rate, userId: user.id });
      break;
    case "budget": {
      const amounts = form as unknown as Record<string, Dec>;
      for (const kind of UPKEEP_KIND_LIST) await setBudget(context.db, { stationId, year: form.year, kind, amount: amounts[kind]!, userId: user.id });
      break;
    }
    default: {
      const exhaustive: never = form;
      throw new Error(`unknown intent ${String(exhaustive)}`);
    }
  }
  return redirect(`/stations/${station.station.code}/upkeep?done=settings`);
}

export default function UpkeepSettingsPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }, { href: `/stations/${d.stationCode}/upkeep`, label: t("committee.upkeep.title") }]} title={t("committee.upkeep.settings")} />
      <FormAlert>{errors.form}</FormAlert>
      <Form method="post" className="card space-y-3" noValidate>
        <input type="hidden" name="intent" value="rate" />
        <Field label={t("committee.upkeep.rate")} name="rate" inputMode="decimal" defaultValue={values.rate ?? d.ratePercent} error={errors.rate} />
        <button type="submit" className="btn-primary">
          {t("committee.upkeep.saveRate")}
        </button>
      </Form>
      <Form method="post" className="card space-y-3" noValidate>
        <input type="hidden" name="intent" value="budget" />
        <input type="hidden" name="year" value={d.year} />
        <h2 className="font-semibold">{t("committee.upkeep.budgetFor", { year: d.year })}</h2>
        {UPKEEP_KIND_LIST.map((k) => (
          <Field key={k} label={t(`committee.kind.${k}`)} name={k} inputMode="decimal" defaultValue={values[k] ?? d.budgets[k]} error={errors[k]} />
        ))}
        <button type="submit" className="btn-primary">
          {t("committee.upkeep.saveBudget")}
        </button>
      </Form>
    </div>
  );
}

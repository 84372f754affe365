import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField, TextAreaField } from "~/components/form";
import { PageHeading } from "~/components/page-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { reopeningsInCounties } from "~/models/committee/close-list.server";
import { reopenPeriod } from "~/models/committee/close.server";
import { listStationsForAdmin } from "~/models/stations/stations.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { pick } from "~/domain/language";
import { useFormFeedback } from "~/utils/form-feedback";
import { fieldFailure, formValues, keptValues, parseForm, requiredText } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { REOPEN_REFUSALS } from "~/routes-support/committee/refusals";
import { refuse } from "~/routes-support/refusals.server";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";

export const handle = { access: countyAdminAccess("period:reopen"), hydrate: false };

/** Reopening a closed month: the county admin only, with a reason; the trail of every reopening. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "period:reopen");
  const { lang, t } = getTranslate(request);
  const stations = await listStationsForAdmin(context.db, { countyIds });
  const names = new Map(stations.map(({ station }) => [station.id, pick(lang, station.nameZh, station.nameEn)]));
  const codes = new Map(stations.map(({ station }) => [station.id, station.code]));
  const trail = await reopeningsInCounties(context.db, { stationIds: stations.map(({ station }) => station.id) });
  return {
    stations: stations.map(({ station }) => ({ id: station.id, name: pick(lang, station.nameZh, station.nameEn) })),
    done: new URL(request.url).searchParams.get("done") === "1",
    trail: trail.map((r) => ({
      id: r.id,
      station: names.get(r.stationId) ?? "",
      code: codes.get(r.stationId) ?? "",
      period: r.period.slice(0, 7),
      by: r.by,
      at: r.reopenedAt ? chinaDateTime(r.reopenedAt) : "",
      reason: r.reason ?? "",
    })),
    meta: { title: t("committee.admin.periods.title") },
  };
}

export const meta = routeMeta;

const ReopenForm = z.object({
  stationId: z.string().uuid("validation.required"),
  period: z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "committee.close.error.BAD_PERIOD"),
  reason: requiredText(200),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "period:reopen");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(ReopenForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const stations = await listStationsForAdmin(context.db, { countyIds });
  if (!stations.some(({ station }) => station.id === parsed.data.stationId)) return data(fieldFailure(formData, "stationId", t("validation.invalid")), { status: 400 });
  try {
    await reopenPeriod(context.db, { stationId: parsed.data.stationId, period: parsed.data.period, userId: user.id, reason: parsed.data.reason });
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)), table: REOPEN_REFUSALS });
  }
  return redirect("/admin/periods?done=1");
}

export default function AdminPeriodsPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: "/admin", label: t("admin.title") }]} title={t("committee.admin.periods.title")} intro={t("committee.admin.periods.intro")} />
      {d.done ? <FormAlert tone="success">{t("committee.admin.periods.done")}</FormAlert> : null}
      <Form method="post" className="card space-y-3" noValidate>
        <SelectField label={t("committee.admin.periods.station")} name="stationId" defaultValue={values.stationId ?? ""} error={errors.stationId}>
          <option value="">—</option>
          {d.stations.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <Field label={t("committee.admin.periods.month")} name="period" defaultValue={values.period} error={errors.period} />
        <TextAreaField label={t("committee.admin.periods.reason")} name="reason" defaultValue={values.reason} error={errors.reason} />
        <button type="submit" className="btn-primary">
          {t("committee.admin.periods.submit")}
        </button>
      </Form>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("committee.admin.periods.trail")}</h2>
        {d.trail.length === 0 ? <p className="text-stone-600">{t("committee.admin.periods.none")}</p> : null}
        <ul className="space-y-1 text-sm">
          {d.trail.map((r) => (
            <li key={r.id} className="card">
              <a href={`/stations/${r.code}/close/${r.period}`}>
                {r.station} {r.period}
              </a>{" "}
              · {t("committee.close.reopenedBy", { name: r.by, at: r.at, reason: r.reason })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField } from "~/components/form";
import { BackHeader, TaskSection } from "~/components/page-chrome";
import { listStationsForAdmin, listTownshipsWithVillages, addVillage, openStation, setStationStatus } from "~/models/stations/stations.server";
import { countyAdminAccess } from "~/utils/access";
import { requireCountyAdmin } from "~/utils/auth.server";
import { formValues, keptValues, parseForm, requiredText } from "~/utils/forms";
import { useFormFeedback } from "~/utils/form-feedback";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";
import { uuidField } from "~/routes-support/admin/staff-forms.server";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: countyAdminAccess("admin:stations"), hydrate: false };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const [stations, townships] = await Promise.all([
    listStationsForAdmin(context.db, { countyIds }),
    listTownshipsWithVillages(context.db, { countyIds }),
  ]);
  return {
    stations: stations.map(({ station, village, township }) => ({
      id: station.id,
      code: station.code,
      name: pick(lang, station.nameZh, station.nameEn),
      place: `${pick(lang, township.nameZh, township.nameEn)} · ${pick(lang, village.nameZh, village.nameEn)}`,
      active: station.status === "active",
    })),
    townships: townships.map((tw) => ({
      id: tw.id,
      name: pick(lang, tw.nameZh, tw.nameEn),
      villages: tw.villages.map((v) => ({ id: v.id, name: pick(lang, v.nameZh, v.nameEn) })),
    })),
    meta: { title: `${t("admin.stations.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const code = () => requiredText(40).regex(/^[a-z0-9-]{2,40}$/, "validation.code");

const StationsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create-station"), villageId: uuidField(), code: code(), nameZh: requiredText(60), nameEn: requiredText(100) }),
  z.object({ intent: z.literal("create-village"), townshipId: uuidField(), villageCode: code(), villageNameZh: requiredText(40), villageNameEn: requiredText(80) }),
  z.object({ intent: z.literal("deactivate"), stationId: uuidField() }),
  z.object({ intent: z.literal("reactivate"), stationId: uuidField() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, countyIds } = await requireCountyAdmin(request, context, "admin:stations");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(StationsForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  const actorUserId = user.id;
  try {
    switch (form.intent) {
      case "create-station":
        await openStation(context.db, { actorUserId, countyIds, villageId: form.villageId, code: form.code, nameZh: form.nameZh, nameEn: form.nameEn });
        break;
      case "create-village":
        await addVillage(context.db, {
          actorUserId,
          countyIds,
          townshipId: form.townshipId,
          code: form.villageCode,
          nameZh: form.villageNameZh,
          nameEn: form.villageNameEn,
        });
        break;
      case "deactivate":
      case "reactivate":
        await setStationStatus(context.db, { actorUserId, countyIds, stationId: form.stationId, status: form.intent === "deactivate" ? "inactive" : "active" });
        break;
      default: {
        const exhaustive: never = form;
        throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
  return redirect("/admin/stations");
}

export default function AdminStations() {
  const { stations, townships } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  const failed = values.intent;
  return (
    <div className="space-y-6">
      <BackHeader back={{ href: "/admin", label: t("admin.title") }} title={t("admin.stations.title")} />
      <ul className="space-y-2" data-testid="admin-station-list">
        {stations.map((s) => (
          <li key={s.id} className="card flex flex-wrap items-center justify-between gap-2">
            <div>
              <a href={`/stations/${s.code}/manage`} className="font-semibold">
                {s.name}
              </a>
              <p className="text-sm text-stone-600">
                {s.place} · <code>{s.code}</code> · {s.active ? t("admin.status.active") : t("admin.status.inactive")}
              </p>
            </div>
            <Form method="post">
              <input type="hidden" name="stationId" value={s.id} />
              <button type="submit" name="intent" value={s.active ? "deactivate" : "reactivate"} className="btn-quiet">
                {s.active ? t("admin.stations.deactivate") : t("admin.stations.reactivate")}
              </button>
            </Form>
          </li>
        ))}
      </ul>

      <TaskSection id="new-station" title={t("admin.stations.create")}>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="create-station" />
          <SelectField label={t("station.village")} name="villageId" defaultValue={failed === "create-station" ? values.villageId : ""} error={failed === "create-station" ? errors.villageId : undefined} required>
            <option value="">{t("admin.choose")}</option>
            {townships.map((tw) => (
              <optgroup key={tw.id} label={tw.name}>
                {tw.villages.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <Field label={t("admin.stations.code")} hint={t("admin.codeHint")} name="code" autoCapitalize="none" required defaultValue={failed === "create-station" ? values.code : ""} error={failed === "create-station" ? errors.code : undefined} />
          <Field label={t("admin.nameZh")} name="nameZh" required defaultValue={failed === "create-station" ? values.nameZh : ""} error={failed === "create-station" ? errors.nameZh : undefined} />
          <Field label={t("admin.nameEn")} name="nameEn" required defaultValue={failed === "create-station" ? values.nameEn : ""} error={failed === "create-station" ? errors.nameEn : undefined} />
          <button type="submit" className="btn-primary">
            {t("admin.stations.create")}
          </button>
        </Form>
      </TaskSection>

      <TaskSection id="new-village" title={t("admin.villages.create")}>
        {failed === "create-village" ? <FormAlert>{errors.form}</FormAlert> : null}
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="create-village" />
          <SelectField label={t("station.township")} name="townshipId" defaultValue={failed === "create-village" ? values.townshipId : ""} error={failed === "create-village" ? errors.townshipId : undefined} required>
            <option value="">{t("admin.choose")}</option>
            {townships.map((tw) => (
              <option key={tw.id} value={tw.id}>
                {tw.name}
              </option>
            ))}
          </SelectField>
          <Field label={t("admin.villages.code")} hint={t("admin.codeHint")} name="villageCode" autoCapitalize="none" required defaultValue={failed === "create-village" ? values.villageCode : ""} error={failed === "create-village" ? errors.villageCode : undefined} />
          <Field label={t("admin.nameZh")} name="villageNameZh" required defaultValue={failed === "create-village" ? values.villageNameZh : ""} error={failed === "create-village" ? errors.villageNameZh : undefined} />
          <Field label={t("admin.nameEn")} name="villageNameEn" required defaultValue={failed === "create-village" ? values.villageNameEn : ""} error={failed === "create-village" ? errors.villageNameEn : undefined} />
          <button type="submit" className="btn-quiet">
            {t("admin.villages.create")}
          </button>
        </Form>
      </TaskSection>
    </div>
  );
}

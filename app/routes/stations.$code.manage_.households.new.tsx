import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HouseholdForm } from "~/components/household-form";
import { ManageHeader } from "~/components/manage-chrome";
import { createHousehold, getHouseholdByKey } from "~/models/households/households.server";
import { HouseholdForm as HouseholdSchema } from "~/routes-support/goods/forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM, formEntryKey, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("households:write"), hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "households:write");
  const { lang, t } = getTranslate(request);
  // The entry's key is in the URL: after saving, Back or reload shows the household it made.
  const entry = requireEntryKey(request);
  const made = await getHouseholdByKey(context.db, { stationId: station.station.id, idempotencyKey: entry });
  if (made) throw redirect(`/stations/${station.station.code}/manage/households/${made.id}?${ALREADY_PARAM}=1`);
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    idempotencyKey: entry,
    meta: { title: `${t("households.new.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "households:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(HouseholdSchema, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status: _status, ...input } = parsed.data;
  const idempotencyKey = formEntryKey(formData);
  const made = idempotencyKey ? await getHouseholdByKey(context.db, { stationId: station.station.id, idempotencyKey }) : null;
  if (made) return redirect(`/stations/${station.station.code}/manage/households/${made.id}?${ALREADY_PARAM}=1`);
  try {
    const household = await createHousehold(context.db, { actorUserId: user.id, stationId: station.station.id, input, idempotencyKey });
    return redirect(`/stations/${station.station.code}/manage/households/${household.id}?saved=1`);
  } catch (error) {
    return refuse(error, { t, lang, formData });
  }
}

export default function NewHousehold() {
  const { station, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <ManageHeader
        stationCode={station.code}
        stationName={station.name}
        title={t("households.new.title")}
        back={{ href: `/stations/${station.code}/manage/households`, label: t("goods.nav.households") }}
      />
      <HouseholdForm values={values} errors={errors} maskedAccount={null} submitLabel={t("households.new.submit")} showStatus={false} idempotencyKey={values.idempotencyKey ?? idempotencyKey} />
    </div>
  );
}

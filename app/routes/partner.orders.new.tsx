import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert, SelectField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { PartnerHeader } from "~/components/partner-chrome";
import { createBulkOrder, getBulkOrderIdByKey } from "~/models/partners/bulk-orders.server";
import { resolvePartnerStation } from "~/models/partners/api.server";
import { listAvailableProduce, listPartnerStations } from "~/models/partners/partners.server";
import { partnerAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues } from "~/utils/forms";
import { formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { ALREADY_PARAM, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { parsePortalOrder } from "~/routes-support/partners/order-form.server";
import { partnerPage } from "~/routes-support/partners/portal.server";
import { PARTNER_ORDER_REFUSALS } from "~/routes-support/partners/refusals";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: partnerAccess("partner:order"), hydrate: false };

const LINE_ROWS = 3;

/** Step 1 picks a station (a GET form); step 2 names produce, quantities and prices from what that station's households hold. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, lang, t } = await partnerPage(request, context, "partner:order");
  // The order's key is in the URL: after placing it, Back or reload shows the order it placed.
  const entry = requireEntryKey(request);
  const placed = await getBulkOrderIdByKey(context.db, { partnerId: partner.id, idempotencyKey: `portal:${entry}` });
  if (placed) throw redirect(`/partner/orders/${placed}?${ALREADY_PARAM}=1`);
  const stations = await listPartnerStations(context.db, { partnerId: partner.id });
  const chosen = stations.find((s) => s.code === new URL(request.url).searchParams.get("station")) ?? null;
  const produce = chosen ? await listAvailableProduce(context.db, { countyId: partner.countyId, stationCode: chosen.code }) : [];
  return {
    partnerName,
    stations: stations.map((s) => ({ code: s.code, name: pick(lang, s.nameZh, s.nameEn) })),
    station: chosen ? { code: chosen.code, name: pick(lang, chosen.nameZh, chosen.nameEn) } : null,
    produce: produce.map((p) => ({
      key: p.productKey,
      label: t("partnerPortal.new.available", { name: pick(lang, p.nameZh, p.nameEn), quantity: formatQty(p.available, p.unit, lang), households: p.households }),
    })),
    idempotencyKey: entry,
    meta: { title: `${t("partnerPortal.new.title")} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, partner, lang, t } = await partnerPage(request, context, "partner:order");
  const formData = await readFormData(request);
  const parsed = parsePortalOrder(formData, LINE_ROWS, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: keptValues(formValues(formData)) }, { status: 400 });
  const placed = await getBulkOrderIdByKey(context.db, { partnerId: partner.id, idempotencyKey: `portal:${parsed.idempotencyKey}` });
  if (placed) return redirect(`/partner/orders/${placed}?${ALREADY_PARAM}=1`);
  try {
    const stationId = await resolvePartnerStation(context.db, { partnerId: partner.id, stationCode: parsed.order.stationCode });
    const order = await createBulkOrder(context.db, {
      partnerId: partner.id,
      stationId,
      deliveryDate: parsed.order.deliveryDate,
      lines: parsed.order.lines,
      placedByUserId: user.id,
      idempotencyKey: `portal:${parsed.idempotencyKey}`,
    });
    return redirect(`/partner/orders/${order.id}`);
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)), table: PARTNER_ORDER_REFUSALS });
  }
}

export default function NewPartnerOrder() {
  const { partnerName, stations, station, produce, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.new.title")} back={{ href: "/partner", label: t("partnerPortal.nav.orders") }} />
      <p className="text-stone-600">{t("partnerPortal.new.intro")}</p>
      {stations.length === 0 ? <p className="text-stone-500">{t("partnerPortal.new.noStations")}</p> : null}
      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <SelectField label={t("partnerPortal.orders.station")} name="station" defaultValue={station?.code ?? ""}>
          <option value="">{t("admin.choose")}</option>
          {stations.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="btn-quiet">
          {t("partnerPortal.new.chooseStation")}
        </button>
      </Form>
      {station && produce.length === 0 ? <p className="text-stone-500">{t("partnerPortal.new.noProduce")}</p> : null}
      {station && produce.length > 0 ? (
        <Form method="post" className="card space-y-4" noValidate>
          <FormAlert>{errors.form ?? errors.lines ?? errors.stationCode}</FormAlert>
          <input type="hidden" name="stationCode" value={station.code} />
          <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
          <p className="font-semibold">{station.name}</p>
          <Field label={t("partnerPortal.orders.deliveryDate")} name="deliveryDate" type="date" required defaultValue={values.deliveryDate} error={errors.deliveryDate} />
          {Array.from({ length: LINE_ROWS }, (_, i) => (
            <fieldset key={i} className="space-y-2 border-t border-stone-100 pt-3">
              <legend className="text-sm text-stone-500">{t("partnerPortal.new.line", { n: i + 1 })}</legend>
              <SelectField label={t("partnerPortal.orders.produce")} name={`lines.${i}.productKey`} defaultValue={values[`lines.${i}.productKey`] ?? ""} error={errors[`lines.${i}.productKey`]}>
                <option value="">—</option>
                {produce.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label}
                  </option>
                ))}
              </SelectField>
              <Field label={t("partnerPortal.orders.quantity")} name={`lines.${i}.quantity`} inputMode="decimal" defaultValue={values[`lines.${i}.quantity`]} error={errors[`lines.${i}.quantity`]} />
              <Field label={t("partnerPortal.orders.unitPrice")} name={`lines.${i}.unitPrice`} inputMode="decimal" defaultValue={values[`lines.${i}.unitPrice`]} error={errors[`lines.${i}.unitPrice`]} />
            </fieldset>
          ))}
          <button type="submit" className="btn-primary">
            {t("partnerPortal.new.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

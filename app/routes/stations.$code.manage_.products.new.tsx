import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ManageHeader } from "~/components/manage-chrome";
import { ProductForm } from "~/components/product-form";
import { rateToPercent } from "~/domain/catalog";
import { getDefaultCommissionRate } from "~/models/catalog/settings.server";
import { listHouseholds } from "~/models/households/households.server";
import { createProduct, getProductByKey } from "~/models/catalog/products.server";
import { storeUpload } from "~/routes-support/goods/actions.server";
import { ProductForm as ProductSchema } from "~/routes-support/goods/forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM, formEntryKey, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { parseFormWithPhoto } from "~/utils/uploads.server";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  // The entry's key is in the URL: after saving, Back or reload shows the product it made.
  const entry = requireEntryKey(request);
  const made = await getProductByKey(context.db, { stationId, idempotencyKey: entry });
  if (made) throw redirect(`/stations/${station.station.code}/manage/products/${made.id}?${ALREADY_PARAM}=1`);
  const [households, rate] = await Promise.all([
    listHouseholds(context.db, { stationId, status: "active" }),
    getDefaultCommissionRate(context.db, { stationId }),
  ]);
  const preselected = new URL(request.url).searchParams.get("household");
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    households: households.map(({ household: h }) => ({ id: h.id, label: h.villageGroup ? t("common.parenthesized", { text: h.headName, inner: h.villageGroup }) : h.headName })),
    preselected: households.some((h) => h.household.id === preselected) ? preselected : null,
    defaultRatePercent: rateToPercent(rate),
    idempotencyKey: entry,
    meta: { title: `${t("goods.new.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const { formData, photo } = await parseFormWithPhoto(request);
  const parsed = parseForm(ProductSchema, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status, ...input } = parsed.data;
  const idempotencyKey = formEntryKey(formData);
  const made = idempotencyKey ? await getProductByKey(context.db, { stationId: station.station.id, idempotencyKey }) : null;
  if (made) return redirect(`/stations/${station.station.code}/manage/products/${made.id}?${ALREADY_PARAM}=1`);
  try {
    const stored = await storeUpload(photo, context.env.dataDir);
    const product = await createProduct(context.db, {
      actorUserId: user.id,
      stationId: station.station.id,
      input,
      status: status ?? "listed",
      photo: stored,
      idempotencyKey,
    });
    return redirect(`/stations/${station.station.code}/manage/products/${product.id}?saved=1`);
  } catch (error) {
    return refuse(error, { t, lang, formData });
  }
}

export default function NewProduct() {
  const { station, households, preselected, defaultRatePercent, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback({ householdId: preselected ?? undefined });
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <ManageHeader
        stationCode={station.code}
        stationName={station.name}
        title={t("goods.new.title")}
        back={{ href: `/stations/${station.code}/manage/products`, label: t("goods.nav.products") }}
      />
      <ProductForm
        values={values}
        errors={errors}
        households={households}
        defaultRatePercent={defaultRatePercent}
        withPhoto
        showStatus
        idempotencyKey={values.idempotencyKey ?? idempotencyKey}
        submitLabel={t("goods.new.submit")}
      />
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { Badge, ManageHeader, Row } from "~/components/manage-chrome";
import { MovementHistory } from "~/components/movement-history";
import { ProductForm } from "~/components/product-form";
import { ProductPhoto } from "~/components/product-photo";
import { bestBefore, chinaDateTime, effectiveCommissionRate, PRODUCT_STATUSES, rateToPercent } from "~/domain/catalog";
import { D } from "~/domain/money";
import type { Permission } from "~/domain/permissions";
import { getDefaultCommissionRate } from "~/models/catalog/settings.server";
import { listHouseholds } from "~/models/households/households.server";
import { addProductPhoto, getProduct, listPhotos, removeProductPhoto, setProductStatus, updateProduct } from "~/models/catalog/products.server";
import { listMovements } from "~/models/catalog/stock.server";
import { storedPhotoView, storeUpload } from "~/routes-support/goods/actions.server";
import { formatPrice, formatQty, OWNER_LABELS, SET_STATUS_LABELS, STATUS_LABELS } from "~/routes-support/goods/format";
import { ProductForm as ProductSchema } from "~/routes-support/goods/forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";
import { parseFormWithPhoto } from "~/utils/uploads.server";

export const handle = { access: stationAccess("station:read"), hydrate: false };

/** A product of this station or 404: an id from another station is simply not here. */
function loadProduct(args: LoaderFunctionArgs, permission: Permission) {
  return requireStationDocument(args, permission, (db, { stationId, id }) => getProduct(db, { stationId, productId: id }), "id");
}

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const {
    access: { station, permissions },
    doc: product,
  } = await loadProduct(args, "station:read");
  const stationId = station.station.id;
  const { lang, t } = getTranslate(request);
  const [photos, movements, households, defaultRate] = await Promise.all([
    listPhotos(context.db, { productId: product.id }),
    listMovements(context.db, { stationId, productId: product.id }),
    listHouseholds(context.db, { stationId }),
    getDefaultCommissionRate(context.db, { stationId }),
  ]);
  const owner = households.find((h) => h.household.id === product.householdId)?.household;
  const name = pick(lang, product.nameZh, product.nameEn);
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    canWrite: permissions.has("goods:write"),
    saved: new URL(request.url).searchParams.get("saved") === "1",
    already: new URL(request.url).searchParams.get(ALREADY_PARAM) === "1",
    product: {
      id: product.id,
      code: product.code,
      name,
      unit: product.unit,
      price: product.price,
      status: product.status,
      onHand: product.onHand,
      reserved: product.reserved,
      available: new D(product.onHand).minus(product.reserved).toFixed(3),
      ownerKind: product.ownerKind,
      owner: owner ? { id: owner.id, name: owner.headName, group: owner.villageGroup } : null,
      commissionPercent: rateToPercent(effectiveCommissionRate(product.commissionRate, defaultRate)),
      commissionOwn: product.commissionRate !== null,
      origin: pick(lang, product.originZh, product.originEn),
      harvestedOn: product.harvestedOn,
      bestBefore: bestBefore(product.harvestedOn, product.shelfLifeDays),
    },
    photos: photos.map((p) => ({ id: p.id, view: storedPhotoView(p) })),
    movements: movements.map((m) => ({
      id: m.id,
      at: chinaDateTime(m.createdAt),
      kind: m.kind,
      onHandDelta: m.onHandDelta,
      reservedDelta: m.reservedDelta,
      onHandAfter: m.onHandAfter,
      reason: m.reason,
      receiptNumber: m.receiptNumber,
    })),
    form: {
      nameZh: product.nameZh,
      nameEn: product.nameEn,
      descriptionZh: product.descriptionZh,
      descriptionEn: product.descriptionEn,
      category: product.category,
      unit: product.unit,
      price: product.price,
      ownerKind: product.ownerKind,
      householdId: product.householdId ?? "",
      commissionPercent: product.commissionRate ? rateToPercent(product.commissionRate) : "",
      originZh: product.originZh,
      originEn: product.originEn,
      harvestedOn: product.harvestedOn ?? "",
      shelfLifeDays: product.shelfLifeDays?.toString() ?? "",
    },
    households: households
      .filter((h) => h.household.status === "active" || h.household.id === product.householdId)
      .map(({ household: h }) => ({ id: h.id, label: h.villageGroup ? t("common.parenthesized", { text: h.headName, inner: h.villageGroup }) : h.headName })),
    defaultRatePercent: rateToPercent(defaultRate),
    meta: { title: `${name} · ${t("goods.list.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("status"), status: z.enum(PRODUCT_STATUSES) }),
  z.object({ intent: z.literal("add-photo") }),
  z.object({ intent: z.literal("remove-photo"), photoId: z.uuid() }),
]);

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const {
    access: { user, station },
    doc: product,
  } = await loadProduct(args, "goods:write");
  const stationId = station.station.id;
  const { lang, t } = getTranslate(request);
  const { formData, photo } = await parseFormWithPhoto(request);
  const parsedIntent = parseForm(Intent, formData, t);
  if (!parsedIntent.ok) return data({ errors: parsedIntent.errors, values: parsedIntent.values }, { status: 400 });
  const form = parsedIntent.data;
  const back = redirect(`/stations/${station.station.code}/manage/products/${product.id}?saved=1`);
  const ids = { actorUserId: user.id, stationId, productId: product.id };
  try {
    switch (form.intent) {
      case "save": {
        const parsed = parseForm(ProductSchema, formData, t);
        if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
        const { status: _ignored, ...input } = parsed.data;
        await updateProduct(context.db, { ...ids, input });
        return back;
      }
      case "status":
        await setProductStatus(context.db, { ...ids, status: form.status });
        return back;
      case "add-photo": {
        if (photo.kind === "none") return data({ errors: { photo: t("goods.error.photoMissing") }, values: {} }, { status: 400 });
        const stored = await storeUpload(photo, context.env.dataDir);
        if (stored) await addProductPhoto(context.db, { stationId, productId: product.id, photo: stored });
        return back;
      }
      case "remove-photo":
        await removeProductPhoto(context.db, { stationId, productId: product.id, photoId: form.photoId });
        return back;
      default: {
        const exhaustive: never = form;
        throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, formData });
  }
}

export default function OperatorProduct() {
  const { station, canWrite, already, saved, product, photos, movements, form, households, defaultRatePercent } = useLoaderData<typeof loader>();
  const { errors, values: failedValues } = useFormFeedback();
  const { lang, t } = useI18n();
  // The product form shows what was typed, and its errors, only when it was the product form that failed.
  const failedSave = failedValues.intent === "save";
  const values = failedSave ? failedValues : form;
  const base = `/stations/${station.code}/manage`;
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={product.name} back={{ href: `${base}/products`, label: t("goods.nav.products") }} />
      {saved ? <FormAlert tone="success">{t("goods.saved")}</FormAlert> : null}
      {already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}
      {errors.productId || errors.form ? <FormAlert>{errors.productId ?? errors.form}</FormAlert> : null}

      <section className="card space-y-3" aria-labelledby="summary">
        <h2 id="summary" className="sr-only">
          {t("goods.summary")}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={product.status}>{t(STATUS_LABELS[product.status])}</Badge>
          <span className="text-lg font-semibold" data-testid="operator-price">
            {formatPrice(product.price, product.unit, lang)}
          </span>
        </div>
        <dl>
          <Row label={t("scan.code")}>
            <span className="font-mono" data-testid="product-code">
              {product.code}
            </span>
          </Row>
          <Row label={t("goods.onHand")}>
            <span data-testid="operator-on-hand">{formatQty(product.onHand, product.unit, lang)}</span>
          </Row>
          <Row label={t("goods.available")}>{formatQty(product.available, product.unit, lang)}</Row>
          <Row label={t("goods.field.owner")}>
            {product.owner ? <a href={`${base}/households/${product.owner.id}`}>{product.owner.name}</a> : t(OWNER_LABELS[product.ownerKind])}
            {product.owner?.group ? ` · ${product.owner.group}` : null}
          </Row>
          <Row label={t("goods.field.commission")}>
            {product.commissionPercent}% {product.commissionOwn ? null : <span className="text-stone-500">{t("goods.commissionDefault")}</span>}
          </Row>
          {product.origin ? <Row label={t("goods.field.originZh")}>{product.origin}</Row> : null}
          {product.harvestedOn ? <Row label={t("goods.field.harvestedOn")}>{product.harvestedOn}</Row> : null}
          {product.bestBefore ? <Row label={t("goods.bestBefore")}>{product.bestBefore}</Row> : null}
        </dl>
        <p className="flex flex-wrap gap-2">
          <a href={`/products/${product.id}`}>{t("goods.publicPage")}</a>
          <a href={`${base}/products/labels?product=${product.id}`}>{t("scan.labels.one")}</a>
        </p>
      </section>

      {canWrite ? (
        <section className="space-y-2" aria-labelledby="stock-actions">
          <h2 id="stock-actions" className="text-lg font-semibold">
            {t("goods.stockActions")}
          </h2>
          <div className="flex flex-wrap gap-2">
            <a className="btn-primary" href={`${base}/receive?product=${product.id}`} data-testid="receive-this">
              {t("goods.nav.receive")}
            </a>
            <a className="btn-quiet" href={`${base}/stock-take?product=${product.id}`}>
              {t("goods.nav.stockTake")}
            </a>
            {PRODUCT_STATUSES.filter((s) => s !== product.status).map((s) => (
              <Form method="post" key={s}>
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="status" value={s} />
                <button type="submit" className="btn-quiet">
                  {t(SET_STATUS_LABELS[s])}
                </button>
              </Form>
            ))}
          </div>
        </section>
      ) : null}

      <section className="space-y-2" aria-labelledby="photos">
        <h2 id="photos" className="text-lg font-semibold">
          {t("goods.photos")}
        </h2>
        {photos.length === 0 ? <p className="text-stone-600">{t("goods.noPhotos")}</p> : null}
        <ul className="grid grid-cols-3 gap-2">
          {photos.map((p) => (
            <li key={p.id} className="space-y-1">
              <ProductPhoto photo={p.view} alt={product.name} sizes="30vw" />
              {canWrite ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-photo" />
                  <input type="hidden" name="photoId" value={p.id} />
                  <button type="submit" className="text-sm text-red-700 underline">
                    {t("goods.removePhoto")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {canWrite ? (
          <Form method="post" encType="multipart/form-data" className="space-y-2" noValidate>
            <input type="hidden" name="intent" value="add-photo" />
            <Field label={t("goods.addPhoto")} name="photo" type="file" accept="image/*" error={errors.photo} hint={t("goods.hint.photo")} />
            <button type="submit" className="btn-quiet">
              {t("goods.uploadPhoto")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="space-y-2" aria-labelledby="history">
        <h2 id="history" className="text-lg font-semibold">
          {t("stock.history.title")}
        </h2>
        <MovementHistory movements={movements} unit={product.unit} stationCode={station.code} />
      </section>

      {canWrite ? (
        <section className="card space-y-3" aria-labelledby="edit">
          <h2 id="edit" className="text-lg font-semibold">
            {t("goods.edit")}
          </h2>
          <ProductForm
            values={values}
            errors={failedSave ? errors : {}}
            households={households}
            defaultRatePercent={defaultRatePercent}
            withPhoto={false}
            showStatus={false}
            submitLabel={t("goods.save")}
          />
        </section>
      ) : null}
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { checkMovementQuantity } from "~/domain/stock";
import { parseQuantity, unitLabel } from "~/domain/units";
import { getProduct, listStationProducts } from "~/models/catalog/products.server";
import { getReceiptByKey, receiveGoods, type StockMovement } from "~/models/catalog/stock.server";
import { formatQty } from "~/routes-support/goods/format";
import { quantityFormRefusals } from "~/routes-support/goods/refusals";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { fieldFailure, optionalText, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM, optionalIdempotencyKeyField, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

/** Goods come in: choose the product (its owner household is on the slip), weigh or count, save. */
/** Where a receipt is shown: its slip (consigned goods), or the product's page. */
function receiptPage(code: string, movement: StockMovement, flag: string): string {
  return movement.receiptNumber ? `/stations/${code}/manage/receipts/${movement.receiptNumber}?${flag}=1` : `/stations/${code}/manage/products/${movement.productId}?saved=1`;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  // The entry's key is in the URL: after receiving, Back or reload shows the receipt it recorded.
  const entry = requireEntryKey(request);
  const made = await getReceiptByKey(context.db, { stationId: station.station.id, idempotencyKey: entry });
  if (made) throw redirect(receiptPage(station.station.code, made, ALREADY_PARAM));
  const rows = await listStationProducts(context.db, { stationId: station.station.id });
  const products = rows
    .filter((r) => r.product.status !== "archived")
    .map(({ product: p, householdName }) => ({
      id: p.id,
      label: [pick(lang, p.nameZh, p.nameEn), householdName, unitLabel(p.unit, lang)].filter(Boolean).join(" · "),
      onHand: formatQty(p.onHand, p.unit, lang),
    }));
  const preselected = new URL(request.url).searchParams.get("product");
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    products,
    preselected: products.some((p) => p.id === preselected) ? preselected : null,
    // The entry's key, from the URL (ADR 018): sending the form twice, or again after Back, records one receipt.
    idempotencyKey: entry,
    meta: { title: `${t("stock.receive.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const ReceiveForm = z.object({
  productId: z.string({ error: "validation.required" }).uuid("stock.error.chooseProduct"),
  quantity: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(20, "stock.error.quantityInvalid"),
  note: optionalText(200),
  idempotencyKey: optionalIdempotencyKeyField(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(ReceiveForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const stationId = station.station.id;
  const made = parsed.data.idempotencyKey ? await getReceiptByKey(context.db, { stationId, idempotencyKey: parsed.data.idempotencyKey }) : null;
  if (made) return redirect(receiptPage(station.station.code, made, ALREADY_PARAM));
  // Scoped by station: another station's product id is "not found here", nothing is written.
  const product = await getProduct(context.db, { stationId, productId: parsed.data.productId });
  if (!product) return data(fieldFailure(formData, "productId", t("goods.error.productNotFound")), { status: 400 });
  try {
    const quantity = checkMovementQuantity(parseQuantity(parsed.data.quantity, product.unit), product.unit);
    const movement = await receiveGoods(context.db, { actorUserId: user.id, stationId, productId: product.id, quantity, note: parsed.data.note, idempotencyKey: parsed.data.idempotencyKey });
    return redirect(receiptPage(station.station.code, movement, "new"));
  } catch (error) {
    return refuse(error, { t, lang, formData, table: quantityFormRefusals(product.unit) });
  }
}

export default function Receive() {
  const { station, products, preselected, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback({ productId: preselected ?? undefined });
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("stock.receive.title")} />
      <p className="text-stone-700">{t("stock.receive.intro")}</p>
      {products.length === 0 ? (
        <p>
          {t("stock.receive.noProducts")} <a href={`/stations/${station.code}/manage/products/new`}>{t("goods.list.new")}</a>
        </p>
      ) : (
        <Form method="post" className="space-y-4" noValidate data-testid="receive-form">
          <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
          <SelectField label={t("stock.field.product")} name="productId" defaultValue={values.productId ?? ""} error={errors.productId}>
            <option value="">{t("stock.field.chooseProduct")}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {t("common.parenthesized", { text: p.label, inner: `${t("goods.onHand")} ${p.onHand}` })}
              </option>
            ))}
          </SelectField>
          <Field label={t("stock.field.quantity")} name="quantity" inputMode="decimal" defaultValue={values.quantity} error={errors.quantity} hint={t("stock.hint.quantity")} required />
          <Field label={t("stock.field.note")} name="note" defaultValue={values.note} error={errors.note} maxLength={200} />
          <button type="submit" className="btn-primary w-full sm:w-auto">
            {t("stock.receive.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

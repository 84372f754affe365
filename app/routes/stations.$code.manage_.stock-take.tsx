import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, SelectField } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { checkMovementQuantity, parseCountedQuantity } from "~/domain/stock";
import { parseQuantity } from "~/domain/units";
import { getProduct, listStationProducts } from "~/models/catalog/products.server";
import { recordMovement, recordStockTake } from "~/models/catalog/stock.server";
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
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

/**
 * Stock-take and the other ways goods leave without a sale: a count that replaces the books
 * (with its reason), spoilage, goods handed back to their household.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const rows = await listStationProducts(context.db, { stationId: station.station.id });
  const products = rows.map(({ product: p, householdName }) => ({
    id: p.id,
    label: [pick(lang, p.nameZh, p.nameEn), householdName].filter(Boolean).join(" · "),
    onHand: formatQty(p.onHand, p.unit, lang),
  }));
  const preselected = new URL(request.url).searchParams.get("product");
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    products,
    preselected: products.some((p) => p.id === preselected) ? preselected : null,
    meta: { title: `${t("stock.take.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const ADJUSTMENTS = ["counted", "spoiled", "returned"] as const;

const AdjustForm = z
  .object({
    productId: z.string({ error: "validation.required" }).uuid("stock.error.chooseProduct"),
    kind: z.enum(ADJUSTMENTS, { error: "validation.required" }),
    quantity: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(20, "stock.error.quantityInvalid"),
    reason: optionalText(200),
  })
  .superRefine((form, ctx) => {
    if (form.kind !== "returned" && form.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: "stock.error.reasonRequired" });
  });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "goods:write");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(AdjustForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const stationId = station.station.id;
  const { kind, reason } = parsed.data;
  const product = await getProduct(context.db, { stationId, productId: parsed.data.productId });
  if (!product) return data(fieldFailure(formData, "productId", t("goods.error.productNotFound")), { status: 400 });
  const ids = { actorUserId: user.id, stationId, productId: product.id };
  try {
    if (kind === "counted") {
      await recordStockTake(context.db, { ...ids, counted: parseCountedQuantity(parsed.data.quantity, product.unit), reason });
    } else {
      const quantity = checkMovementQuantity(parseQuantity(parsed.data.quantity, product.unit), product.unit);
      const movement = kind === "spoiled" ? ({ kind, quantity } as const) : ({ kind, quantity, direction: "out" } as const);
      await recordMovement(context.db, { ...ids, movement, reason });
    }
  } catch (error) {
    return refuse(error, { t, lang, formData, table: quantityFormRefusals(product.unit) });
  }
  return redirect(`/stations/${station.station.code}/manage/products/${product.id}?saved=1`);
}

export default function StockTake() {
  const { station, products, preselected } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback({ productId: preselected ?? undefined, kind: "counted" });
  const { t } = useI18n();
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("stock.take.title")} />
      <p className="text-stone-700">{t("stock.take.intro")}</p>
      <Form method="post" className="space-y-4" noValidate data-testid="stock-take-form">
        <SelectField label={t("stock.field.product")} name="productId" defaultValue={values.productId ?? ""} error={errors.productId}>
          <option value="">{t("stock.field.chooseProduct")}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {t("common.parenthesized", { text: p.label, inner: `${t("goods.onHand")} ${p.onHand}` })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("stock.field.kind")} name="kind" defaultValue={values.kind ?? "counted"} error={errors.kind}>
          <option value="counted">{t("stock.take.counted")}</option>
          <option value="spoiled">{t("stock.take.spoiled")}</option>
          <option value="returned">{t("stock.take.returned")}</option>
        </SelectField>
        <Field label={t("stock.field.quantity")} name="quantity" inputMode="decimal" defaultValue={values.quantity} error={errors.quantity} hint={t("stock.hint.takeQuantity")} required />
        <Field label={t("stock.field.reason")} name="reason" defaultValue={values.reason} error={errors.reason} maxLength={200} hint={t("stock.hint.reason")} />
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {t("stock.take.submit")}
        </button>
      </Form>
    </div>
  );
}

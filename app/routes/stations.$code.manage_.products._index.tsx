import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/form";
import { Badge, ManageHeader } from "~/components/manage-chrome";
import { ProductPhoto } from "~/components/product-photo";
import { PRODUCT_STATUSES, rateToPercent } from "~/domain/catalog";
import { getDefaultCommissionRate, setDefaultCommissionRate } from "~/models/catalog/settings.server";
import { listStationProducts } from "~/models/catalog/products.server";
import { photoView } from "~/models/catalog/storefront.server";
import { formatPrice, formatQty, STATUS_LABELS } from "~/routes-support/goods/format";
import { DefaultRateForm } from "~/routes-support/goods/forms.server";
import { DEFAULT_RATE_REFUSALS } from "~/routes-support/goods/refusals";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("station:read"), hydrate: false };

const Query = z.object({ status: z.enum(PRODUCT_STATUSES).optional().catch(undefined) });

/** The station's goods with their stock and status: the operator's first screen for goods. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, permissions } = await requireStationAccess(request, context, params.code, "station:read");
  const { status } = Query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { lang, t } = getTranslate(request);
  const [rows, defaultRate] = await Promise.all([
    listStationProducts(context.db, { stationId: station.station.id, status }),
    getDefaultCommissionRate(context.db, { stationId: station.station.id }),
  ]);
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    canWrite: permissions.has("goods:write"),
    canSetRate: permissions.has("station:update"),
    defaultRatePercent: rateToPercent(defaultRate),
    status: status ?? null,
    products: rows.map(({ product: p, householdName, photo }) => ({
      id: p.id,
      code: p.code,
      name: pick(lang, p.nameZh, p.nameEn),
      unit: p.unit,
      price: p.price,
      onHand: p.onHand,
      reserved: p.reserved,
      status: p.status,
      householdName,
      photo: photoView(photo),
    })),
    meta: { title: `${t("goods.list.title")} · ${pick(lang, station.station.nameZh, station.station.nameEn)} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

/** The station's default commission: a station decision (station:update), not an everyday goods edit. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "station:update");
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(DefaultRateForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await setDefaultCommissionRate(context.db, { actorUserId: user.id, stationId: station.station.id, rate: parsed.data.defaultCommissionPercent });
  } catch (error) {
    return refuse(error, { t, lang, formData, table: DEFAULT_RATE_REFUSALS });
  }
  return redirect(`/stations/${station.station.code}/manage/products`);
}

export default function ProductList() {
  const { station, canWrite, canSetRate, defaultRatePercent, status, products } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage/products`;
  const filters = [{ value: null, label: t("goods.list.all") }, ...PRODUCT_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))];
  return (
    <div className="space-y-4">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("goods.list.title")} />
      <p className="flex flex-wrap gap-2">
        {canWrite ? (
          <a href={`${base}/new`} className="btn-primary">
            {t("goods.list.new")}
          </a>
        ) : null}
        <a href={`${base}/labels`} className="btn-quiet">
          {t("scan.labels.link")}
        </a>
      </p>
      <nav aria-label={t("goods.list.filter")} className="flex flex-wrap gap-3 text-sm">
        {filters.map((f) => (
          <a key={f.label} href={f.value ? `${base}?status=${f.value}` : base} aria-current={status === f.value ? "page" : undefined} className={status === f.value ? "font-bold" : ""}>
            {f.label}
          </a>
        ))}
      </nav>
      <section className="card space-y-2 text-sm" aria-label={t("goods.defaultRate.label")}>
        <p data-testid="default-rate">{t("goods.defaultRate.current", { rate: defaultRatePercent })}</p>
        {canSetRate ? (
          <Form method="post" className="flex items-end gap-2" noValidate>
            <div className="flex-1">
              <Field
                label={t("goods.defaultRate.label")}
                name="defaultCommissionPercent"
                inputMode="decimal"
                defaultValue={values.defaultCommissionPercent ?? defaultRatePercent}
                error={errors.defaultCommissionPercent}
                hint={t("goods.defaultRate.hint")}
              />
            </div>
            <button type="submit" className="btn-quiet mb-6">
              {t("goods.save")}
            </button>
          </Form>
        ) : null}
      </section>
      {products.length === 0 ? (
        <p className="text-stone-600">{t("goods.list.empty")}</p>
      ) : (
        <ul className="space-y-2" data-testid="operator-product-list">
          {products.map((p) => (
            <li key={p.id}>
              <a href={`${base}/${p.id}`} className="card flex gap-3 p-2 text-stone-900 no-underline hover:border-brand-600 hover:no-underline">
                <span className="w-14 shrink-0">
                  <ProductPhoto photo={p.photo} alt={p.name} sizes="56px" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-semibold text-brand-700">{p.name}</span>
                    <Badge tone={p.status}>{t(STATUS_LABELS[p.status])}</Badge>
                  </span>
                  <span className="block text-sm">{formatPrice(p.price, p.unit, lang)}</span>
                  <span className="block text-sm text-stone-600">
                    {t("goods.onHand")} {formatQty(p.onHand, p.unit, lang)}
                    {p.reserved !== "0.000" ? ` · ${t("goods.reserved")} ${formatQty(p.reserved, p.unit, lang)}` : null}
                    {p.householdName ? ` · ${p.householdName}` : null}
                  </span>
                  <span className="block font-mono text-xs text-stone-500">
                    {t("scan.code")} {p.code}
                  </span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

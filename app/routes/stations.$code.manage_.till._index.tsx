import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary, type SummaryItem } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { TillGlance } from "~/components/till-glance";
import { TillScan } from "~/components/till-scan";
import { PRODUCT_CATEGORIES, type ProductCategory } from "~/domain/catalog";
import { D, formatMoney, lineTotal, toAmountString } from "~/domain/money";
import { parseQuantity, type UnitCode } from "~/domain/units";
import { getOpenSession, sessionFigures } from "~/models/till/cash-sessions.server";
import { listStationProducts } from "~/models/catalog/products.server";
import { createSale, getSaleByKey, listRecentSales } from "~/models/till/sales.server";
import { todaySummary } from "~/models/till/summary.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { CATEGORY_LABELS, formatPrice, formatQty } from "~/routes-support/goods/format";
import { type Lang, pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { parseSaleForm } from "~/routes-support/till/form.server";
import { isScan, type ScanResult, scanIntoSale } from "~/routes-support/till/scan.server";
import { TILL_SCREEN_REFUSALS } from "~/routes-support/till/refusals";
import { refuse } from "~/routes-support/refusals.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { ALREADY_PARAM, ENTRY_PARAM, requireEntryKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";

// Hydrated: with JavaScript the totals update as you type; without it, "work out the total" posts and shows them.
export const handle = { access: stationAccess("sales:write") };

async function tillProducts(context: LoaderFunctionArgs["context"], stationId: string, lang: Lang) {
  const rows = await listStationProducts(context.db, { stationId, status: "listed" });
  return rows
    .filter((r) => new D(r.product.onHand).gt(r.product.reserved))
    .map(({ product: p, householdName }) => ({
      id: p.id,
      code: p.code,
      name: pick(lang, p.nameZh, p.nameEn),
      search: `${p.nameZh} ${p.nameEn}`.toLowerCase(),
      household: householdName ?? "",
      category: p.category as ProductCategory,
      unit: p.unit as UnitCode,
      price: p.price,
      available: formatQty(new D(p.onHand).minus(p.reserved).toFixed(3), p.unit, lang),
    }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station } = await requireStationAccess(request, context, params.code, "sales:write");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  // The sale being entered has its key in the URL: Back, reload or a restored tab after it was
  // completed finds its receipt, not a form that would record it again.
  const entry = requireEntryKey(request);
  const done = await getSaleByKey(context.db, { stationId, idempotencyKey: entry });
  if (done) throw redirect(`/stations/${station.station.code}/manage/sales/${done.number}?${ALREADY_PARAM}=1`);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().toLowerCase().slice(0, 40);
  const category = url.searchParams.get("category") ?? "";
  const all = await tillProducts(context, stationId, lang);
  const products = all.filter((p) => (!q || p.search.includes(q)) && (!category || p.category === category));
  const session = await getOpenSession(context.db, { stationId });
  const summary = await todaySummary(context.db, { stationId });
  const expected = session ? (await sessionFigures(context.db, session)).expected : null;
  const recent = await listRecentSales(context.db, { stationId, limit: 5 });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    // The entry's key, carried by the form: a double tap or a resubmission records one sale.
    idempotencyKey: entry,
    products,
    filter: { q, category },
    sessionOpen: Boolean(session),
    glance: {
      count: summary.count,
      total: toAmountString(summary.total),
      cash: toAmountString(summary.cash),
      mobile: toAmountString(summary.mobile),
      returns: toAmountString(summary.returns),
      commission: toAmountString(summary.commission),
      expected: expected ? toAmountString(expected) : null,
    },
    recent: recent.map((s) => ({ number: s.number, total: s.total, payment: s.payment })),
    meta: { title: `${t("till.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "sales:write");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const formData = await readFormData(request);
  const products = await tillProducts(context, stationId, lang);
  if (isScan(formData)) {
    const scan = await scanIntoSale(context.db, { stationId, formData, products, t, lang });
    return data({ errors: scan.errors, values: scan.values, scanned: scan.scanned }, { status: scan.status });
  }
  const parsed = parseSaleForm(formData, products, t, lang);
  if (!parsed.ok) {
    const reviewed = parsed.intent === "review" && Object.keys(parsed.errors).length === 0;
    return data({ errors: parsed.errors, values: parsed.values, reviewTotal: reviewed ? toAmountString(parsed.total) : null }, { status: reviewed ? 200 : 400 });
  }
  try {
    const { sale, replayed, priceChanged } = await createSale(context.db, {
      stationId,
      operatorId: user.id,
      idempotencyKey: parsed.idempotencyKey,
      lines: parsed.lines,
      payment: parsed.payment,
    });
    const receipt = `/stations/${station.station.code}/manage/sales/${sale.number}`;
    if (replayed) return redirect(`${receipt}?${ALREADY_PARAM}=1`);
    return redirect(`${receipt}?new=1${priceChanged.length ? "&priceChanged=1" : ""}`);
  } catch (error) {
    return refuse(error, { t, lang, values: parsed.values, table: TILL_SCREEN_REFUSALS });
  }
}

interface Live {
  total: string | null;
  change: string | null;
  lines: Record<string, string>;
}

/** The same arithmetic the server does (lineTotal per line, totals of rounded lines), as the operator types. */
function liveTotal(form: HTMLFormElement, products: { id: string; unit: UnitCode; price: string }[]): Live {
  const fd = new FormData(form);
  let total = new D(0);
  let valid = true;
  const lines: Record<string, string> = {};
  for (const p of products) {
    const raw = String(fd.get(`q.${p.id}`) ?? "").trim();
    if (!raw) continue;
    try {
      const amount = lineTotal(parseQuantity(raw, p.unit), new D(p.price));
      lines[p.id] = toAmountString(amount);
      total = total.plus(amount);
    } catch {
      valid = false;
    }
  }
  if (!valid) return { total: null, change: null, lines };
  const tendered = String(fd.get("tendered") ?? "").trim();
  const change = /^\d{1,8}(\.\d{1,2})?$/.test(tendered) && new D(tendered).gte(total) ? toAmountString(new D(tendered).minus(total)) : null;
  return { total: toAmountString(total), change, lines };
}

export default function Till() {
  const { station, idempotencyKey, products, filter, sessionOpen, glance, recent } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  // A reviewed form also sends back its total (the lines priced, nothing sold yet).
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { lang, t } = useI18n();
  const [live, setLive] = useState<Live | null>(null);
  const payment = values.payment ?? (sessionOpen ? "cash" : "mobile");
  const base = `/stations/${station.code}/manage`;
  const total = live?.total ?? null;
  const scanned = actionData && "scanned" in actionData ? (actionData.scanned as ScanResult["scanned"]) : null;
  const reviewTotal = actionData && "reviewTotal" in actionData && typeof actionData.reviewTotal === "string" ? actionData.reviewTotal : null;
  // Every refusal at the top, in the form's order, each linking to its field.
  const summary: SummaryItem[] = [
    ...(errors.form ? [{ message: errors.form }] : []),
    ...products.flatMap((p) => {
      const message = errors[`q.${p.id}`];
      return message ? [{ field: `q.${p.id}`, label: t("till.quantityOf", { name: p.name }), message }] : [];
    }),
    ...(["payment", "tendered", "reference"] as const).flatMap((f) => {
      const message = errors[f];
      return message ? [{ field: f, label: t(`till.${f}`), message }] : [];
    }),
  ];
  return (
    <div className="space-y-5">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("till.title")} />
      <TillGlance glance={glance} sessionOpen={sessionOpen} base={base} />
      <Form method="get" className="flex flex-wrap gap-2" role="search">
        <input type="hidden" name={ENTRY_PARAM} value={idempotencyKey} />
        <input name="q" defaultValue={filter.q} placeholder={t("till.search")} aria-label={t("till.search")} className="min-h-[44px] flex-1 rounded-md border border-stone-300 px-3" />
        <select name="category" defaultValue={filter.category} aria-label={t("till.category")} className="min-h-[44px] rounded-md border border-stone-300 px-2">
          <option value="">{t("till.allCategories")}</option>
          {PRODUCT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(CATEGORY_LABELS[c])}
            </option>
          ))}
        </select>
        <button type="submit" className="btn-quiet">
          {t("till.find")}
        </button>
      </Form>
      <Form method="post" className="space-y-4" noValidate data-testid="sale-form" onInput={(e) => setLive(liveTotal(e.currentTarget, products))}>
        <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
        <ErrorSummary title={t("form.errorSummary")} items={summary} />
        <TillScan products={products} filtered={Boolean(filter.q || filter.category)} tillHref={`${base}/till?index&${ENTRY_PARAM}=${encodeURIComponent(values.idempotencyKey ?? idempotencyKey)}`} error={errors.code} scanned={scanned} quantities={values} />
        {products.length === 0 ? <p>{t("till.noProducts")}</p> : null}
        <ul className="space-y-2">
          {products.map((p) => {
            const qty = values[`q.${p.id}`];
            let line: string | null = null;
            try {
              if (live) line = live.lines[p.id] ? formatMoney(live.lines[p.id]!, lang) : null;
              else if (qty) line = formatMoney(lineTotal(parseQuantity(qty, p.unit), new D(p.price)), lang);
            } catch {
              line = null;
            }
            return (
              <li key={p.id} className="card flex flex-wrap items-center gap-3" data-testid={`till-product-${p.name}`}>
                <div className="min-w-[9rem] flex-1">
                  <p className="text-lg font-semibold">{p.name}</p>
                  <p className="text-sm text-stone-600">
                    {formatPrice(p.price, p.unit, lang)}
                    {p.household ? ` · ${p.household}` : ""} · {t("till.available", { quantity: p.available })}
                  </p>
                  {line ? <p className="text-sm font-medium">{t("till.lineTotal", { amount: line })}</p> : null}
                </div>
                <input type="hidden" name={`p.${p.id}`} value={p.price} />
                <label className="flex items-center gap-2">
                  <span className="sr-only">{t("till.quantityOf", { name: p.name })}</span>
                  <input
                    id={`field-q.${p.id}`}
                    name={`q.${p.id}`}
                    inputMode="decimal"
                    defaultValue={qty}
                    autoFocus={scanned?.weighed === true && scanned.id === p.id}
                    placeholder="0"
                    aria-invalid={errors[`q.${p.id}`] ? true : undefined}
                    aria-describedby={errors[`q.${p.id}`] ? `field-q.${p.id}-error` : undefined}
                    className={`min-h-[48px] w-24 rounded-md border px-3 text-right text-lg ${errors[`q.${p.id}`] ? "border-red-600" : "border-stone-300"}`}
                  />
                </label>
                {errors[`q.${p.id}`] ? (
                  <p id={`field-q.${p.id}-error`} className="w-full text-sm text-red-700" data-testid="field-error">
                    {errors[`q.${p.id}`]}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        <p className="text-sm text-stone-600">{t("till.removeHint")}</p>
        <div className="card space-y-3">
          <p className="text-xl font-bold" aria-live="polite" data-testid="running-total">
            {t("till.total")}: {total ? formatMoney(total, lang) : reviewTotal ? formatMoney(reviewTotal, lang) : "—"}
          </p>
          <button type="submit" name="intent" value="review" className="btn-quiet w-full">
            {t("till.review")}
          </button>
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("till.payment")}</legend>
            <label className="flex min-h-[44px] items-center gap-2">
              <input id="field-payment" type="radio" name="payment" value="cash" defaultChecked={payment === "cash"} /> {t("till.pay.cash")}
              {!sessionOpen ? <span className="text-sm text-amber-800">{t("common.parenthesized", { text: "", inner: t("till.needSession") }).trim()}</span> : null}
            </label>
            <label className="flex min-h-[44px] items-center gap-2">
              <input type="radio" name="payment" value="mobile" defaultChecked={payment === "mobile"} /> {t("till.pay.mobile")}
            </label>
            {errors.payment ? <p className="text-sm text-red-700" data-testid="field-error">{errors.payment}</p> : null}
          </fieldset>
          <label className="block space-y-1">
            <span className="font-medium">{t("till.tendered")}</span>
            <input
              id="field-tendered"
              name="tendered"
              inputMode="decimal"
              defaultValue={values.tendered}
              aria-invalid={errors.tendered ? true : undefined}
              aria-describedby={errors.tendered ? "field-tendered-error" : undefined}
              className={`block min-h-[44px] w-full rounded-md border px-3 text-lg ${errors.tendered ? "border-red-600" : "border-stone-300"}`}
            />
            {errors.tendered ? (
              <span id="field-tendered-error" className="block text-sm text-red-700" data-testid="field-error">
                {errors.tendered}
              </span>
            ) : null}
            {live?.change ? (
              <span className="block text-lg font-semibold" data-testid="live-change">
                {t("till.change")}: {formatMoney(live.change, lang)}
              </span>
            ) : null}
          </label>
          <label className="block space-y-1">
            <span className="font-medium">{t("till.reference")}</span>
            <input
              id="field-reference"
              name="reference"
              defaultValue={values.reference}
              maxLength={64}
              aria-invalid={errors.reference ? true : undefined}
              aria-describedby={errors.reference ? "field-reference-error" : undefined}
              className={`block min-h-[44px] w-full rounded-md border px-3 ${errors.reference ? "border-red-600" : "border-stone-300"}`}
            />
            {errors.reference ? (
              <span id="field-reference-error" className="block text-sm text-red-700" data-testid="field-error">
                {errors.reference}
              </span>
            ) : null}
          </label>
          <button type="submit" name="intent" value="complete" className="btn-primary w-full text-lg" disabled={navigation.state === "submitting"}>
            {t("till.complete")}
          </button>
        </div>
      </Form>
      {recent.length ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">{t("till.recent")}</h2>
          <ul className="space-y-1">
            {recent.map((s) => (
              <li key={s.number}>
                <a href={`${base}/sales/${s.number}`}>
                  #{s.number} · {formatMoney(s.total, lang)} · {s.payment === "cash" ? t("till.pay.cash") : t("till.pay.mobile")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

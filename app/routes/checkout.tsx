import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { groupByStation } from "~/domain/carts";
import { D, formatMoney, sum, toAmountString } from "~/domain/money";
import { getCartLines } from "~/models/orders/carts.server";
import { placeCartCheckout } from "~/models/orders/checkout.server";
import { startOnlinePayment } from "~/models/payments/payments.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser } from "~/utils/auth.server";
import { currentCartOwner } from "~/routes-support/shop/cart.server";
import { chosenBands, type DeliveryRuleView, stationDelivery } from "~/routes-support/shop/checkout-delivery.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { displayNameField, formValues, parseForm, phoneField } from "~/utils/forms";
import type { Lang, Translate } from "~/utils/i18n";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { formatQty } from "~/routes-support/goods/format";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { logger } from "~/utils/logger.server";
import { refuse } from "~/routes-support/refusals.server";
import { routeMeta } from "~/utils/meta";
import { siteOrigin } from "~/utils/seo.server";

export const handle = { access: publicAccess, hydrate: false };

/** The checkout form: what is bought from which station, the delivery rule of each, contact, pickup or delivery, payment. Amounts as decimal strings. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const owner = await currentCartOwner(request, context);
  const user = await getOptionalUser(request, context);
  const lines = owner ? await getCartLines(context.db, { owner }, lang) : [];
  const groups = groupByStation(lines.map((l) => ({ ...l, quantity: new D(l.quantity), unitPrice: new D(l.seenUnitPrice) })));
  const stations = await Promise.all(
    groups.map(async (g) => {
      const name = g.lines[0]!.stationName;
      return {
        stationId: g.stationId,
        name,
        delivery: await stationDelivery(context.db, { stationId: g.stationId, subtotal: g.subtotal }, t),
        subtotal: toAmountString(g.subtotal),
        lines: g.lines.map((l) => ({ productId: l.productId, name: l.name, quantity: formatQty(l.quantity.toFixed(), l.unit, lang), amount: l.lineTotal })),
      };
    }),
  );
  return data(
    {
      // Issued with the form: submitting it twice places one checkout.
      idempotencyKey: newIdempotencyKey(),
      stations,
      total: toAmountString(sum(groups.map((g) => g.subtotal))),
      onlinePayment: context.payments !== null,
      contact: { name: user?.displayName ?? "", phone: user?.phone ?? "" },
      meta: { title: `${t("orders.checkout.title")} · ${t("app.name")}` },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta = routeMeta;

/** This page is one visitor's own (their cart, their order): its loader's no-store reaches the document. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const CheckoutForm = z
  .object({
    idempotencyKey: idempotencyKeyField("validation.invalid"),
    name: displayNameField(),
    phone: phoneField(),
    email: z
      .string()
      .trim()
      .max(200, "validation.tooLong")
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(v), "validation.invalid"),
    fulfilment: z.enum(["pickup", "delivery"], { error: "orders.checkout.error.choose" }),
    address: z.string().trim().max(200, "validation.tooLong").optional(),
    payment: z.enum(["online", "at_pickup"], { error: "orders.checkout.error.choose" }),
  })
  .superRefine((form, ctx) => {
    if (form.fulfilment === "delivery" && (form.address ?? "").length < 5) {
      ctx.addIssue({ code: "custom", path: ["address"], message: "orders.checkout.error.address" });
    }
  });

/** 更新合计: the form comes back as typed, its total now with the chosen delivery fee (no JavaScript needed). */
const QuoteForm = z.object({ intent: z.literal("quote") });

export async function action({ request, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  if (QuoteForm.safeParse(formValues(formData)).success) {
    const values = quotedValues(formValues(formData));
    return data({ errors: {} as Record<string, string>, values, quoted: true });
  }
  const parsed = parseForm(CheckoutForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  const posted = formValues(formData);
  const bandValues = Object.fromEntries(Object.entries(posted).filter(([name]) => name.startsWith("band-") && name.length < 60 && posted[name]!.length < 20));
  const values: Record<string, string> = { name: form.name, phone: form.phone, email: form.email ?? "", fulfilment: form.fulfilment, address: form.address ?? "", payment: form.payment, ...bandValues };
  if (form.payment === "online" && !context.payments) {
    return data({ errors: { payment: t("orders.checkout.onlineUnavailable") } as Record<string, string>, values }, { status: 400 });
  }
  const user = await getOptionalUser(request, context);
  const owner = await currentCartOwner(request, context);
  const lines = owner ? await getCartLines(context.db, { owner }, lang) : [];
  let deliveryBands: Record<string, string> | undefined;
  if (form.fulfilment === "delivery") {
    // Each banded station needs the buyer's distance band, one of its bands as they are now.
    const groups = groupByStation(lines.map((l) => ({ ...l, quantity: new D(l.quantity), unitPrice: new D(l.seenUnitPrice) })));
    const stations = await Promise.all(
      groups.map(async (g) => ({ stationId: g.stationId, delivery: await stationDelivery(context.db, { stationId: g.stationId, subtotal: g.subtotal }, t) })),
    );
    const chosen = chosenBands(stations, posted);
    if (!chosen.ok) {
      const errors = Object.fromEntries(Object.entries(chosen.errors).map(([field, key]) => [field, t(key)]));
      return data({ errors, values }, { status: 400 });
    }
    deliveryBands = chosen.bands;
  }
  let placed;
  try {
    placed = await placeCartCheckout(context.db, {
      owner,
      buyerUserId: user?.id ?? null,
      idempotencyKey: form.idempotencyKey,
      contact: { name: form.name, phone: form.phone, email: form.email },
      fulfilment: form.fulfilment === "delivery" ? { kind: "delivery", address: form.address ?? "" } : { kind: "pickup" },
      payment: form.payment,
      ...(deliveryBands ? { deliveryBands } : {}),
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, expectedUnitPrice: l.seenUnitPrice })),
    });
  } catch (error) {
    return refuse(error, { t, lang, values });
  }
  const orderPage = `/orders/${placed.token}`;
  if (placed.payment === "online" && context.payments) {
    try {
      const { url } = await startOnlinePayment(context.db, context.payments, { checkoutId: placed.checkoutId, baseUrl: siteOrigin(request, context) });
      return redirect(url);
    } catch (error) {
      // The order is kept (and expires if never paid); the order page offers to pay again.
      logger.warn({ err: error, checkoutId: placed.checkoutId }, "could not start the online payment");
      return redirect(`${orderPage}?payment=unavailable`);
    }
  }
  return redirect(`${orderPage}?placed=1`);
}

/** What a quote sends back: the fields of the form as typed (short ones only: the rest are no field of it). */
function quotedValues(posted: Record<string, string>): Record<string, string> {
  const keep = ["idempotencyKey", "name", "phone", "email", "fulfilment", "address", "payment"];
  return Object.fromEntries(Object.entries(posted).filter(([name, value]) => (keep.includes(name) || (name.startsWith("band-") && name.length < 60)) && value.length <= 200));
}

export default function Checkout() {
  const { idempotencyKey, stations, total, onlinePayment, contact } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback(contact);
  const { lang, t } = useI18n();
  // Delivery is offered when every station of the cart delivers: an order the buyer can complete.
  const deliveryOffered = stations.every((s) => s.delivery.offered);
  const fulfilment = deliveryOffered ? (values.fulfilment ?? "pickup") : "pickup";
  const payment = values.payment ?? (onlinePayment ? "online" : "at_pickup");
  const due = amountDue(stations, total, fulfilment, values);
  if (stations.length === 0) {
    return (
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("orders.checkout.title")}</h1>
        <FormAlert>{errors.form}</FormAlert>
        <p>
          {t("orders.checkout.emptyCart")} <a href="/">{t("orders.cart.browse")}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.checkout.title")}</h1>
      <FormAlert>{errors.form}</FormAlert>
      {errors.form ? (
        <p>
          <a href="/cart">{t("orders.nav.cart")}</a>
        </p>
      ) : null}
      {stations.map((s) => (
        <div key={s.stationId} className="card space-y-1" data-testid="checkout-station">
          <h2 className="font-semibold">{t("orders.cart.station", { station: s.name })}</h2>
          <ul className="text-sm">
            {s.lines.map((l) => (
              <li key={l.productId} className="flex justify-between gap-2">
                <span>
                  {l.name} × {l.quantity}
                </span>
                <span>{formatMoney(l.amount, lang)}</span>
              </li>
            ))}
          </ul>
          <p className="text-sm text-stone-600">{deliveryRuleText(s.delivery.rule, s.name, t, lang)}</p>
          <DeliveryFee delivery={s.delivery} chosen={values[`band-${s.stationId}`]} />
        </div>
      ))}
      <Form method="post" className="card space-y-4" noValidate data-testid="checkout-form">
        <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
        <fieldset className="space-y-3">
          <legend className="font-semibold">{t("orders.checkout.contact")}</legend>
          <Field label={t("orders.checkout.name")} name="name" autoComplete="name" required defaultValue={values.name} error={errors.name} maxLength={60} />
          <Field label={t("orders.checkout.phone")} name="phone" type="tel" autoComplete="tel" inputMode="tel" required defaultValue={values.phone} error={errors.phone} />
          <Field label={t("orders.checkout.email")} name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("orders.checkout.fulfilment")}</legend>
          {(deliveryOffered ? (["pickup", "delivery"] as const) : (["pickup"] as const)).map((kind) => (
            <label key={kind} className="flex min-h-[44px] items-center gap-2">
              <input type="radio" name="fulfilment" value={kind} defaultChecked={fulfilment === kind} />
              {t(kind === "pickup" ? "orders.checkout.pickup" : "orders.checkout.delivery")}
            </label>
          ))}
          {!deliveryOffered && stations.some((s) => s.delivery.offered) ? <p className="text-sm text-stone-600">{t("orders.checkout.deliveryNotOffered")}</p> : null}
          {errors.fulfilment ? <p className="text-sm text-red-700" role="alert">{errors.fulfilment}</p> : null}
          {deliveryOffered ? (
            <Field label={t("orders.checkout.address")} name="address" hint={t("orders.checkout.addressHint")} defaultValue={values.address} error={errors.address} maxLength={200} />
          ) : null}
          {stations.map((s) =>
            deliveryOffered && s.delivery.bands ? (
              <SelectField
                key={s.stationId}
                label={t("orders.checkout.band", { station: s.name })}
                name={`band-${s.stationId}`}
                hint={t("orders.checkout.bandHint")}
                defaultValue={values[`band-${s.stationId}`] ?? ""}
                error={errors[`band-${s.stationId}`]}
              >
                <option value="">{t("orders.checkout.bandChoose")}</option>
                {s.delivery.bands.map((b) => (
                  <option key={b.value} value={b.value}>
                    {t("orders.checkout.bandOption", { distance: b.distance, fee: feeText(b.fee, t, lang) })}
                  </option>
                ))}
              </SelectField>
            ) : null,
          )}
          {deliveryOffered ? (
            <button type="submit" name="intent" value="quote" className="btn-quiet" data-testid="update-total">
              {t("orders.checkout.updateTotal")}
            </button>
          ) : null}
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-semibold">{t("orders.checkout.payment")}</legend>
          {onlinePayment ? (
            <label className="flex min-h-[44px] items-center gap-2">
              <input type="radio" name="payment" value="online" defaultChecked={payment === "online"} />
              {t("orders.checkout.payOnline")}
            </label>
          ) : (
            <p className="text-sm text-stone-600">{t("orders.checkout.onlineUnavailable")}</p>
          )}
          <label className="flex min-h-[44px] items-center gap-2">
            <input type="radio" name="payment" value="at_pickup" defaultChecked={payment === "at_pickup"} />
            {t("orders.checkout.payAtPickup")}
          </label>
          {errors.payment ? <p className="text-sm text-red-700" role="alert">{errors.payment}</p> : null}
        </fieldset>
        <p className="text-right font-semibold" data-testid="checkout-total">
          {due.fee === null
            ? t(fulfilment === "delivery" ? "orders.cart.total" : "orders.checkout.totalDue", { amount: formatMoney(due.amount, lang) })
            : t("orders.checkout.totalWithDelivery", { amount: formatMoney(due.amount, lang), fee: feeText(due.fee, t, lang) })}
        </p>
        {due.fee === null && fulfilment === "delivery" ? <p className="text-right text-sm text-stone-600">{t("orders.checkout.chooseBandForTotal")}</p> : null}
        <button type="submit" name="intent" value="place" className="btn-primary w-full" data-testid="place-order">
          {t("orders.checkout.submit")}
        </button>
      </Form>
    </section>
  );
}

/**
 * What the buyer will pay: the goods, plus for delivery each station's fee — the chosen band's or
 * the flat one. `fee` null: no delivery fee is due (pickup) or not yet known (a band not chosen).
 */
function amountDue(
  stations: readonly { stationId: string; delivery: { offered: boolean; bands: { value: string; fee: string }[] | null; flatFee: string | null } }[],
  goods: string,
  fulfilment: string,
  values: Record<string, string | undefined>,
): { amount: string; fee: string | null } {
  if (fulfilment !== "delivery") return { amount: goods, fee: null };
  const fees = stations.map((s) => (s.delivery.bands ? s.delivery.bands.find((b) => b.value === values[`band-${s.stationId}`])?.fee : s.delivery.flatFee) ?? null);
  if (fees.some((f) => f === null)) return { amount: goods, fee: null };
  const fee = sum(fees.map((f) => new D(f!)));
  return { amount: toAmountString(new D(goods).plus(fee)), fee: toAmountString(fee) };
}

/** A delivery fee in words: "免费" when nothing, else the amount. */
function feeText(fee: string, t: Translate, lang: Lang): string {
  return new D(fee).isZero() ? t("orders.checkout.free") : formatMoney(fee, lang);
}

/** One station's delivery rule as a sentence, its amounts in the reader's language. */
function deliveryRuleText(rule: DeliveryRuleView, station: string, t: Translate, lang: Lang): string {
  if (!rule.offered) return t("orders.checkout.noDelivery", { station });
  if (rule.banded) {
    return rule.freeAbove === null
      ? t("orders.checkout.deliveryRuleBands", { station })
      : t("orders.checkout.deliveryRuleBandsFree", { station, freeAbove: formatMoney(rule.freeAbove, lang) });
  }
  const fee = formatMoney(rule.flatFee, lang);
  return rule.freeAbove === null
    ? t("orders.checkout.deliveryRuleFlat", { station, fee })
    : t("orders.checkout.deliveryRule", { station, fee, freeAbove: formatMoney(rule.freeAbove, lang) });
}

/** The delivery fee of one station's goods: the chosen band's, or the flat fee; nothing before a band is chosen. */
function DeliveryFee({ delivery, chosen }: { delivery: { offered: boolean; bands: { value: string; distance: string; fee: string }[] | null; flatFee: string | null }; chosen?: string }) {
  const { lang, t } = useI18n();
  if (!delivery.offered) return null;
  const band = delivery.bands?.find((b) => b.value === chosen);
  const amount = delivery.bands ? band?.fee : delivery.flatFee;
  if (!amount) return null;
  const fee = feeText(amount, t, lang);
  return (
    <p className="text-sm" data-testid="checkout-delivery-fee">
      {band ? t("orders.checkout.deliveryFeeBand", { fee, distance: band.distance }) : t("orders.checkout.deliveryFeeIs", { fee })}
    </p>
  );
}

import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { OrderLines, OrderNotifications, OrderTimeline, StatusBadge } from "~/components/order-parts";
import { formatMoney } from "~/domain/money";
import { cancelOrder, completeDelivery } from "~/models/orders/lifecycle.server";
import { getCheckoutByToken } from "~/models/orders/read.server";
import { publicAccess } from "~/utils/access";
import { getOptionalUser } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { refuse } from "~/routes-support/refusals.server";
import { presentOrderDetail } from "~/routes-support/orders/view.server";
import { metaTags } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { siteOrigin } from "~/utils/seo.server";

/**
 * The buyer's order page: the confirmation after checkout and the tracking page afterwards,
 * reached by the unguessable token in its link (guests have nothing else). A malformed or
 * unknown token is a plain 404, the same for both, so tokens cannot be probed.
 */
export const handle = { access: publicAccess, hydrate: false };

async function findCheckout(params: LoaderFunctionArgs["params"], context: LoaderFunctionArgs["context"]) {
  const { token } = parseParams(params, { token: param.token });
  return { token, ...found(await getCheckoutByToken(context.db, { token })) };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const { token, checkout, orders } = await findCheckout(params, context);
  const url = new URL(request.url);
  const smtp = Boolean(context.env.SMTP_URL) && checkout.contactEmail !== null;
  return data(
    {
      idempotencyKey: newIdempotencyKey(),
      token,
      link: `${siteOrigin(request, context)}/orders/${token}`,
      placed: url.searchParams.get("placed") === "1",
      paymentUnavailable: url.searchParams.get("payment") === "unavailable",
      // Back from the payment page without paying (the buyer cancelled, or the card was declined).
      paymentCancelled: url.searchParams.get("payment") === "cancelled" && checkout.status === "pending_payment",
      checkout: {
        status: checkout.status,
        payable: checkout.payment === "online" && checkout.status === "pending_payment",
        total: checkout.total,
        contact: t("orders.page.contact", { name: checkout.contactName, phone: checkout.contactPhone }),
        fulfilment: checkout.fulfilment,
        address: checkout.deliveryAddress,
      },
      orders: orders.map((o) => ({ ...presentOrderDetail(o, lang, t, { smtp }), pickupCode: o.pickupCode })),
      meta: { title: `${t("orders.page.checkoutTitle")} · ${t("app.name")}`, noindex: true },
    },
    // The page carries the pickup code: never cached (and the meta tag keeps its link out of Referers).
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

// The link is the key to the order: it never leaves in a Referer to another site, while the page's own
// forms still carry their true Origin (no-referrer made Chromium send `Origin: null`, which the
// cross-site guard refused: buyers could not cancel or pay again).
export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? [...metaTags(data.meta), { name: "referrer", content: "same-origin" }] : []);

/** This page is one visitor's own (their cart, their order): its loader's no-store reaches the document. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const BuyerForm = z.object({
  intent: z.enum(["cancel", "received"]),
  orderId: z.uuid(),
  idempotencyKey: idempotencyKeyField("validation.invalid"),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { lang, t } = getTranslate(request);
  const { token } = await findCheckout(params, context);
  const formData = await readFormData(request);
  const parsed = parseForm(BuyerForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const user = await getOptionalUser(request, context);
  const { intent, orderId, idempotencyKey } = parsed.data;
  try {
    if (intent === "cancel") {
      await cancelOrder(context.db, { token, orderId, by: "buyer", reason: "", actorUserId: user?.id ?? null, idempotencyKey });
    } else {
      await completeDelivery(context.db, { token, orderId, actorUserId: user?.id ?? null, idempotencyKey });
    }
  } catch (error) {
    return refuse(error, { t, lang });
  }
  return redirect(`/orders/${token}`);
}

export default function OrderPage() {
  const { idempotencyKey, token, link, placed, paymentUnavailable, paymentCancelled, checkout, orders } = useLoaderData<typeof loader>();
  const { errors } = useFormFeedback();
  const { lang, t } = useI18n();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders.page.checkoutTitle")}</h1>
      {placed ? <FormAlert tone="success">{t("orders.page.thanks")}</FormAlert> : null}
      {paymentUnavailable ? <FormAlert>{t("orders.checkout.paymentUnavailable")}</FormAlert> : null}
      {paymentCancelled ? <FormAlert>{t("orders.page.paymentCancelled")}</FormAlert> : null}
      <FormAlert>{Object.values(errors)[0] ?? null}</FormAlert>
      <p className="text-sm text-stone-600">
        {t("orders.page.keepLink")}
        {t("common.colon")}
        <a href={link} className="break-all" data-testid="order-link">
          {link}
        </a>
      </p>
      <p className="text-sm text-stone-600">{checkout.contact}</p>
      {checkout.payable ? (
        <div className="card space-y-2">
          <p className="font-semibold">{t("orders.page.total", { amount: formatMoney(checkout.total, lang) })}</p>
          <form method="post" action={`/orders/${token}/pay`}>
            <button type="submit" className="btn-primary w-full" data-testid="pay-now">
              {t("orders.page.pay")}
            </button>
          </form>
          <p className="text-sm text-stone-500">{t("orders.page.payHint")}</p>
        </div>
      ) : null}
      {orders.map((o) => (
        <article key={o.id} className="card space-y-3" data-testid="buyer-order">
          <header className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="font-semibold">
              {o.stationName} · {t("orders.page.title", { number: o.number })}
            </h2>
            <StatusBadge status={o.status} label={o.statusLabel} />
          </header>
          {(o.fulfilment === "pickup" || o.payment === "at_pickup") && o.status !== "cancelled" && o.status !== "completed" && o.status !== "refunded" ? (
            <div className="rounded-md bg-brand-50 p-3">
              <p className="text-sm">{t("orders.page.pickupCode")}</p>
              <p className="font-mono text-3xl font-bold tracking-widest" data-testid="pickup-code">
                {o.pickupCode}
              </p>
              <p className="text-sm text-stone-600">{t(o.fulfilment === "pickup" ? "orders.page.pickupCodeHint" : "orders.page.courierCodeHint")}</p>
            </div>
          ) : null}
          {o.payment === "at_pickup" && o.status !== "cancelled" && o.status !== "completed" && o.status !== "refunded" ? (
            <p className="text-sm font-medium" data-testid="pay-on-hand-over">
              {t(o.fulfilment === "pickup" ? "orders.page.payAtStation" : "orders.page.payOnDelivery", { amount: formatMoney(o.total, lang) })}
            </p>
          ) : null}
          <p className="text-sm">
            {o.fulfilment === "delivery" ? t("orders.page.deliveryTo", { address: checkout.address ?? "" }) : t("orders.page.pickupAt", { station: o.stationName })}
          </p>
          {o.trackingNumber ? <p data-testid="tracking-number">{t("orders.page.tracking", { number: o.trackingNumber })}</p> : null}
          {o.refunded ? <p>{t("orders.page.refunded", { amount: formatMoney(o.refunded, lang) })}</p> : null}
          <OrderLines lines={o.lines} deliveryFee={o.deliveryFee} total={o.total} />
          <OrderTimeline items={o.timeline} />
          <OrderNotifications items={o.notifications} />
          {o.buyerMayCancel || o.buyerMayConfirm ? (
            <Form method="post" className="flex flex-wrap gap-2">
              <input type="hidden" name="orderId" value={o.id} />
              <IdempotencyKeyField value={`${idempotencyKey}-${o.id.slice(0, 8)}`} />
              {o.buyerMayConfirm ? (
                <button type="submit" name="intent" value="received" className="btn-primary">
                  {t("orders.page.received")}
                </button>
              ) : null}
              {o.buyerMayCancel ? (
                <button type="submit" name="intent" value="cancel" className="btn-quiet" data-testid="buyer-cancel">
                  {t("orders.page.cancel")}
                </button>
              ) : null}
            </Form>
          ) : null}
        </article>
      ))}
    </section>
  );
}

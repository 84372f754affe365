import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { OrderLines, OrderNotifications, OrderTimeline, StatusBadge } from "~/components/order-parts";
import { D, formatMoney, toAmountString } from "~/domain/money";
import { canTransition, PICKUP_CODE_LOCK_MINUTES } from "~/domain/orders";
import { cancelOrder, completeDelivery, handOverOrder, markReadyForPickup, packOrder, shipOrder } from "~/models/orders/lifecycle.server";
import { getStationOrder } from "~/models/orders/read.server";
import { requestRefund } from "~/models/payments/payments.server";
import { stationAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, optionalText, parseForm, requiredText } from "~/utils/forms";
import { pick } from "~/domain/language";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { REFUND_REFUSALS } from "~/routes-support/orders/refusals";
import { formatWhen, presentOrderDetail } from "~/routes-support/orders/view.server";
import { refuse } from "~/routes-support/refusals.server";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

async function load(args: LoaderFunctionArgs) {
  const { access, doc: order } = await requireStationDocument(args, "orders:write", (db, { stationId, number }) => getStationOrder(db, { stationId, number }));
  return { access, order };
}

/** One order at the station's desk: what to pack, the buyer's contact, and the next step it allows. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, order } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  const station_ = { kind: "station" } as const;
  return data(
    {
      idempotencyKey: newIdempotencyKey(),
      station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
      saved: new URL(args.request.url).searchParams.get("saved"),
      order: presentOrderDetail(order, lang, t, { smtp: false }),
      buyer: { name: order.contactName, phone: order.contactPhone, address: order.deliveryAddress, bandKm: order.deliveryBandKm === null ? null : new D(order.deliveryBandKm).toString() },
      can: {
        pack: canTransition(order, "pack", station_),
        ready: canTransition(order, "ready", station_),
        ship: canTransition(order, "ship", station_),
        handover: canTransition(order, "handover", station_),
        complete: canTransition(order, "complete", station_),
        cancel: canTransition(order, "cancel", station_),
        refund: new D(order.refundable).gt(0) && args.context.payments !== null,
      },
      atPickup: order.payment === "at_pickup",
      pickupLocked: order.pickup.lockedUntil ? t("orders.manage.error.pickupLocked", { until: formatWhen(order.pickup.lockedUntil, lang) }) : null,
      // Shown at the handover form, so the operator knows before the lock, not after it.
      pickup: { attemptsLeft: order.pickup.attemptsLeft, lockedUntil: order.pickup.lockedUntil ? formatWhen(order.pickup.lockedUntil, lang) : null },
      pickupHint: order.pickup.lockedUntil
        ? t("orders.manage.error.pickupLocked", { until: formatWhen(order.pickup.lockedUntil, lang) })
        : t("orders.manage.pickupAttempts", { count: order.pickup.attemptsLeft, minutes: PICKUP_CODE_LOCK_MINUTES }),
      refundable: order.refundable,
      meta: { title: `${t("orders.manage.detail", { number: order.number })} · ${t("app.name")}` },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const meta = routeMeta;

/** This page is one visitor's own (their cart, their order): its loader's no-store reaches the document. */
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const idempotencyKey = idempotencyKeyField("validation.invalid");
const OrderAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pack"), idempotencyKey }),
  z.object({ intent: z.literal("ready"), idempotencyKey }),
  z.object({
    intent: z.literal("complete"),
    idempotencyKey,
    // Paid on delivery: the code the courier checked and how the buyer paid; else none of these.
    pickupCode: z.string().trim().max(20, "orders.manage.error.pickupCode").optional(),
    paidWith: z.enum(["cash", "mobile"]).optional(),
    paidReference: optionalText(64),
  }),
  z.object({ intent: z.literal("ship"), idempotencyKey, trackingNumber: requiredText(64) }),
  z.object({
    intent: z.literal("handover"),
    idempotencyKey,
    pickupCode: z.string({ error: "validation.required" }).trim().regex(/^[0-9０-９\s-]{6,9}$/, "orders.manage.error.pickupCode"),
    paidWith: z.enum(["cash", "mobile"]).optional(),
    paidReference: optionalText(64),
  }),
  z.object({ intent: z.literal("cancel"), idempotencyKey, reason: optionalText(200) }),
  z.object({ intent: z.literal("refund"), idempotencyKey, amount: z.string().trim().regex(/^\d{1,12}(\.\d{1,2})?$/, "validation.invalid") }),
]);

export async function action(args: ActionFunctionArgs) {
  const { access, order } = await load(args);
  const { request, context } = args;
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(OrderAction, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data;
  const base = { stationId: access.station.station.id, orderId: order.id, actorUserId: access.user.id, idempotencyKey: `${form.idempotencyKey}:${form.intent}` };
  try {
    switch (form.intent) {
      case "pack":
        await packOrder(context.db, base);
        break;
      case "ready":
        await markReadyForPickup(context.db, base);
        break;
      case "complete":
        await completeDelivery(context.db, { ...base, pickupCode: form.pickupCode, paidWith: form.paidWith, paidReference: form.paidReference });
        break;
      case "ship":
        await shipOrder(context.db, { ...base, trackingNumber: form.trackingNumber });
        break;
      case "handover":
        await handOverOrder(context.db, { ...base, pickupCode: form.pickupCode, paidWith: form.paidWith, paidReference: form.paidReference });
        break;
      case "cancel":
        await cancelOrder(context.db, { ...base, by: "station", reason: form.reason });
        break;
      case "refund": {
        if (!context.payments) return data({ errors: { form: t("orders.manage.refundUnavailable") }, values: {} }, { status: 409 });
        try {
          // The model refuses nothing, or more than is still refundable (less the refunds on their way).
          await requestRefund(context.db, context.payments, { ...base, amount: toAmountString(new D(form.amount)) });
        } catch (error) {
          // The same key goes back with the form: a refund the gateway never answered is retried, not doubled.
          return refuse(error, { t, lang, values: { amount: form.amount, idempotencyKey: form.idempotencyKey }, table: REFUND_REFUSALS });
        }
        return redirect(`/stations/${access.station.station.code}/manage/orders/${order.number}?saved=refund`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values: keptValues(formValues(formData)) });
  }
  return redirect(`/stations/${access.station.station.code}/manage/orders/${order.number}?saved=1`);
}

export default function StationOrder() {
  const { idempotencyKey, station, saved, order: o, buyer, can, atPickup, pickupLocked, pickupHint, refundable } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  // After a refusal the same key is sent again: a refund the gateway never answered is retried, not doubled.
  const formKey = values.idempotencyKey ?? idempotencyKey;
  const step = (intent: string, label: string, extra?: ReactNode, testId?: string) => (
    <Form method="post" className="card space-y-3" data-testid={testId ?? `order-${intent}`}>
      <IdempotencyKeyField value={formKey} />
      <input type="hidden" name="intent" value={intent} />
      {extra}
      <button type="submit" className={intent === "cancel" ? "btn-quiet" : "btn-primary"}>
        {label}
      </button>
    </Form>
  );
  // The buyer's pickup code, checked at the counter's hand-over and by the courier alike.
  const pickupCodeField = (label: string) => (
    <Field label={label} name="pickupCode" inputMode="numeric" autoComplete="off" required hint={pickupHint} error={errors.pickupCode} />
  );
  // How an order paid in person was paid: cash into the drawer, or mobile pay with its reference.
  const paidWithFields = (
    <fieldset className="space-y-1">
      <legend className="font-medium">{t("orders.manage.paidWith")}</legend>
      <label className="mr-4 inline-flex min-h-[44px] items-center gap-2">
        <input type="radio" name="paidWith" value="cash" defaultChecked={values.paidWith !== "mobile"} /> {t("orders.manage.cash")}
      </label>
      <label className="inline-flex min-h-[44px] items-center gap-2">
        <input type="radio" name="paidWith" value="mobile" defaultChecked={values.paidWith === "mobile"} /> {t("orders.manage.mobile")}
      </label>
      {errors.paidWith ? <p className="text-sm text-red-700" role="alert">{errors.paidWith}</p> : null}
      <Field
        label={t("orders.manage.paidReference")}
        name="paidReference"
        autoComplete="off"
        maxLength={64}
        hint={t("orders.manage.paidReferenceHint")}
        defaultValue={values.paidReference}
        error={errors.paidReference}
      />
    </fieldset>
  );
  return (
    <div className="space-y-4">
      <ManageHeader
        stationCode={station.code}
        stationName={station.name}
        title={t("orders.manage.detail", { number: o.number })}
        back={{ href: `/stations/${station.code}/manage/orders`, label: t("orders.manage.title") }}
      />
      {saved ? <FormAlert tone="success">{saved === "refund" ? t("orders.manage.refundRequested") : t("orders.manage.saved")}</FormAlert> : null}
      <FormAlert>{errors.form ?? (errors.pickupCode ? null : pickupLocked)}</FormAlert>
      <p className="flex flex-wrap items-center gap-2">
        <StatusBadge status={o.status} label={o.statusLabel} />
        <span className="text-sm text-stone-600">{o.placedAt}</span>
      </p>
      <dl className="card text-sm">
        <p>
          {t("orders.manage.buyer")}: {buyer.name} · <a href={`tel:${buyer.phone}`}>{buyer.phone}</a>
        </p>
        <p>{buyer.address ? t("orders.page.deliveryTo", { address: buyer.address }) : t("orders.checkout.pickup")}</p>
        {atPickup && buyer.address ? <p className="font-medium" data-testid="order-pay-on-delivery">{t("orders.manage.payOnDelivery", { amount: formatMoney(o.total, lang) })}</p> : null}
        {buyer.bandKm ? <p data-testid="order-band">{t("orders.manage.bandKm", { km: buyer.bandKm })}</p> : null}
        {o.trackingNumber ? <p>{t("orders.page.tracking", { number: o.trackingNumber })}</p> : null}
        {o.refunded ? <p>{t("orders.page.refunded", { amount: formatMoney(o.refunded, lang) })}</p> : null}
      </dl>
      <OrderLines lines={o.lines} deliveryFee={o.deliveryFee} total={o.total} />
      <div className="grid gap-3 sm:grid-cols-2">
        {can.pack ? step("pack", t("orders.manage.pack")) : null}
        {can.ready ? step("ready", t("orders.manage.ready")) : null}
        {can.ship
          ? step("ship", t("orders.manage.ship"), <Field label={t("orders.manage.trackingNumber")} name="trackingNumber" required maxLength={64} error={errors.trackingNumber} />)
          : null}
        {can.handover
          ? step(
              "handover",
              t("orders.manage.handOver"),
              <>
                {pickupCodeField(t("orders.manage.pickupCode"))}
                {atPickup ? paidWithFields : null}
              </>,
            )
          : null}
        {can.complete
          ? atPickup
            ? step(
                "complete",
                t("orders.manage.completePaid"),
                <>
                  <p className="font-medium">{t("orders.manage.payOnDelivery", { amount: formatMoney(o.total, lang) })}</p>
                  {pickupCodeField(t("orders.manage.courierCode"))}
                  {paidWithFields}
                </>,
              )
            : step("complete", t("orders.manage.complete"))
          : null}
        {can.refund
          ? step("refund", t("orders.manage.refund"), <Field label={t("orders.manage.refundAmount", { max: formatMoney(refundable, lang) })} name="amount" inputMode="decimal" required error={errors.amount} />)
          : null}
        {can.cancel ? step("cancel", t("orders.manage.cancel"), <Field label={t("orders.manage.reason")} name="reason" maxLength={200} error={errors.reason} />) : null}
      </div>
      <OrderTimeline items={o.timeline} />
      <OrderNotifications items={o.notifications} />
    </div>
  );
}

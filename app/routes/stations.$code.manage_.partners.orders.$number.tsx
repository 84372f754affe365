import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { rateToPercent } from "~/domain/catalog";
import { isUuid } from "~/domain/ids";
import { D, type Dec, formatMoney, parseAmount } from "~/domain/money";
import { parseQuantity, unitLabel } from "~/domain/units";
import { type DeliveryLineInput, listPartnerDeliveries, planProRata, recordDelivery } from "~/models/partners/deliveries.server";
import { type BulkOrderView, confirmBulkOrder, endBulkOrder, getStationBulkOrder } from "~/models/partners/bulk-orders.server";
import { listPartnerPayments, recordPartnerPayment } from "~/models/partners/money.server";
import { listHoldings } from "~/models/partners/partners.server";
import { stationAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { BULK_ORDER_STATUS_LABELS } from "~/routes-support/partners/labels";
import { refuse } from "~/routes-support/refusals.server";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("orders:write"), hydrate: false };

async function load({ request, params, context }: LoaderFunctionArgs) {
  const { access, doc: order } = await requireStationDocument({ request, params, context }, "orders:write", getStationBulkOrder);
  return { access, order };
}

async function holdingsOf(db: Parameters<typeof listHoldings>[0], stationId: string, order: BulkOrderView) {
  return Promise.all(order.lines.map(async (l) => ({ line: l, holdings: await listHoldings(db, { stationId, produceKey: l.productKey, unit: l.unit }) })));
}

/** A bulk order: confirm or end it, fill it (the operator's choice or pro rata), its delivery notes and payments. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, order } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  const db = args.context.db;
  const open = order.status === "confirmed";
  const lines = open ? await holdingsOf(db, station.id, order) : order.lines.map((line) => ({ line, holdings: [] }));
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      statusLabel: t(BULK_ORDER_STATUS_LABELS[order.status]),
      partnerId: order.partnerId,
      partner: pick(lang, order.partnerNameZh, order.partnerNameEn || order.partnerNameZh),
      deliveryDate: order.deliveryDate,
      terms: t("partners.order.terms", { rate: rateToPercent(order.commissionRate), days: order.paymentTermsDays }),
      total: order.total,
      delivered: order.delivered,
      paid: order.paid,
      outstanding: order.outstanding,
      overdue: order.overdue,
    },
    lines: lines.map(({ line: l, holdings }) => ({
      id: l.id,
      name: pick(lang, l.nameZh, l.nameEn),
      unit: unitLabel(l.unit, lang),
      unitCode: l.unit,
      price: l.unitPrice,
      ordered: formatQty(l.quantity, l.unit, lang),
      delivered: formatQty(l.deliveredQuantity, l.unit, lang),
      remaining: formatQty(l.remainingQuantity, l.unit, lang),
      remainingPlain: new D(l.remainingQuantity).toString(),
      holdings: holdings.filter((h) => h.available.gt(0)).map((h) => ({ productId: h.productId, household: h.headName, group: h.villageGroup, available: formatQty(h.available.toFixed(3), l.unit, lang) })),
    })),
    deliveries: (await listPartnerDeliveries(db, { partnerId: order.partnerId, orderId: order.id })).map((d) => ({ number: d.number, date: d.businessDate, due: d.dueDate, amount: d.amount, unpaid: d.unpaid, overdue: d.overdue })),
    payments: (await listPartnerPayments(db, { partnerId: order.partnerId, orderId: order.id })).map(({ payment: p }) => ({ number: p.number, date: p.businessDate, amount: p.amount, reference: p.reference })),
    idempotencyKey: newIdempotencyKey(),
    meta: { title: `${t("partners.order.title", { number: order.number })} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const Key = idempotencyKeyField("validation.invalid");
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm") }),
  z.object({ intent: z.literal("end"), reason: z.string().trim().max(200, "validation.tooLong").optional().default("") }),
  z.object({ intent: z.literal("plan") }),
  z.object({ intent: z.literal("deliver"), idempotencyKey: Key }),
  z.object({
    intent: z.literal("pay"),
    idempotencyKey: Key,
    amount: z.string().trim().min(1, "validation.required").max(15, "partners.error.BAD_PRICE"),
    reference: z.string().trim().min(1, "partners.error.REFERENCE_REQUIRED").max(64, "validation.tooLong"),
  }),
]);

const bad = (field: string, message: string, values: Record<string, string>) => data({ errors: { [field]: message } as Record<string, string>, values, planned: false }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { access, order } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const db = args.context.db;
  const stationId = access.station.station.id;
  const here = `/stations/${access.station.station.code}/manage/partners/orders/${order.number}`;
  const formData = await readFormData(args.request);
  const parsed = parseForm(Intent, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, planned: false }, { status: 400 });
  const values = keptValues(formValues(formData));
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "confirm":
        await confirmBulkOrder(db, { stationId, orderId: order.id, actorUserId: access.user.id });
        return redirect(here);
      case "end":
        await endBulkOrder(db, { stationId, orderId: order.id, actorUserId: access.user.id, reason: input.reason });
        return redirect(here);
      case "plan": {
        // Nothing is written: the form comes back with each household's pro-rata share filled in.
        const filled: Record<string, string> = { ...values };
        for (const line of order.lines) {
          const raw = (values[`total_${line.id}`] ?? "").trim();
          if (!raw) continue;
          let quantity: Dec;
          try {
            quantity = parseQuantity(raw, line.unit);
          } catch {
            return bad(`total_${line.id}`, t("partners.error.BAD_QUANTITY"), values);
          }
          for (const p of await planProRata(db, { stationId, orderId: order.id, orderLineId: line.id, quantity })) filled[`q_${line.id}_${p.productId}`] = p.quantity.toString();
        }
        return data({ errors: {} as Record<string, string>, values: filled, planned: true });
      }
      case "deliver": {
        const lines: DeliveryLineInput[] = [];
        for (const [name, raw] of Object.entries(values)) {
          const m = /^q_([^_]+)_([^_]+)$/.exec(name);
          if (!m || !isUuid(m[1]) || !isUuid(m[2]) || !raw.trim()) continue;
          const line = order.lines.find((l) => l.id === m[1]);
          if (!line) return bad(name, t("partners.error.WRONG_PRODUCE"), values);
          try {
            lines.push({ orderLineId: line.id, productId: m[2]!, quantity: parseQuantity(raw, line.unit) });
          } catch {
            return bad(name, t("partners.error.BAD_QUANTITY"), values);
          }
        }
        const delivery = await recordDelivery(db, { stationId, orderId: order.id, lines, idempotencyKey: input.idempotencyKey, actorUserId: access.user.id });
        return redirect(`/stations/${access.station.station.code}/manage/partners/deliveries/${delivery.number}`);
      }
      case "pay": {
        let amount;
        try {
          amount = parseAmount(input.amount);
        } catch {
          return bad("amount", t("partners.error.BAD_PRICE"), values);
        }
        await recordPartnerPayment(db, { stationId, orderId: order.id, amount, reference: input.reference, idempotencyKey: input.idempotencyKey, actorUserId: access.user.id });
        return redirect(here);
      }
      default: {
        const exhaustive: never = input;
        throw new Error(`unhandled intent ${JSON.stringify(exhaustive)}`);
      }
    }
  } catch (error) {
    return refuse(error, { t, lang, values });
  }
}

export default function BulkOrderPage() {
  const { station, order, lines, deliveries, payments, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  // A pro-rata plan comes back as values to confirm, with nothing written.
  const actionData = useActionData<typeof action>();
  const planned = actionData && "planned" in actionData ? actionData.planned : false;
  const { lang, t } = useI18n();
  const cny = (amount: string) => formatMoney(amount, lang);
  const base = `/stations/${station.code}/manage/partners`;
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={t("partners.order.title", { number: order.number })} back={{ href: `${base}/${order.partnerId}`, label: order.partner }} />
      <div className="space-y-1">
        <p>
          <strong data-testid="order-status">{order.statusLabel}</strong>
          {order.overdue ? <strong className="ml-2 text-red-700">{t("partners.overdue")}</strong> : null}
        </p>
        <p>{t("partners.order.partner", { name: order.partner })}</p>
        <p>
          {t("partners.order.deliveryDate", { date: order.deliveryDate })} · {order.terms}
        </p>
        <p data-testid="order-totals">{t("partners.order.totals", { total: cny(order.total), delivered: cny(order.delivered), paid: cny(order.paid), outstanding: cny(order.outstanding) })}</p>
      </div>
      <FormAlert>{errors.form}</FormAlert>
      {planned ? <FormAlert tone="success">{t("partners.fill.planned")}</FormAlert> : null}
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left">
            <th>{t("partners.col.product")}</th>
            <th>{t("partners.col.price")}</th>
            <th className="text-right">{t("partners.col.ordered")}</th>
            <th className="text-right">{t("partners.col.delivered")}</th>
            <th className="text-right">{t("partners.col.remaining")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-b border-stone-100">
              <td>{l.name}</td>
              <td>{formatPrice(l.price, l.unitCode, lang)}</td>
              <td className="text-right">{l.ordered}</td>
              <td className="text-right">{l.delivered}</td>
              <td className="text-right">{l.remaining}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.status === "placed" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit" className="btn-primary" data-testid="confirm-order">
            {t("partners.order.confirm")}
          </button>
        </Form>
      ) : null}
      {order.status === "confirmed" ? (
        <section className="card space-y-3">
          <h2 className="text-lg font-semibold">{t("partners.fill.title")}</h2>
          <p className="text-sm text-stone-600">{t("partners.fill.hint")}</p>
          <Form method="post" className="space-y-4" noValidate data-testid="deliver-form">
            <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
            {lines.map((l) => (
              <fieldset key={l.id} className="space-y-2">
                <legend className="font-semibold">
                  {l.name} · {t("partners.col.remaining")} {l.remaining}
                </legend>
                {l.holdings.length === 0 ? <p>{t("partners.fill.noHoldings")}</p> : null}
                {l.holdings.map((h) => (
                  <Field
                    key={h.productId}
                    label={t("common.parenthesized", { text: h.group ? t("common.parenthesized", { text: h.household, inner: h.group }) : h.household, inner: l.unit })}
                    name={`q_${l.id}_${h.productId}`}
                    inputMode="decimal"
                    defaultValue={values[`q_${l.id}_${h.productId}`]}
                    error={errors[`q_${l.id}_${h.productId}`]}
                    hint={`${t("partners.col.available")} ${h.available}`}
                  />
                ))}
                <Field label={t("partners.fill.total", { unit: l.unit })} name={`total_${l.id}`} inputMode="decimal" defaultValue={values[`total_${l.id}`] ?? l.remainingPlain} error={errors[`total_${l.id}`]} />
              </fieldset>
            ))}
            <div className="flex flex-wrap gap-3">
              <button type="submit" name="intent" value="plan" className="btn-quiet" data-testid="plan-pro-rata">
                {t("partners.fill.plan")}
              </button>
              <button type="submit" name="intent" value="deliver" className="btn-primary" data-testid="deliver">
                {t("partners.fill.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {order.status === "placed" || order.status === "confirmed" ? (
        <Form method="post" className="card space-y-2">
          <input type="hidden" name="intent" value="end" />
          <p className="text-sm text-stone-600">{t("partners.order.endHint")}</p>
          <Field label={t("partners.order.endReason")} name="reason" defaultValue={values.reason} error={errors.reason} />
          <button type="submit" className="btn-quiet" data-testid="end-order">
            {t("partners.order.end")}
          </button>
        </Form>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.deliveries.title")}</h2>
        <ul className="text-sm" data-testid="order-deliveries">
          {deliveries.map((d) => (
            <li key={d.number}>
              <a href={`${base}/deliveries/${d.number}`}>{t("partners.delivery.title", { number: d.number })}</a> · {d.date} · {cny(d.amount)} · {t("partners.col.due")} {d.due} · {cny(d.unpaid)}
              {d.overdue ? <strong className="ml-2 text-red-700">{t("partners.overdue")}</strong> : null}
            </li>
          ))}
        </ul>
      </section>
      {deliveries.length > 0 ? (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("partners.payment.title")}</h2>
          <Form method="post" className="space-y-2" noValidate data-testid="payment-form">
            <input type="hidden" name="intent" value="pay" />
            <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
            <Field label={t("partners.payment.amount")} name="amount" inputMode="decimal" defaultValue={values.amount ?? order.outstanding} error={errors.amount} required />
            <Field label={t("partners.payment.reference")} name="reference" defaultValue={values.reference} error={errors.reference} required />
            <button type="submit" className="btn-primary">
              {t("partners.payment.submit")}
            </button>
          </Form>
          <h3 className="font-semibold">{t("partners.payments.title")}</h3>
          <ul className="text-sm">
            {payments.map((p) => (
              <li key={p.number}>
                {p.date} · {cny(p.amount)} · {p.reference}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

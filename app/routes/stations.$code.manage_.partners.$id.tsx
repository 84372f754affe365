import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert, SelectField } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { parsePrice } from "~/domain/catalog";
import { type Dec, formatMoney, parseAmount, toAmountString } from "~/domain/money";
import { UNIT_CODES, type UnitCode, parseQuantity, unitLabel } from "~/domain/units";
import { listBulkOrders } from "~/models/partners/bulk-orders.server";
import { createPartnerProduct, listConsignedStock, listConsignmentNotes, receiveConsignment, returnConsignment } from "~/models/partners/consignment.server";
import { listRemittances, partnerOwed, recordRemittance } from "~/models/partners/money.server";
import { getPartner, getStationTerms } from "~/models/partners/partners.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { found, param, parseParams } from "~/utils/params";
import { BULK_ORDER_STATUS_LABELS, termsSummary } from "~/routes-support/partners/labels";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: stationAccess("goods:write"), hydrate: false };

async function load({ request, params, context }: LoaderFunctionArgs) {
  const access = await requireStationAccess(request, context, params.code, "goods:write");
  const { id } = parseParams(params, { id: param.uuid });
  const partner = found(await getPartner(context.db, { partnerId: id }));
  const terms = found(await getStationTerms(context.db, { partnerId: partner.id, stationId: access.station.station.id }));
  return { access, partner, terms };
}

/** One partner at this station: its consigned goods (receive, return), what we owe it (remit), its orders. */
export async function loader(args: LoaderFunctionArgs) {
  const { access, partner, terms } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const { station } = access.station;
  const db = args.context.db;
  const stock = await listConsignedStock(db, { partnerId: partner.id, stationId: station.id });
  const owed = await partnerOwed(db, { partnerId: partner.id, stationId: station.id });
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn) },
    partner: { id: partner.id, name: pick(lang, partner.nameZh, partner.nameEn || partner.nameZh), contact: `${partner.contactName} ${partner.contactPhone}`.trim(), bank: partner.bankName, active: partner.status === "active" },
    terms: termsSummary(t, terms),
    stock: stock.map((s) => ({ id: s.productId, name: pick(lang, s.nameZh, s.nameEn || s.nameZh), unit: unitLabel(s.unit, lang), unitCode: s.unit, price: s.price, onHand: formatQty(s.onHand, s.unit, lang), archived: s.status === "archived" })),
    owedPlain: toAmountString(owed),
    notes: (await listConsignmentNotes(db, { partnerId: partner.id, stationId: station.id, limit: 20 })).map(({ note }) => ({ number: note.number, date: note.businessDate, kind: note.kind })),
    remittances: (await listRemittances(db, { partnerId: partner.id, stationId: station.id })).slice(0, 20).map(({ remittance: r }) => ({ number: r.number, date: r.businessDate, amount: r.amount, reference: r.reference })),
    orders: (await listBulkOrders(db, { partnerId: partner.id, stationId: station.id })).map((o) => ({ number: o.number, status: t(BULK_ORDER_STATUS_LABELS[o.status]), total: o.total, overdue: o.overdue })),
    units: UNIT_CODES.map((u) => ({ code: u, label: unitLabel(u, lang) })),
    idempotencyKey: newIdempotencyKey(),
    meta: { title: `${pick(lang, partner.nameZh, partner.nameEn)} · ${t("partners.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const Key = idempotencyKeyField("validation.invalid");
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("receive"), idempotencyKey: Key }),
  z.object({ intent: z.literal("return"), idempotencyKey: Key }),
  z.object({
    intent: z.literal("newProduct"),
    nameZh: z.string().trim().min(1, "validation.required").max(60, "validation.tooLong"),
    nameEn: z.string().trim().max(100, "validation.tooLong").optional().default(""),
    category: z.enum(["inputs", "daily", "produce"], { error: "validation.invalid" }),
    unit: z.enum(UNIT_CODES, { error: "validation.invalid" }),
    price: z.string().trim().min(1, "validation.required").max(15, "validation.invalid"),
  }),
  z.object({
    intent: z.literal("remit"),
    idempotencyKey: Key,
    amount: z.string().trim().min(1, "validation.required").max(15, "partners.error.BAD_PRICE"),
    reference: z.string().trim().min(1, "partners.error.REFERENCE_REQUIRED").max(64, "validation.tooLong"),
  }),
]);

export async function action(args: ActionFunctionArgs) {
  const { access, partner } = await load(args);
  const { lang, t } = getTranslate(args.request);
  const db = args.context.db;
  const stationId = access.station.station.id;
  const base = `/stations/${access.station.station.code}/manage/partners`;
  const formData = await readFormData(args.request);
  const parsed = parseForm(Intent, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const values = keptValues(formValues(formData));
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "receive":
      case "return": {
        const stock = await listConsignedStock(db, { partnerId: partner.id, stationId });
        const lines: { productId: string; quantity: Dec }[] = [];
        for (const s of stock) {
          const raw = (values[`${input.intent}_${s.productId}`] ?? "").trim();
          if (!raw) continue;
          try {
            lines.push({ productId: s.productId, quantity: parseQuantity(raw, s.unit as UnitCode) });
          } catch {
            return data({ errors: { [`${input.intent}_${s.productId}`]: t("partners.error.BAD_QUANTITY") } as Record<string, string>, values }, { status: 400 });
          }
        }
        const move = input.intent === "receive" ? receiveConsignment : returnConsignment;
        const note = await move(db, { stationId, partnerId: partner.id, lines, idempotencyKey: input.idempotencyKey, actorUserId: access.user.id });
        return redirect(`${base}/notes/${note.number}`);
      }
      case "newProduct": {
        let price;
        try {
          price = parsePrice(input.price);
        } catch {
          return data({ errors: { price: t("partners.error.BAD_PRICE") } as Record<string, string>, values }, { status: 400 });
        }
        await createPartnerProduct(db, { stationId, partnerId: partner.id, nameZh: input.nameZh, nameEn: input.nameEn, category: input.category, unit: input.unit, price, actorUserId: access.user.id });
        return redirect(`${base}/${partner.id}`);
      }
      case "remit": {
        let amount;
        try {
          amount = parseAmount(input.amount);
        } catch {
          return data({ errors: { amount: t("partners.error.BAD_PRICE") } as Record<string, string>, values }, { status: 400 });
        }
        await recordRemittance(db, { stationId, partnerId: partner.id, amount, reference: input.reference, idempotencyKey: input.idempotencyKey, actorUserId: access.user.id });
        return redirect(`${base}/${partner.id}`);
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

export default function StationPartner() {
  const { station, partner, terms, stock, owedPlain, notes, remittances, orders, units, idempotencyKey } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { lang, t } = useI18n();
  const owed = formatMoney(owedPlain, lang);
  const base = `/stations/${station.code}/manage/partners`;
  const moveForm = (intent: "receive" | "return") => (
    <Form method="post" className="space-y-2" noValidate data-testid={`${intent}-form`}>
      <input type="hidden" name="intent" value={intent} />
      <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
      {stock
        .filter((s) => intent === "return" || !s.archived)
        .map((s) => (
          <Field key={s.id} label={t("common.parenthesized", { text: s.name, inner: s.unit })} name={`${intent}_${s.id}`} inputMode="decimal" defaultValue={values[`${intent}_${s.id}`]} error={errors[`${intent}_${s.id}`]} hint={`${t("partners.col.onHand")} ${s.onHand}`} />
        ))}
      <button type="submit" className="btn-primary">
        {t(intent === "receive" ? "partners.receive.submit" : "partners.return.submit")}
      </button>
    </Form>
  );
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={partner.name} back={{ href: base, label: t("partners.title") }} />
      <p>
        {terms} · {partner.contact}
      </p>
      <p>
        <a href={`${base}/${partner.id}/statement`}>{t("partners.statement.title")}</a>
      </p>
      <FormAlert>{errors.form}</FormAlert>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.consigned.title")}</h2>
        {stock.length === 0 ? <p>{t("partners.consigned.none")}</p> : null}
        <table className="w-full text-sm" data-testid="consigned-stock">
          <tbody>
            {stock.map((s) => (
              <tr key={s.id} className="border-b border-stone-100">
                <td>{s.name}</td>
                <td>{formatPrice(s.price, s.unitCode, lang)}</td>
                <td className="text-right">{s.onHand}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {stock.length > 0 ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <section className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("partners.receive.title")}</h2>
            {moveForm("receive")}
          </section>
          <section className="card space-y-2">
            <h2 className="text-lg font-semibold">{t("partners.return.title")}</h2>
            {moveForm("return")}
          </section>
        </div>
      ) : null}
      {partner.active ? (
        <section className="card space-y-2">
          <h2 className="text-lg font-semibold">{t("partners.newProduct.title")}</h2>
          <Form method="post" className="grid gap-2 sm:grid-cols-2" noValidate>
            <input type="hidden" name="intent" value="newProduct" />
            <Field label={t("partners.newProduct.name")} name="nameZh" defaultValue={values.nameZh} error={errors.nameZh} required />
            <Field label={t("partners.newProduct.nameEn")} name="nameEn" defaultValue={values.nameEn} error={errors.nameEn} />
            <SelectField label={t("partners.newProduct.category")} name="category" defaultValue={values.category ?? "inputs"} error={errors.category}>
              {(["inputs", "daily", "produce"] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`partners.category.${c}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t("partners.newProduct.unit")} name="unit" defaultValue={values.unit ?? "bag"} error={errors.unit}>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.label}
                </option>
              ))}
            </SelectField>
            <Field label={t("partners.newProduct.price")} name="price" inputMode="decimal" defaultValue={values.price} error={errors.price} required />
            <div className="self-end">
              <button type="submit" className="btn-primary">
                {t("partners.newProduct.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.remit.title")}</h2>
        <p data-testid="partner-owed">{t("partners.remit.owed", { owed })}</p>
        <Form method="post" className="space-y-2" noValidate data-testid="remit-form">
          <input type="hidden" name="intent" value="remit" />
          <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
          <Field label={t("partners.remit.amount")} name="amount" inputMode="decimal" defaultValue={values.amount ?? owedPlain} error={errors.amount} required />
          <Field label={t("partners.remit.reference")} name="reference" defaultValue={values.reference} error={errors.reference} required />
          <button type="submit" className="btn-primary">
            {t("partners.remit.submit")}
          </button>
        </Form>
        <h3 className="font-semibold">{t("partners.remittances.title")}</h3>
        <ul className="text-sm">
          {remittances.map((r) => (
            <li key={r.number}>
              {r.date} · {formatMoney(r.amount, lang)} · {r.reference}
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.notes.title")}</h2>
        <ul className="text-sm">
          {notes.map((n) => (
            <li key={n.number}>
              <a href={`${base}/notes/${n.number}`}>
                {n.date} · {t(n.kind === "received" ? "partners.entry.received" : "partners.entry.returned", { number: n.number })}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("partners.orders.title")}</h2>
        <ul className="text-sm">
          {orders.map((o) => (
            <li key={o.number}>
              <a href={`${base}/orders/${o.number}`}>
                {t("partners.order.title", { number: o.number })} · {o.status} · {formatMoney(o.total, lang)}
              </a>
              {o.overdue ? <strong className="ml-2 text-red-700">{t("partners.overdue")}</strong> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

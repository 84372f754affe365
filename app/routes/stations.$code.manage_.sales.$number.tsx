import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "~/components/form";
import { IdempotencyKeyField } from "~/components/idempotency-key-field";
import { ManageHeader } from "~/components/manage-chrome";
import { SaleReceipt } from "~/components/sale-receipt";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, sum } from "~/domain/money";
import { isVoidable } from "~/domain/till";
import { parseQuantity } from "~/domain/units";
import { listReturns, returnedSoFar, returnSale } from "~/models/till/returns.server";
import { getSale } from "~/models/till/sales.server";
import { getUser } from "~/models/identity/users.server";
import { refuse } from "~/routes-support/refusals.server";
import { formatQty } from "~/routes-support/goods/format";
import { TILL_SCREEN_REFUSALS } from "~/routes-support/till/refusals";
import { receiptView } from "~/routes-support/till/view.server";
import { stationAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { formValues, keptValues, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM, idempotencyKeyField, newIdempotencyKey } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { siteOrigin } from "~/utils/seo.server";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("sales:write"), hydrate: false };

function load(args: LoaderFunctionArgs) {
  return requireStationDocument(args, "sales:write", (db, { stationId, number }) => getSale(db, { stationId, number }));
}

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const { access, doc: view } = await load(args);
  const { lang, t } = getTranslate(request);
  const { station } = access.station;
  const url = new URL(request.url);
  const done = await returnedSoFar(context.db, { saleId: view.sale.id });
  const returns = await listReturns(context.db, { saleId: view.sale.id });
  const returned = sum(returns.map((r) => new D(r.amount)));
  const operator = await getUser(context.db, { id: view.sale.operatorId });
  return {
    station: { code: station.code, name: pick(lang, station.nameZh, station.nameEn), address: pick(lang, station.addressZh, station.addressEn) },
    paper: url.searchParams.get("paper") === "58" ? ("58" as const) : ("a4" as const),
    isNew: url.searchParams.get("new") === "1",
    already: url.searchParams.get(ALREADY_PARAM) === "1",
    priceChanged: url.searchParams.get("priceChanged") === "1",
    receipt: await receiptView(view, lang, siteOrigin(request, context), returned),
    operator: operator?.displayName ?? "",
    canVoid: isVoidable({ businessDate: view.sale.businessDate, returned: returns.length > 0 }, chinaToday()),
    idempotencyKey: newIdempotencyKey(),
    lines: view.lines.map((l) => {
      const open = new D(l.quantity).minus(done.get(l.id)?.quantity ?? 0);
      return { id: l.id, name: pick(lang, l.nameZh, l.nameEn), unit: l.unit, open: open.toString(), openLabel: formatQty(open.toFixed(3), l.unit, lang) };
    }),
    returns: returns.map((r) => ({ kind: r.kind, reason: r.reason, date: r.businessDate })),
    meta: { title: `${t("till.receipt.title")} ${view.sale.number} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const ReturnFields = {
  idempotencyKey: idempotencyKeyField("till.error.key"),
  reason: z.string({ error: "till.error.reason" }).trim().min(1, "till.error.reason").max(200, "validation.tooLong"),
};

/** Void the whole sale (today only), or refund the quantities typed per line (`r.<lineId>`). */
const ReturnForm = z.discriminatedUnion("intent", [z.object({ intent: z.literal("void"), ...ReturnFields }), z.object({ intent: z.literal("refund"), ...ReturnFields })]);

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const { access, doc: view } = await load(args);
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(ReturnForm, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const values = keptValues(formValues(formData));
  const quantities: Record<string, Dec> = {};
  const form = parsed.data;
  switch (form.intent) {
    case "void":
      break;
    case "refund":
      for (const line of view.lines) {
        const raw = values[`r.${line.id}`]?.trim();
        if (!raw) continue;
        try {
          quantities[line.id] = parseQuantity(raw, line.unit);
        } catch {
          return data({ errors: { [`r.${line.id}`]: t("till.error.quantity") } as Record<string, string>, values }, { status: 400 });
        }
      }
      break;
    default: {
      const never: never = form;
      throw new Error(`unknown intent ${String(never)}`);
    }
  }
  try {
    await returnSale(context.db, form.intent, {
      stationId: access.station.station.id,
      saleId: view.sale.id,
      operatorId: access.user.id,
      reason: form.reason,
      idempotencyKey: form.idempotencyKey,
      quantities,
    });
  } catch (error) {
    return refuse(error, { t, lang, values, table: TILL_SCREEN_REFUSALS });
  }
  return redirect(`/stations/${access.station.station.code}/manage/sales/${view.sale.number}?returned=1`);
}

export default function SalePage() {
  const { station, paper, isNew, already, priceChanged, receipt, operator, canVoid, idempotencyKey, lines, returns } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  const base = `/stations/${station.code}/manage`;
  return (
    <div className="space-y-4">
      <div className="no-print space-y-3">
        <ManageHeader stationCode={station.code} stationName={station.name} title={t("till.receipt.title")} back={{ href: `${base}/till`, label: t("till.title") }} />
        {isNew ? <FormAlert tone="success">{t("till.saved")}</FormAlert> : null}
        {already ? <FormAlert tone="success">{t("till.already")}</FormAlert> : null}
        {priceChanged ? <FormAlert>{t("till.priceChanged")}</FormAlert> : null}
        <FormAlert>{errors.form}</FormAlert>
        <p className="flex flex-wrap gap-2">
          <a href={`${base}/till`} className="btn-primary">
            {t("till.next")}
          </a>
          <a href="?paper=58" className="btn-quiet">
            {t("till.receipt.paper58")}
          </a>
          <a href="?paper=a4" className="btn-quiet">
            {t("till.receipt.paperA4")}
          </a>
        </p>
        <p className="text-sm text-stone-600">{t("till.receipt.printHint")}</p>
      </div>
      <SaleReceipt receipt={receipt} station={station} operator={operator} paper={paper} />
      <p className="no-print text-sm">
        <a href={receipt.publicUrl}>{t("till.receipt.public")}</a>
      </p>
      {returns.length ? (
        <ul className="no-print text-sm text-stone-700">
          {returns.map((r, i) => (
            <li key={i}>
              {r.date} · {r.kind === "void" ? t("till.void.done") : t("till.refund.done")} · {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <section className="no-print card space-y-3">
        <h2 className="text-lg font-semibold">{t("till.return.title")}</h2>
        <Form method="post" className="space-y-3" noValidate>
          <IdempotencyKeyField value={values.idempotencyKey ?? idempotencyKey} />
          <label className="block space-y-1">
            <span className="font-medium">{t("till.return.reason")}</span>
            <input name="reason" maxLength={200} className="block min-h-[44px] w-full rounded-md border border-stone-300 px-3" />
            {errors.reason ? <span className="block text-sm text-red-700">{errors.reason}</span> : null}
          </label>
          {canVoid ? (
            <button type="submit" name="intent" value="void" className="btn-quiet w-full">
              {t("till.void.submit")}
            </button>
          ) : null}
          {lines.map((l) => (
            <label key={l.id} className="flex items-center justify-between gap-2">
              <span>
                {l.name} <span className="text-sm text-stone-500">{t("till.return.open", { quantity: l.openLabel })}</span>
              </span>
              <input name={`r.${l.id}`} inputMode="decimal" placeholder="0" className="min-h-[44px] w-24 rounded-md border border-stone-300 px-2 text-right" />
            </label>
          ))}
          <button type="submit" name="intent" value="refund" className="btn-quiet w-full">
            {t("till.refund.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

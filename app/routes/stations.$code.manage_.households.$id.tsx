import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { HouseholdForm } from "~/components/household-form";
import { Badge, ManageHeader, Row } from "~/components/manage-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { maskPaymentAccount } from "~/domain/households";
import { formatMoney, toAmountString } from "~/domain/money";
import type { Permission } from "~/domain/permissions";
import { getHousehold, householdGoods, updateHousehold } from "~/models/households/households.server";
import { householdOwed } from "~/models/households/payouts.server";
import { listHouseholdReceipts } from "~/models/catalog/stock.server";
import { formatQty, PAYMENT_LABELS } from "~/routes-support/goods/format";
import { HouseholdForm as HouseholdSchema } from "~/routes-support/goods/forms.server";
import { refuse } from "~/routes-support/refusals.server";
import { stationAccess } from "~/utils/access";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("station:read"), hydrate: false };

function loadHousehold(args: LoaderFunctionArgs, permission: Permission) {
  return requireStationDocument(args, permission, (db, { stationId, id }) => getHousehold(db, { stationId, householdId: id }), "id");
}

/** One household: who they are, how they are paid (masked), what they consigned and what sold. */
export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const {
    access: { station, permissions },
    doc: h,
  } = await loadHousehold(args, "station:read");
  const stationId = station.station.id;
  const { lang, t } = getTranslate(request);
  const [goods, receipts] = await Promise.all([householdGoods(context.db, { stationId, householdId: h.id }), listHouseholdReceipts(context.db, { stationId, householdId: h.id })]);
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    canWrite: permissions.has("households:write"),
    canAddGoods: permissions.has("goods:write"),
    saved: new URL(request.url).searchParams.get("saved") === "1",
    already: new URL(request.url).searchParams.get(ALREADY_PARAM) === "1",
    household: {
      id: h.id,
      headName: h.headName,
      villageGroup: h.villageGroup,
      phone: h.phone,
      paymentMethod: h.paymentMethod,
      account: maskPaymentAccount(h.paymentMethod, h.paymentAccount),
      institution: h.paymentInstitution,
      notes: h.notes,
      active: h.status === "active",
      // What the household is owed: its balance on 21101 in the ledger (sales less commission, less payouts).
      owed: toAmountString(await householdOwed(context.db, { stationId, householdId: h.id })),
    },
    form: { headName: h.headName, villageGroup: h.villageGroup, phone: h.phone, paymentMethod: h.paymentMethod, paymentInstitution: h.paymentInstitution, notes: h.notes, status: h.status },
    goods: goods.map((g) => ({ ...g, name: pick(lang, g.nameZh, g.nameEn) })),
    receipts: receipts.map((r) => ({
      number: r.movement.receiptNumber,
      at: chinaDateTime(r.movement.createdAt),
      product: pick(lang, r.productNameZh, r.productNameEn),
      quantity: r.movement.onHandDelta,
      unit: r.unit,
    })),
    meta: { title: `${h.headName} · ${t("households.list.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const {
    access: { user, station },
    doc: household,
  } = await loadHousehold(args, "households:write");
  const stationId = station.station.id;
  const { lang, t } = getTranslate(request);
  const formData = await readFormData(request);
  const parsed = parseForm(HouseholdSchema, formData, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const { status, ...input } = parsed.data;
  try {
    await updateHousehold(context.db, { actorUserId: user.id, stationId, householdId: household.id, input, status: status ?? household.status });
  } catch (error) {
    return refuse(error, { t, lang, formData });
  }
  return redirect(`/stations/${station.station.code}/manage/households/${household.id}?saved=1`);
}

export default function HouseholdPage() {
  const { station, canWrite, already, canAddGoods, saved, household: h, form, goods, receipts } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback(form);
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}/manage`;
  return (
    <div className="space-y-6">
      <ManageHeader stationCode={station.code} stationName={station.name} title={h.headName} back={{ href: `${base}/households`, label: t("goods.nav.households") }} />
      {saved ? <FormAlert tone="success">{t("households.saved")}</FormAlert> : null}
      {already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}
      <dl className="card">
        <Row label={t("households.field.villageGroup")}>{h.villageGroup || "—"}</Row>
        <Row label={t("households.field.phone")}>{h.phone ? <a href={`tel:${h.phone}`}>{h.phone}</a> : "—"}</Row>
        <Row label={t("households.field.paymentMethod")}>
          {t(PAYMENT_LABELS[h.paymentMethod])} <span data-testid="masked-account">{h.account}</span> {h.institution}
        </Row>
        {h.notes ? <Row label={t("households.field.notes")}>{h.notes}</Row> : null}
        <Row label={t("households.owed")}>
          {formatMoney(h.owed, lang)} <a href={`${base}/households/${h.id}/statement`} className="block text-sm" data-testid="statement-link">
            {t("households.owedNote")}
          </a>
        </Row>
        {h.active ? null : (
          <Row label={t("households.field.status")}>
            <Badge tone="inactive">{t("households.status.inactive")}</Badge>
          </Row>
        )}
      </dl>

      <section className="space-y-2" aria-labelledby="goods">
        <h2 id="goods" className="text-lg font-semibold">
          {t("households.goods")}
        </h2>
        {goods.length === 0 ? <p className="text-stone-600">{t("households.noGoods")}</p> : <p className="text-sm text-stone-600">{t("households.goodsExplain")}</p>}
        <ul className="space-y-2" data-testid="household-goods">
          {goods.map((g) => (
            <li key={g.productId} className="card p-3 text-sm">
              <a href={`${base}/products/${g.productId}`} className="font-semibold">
                {g.name}
              </a>
              <span className="block text-stone-700" data-testid="goods-figures">
                {t("households.consigned")} {formatQty(g.consigned, g.unit, lang)} · {t("households.sold")} {formatQty(g.sold, g.unit, lang)} · {t("goods.onHand")}{" "}
                {formatQty(g.onHand, g.unit, lang)}
              </span>
              {g.returned !== "0.000" || g.spoiled !== "0.000" || g.counted !== "0.000" ? (
                <span className="block text-stone-500">
                  {t("households.returned")} {formatQty(g.returned, g.unit, lang)} · {t("households.spoiled")} {formatQty(g.spoiled, g.unit, lang)}
                  {g.counted !== "0.000" ? ` · ${t("households.counted")} ${g.counted.startsWith("-") ? "" : "+"}${formatQty(g.counted, g.unit, lang)}` : null}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {canAddGoods && h.active ? (
          <a href={`${base}/products/new?household=${h.id}`} className="btn-quiet">
            {t("households.addProduct")}
          </a>
        ) : null}
      </section>

      <section className="space-y-2" aria-labelledby="receipts">
        <h2 id="receipts" className="text-lg font-semibold">
          {t("households.receipts")}
        </h2>
        {receipts.length === 0 ? <p className="text-stone-600">{t("households.noReceipts")}</p> : null}
        <ul className="space-y-1 text-sm">
          {receipts.map((r) => (
            <li key={r.number}>
              <a href={`${base}/receipts/${r.number}`}>{t("stock.receipt.short", { number: r.number ?? 0 })}</a> · {r.at} · {r.product} {formatQty(r.quantity, r.unit, lang)}
            </li>
          ))}
        </ul>
      </section>

      {canWrite ? (
        <section className="card space-y-3" aria-labelledby="edit">
          <h2 id="edit" className="text-lg font-semibold">
            {t("households.edit")}
          </h2>
          <HouseholdForm values={values} errors={errors} maskedAccount={h.account || null} submitLabel={t("households.save")} showStatus />
        </section>
      ) : null}
    </div>
  );
}

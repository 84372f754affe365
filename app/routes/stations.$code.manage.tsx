import type { ReactNode } from "react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, FormAlert } from "~/components/form";
import { PERMISSIONS } from "~/domain/permissions";
import { listStationsCovered } from "~/models/identity/access.server";
import { presentStation } from "~/models/stations/geography.server";
import { DESK_ORDER_STATES, PARTNER_DUE_DAYS, stationDesk } from "~/models/stations/desk.server";
import { formatMoney } from "~/domain/money";
import { updateStationDetails } from "~/models/stations/stations.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { optionalText, parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { permissionLabel, roleLabel } from "~/routes-support/admin/labels";
import { readFormData } from "~/utils/form-data.server";
import { routeMeta } from "~/utils/meta";

export const handle = { access: stationAccess("station:read"), hydrate: false };

/**
 * A station's working page: what the station is, what this person may do here, and (for those
 * who may) the station's public details to edit. Committee members and township accountants
 * see the same page read-only: no form is rendered for them, and the action refuses them too.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "station:read");
  const { lang, t } = getTranslate(request);
  const view = presentStation(station, lang);
  const raw = station.station;
  const url = new URL(request.url);
  const myRoles = user.grants
    .filter((g) => g.stationId === raw.id || g.townshipId === station.township.id || g.countyId === station.county.id)
    .map((g) => roleLabel(t, g.role));
  return {
    station: view,
    active: raw.status === "active",
    myRoles: [...new Set(myRoles)],
    canEdit: permissions.has("station:update"),
    canWriteGoods: permissions.has("goods:write"),
    canReadLedger: permissions.has("ledger:read"),
    canAudit: permissions.has("audit:read"),
    // The day's work, live, for those who do it (the operator); the rest see the station's page.
    desk: permissions.has("sales:write") ? await stationDesk(context.db, { stationId: raw.id }) : null,
    permissions: PERMISSIONS.filter((p) => permissions.has(p)).map((p) => permissionLabel(t, p)),
    details: {
      addressZh: raw.addressZh,
      addressEn: raw.addressEn,
      openingHoursZh: raw.openingHoursZh,
      openingHoursEn: raw.openingHoursEn,
      operatorContactName: raw.operatorContactName,
      operatorContactPhone: raw.operatorContactPhone,
    },
    otherStations: (await listStationsCovered(context.db, user.grants))
      .filter((s) => s.code !== raw.code)
      .map((s) => ({ code: s.code, name: pick(lang, s.nameZh, s.nameEn) })),
    saved: url.searchParams.get("saved") === "1",
    meta: { title: `${view.name} · ${t("manage.title")} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

const DetailsForm = z.object({
  addressZh: optionalText(200),
  addressEn: optionalText(300),
  openingHoursZh: optionalText(100),
  openingHoursEn: optionalText(150),
  operatorContactName: optionalText(40),
  // Landlines are fine here (the public page's contact number), so not the mobile-only rule.
  operatorContactPhone: optionalText(20).refine((v) => v === "" || /^[0-9+ -]{5,20}$/.test(v), "validation.phone"),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station } = await requireStationAccess(request, context, params.code, "station:update");
  const { t } = getTranslate(request);
  const parsed = parseForm(DetailsForm, await readFormData(request), t);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  await updateStationDetails(context.db, { actorUserId: user.id, stationId: station.station.id, details: parsed.data });
  return redirect(`/stations/${station.station.code}/manage?saved=1`);
}

/** One piece of the day's work: one tap to where it is done, with what is waiting there. */
function DeskTile({ href, title, testId, primary, children }: { href: string; title: string; testId: string; primary?: boolean; children: ReactNode }) {
  return (
    <li>
      <a href={href} className={`card block min-h-[44px] space-y-1 no-underline ${primary ? "border-brand-600 bg-brand-50" : ""}`} data-testid={testId}>
        <span className="block font-semibold">{title}</span>
        <span className="block text-sm text-stone-600">{children}</span>
      </a>
    </li>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2 border-b border-stone-100 py-2 last:border-0">
      <dt className="text-stone-500">{label}</dt>
      <dd>{value || <span className="text-stone-400">{t("station.notProvided")}</span>}</dd>
    </div>
  );
}

export default function ManageStation() {
  const { station, active, myRoles, canEdit, canReadLedger, canAudit, canWriteGoods, permissions, details, otherStations, saved, desk } = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback(details);
  const { lang, t } = useI18n();
  const base = `/stations/${station.code}`;
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-stone-500">{t("manage.title")}</p>
        <h1 className="text-2xl font-bold" data-testid="manage-station-name">
          {station.name}
        </h1>
        <p className="text-stone-600">
          {station.township} · {station.village}
          {active ? null : ` · ${t("admin.status.inactive")}`}
        </p>
        <p className="text-sm" data-testid="manage-mode">
          {myRoles.join(t("common.listSeparator"))} · {canEdit ? t("manage.canEdit") : t("manage.readOnly")}
        </p>
      </header>
      {saved ? <FormAlert tone="success">{t("manage.saved")}</FormAlert> : null}

      {desk ? (
        <section className="space-y-2" aria-labelledby="desk" data-testid="desk">
          <h2 id="desk" className="text-lg font-semibold">
            {t("manage.desk.title")}
          </h2>
          <ul className="grid gap-2 sm:grid-cols-2">
            <DeskTile href={`${base}/manage/till`} testId="desk-till" title={t(desk.till.open ? "manage.desk.tillOpen" : "manage.desk.tillClosed")} primary>
              {desk.till.open && desk.till.expected ? t("manage.desk.tillOpenHint", { amount: formatMoney(desk.till.expected, lang) }) : t("manage.desk.tillClosedHint")}
            </DeskTile>
            <li className="card space-y-1" data-testid="desk-orders">
              <p className="font-semibold">{t("manage.desk.orders")}</p>
              {DESK_ORDER_STATES.some((s) => desk.orders[s] > 0) ? (
                <ul className="flex flex-wrap gap-2">
                  {DESK_ORDER_STATES.filter((s) => desk.orders[s] > 0).map((s) => (
                    <li key={s}>
                      <a href={`${base}/manage/orders?status=${s}`} className="btn-quiet min-h-[44px]" data-testid={`desk-orders-${s}`}>
                        {t("manage.desk.orderState", { state: t(`orders.status.${s}`), count: desk.orders[s] })}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-stone-600">{t("manage.desk.ordersNone")}</p>
              )}
              <a href={`${base}/manage/orders`} className="text-sm">
                {t("manage.desk.allOrders")}
              </a>
            </li>
            <DeskTile href={`${base}/manage/receive`} testId="desk-sold-out" title={t("manage.desk.soldOut")}>
              {t("manage.desk.soldOutHint", { count: desk.soldOut })}
            </DeskTile>
            <DeskTile href={`${base}/manage/households`} testId="desk-households" title={t("manage.desk.households")}>
              {t("manage.desk.householdsHint", { count: desk.householdsOwed.count, amount: formatMoney(desk.householdsOwed.total, lang) })}
            </DeskTile>
            <DeskTile href={`${base}/manage/partners`} testId="desk-partners" title={t("manage.desk.partners")}>
              {t("manage.desk.partnersHint", { open: desk.partnerOrders.open, due: desk.partnerOrders.due, days: PARTNER_DUE_DAYS })}
            </DeskTile>
            {desk.close ? (
              <DeskTile href={`${base}/close/${desk.close.month}`} testId="desk-close" title={t("manage.desk.close", { month: desk.close.month })}>
                {t(`manage.desk.closeStatus.${desk.close.status}`)}
                {desk.close.status === "open" ? (
                  desk.close.blockers.length ? (
                    <span className="block">{desk.close.blockers.map((b) => t(`committee.close.blocker.${b.kind}` as "committee.close.blocker.till_open", { count: b.count })).join(t("common.clauseSeparator"))}</span>
                  ) : (
                    <span className="block">{t("manage.desk.closeReady")}</span>
                  )
                ) : null}
              </DeskTile>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section className="card space-y-2" aria-labelledby="can-do">
        <h2 id="can-do" className="text-lg font-semibold">
          {t("manage.yourPermissions")}
        </h2>
        <ul className="list-inside list-disc text-stone-700">
          {permissions.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </section>

      {canEdit ? (
        <section className="card space-y-4" aria-labelledby="edit-details">
          <h2 id="edit-details" className="text-lg font-semibold">
            {t("manage.editDetails")}
          </h2>
          <Form method="post" className="space-y-4" noValidate data-testid="edit-station-form">
            <Field label={t("manage.addressZh")} name="addressZh" defaultValue={values.addressZh} error={errors.addressZh} />
            <Field label={t("manage.addressEn")} name="addressEn" defaultValue={values.addressEn} error={errors.addressEn} />
            <Field label={t("manage.openingHoursZh")} name="openingHoursZh" defaultValue={values.openingHoursZh} error={errors.openingHoursZh} />
            <Field label={t("manage.openingHoursEn")} name="openingHoursEn" defaultValue={values.openingHoursEn} error={errors.openingHoursEn} />
            <Field label={t("station.operator")} name="operatorContactName" defaultValue={values.operatorContactName} error={errors.operatorContactName} />
            <Field label={t("station.phone")} name="operatorContactPhone" type="tel" inputMode="tel" defaultValue={values.operatorContactPhone} error={errors.operatorContactPhone} />
            <button type="submit" className="btn-primary">
              {t("manage.save")}
            </button>
          </Form>
        </section>
      ) : (
        <dl className="card" aria-label={t("manage.details")}>
          <Detail label={t("station.address")} value={station.address} />
          <Detail label={t("station.openingHours")} value={station.openingHours} />
          <Detail label={t("station.operator")} value={station.operatorContactName} />
          <Detail label={t("station.phone")} value={station.operatorContactPhone} />
        </dl>
      )}

      <nav className="card space-y-2" aria-labelledby="goods-links" data-testid="goods-links">
        <h2 id="goods-links" className="text-lg font-semibold">
          {t("manage.goodsLinks")}
        </h2>
        <ul className="flex flex-wrap gap-2">
          <li>
            <a href={`/stations/${station.code}/manage/products`} className="btn-quiet">
              {t("goods.nav.products")}
            </a>
          </li>
          {canWriteGoods ? (
            <>
              <li>
                <a href={`/stations/${station.code}/manage/receive`} className="btn-quiet">
                  {t("goods.nav.receive")}
                </a>
              </li>
              <li>
                <a href={`/stations/${station.code}/manage/stock-take`} className="btn-quiet">
                  {t("goods.nav.stockTake")}
                </a>
              </li>
            </>
          ) : null}
          <li>
            <a href={`/stations/${station.code}/manage/households`} className="btn-quiet">
              {t("goods.nav.households")}
            </a>
          </li>
        </ul>
      </nav>

      <nav className="space-y-2" aria-label={t("manage.links")}>
        {canReadLedger ? (
          <a href={`/stations/${station.code}/ledger`} className="btn-primary mr-2" data-testid="ledger-link">
            {t("ledger.dashboardLink")}
          </a>
        ) : null}
        {canReadLedger ? (
          <a href={`/stations/${station.code}/reports`} className="btn-quiet mr-2" data-testid="reports-link">
            {t("reports.stationLink")}
          </a>
        ) : null}
        {canReadLedger ? (
          <>
            <a href={`/stations/${station.code}/close`} className="btn-quiet mr-2" data-testid="close-link">
              {t("committee.nav.close")}
            </a>
            <a href={`/stations/${station.code}/upkeep`} className="btn-quiet mr-2" data-testid="upkeep-link">
              {t("committee.nav.upkeep")}
            </a>
          </>
        ) : null}
        {canAudit ? (
          <a href={`/stations/${station.code}/audit`} className="btn-quiet mr-2" data-testid="audit-link">
            {t("committee.nav.audit")}
          </a>
        ) : null}
        <a href={`/stations/${station.code}`} className="btn-quiet">
          {t("manage.publicPage")}
        </a>
        {otherStations.length ? (
          <div className="pt-2">
            <h2 className="text-sm font-semibold text-stone-600">{t("manage.otherStations")}</h2>
            <ul className="flex flex-wrap gap-2 pt-1">
              {otherStations.map((s) => (
                <li key={s.code}>
                  <a href={`/stations/${s.code}/manage`}>{s.name}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </nav>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { ManageHeader } from "~/components/manage-chrome";
import { chinaDateTime } from "~/domain/catalog";
import { maskPaymentAccount } from "~/domain/households";
import { formatMoney, toAmountString } from "~/domain/money";
import { householdOwed, getPayout } from "~/models/households/payouts.server";
import { getUser } from "~/models/identity/users.server";
import { stationAccess } from "~/utils/access";
import { pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { ALREADY_PARAM } from "~/utils/idempotency";
import { routeMeta } from "~/utils/meta";
import { requireStationDocument } from "~/utils/station-documents.server";

export const handle = { access: stationAccess("payouts:write"), hydrate: false };

/** The payout slip (农户代卖款支付单) the household signs. */
export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const {
    access: { station },
    doc: { payout, household },
  } = await requireStationDocument(args, "payouts:write", (db, { stationId, number }) => getPayout(db, { stationId, number }));
  const { lang, t } = getTranslate(request);
  const payer = await getUser(context.db, { id: payout.paidBy });
  const owed = await householdOwed(context.db, { stationId: station.station.id, householdId: household.id });
  return {
    station: { code: station.station.code, name: pick(lang, station.station.nameZh, station.station.nameEn) },
    already: new URL(request.url).searchParams.get(ALREADY_PARAM) === "1",
    slip: {
      number: payout.number,
      at: chinaDateTime(payout.paidAt),
      household: household.headName,
      householdId: household.id,
      account: household.paymentAccount ? maskPaymentAccount(household.paymentMethod, household.paymentAccount) : "",
      amount: payout.amount,
      method: payout.method,
      reference: payout.reference,
      payer: payer?.displayName ?? "",
      owedNow: toAmountString(owed),
    },
    meta: { title: `${t("till.payout.slip")} ${payout.number} · ${t("app.name")}` },
  };
}

export const meta = routeMeta;

export default function PayoutSlip() {
  const { station, slip, already } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  const row = "flex justify-between border-b border-stone-100 py-1";
  return (
    <div className="space-y-4">
      <div className="no-print">
        <ManageHeader
          stationCode={station.code}
          stationName={station.name}
          title={t("till.payout.slip")}
          back={{ href: `/stations/${station.code}/manage/households/${slip.householdId}/statement`, label: t("till.statement.title") }}
        />
        {already ? <FormAlert tone="success">{t("form.alreadySaved")}</FormAlert> : null}
      </div>
      <article className="till-receipt paper-a4 card mx-auto max-w-xl space-y-2" data-testid="payout-slip">
        <h2 className="text-center text-lg font-bold">
          {station.name} · {t("till.payout.slip")}
        </h2>
        <p className="text-center text-sm">
          No. {String(slip.number).padStart(6, "0")} · {slip.at}
        </p>
        <dl className="text-sm">
          <div className={row}><dt>{t("till.payout.household")}</dt><dd>{slip.household}</dd></div>
          <div className={`${row} text-base font-bold`}><dt>{t("till.payout.amount")}</dt><dd data-testid="payout-amount">{formatMoney(slip.amount, lang)}</dd></div>
          <div className={row}><dt>{t("till.payout.method")}</dt><dd>{t(`till.payout.method.${slip.method}`)}{slip.reference ? ` · ${slip.reference}` : ""}</dd></div>
          {slip.account ? <div className={row}><dt>{t("till.payout.account")}</dt><dd>{slip.account}</dd></div> : null}
          <div className={row}><dt>{t("till.payout.owedNow")}</dt><dd>{formatMoney(slip.owedNow, lang)}</dd></div>
          <div className={row}><dt>{t("till.receipt.operator")}</dt><dd>{slip.payer}</dd></div>
        </dl>
        <p className="pt-8 text-sm">{t("till.payout.signature")} ____________________</p>
      </article>
    </div>
  );
}

import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { PageHeading } from "~/components/page-chrome";
import { chinaDateTime, rateToPercent } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { pick } from "~/domain/language";
import { D, toAmountString } from "~/domain/money";
import { keeperPay } from "~/domain/upkeep";
import { listCloses } from "~/models/committee/close.server";
import { upkeepRate, getPayFormula } from "~/models/committee/upkeep-rules.server";
import { decideExpense, listExpenses, reserveBalance, upkeepFund } from "~/models/committee/upkeep.server";
import type { CloseFigures } from "~/models/committee/figures.server";
import { stationAccess } from "~/utils/access";
import { requireStationAccess } from "~/utils/auth.server";
import { readFormData } from "~/utils/form-data.server";
import { useFormFeedback } from "~/utils/form-feedback";
import { parseForm } from "~/utils/forms";
import { routeMeta } from "~/utils/meta";
import { useI18n } from "~/utils/i18n-react";
import { getTranslate } from "~/utils/i18n.server";
import { groupAmount } from "~/routes-support/ledger/format";
import { UPKEEP_DECISION_REFUSALS } from "~/routes-support/committee/refusals";
import { DecisionForm } from "~/routes-support/committee/upkeep-forms.server";
import { refuse } from "~/routes-support/refusals.server";

export const handle = { access: stationAccess("ledger:read"), hydrate: false };

const DONE = ["recorded", "awaiting", "decided", "settings"] as const;

/** The upkeep fund this year: balance, budget vs actual, spending with receipts, approvals, the pay formula. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { station, permissions, user } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const stationId = station.station.id;
  const today = chinaToday();
  const year = Number(today.slice(0, 4));
  const [fund, balance, rate, formula, expenses, sealed] = await Promise.all([
    upkeepFund(context.db, { stationId, from: `${year}-01-01`, to: today }),
    reserveBalance(context.db, { stationId }),
    upkeepRate(context.db, { stationId }),
    getPayFormula(context.db, { countyId: station.county.id }),
    listExpenses(context.db, { stationId }),
    listCloses(context.db, { stationId, status: "sealed" }),
  ]);
  const last = sealed[0];
  const lastFigures = last?.figures as CloseFigures | undefined;
  const done = new URL(request.url).searchParams.get("done");
  const stationName = pick(lang, station.station.nameZh, station.station.nameEn);
  return {
    stationCode: station.station.code,
    stationName,
    year,
    balance: toAmountString(balance),
    ratePercent: rateToPercent(rate),
    fund,
    canWrite: permissions.has("upkeep:write"),
    canApprove: permissions.has("ledger:approve"),
    done: (DONE as readonly string[]).includes(done ?? "") ? (done as (typeof DONE)[number]) : null,
    formula: formula
      ? {
          base: toAmountString(formula.base),
          perHousehold: toAmountString(formula.perHousehold),
          share: `${rateToPercent(formula.commissionShare)}%`,
          cap: toAmountString(formula.cap),
          example: lastFigures
            ? {
                month: lastFigures.period,
                households: lastFigures.farmer.households,
                commission: lastFigures.upkeep.commission,
                pay: toAmountString(keeperPay(formula, { households: lastFigures.farmer.households, commission: new D(lastFigures.upkeep.commission) })),
              }
            : null,
        }
      : null,
    expenses: expenses.map((e) => ({
      id: e.id,
      kind: e.kind,
      amount: e.amount,
      date: e.businessDate,
      payee: e.payee,
      note: e.note,
      status: e.status,
      over: e.overReserve,
      receipt: e.receiptHash,
      recordedBy: e.recordedByName,
      decidedBy: e.decidedByName,
      decisionNote: e.decisionNote,
      mine: e.recordedBy === user.id,
      at: chinaDateTime(e.recordedAt),
    })),
    meta: { title: `${t("committee.upkeep.title")} · ${stationName}` },
  };
}

export const meta = routeMeta;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, station, permissions } = await requireStationAccess(request, context, params.code, "ledger:read");
  const { lang, t } = getTranslate(request);
  const parsed = parseForm(DecisionForm, await readFormData(request), t);
  // The decision buttons carry no typed input: the first problem shows at the top of the page.
  if (!parsed.ok) return data({ errors: { form: Object.values(parsed.errors)[0] ?? t("validation.invalid") }, values: {} as Record<string, string> }, { status: 400 });
  if (!permissions.has("ledger:approve")) throw new Response("Forbidden", { status: 403 });
  try {
    await decideExpense(context.db, {
      stationId: station.station.id,
      expenseId: parsed.data.expenseId,
      userId: user.id,
      approve: parsed.data.intent === "approve",
      note: parsed.data.note,
    });
  } catch (error) {
    return refuse(error, { t, lang, values: { expenseId: parsed.data.expenseId }, table: UPKEEP_DECISION_REFUSALS });
  }
  return redirect(`/stations/${station.station.code}/upkeep?done=decided`);
}

export default function UpkeepPage() {
  const d = useLoaderData<typeof loader>();
  const { errors, values } = useFormFeedback();
  const { t } = useI18n();
  const doneText = {
    recorded: t("committee.upkeep.done.recorded"),
    awaiting: t("committee.upkeep.done.awaiting"),
    decided: t("committee.upkeep.done.decided"),
    settings: t("committee.upkeep.done.settings"),
  };
  return (
    <div className="space-y-4">
      <PageHeading trail={[{ href: `/stations/${d.stationCode}/manage`, label: d.stationName }, { href: `/stations/${d.stationCode}/close`, label: t("committee.close.title") }]} title={t("committee.upkeep.title")} intro={t("committee.upkeep.intro")} />
      {d.done ? <FormAlert tone="success">{doneText[d.done]}</FormAlert> : null}
      {errors.form && !values.expenseId ? <FormAlert>{errors.form}</FormAlert> : null}

      <section className="card space-y-1">
        <p className="text-lg">
          {t("committee.upkeep.balance")}{t("common.colon")}<strong className="tabular-nums" data-testid="reserve-balance">{groupAmount(d.balance)}</strong>
        </p>
        <p className="text-sm text-stone-600">{t("committee.upkeep.rule", { rate: `${d.ratePercent}%` })}</p>
        <p className="text-sm text-stone-600">
          {t("committee.upkeep.year", { year: d.year })}{t("common.colon")}{t("committee.figures.opening")} {groupAmount(d.fund.opening)} · {t("committee.figures.setAside")} {groupAmount(d.fund.setAside)} ·{" "}
          {t("committee.figures.spent")} {t("common.parenthesized", { text: groupAmount(d.fund.spentTotal), inner: `${t("committee.figures.released")} ${groupAmount(d.fund.released)}` })} · {t("committee.figures.closing")}{" "}
          {groupAmount(d.fund.closing)}
        </p>
        {d.canWrite ? (
          <p className="flex flex-wrap gap-2 pt-2">
            <a href={`/stations/${d.stationCode}/upkeep/new`} className="btn-primary" data-testid="new-expense">
              {t("committee.upkeep.new")}
            </a>
            <a href={`/stations/${d.stationCode}/upkeep/settings`} className="btn-quiet">
              {t("committee.upkeep.settings")}
            </a>
          </p>
        ) : null}
      </section>

      <section className="card" aria-labelledby="budget">
        <h2 id="budget" className="font-semibold">
          {t("common.parenthesized", { text: t("committee.upkeep.budget"), inner: t("committee.upkeep.year", { year: d.fund.budget.year }) })}
        </h2>
        <table className="w-full text-sm" data-testid="budget-table">
          <thead>
            <tr className="text-left text-stone-600">
              <th className="py-1">{t("committee.upkeep.kind")}</th>
              <th className="py-1 text-right">{t("committee.upkeep.budgetCol")}</th>
              <th className="py-1 text-right">{t("committee.upkeep.actualCol")}</th>
              <th className="py-1 text-right">{t("committee.upkeep.remainingCol")}</th>
            </tr>
          </thead>
          <tbody>
            {d.fund.budget.rows.map((r) => (
              <tr key={r.kind} className={`border-t border-stone-100 ${r.over ? "text-red-700" : ""}`}>
                <td className="py-1">
                  {t(`committee.kind.${r.kind}`)}
                  {r.over ? ` · ${t("committee.upkeep.over")}` : ""}
                </td>
                <td className="py-1 text-right tabular-nums">{groupAmount(r.budget)}</td>
                <td className="py-1 text-right tabular-nums">{groupAmount(r.actual)}</td>
                <td className="py-1 text-right tabular-nums">{groupAmount(r.remaining)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card space-y-1" aria-labelledby="pay">
        <h2 id="pay" className="font-semibold">
          {t("committee.upkeep.payFormula")}
        </h2>
        {d.formula ? (
          <>
            <p className="text-sm" data-testid="pay-formula">
              {t("committee.upkeep.payFormulaText", { base: d.formula.base, perHousehold: d.formula.perHousehold, share: d.formula.share, cap: d.formula.cap })}
            </p>
            {d.formula.example ? (
              <p className="text-sm text-stone-600">
                {t("committee.upkeep.payFor", { month: d.formula.example.month, households: d.formula.example.households, commission: groupAmount(d.formula.example.commission), pay: groupAmount(d.formula.example.pay) })}
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-sm text-stone-600">{t("committee.upkeep.payFormulaNone")}</p>
        )}
      </section>

      <section className="space-y-2" aria-labelledby="expenses">
        <h2 id="expenses" className="text-lg font-semibold">
          {t("committee.upkeep.expenses")}
        </h2>
        {d.expenses.length === 0 ? <p className="text-stone-600">{t("committee.upkeep.noExpenses")}</p> : null}
        <ul className="space-y-2">
          {d.expenses.map((e) => (
            <li key={e.id} id={`expense-${e.id}`} className="card space-y-1 text-sm" data-testid="expense">
              <p className="flex flex-wrap items-baseline gap-2">
                <span className="tabular-nums text-stone-600">{e.date}</span>
                <span className="font-medium">{t(`committee.kind.${e.kind}`)}</span>
                <span>{e.payee}</span>
                <strong className="ml-auto tabular-nums">{groupAmount(e.amount)}</strong>
              </p>
              {e.note ? <p className="text-stone-600">{e.note}</p> : null}
              <p className="flex flex-wrap gap-2 text-stone-600">
                <span data-testid="expense-status">{t(`committee.upkeep.status.${e.status}`, { over: groupAmount(e.over) })}</span>
                <span>· {t("committee.upkeep.recordedBy", { name: e.recordedBy })}</span>
                {e.decidedBy ? <span>· {t("committee.upkeep.decidedBy", { name: e.decidedBy })}</span> : null}
                <a href={`/stations/${d.stationCode}/upkeep/receipts/${e.receipt}`}>{t("committee.upkeep.viewReceipt")}</a>
              </p>
              {e.decisionNote ? <p>{e.decisionNote}</p> : null}
              {values.expenseId === e.id ? <FormAlert>{errors.form}</FormAlert> : null}
              {e.status === "awaiting_approval" && d.canApprove && !e.mine ? (
                <Form method="post" className="flex flex-wrap items-end gap-2 border-t border-stone-100 pt-2">
                  <input type="hidden" name="expenseId" value={e.id} />
                  <div className="min-w-[10rem] flex-1">
                    <Field label={t("committee.upkeep.decisionNote")} name="note" />
                  </div>
                  <button type="submit" name="intent" value="approve" className="btn-primary">
                    {t("committee.upkeep.approve")}
                  </button>
                  <button type="submit" name="intent" value="reject" className="btn-quiet">
                    {t("committee.upkeep.reject")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

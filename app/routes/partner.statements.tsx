import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/form";
import { PartnerHeader } from "~/components/partner-chrome";
import { chinaToday, firstOfMonth } from "~/domain/dates";
import { formatMoney } from "~/domain/money";
import { DATE_PATTERN } from "~/domain/partner-api";
import { partnerStatement, type StatementEntryKind } from "~/models/partners/statements.server";
import { partnerAccess } from "~/utils/access";
import type { MessageKey } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { routeMeta } from "~/utils/meta";
import { partnerPage } from "~/routes-support/partners/portal.server";

export const handle = { access: partnerAccess("partner:read"), hydrate: false };

const Period = z.object({ from: z.string().regex(DATE_PATTERN), to: z.string().regex(DATE_PATTERN) });

const KIND_LABELS: Record<StatementEntryKind, MessageKey> = {
  received: "partnerPortal.statements.kind.received",
  returned: "partnerPortal.statements.kind.returned",
  delivery: "partnerPortal.statements.kind.delivery",
  payment: "partnerPortal.statements.kind.payment",
  remittance: "partnerPortal.statements.kind.remittance",
};

/** 对账单: the company's dealings with every station over a period (this month unless chosen), printable. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { partner, partnerName, t } = await partnerPage(request, context);
  const url = new URL(request.url);
  const today = chinaToday();
  const asked = Period.safeParse({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  const period = asked.success && asked.data.from <= asked.data.to ? asked.data : { from: firstOfMonth(today), to: today };
  // The period is checked above (two dates, in order), so the statement cannot refuse it.
  const statement = await partnerStatement(context.db, { partnerId: partner.id, from: period.from, to: period.to });
  const c = statement.consignment;
  const o = statement.orders;
  const row = (label: string, amount: string): [label: string, amount: string] => [label, amount];
  return {
    partnerName,
    period,
    consignment: [
      row(t("partnerPortal.statements.opening"), c.opening),
      row(t("partnerPortal.statements.sold"), c.sold),
      row(t("partnerPortal.statements.commission"), c.commission),
      row(t("partnerPortal.statements.partnerShare"), c.partnerShare),
      row(t("partnerPortal.statements.remitted"), c.remitted),
      row(t("partnerPortal.statements.owed"), c.owed),
    ],
    orders: [
      row(t("partnerPortal.statements.opening"), o.opening),
      row(t("partnerPortal.orders.invoiced"), o.invoiced),
      row(t("partnerPortal.orders.paid"), o.paid),
      row(t("partnerPortal.orders.outstanding"), o.outstanding),
    ],
    net: statement.net,
    entries: statement.entries.map((e, i) => ({
      key: `${e.kind}-${e.stationCode}-${e.number}-${i}`,
      date: e.date,
      kind: t(KIND_LABELS[e.kind]),
      document: `${e.stationCode}-${e.number}`,
      reference: e.reference,
      amount: e.amount,
    })),
    meta: { title: `${t("partnerPortal.nav.statements")} · ${partnerName}` },
  };
}

export const meta = routeMeta;

export default function PartnerStatementPage() {
  const { partnerName, period, consignment, orders, net, entries } = useLoaderData<typeof loader>();
  const { lang, t } = useI18n();
  return (
    <div className="space-y-6">
      <PartnerHeader partnerName={partnerName} title={t("partnerPortal.nav.statements")} />
      <Form method="get" className="no-print card flex flex-wrap items-end gap-3">
        <Field label={t("partnerPortal.statements.from")} name="from" type="date" defaultValue={period.from} />
        <Field label={t("partnerPortal.statements.to")} name="to" type="date" defaultValue={period.to} />
        <button type="submit" className="btn-quiet">
          {t("partnerPortal.statements.show")}
        </button>
      </Form>
      <p className="font-semibold">
        {partnerName} · {period.from} – {period.to}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <FigureCard testId="statement-consignment" title={t("partnerPortal.nav.stock")} rows={consignment} />
        <FigureCard testId="statement-orders" title={t("partnerPortal.nav.orders")} rows={orders} />
      </div>
      <p>{t("partnerPortal.statements.net", { amount: formatMoney(net, lang) })}</p>
      <table className="w-full text-left text-sm">
        <tbody>
          {entries.map((e) => (
            <tr key={e.key}>
              <td>{e.date}</td>
              <td>{e.kind}</td>
              <td>{e.document}</td>
              <td>{e.reference}</td>
              <td>{e.amount === null ? "" : formatMoney(e.amount, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="no-print text-sm text-stone-500">{t("partnerPortal.statements.print")}</p>
    </div>
  );
}

/** One side of the partner's business in the period: label and amount (a decimal string), line by line. */
function FigureCard({ testId, title, rows }: { testId: string; title: string; rows: readonly (readonly [label: string, amount: string])[] }) {
  const { lang } = useI18n();
  return (
    <section className="card" data-testid={testId}>
      <h2 className="font-semibold">{title}</h2>
      <dl className="grid grid-cols-2 gap-x-3 text-sm">
        {rows.map(([label, amount]) => (
          <div key={label} className="contents">
            <dt>{label}</dt>
            <dd>{formatMoney(amount, lang)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import type { ReactNode } from "react";
import { AmountCell, ReportTable } from "~/components/report-parts";
import type { SourceDocument } from "~/models/reports/sources.server";
import { type MessageKey, pick } from "~/utils/i18n";
import { useI18n } from "~/utils/i18n-react";
import { groupAmount } from "~/routes-support/ledger/format";
import { formatQty } from "~/routes-support/goods/format";
import type { UnitCode } from "~/domain/units";

/** The source documents other than the till's (sale, payout, count), as read-only views for auditors. */

type Doc<K extends SourceDocument["kind"]> = Extract<SourceDocument, { kind: K }>;
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const LABELS: Record<string, MessageKey> = {
  "order.pending_payment": "orders.status.pending_payment",
  "order.placed": "orders.status.placed",
  "order.paid": "orders.status.paid",
  "order.packed": "orders.status.packed",
  "order.ready_for_pickup": "orders.status.ready_for_pickup",
  "order.shipped": "orders.status.shipped",
  "order.completed": "orders.status.completed",
  "order.cancelled": "orders.status.cancelled",
  "order.refunded": "orders.status.refunded",
  "event.place": "reports.source.event.place",
  "event.pay": "reports.source.event.pay",
  "event.pack": "reports.source.event.pack",
  "event.ready": "reports.source.event.ready",
  "event.ship": "reports.source.event.ship",
  "event.handover": "reports.source.event.handover",
  "event.complete": "reports.source.event.complete",
  "event.cancel": "reports.source.event.cancel",
  "event.expire": "reports.source.event.expire",
  "event.refund": "reports.source.event.refund",
  "actor.buyer": "reports.source.actor.buyer",
  "actor.station": "reports.source.actor.station",
  "actor.system": "reports.source.actor.system",
  "pay.open": "reports.source.payStatus.open",
  "pay.paid": "reports.source.payStatus.paid",
  "pay.expired": "reports.source.payStatus.expired",
  "pay.rejected": "reports.source.payStatus.rejected",
  "refund.requested": "reports.source.refundStatus.requested",
  "refund.pending": "reports.source.refundStatus.pending",
  "refund.succeeded": "reports.source.refundStatus.succeeded",
  "refund.failed": "reports.source.refundStatus.failed",
  "refund.canceled": "reports.source.refundStatus.canceled",
  "refund.requires_action": "reports.source.refundStatus.requires_action",
  "bulk.placed": "partners.order.status.placed",
  "bulk.confirmed": "partners.order.status.confirmed",
  "bulk.delivered": "partners.order.status.delivered",
  "bulk.closed": "partners.order.status.closed",
  "bulk.cancelled": "partners.order.status.cancelled",
  "method.bank": "reports.source.method.bank",
  "from.cash": "reports.source.paidFrom.cash",
  "from.bank": "reports.source.paidFrom.bank",
  "expense.awaiting_approval": "reports.source.expenseStatus.awaiting_approval",
  "expense.posted": "reports.source.expenseStatus.posted",
  "expense.rejected": "reports.source.expenseStatus.rejected",
  "kind.equipment": "committee.kind.equipment",
  "kind.electricity": "committee.kind.electricity",
  "kind.internet": "committee.kind.internet",
  "kind.repairs": "committee.kind.repairs",
  "kind.keeperPay": "committee.kind.keeperPay",
  "kind.other": "committee.kind.other",
  "role.operator": "reports.source.role.operator",
  "role.overseer": "reports.source.role.overseer",
  "close.prepared": "reports.source.closeStatus.prepared",
  "close.sealed": "reports.source.closeStatus.sealed",
  "close.reopened": "reports.source.closeStatus.reopened",
  "close.superseded": "reports.source.closeStatus.superseded",
};

/** A stored code in words; an unknown code shows as itself rather than failing the page. */
function label(t: T, group: string, value: string): string {
  const key = LABELS[`${group}.${value}`];
  return key ? t(key) : value;
}

function Facts({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <dl className="card grid grid-cols-2 gap-2 text-sm" data-testid={testId}>
      {children}
    </dl>
  );
}

function Fact({ name, children, testId }: { name: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-stone-500">{name}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function OrderDoc({ doc }: { doc: Doc<"order"> }) {
  const { t, lang } = useI18n();
  return (
    <section className="space-y-2" data-testid="source-order">
      <h2 className="text-lg font-semibold">{t("reports.source.order", { number: doc.number })}</h2>
      <Facts testId="source-order-facts">
        <Fact name={t("reports.source.buyer")}>{`${doc.buyerName} ${doc.buyerPhone}`}</Fact>
        <Fact name={t("reports.source.placedAt")}>{doc.placedAt}</Fact>
        {doc.paidAt ? <Fact name={t("reports.source.paidAt")}>{doc.paidAt}</Fact> : null}
        <Fact name={t("reports.source.status")}>{label(t, "order", doc.status)}</Fact>
        <Fact name={t("reports.source.goodsTotal")}>{groupAmount(doc.goodsTotal)}</Fact>
        <Fact name={t("reports.source.deliveryFee")}>{groupAmount(doc.deliveryFee)}</Fact>
        <Fact name={t("reports.doc.total")} testId="source-total">
          {groupAmount(doc.total)}
        </Fact>
        <Fact name={t("reports.source.refunded")}>{groupAmount(doc.refunded)}</Fact>
      </Facts>
      <ReportTable
        head={[
          { label: t("reports.doc.product") },
          { label: t("reports.doc.owner") },
          { label: t("reports.doc.quantity"), numeric: true },
          { label: t("reports.doc.price"), numeric: true },
          { label: t("reports.doc.amount"), numeric: true },
          { label: t("reports.doc.commission"), numeric: true },
        ]}
        testId="source-order-lines"
      >
        {doc.lines.map((l, i) => (
          <tr key={i} className="border-t border-stone-100">
            <td className="px-2 py-2">{pick(lang, l.product, l.productEn)}</td>
            <td className="px-2 py-2">{l.owner}</td>
            <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatQty(l.quantity, l.unit as UnitCode, lang)}</td>
            <AmountCell amount={l.unitPrice} />
            <AmountCell amount={l.amount} />
            <AmountCell amount={l.commission} />
          </tr>
        ))}
      </ReportTable>
      <h3 className="font-semibold">{t("reports.source.history")}</h3>
      <ul className="card text-sm" data-testid="source-order-history">
        {doc.history.map((h, i) => (
          <li key={i}>{`${h.at} · ${label(t, "event", h.event)} · ${h.from ? `${label(t, "order", h.from)} → ` : ""}${label(t, "order", h.to)} · ${label(t, "actor", h.actor)}`}</li>
        ))}
      </ul>
      {doc.payments.length ? (
        <>
          <h3 className="font-semibold">{t("reports.source.payments")}</h3>
          <ul className="card text-sm" data-testid="source-order-payments">
            {doc.payments.map((p) => (
              <li key={p.attempt}>{`${t("reports.source.attempt", { n: p.attempt })} · ${groupAmount(p.amount)} · ${label(t, "pay", p.status)}${p.paidAt ? ` · ${p.paidAt}` : ""}`}</li>
            ))}
          </ul>
        </>
      ) : null}
      {doc.refunds.length ? (
        <>
          <h3 className="font-semibold">{t("reports.source.refunds")}</h3>
          <ul className="card text-sm" data-testid="source-order-refunds">
            {doc.refunds.map((r, i) => (
              <li key={i}>{`${r.at} · ${groupAmount(r.amount)} · ${label(t, "refund", r.status)}`}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function DeliveryDoc({ doc }: { doc: Doc<"delivery"> }) {
  const { t, lang } = useI18n();
  return (
    <section className="space-y-2" data-testid="source-delivery">
      <h2 className="text-lg font-semibold">{`${t("reports.source.delivery", { number: doc.number })} · ${doc.date}`}</h2>
      <Facts testId="source-delivery-facts">
        <Fact name={t("reports.source.partner")}>{pick(lang, doc.partner, doc.partnerEn || doc.partner)}</Fact>
        <Fact name={t("reports.source.bulkOrder", { number: doc.orderNumber })}>{`${t("reports.source.dueDate")} ${doc.dueDate}`}</Fact>
      </Facts>
      <ReportTable
        head={[
          { label: t("reports.source.produce") },
          { label: t("reports.doc.household") },
          { label: t("reports.doc.quantity"), numeric: true },
          { label: t("reports.doc.price"), numeric: true },
          { label: t("reports.doc.amount"), numeric: true },
          { label: t("reports.doc.commission"), numeric: true },
          { label: t("reports.source.share"), numeric: true },
        ]}
        testId="source-delivery-lines"
      >
        {doc.lines.map((l, i) => (
          <tr key={i} className="border-t border-stone-100">
            <td className="px-2 py-2">{l.produce}</td>
            <td className="px-2 py-2">{l.household}</td>
            <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatQty(l.quantity, l.unit as UnitCode, lang)}</td>
            <AmountCell amount={l.unitPrice} />
            <AmountCell amount={l.amount} />
            <AmountCell amount={l.commission} />
            <AmountCell amount={l.share} />
          </tr>
        ))}
        <tr className="border-t border-stone-300 font-semibold">
          <td className="px-2 py-2" colSpan={4}>
            {t("reports.doc.total")}
          </td>
          <AmountCell amount={doc.amount} testId="source-total" />
          <AmountCell amount={doc.commission} />
          <td />
        </tr>
      </ReportTable>
    </section>
  );
}

function PartnerMoneyDoc({ doc }: { doc: Doc<"remittance"> | Doc<"partner_payment"> }) {
  const { t, lang } = useI18n();
  const title = doc.kind === "remittance" ? t("reports.source.remittance", { number: doc.number }) : t("reports.source.partnerPayment", { number: doc.number });
  return (
    <section className="space-y-2" data-testid={`source-${doc.kind.replace("_", "-")}`}>
      <h2 className="text-lg font-semibold">{`${title} · ${doc.date}`}</h2>
      <Facts testId="source-partner-money">
        <Fact name={t("reports.source.partner")}>{pick(lang, doc.partner, doc.partnerEn || doc.partner)}</Fact>
        <Fact name={t("reports.doc.method")}>{label(t, "method", doc.method)}</Fact>
        <Fact name={t("reports.source.reference")}>{doc.reference}</Fact>
        <Fact name={t("reports.doc.amount")} testId="source-total">
          {groupAmount(doc.amount)}
        </Fact>
      </Facts>
      {doc.kind === "partner_payment" ? (
        <>
          <h3 className="font-semibold">{t("reports.source.bulkOrder", { number: doc.order.number })}</h3>
          <Facts testId="source-bulk-order">
            <Fact name={t("reports.source.orderStatus")}>{label(t, "bulk", doc.order.status)}</Fact>
            <Fact name={t("reports.source.deliveryDate")}>{doc.order.deliveryDate}</Fact>
            <Fact name={t("reports.source.delivered")}>{groupAmount(doc.order.delivered)}</Fact>
            <Fact name={t("reports.source.paidToDate")} testId="source-paid">
              {groupAmount(doc.order.paid)}
            </Fact>
            <Fact name={t("reports.source.outstanding")} testId="source-outstanding">
              {groupAmount(doc.order.outstanding)}
            </Fact>
          </Facts>
          <ReportTable
            head={[
              { label: t("reports.source.produce") },
              { label: t("reports.source.ordered"), numeric: true },
              { label: t("reports.source.deliveredQty"), numeric: true },
              { label: t("reports.doc.price"), numeric: true },
            ]}
          >
            {doc.order.lines.map((l, i) => (
              <tr key={i} className="border-t border-stone-100">
                <td className="px-2 py-2">{l.produce}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatQty(l.quantity, l.unit as UnitCode, lang)}</td>
                <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{formatQty(l.delivered, l.unit as UnitCode, lang)}</td>
                <AmountCell amount={l.unitPrice} />
              </tr>
            ))}
          </ReportTable>
        </>
      ) : null}
    </section>
  );
}

function ExpenseDoc({ doc, stationCode }: { doc: Doc<"expense">; stationCode: string }) {
  const { t } = useI18n();
  return (
    <section className="space-y-2" data-testid="source-expense">
      <h2 className="text-lg font-semibold">{`${t("reports.source.expense")} · ${doc.date}`}</h2>
      <Facts testId="source-expense-facts">
        <Fact name={t("reports.source.kind")}>{label(t, "kind", doc.expenseKind)}</Fact>
        <Fact name={t("reports.source.payee")}>{doc.payee}</Fact>
        <Fact name={t("reports.source.paidFrom")}>{label(t, "from", doc.paidFrom)}</Fact>
        <Fact name={t("reports.doc.amount")} testId="source-total">
          {groupAmount(doc.amount)}
        </Fact>
        {doc.overReserve !== "0.00" ? <Fact name={t("reports.source.overReserve")}>{groupAmount(doc.overReserve)}</Fact> : null}
        {doc.note ? <Fact name={t("reports.source.note")}>{doc.note}</Fact> : null}
        <Fact name={t("reports.source.status")}>{label(t, "expense", doc.status)}</Fact>
        <Fact name={t("reports.source.recordedBy")}>{doc.recordedBy}</Fact>
        {doc.decidedBy ? <Fact name={t("reports.source.approvedBy")}>{`${doc.decidedBy} · ${doc.decidedAt ?? ""}`}</Fact> : null}
        {doc.decisionNote ? <Fact name={t("reports.source.decisionNote")}>{doc.decisionNote}</Fact> : null}
        <Fact name={t("reports.source.receipt")}>
          <a href={`/stations/${stationCode}/upkeep/receipts/${doc.receiptHash}`} data-testid="source-receipt">
            {t("reports.source.receipt")}
          </a>
        </Fact>
      </Facts>
    </section>
  );
}

function CloseDoc({ doc, stationCode }: { doc: Doc<"allocation">; stationCode: string }) {
  const { t } = useI18n();
  return (
    <section className="space-y-2" data-testid="source-allocation">
      <h2 className="text-lg font-semibold">{t("reports.source.close", { period: doc.period, revision: doc.revision })}</h2>
      <Facts testId="source-close-facts">
        <Fact name={t("reports.source.status")}>{label(t, "close", doc.status)}</Fact>
        <Fact name={t("reports.source.commissionBase")}>{groupAmount(doc.commission)}</Fact>
        <Fact name={t("reports.source.rate")}>{doc.rate}</Fact>
        <Fact name={t("reports.source.allocation")} testId="source-total">
          {groupAmount(doc.allocation)}
        </Fact>
        <Fact name={t("reports.source.preparedBy")}>{doc.preparedBy}</Fact>
        {doc.signatures.map((s) => (
          <Fact key={s.role} name={`${t("reports.source.signatures")} · ${label(t, "role", s.role)}`}>{`${s.name} · ${s.at}`}</Fact>
        ))}
        {doc.sealedAt ? <Fact name={t("reports.source.sealedAt")}>{doc.sealedAt}</Fact> : null}
        {doc.closingNumber !== null ? <Fact name={t("reports.source.closingNumber")}>{doc.closingNumber}</Fact> : null}
      </Facts>
      {doc.seal ? <p className="break-all font-mono text-xs" data-testid="source-seal">{`${t("reports.source.seal")} ${doc.seal}`}</p> : null}
      <p>
        <a href={`/stations/${stationCode}/close/${doc.period}`} data-testid="source-close-link">
          {t("reports.source.closeLink")}
        </a>
      </p>
    </section>
  );
}

/** The document for kinds other than the till's; null for those the page renders itself. */
export function OtherSourceDocument({ doc, stationCode }: { doc: SourceDocument; stationCode: string }) {
  const { t } = useI18n();
  switch (doc.kind) {
    case "order":
      return <OrderDoc doc={doc} />;
    case "delivery":
      return <DeliveryDoc doc={doc} />;
    case "remittance":
    case "partner_payment":
      return <PartnerMoneyDoc doc={doc} />;
    case "expense":
      return <ExpenseDoc doc={doc} stationCode={stationCode} />;
    case "allocation":
      return <CloseDoc doc={doc} stationCode={stationCode} />;
    case "adjustment":
      return (
        <Facts testId="source-adjustment">
          <Fact name={t("reports.source.adjustment")}>{doc.date}</Fact>
          <Fact name={t("reports.source.reason")}>{doc.reason}</Fact>
          <Fact name={t("reports.source.draftedBy")}>{doc.draftedBy}</Fact>
          {doc.decidedBy ? <Fact name={t("reports.source.approvedBy")}>{`${doc.decidedBy} · ${doc.decidedAt ?? ""}`}</Fact> : null}
          {doc.note ? <Fact name={t("reports.source.decisionNote")}>{doc.note}</Fact> : null}
        </Facts>
      );
    case "opening":
      return (
        <p className="card" data-testid="source-opening">
          {t("reports.source.opening", { station: doc.station, date: doc.date })}
        </p>
      );
    default:
      return null;
  }
}

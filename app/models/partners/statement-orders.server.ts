import { and, asc, eq, gte, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { addDays } from "~/domain/dates";
import { allocate, D, type Dec, sum, ZERO } from "~/domain/money";
import { recognisedParts, refundSplit } from "~/domain/orders";
import type { Db } from "../../../db/client.server";
import { orderEvents, orderLines, orders } from "../../../db/schema/orders";
import { businessDate, pricedFromLines } from "~/models/orders/shared.server";

/**
 * A partner's consigned goods sold online (ADR 010, 012), for the statement: what the ledger
 * posts to 21102 (the partner's share) and 50102 (commission) for completed orders — on the China
 * day of completion, less any refund taken before it — and for refunds after completion, on the
 * China day of the refund, each reversing its pro rata part (the same `recognisedParts` /
 * `refundSplit` arithmetic as `postCompletion` and `recordOrderRefund`, from the order's lines and
 * refund events, not from the ledger).
 */

export interface PartnerOrderSales {
  /** Gross sold (share + commission), net of refunds after completion. */
  amount: Dec;
  commission: Dec;
  /** Quantities handed over, per product (a refund gives back money, not goods). */
  quantities: Map<string, Dec>;
}

/** The instant a China business day starts (China keeps UTC+8 all year, as `chinaToday`). */
const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** What of a 50102 amount is this partner's, when the order sells several partners' goods: by their commissions. */
function partnersCommission(amount: Dec, byPartner: Map<string, Dec>, partnerId: string): Dec {
  if (amount.isZero()) return ZERO;
  const ids = [...byPartner.keys()];
  if (ids.length === 1) return amount;
  const shares = allocate(
    amount,
    ids.map((id) => byPartner.get(id)!)
  );
  return shares[ids.indexOf(partnerId)] ?? ZERO;
}

export async function partnerOrderSales(db: Db, { partnerId, stationId, from, to }: { partnerId: string; stationId?: string; from: string; to: string }): Promise<PartnerOrderSales> {
  const start = dayStart(from);
  const end = dayStart(addDays(to, 1));
  const partnerOrders = db
    .selectDistinct({ id: orderLines.orderId })
    .from(orderLines)
    .where(and(eq(orderLines.partnerId, partnerId), stationId ? eq(orderLines.stationId, stationId) : undefined));
  const refundedInPeriod = db
    .select({ id: orderEvents.orderId })
    .from(orderEvents)
    .where(and(eq(orderEvents.event, "refund"), eq(orderEvents.fromStatus, "completed"), gte(orderEvents.createdAt, start), lt(orderEvents.createdAt, end)));
  const found = await db
    .select()
    .from(orders)
    .where(
      and(
        inArray(orders.id, partnerOrders),
        isNotNull(orders.completedAt),
        or(and(gte(orders.completedAt, start), lt(orders.completedAt, end)), inArray(orders.id, refundedInPeriod))
      )
    );
  const out: PartnerOrderSales = { amount: ZERO, commission: ZERO, quantities: new Map() };
  if (found.length === 0) return out;

  const ids = found.map((o) => o.id);
  const lines = await db.select().from(orderLines).where(inArray(orderLines.orderId, ids)).orderBy(asc(orderLines.orderId), asc(orderLines.lineNo));
  const refunds = await db
    .select({ orderId: orderEvents.orderId, fromStatus: orderEvents.fromStatus, createdAt: orderEvents.createdAt, amount: sql<string>`${orderEvents.data}->>'amount'` })
    .from(orderEvents)
    .where(and(inArray(orderEvents.orderId, ids), eq(orderEvents.event, "refund")))
    .orderBy(asc(orderEvents.id));
  const inPeriod = (at: Date) => {
    const day = businessDate(at);
    return day >= from && day <= to;
  };

  for (const order of found) {
    const own = lines.filter((l) => l.orderId === order.id);
    const parts = recognisedParts(pricedFromLines(own), new D(order.deliveryFee));
    const shareAt = parts.findIndex((p) => p.accountCode === ACCOUNTS.partnerPayable && p.subledger?.id === partnerId);
    const commissionAt = parts.findIndex((p) => p.accountCode === ACCOUNTS.commissionIncomePartner);
    const byPartner = new Map<string, Dec>();
    for (const l of own) if (l.ownerKind === "partner" && l.partnerId) byPartner.set(l.partnerId, (byPartner.get(l.partnerId) ?? ZERO).plus(l.commission));
    /** This partner's share and commission of each part's amounts (a split of the parts). */
    const mine = (amounts: Dec[]) => ({
      share: shareAt >= 0 ? amounts[shareAt]! : ZERO,
      commission: commissionAt >= 0 ? partnersCommission(amounts[commissionAt]!, byPartner, partnerId) : ZERO,
    });
    const add = (x: { share: Dec; commission: Dec }, sign: 1 | -1) => {
      out.amount = out.amount.plus(x.share.plus(x.commission).times(sign));
      out.commission = out.commission.plus(x.commission.times(sign));
    };

    const ownRefunds = refunds.filter((r) => r.orderId === order.id);
    const beforeCompletion = sum(ownRefunds.filter((r) => r.fromStatus !== "completed").map((r) => new D(r.amount)));
    if (inPeriod(order.completedAt!)) {
      const taken = refundSplit(parts, beforeCompletion);
      add(mine(parts.map((p, i) => new D(p.amount).minus(taken[i]!))), 1);
      for (const l of own) if (l.partnerId === partnerId) out.quantities.set(l.productId, (out.quantities.get(l.productId) ?? ZERO).plus(l.quantity));
    }
    let refunded = beforeCompletion;
    for (const r of ownRefunds.filter((e) => e.fromStatus === "completed")) {
      const after = refunded.plus(r.amount);
      if (inPeriod(r.createdAt)) {
        const was = refundSplit(parts, refunded);
        const now = refundSplit(parts, after);
        add(mine(now.map((a, i) => a.minus(was[i]!))), -1);
      }
      refunded = after;
    }
  }
  return out;
}

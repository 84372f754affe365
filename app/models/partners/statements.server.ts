import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec, sum, toAmountString, ZERO } from "~/domain/money";
import { PartnerError, statementTotals } from "~/domain/partners";
import type { UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { bulkDeliveries, bulkOrders, consignmentNoteLines, consignmentNotes, partnerPayments, partnerRemittances } from "../../../db/schema/partners";
import { saleLines, saleReturnLines, saleReturns, sales } from "../../../db/schema/sales";
import { stations } from "../../../db/schema/stations";
import { getPartner, type Partner } from "./partners.server";
import { partnerBalance } from "./shared.server";
import { partnerOrderSales } from "./statement-orders.server";

/**
 * A partner's statement (对账单) for a period, at one station or all: consignment received,
 * sold, commission, remitted, owed; bulk deliveries (invoiced), paid, outstanding. The closing
 * figures are computed from the period's documents and compared with the ledger's balances.
 */

export type StatementEntryKind = "received" | "returned" | "delivery" | "payment" | "remittance";

export interface StatementEntry {
  date: string;
  kind: StatementEntryKind;
  stationCode: string;
  number: number;
  /** Bulk order number for deliveries and payments. */
  orderNumber: number | null;
  reference: string;
  amount: string | null;
}

export interface StatementGoods {
  stationCode: string;
  productId: string;
  nameZh: string;
  nameEn: string;
  unit: UnitCode;
  received: string;
  returned: string;
  sold: string;
}

export interface PartnerStatement {
  partner: Partner;
  stationId: string | null;
  from: string;
  to: string;
  consignment: { opening: string; sold: string; commission: string; partnerShare: string; remitted: string; owed: string; ledgerOwed: string; goods: StatementGoods[] };
  orders: { opening: string; delivered: string; invoiced: string; paid: string; outstanding: string; ledgerOutstanding: string };
  /** outstanding − owed: positive, the partner owes the station on balance. */
  net: string;
  /** The closing figures equal the ledger's balances. */
  reconciled: boolean;
  entries: StatementEntry[];
  currency: "CNY";
}

const money = (d: Dec) => toAmountString(d);

/**
 * @throws PartnerError PARTNER_NOT_FOUND | BAD_DATE
 */
export async function partnerStatement(db: Db, { partnerId, stationId, from, to }: { partnerId: string; stationId?: string; from: string; to: string }): Promise<PartnerStatement> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || from > to) throw new PartnerError("BAD_DATE");
  const partner = await getPartner(db, { partnerId });
  if (!partner) throw new PartnerError("PARTNER_NOT_FOUND");
  const atStation = (col: PgColumn) => (stationId ? eq(col, stationId) : undefined);

  const sold = await db
    .select({ productId: saleLines.productId, quantity: sql<string>`sum(${saleLines.quantity})::text`, amount: sql<string>`sum(${saleLines.amount})::text`, commission: sql<string>`sum(${saleLines.commission})::text` })
    .from(saleLines)
    .innerJoin(sales, and(eq(sales.id, saleLines.saleId), eq(sales.stationId, saleLines.stationId)))
    .where(and(eq(saleLines.partnerId, partnerId), gte(sales.businessDate, from), lte(sales.businessDate, to), atStation(saleLines.stationId)))
    .groupBy(saleLines.productId);
  const returned = await db
    .select({ productId: saleLines.productId, quantity: sql<string>`sum(${saleReturnLines.quantity})::text`, amount: sql<string>`sum(${saleReturnLines.amount})::text`, commission: sql<string>`sum(${saleReturnLines.commission})::text` })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .innerJoin(saleLines, eq(saleLines.id, saleReturnLines.saleLineId))
    .where(and(eq(saleLines.partnerId, partnerId), gte(saleReturns.businessDate, from), lte(saleReturns.businessDate, to), atStation(saleLines.stationId)))
    .groupBy(saleLines.productId);
  // Sold online too: completed orders and refunds after completion, as the order model posts them.
  const online = await partnerOrderSales(db, { partnerId, ...(stationId ? { stationId } : {}), from, to });
  const soldGross = sum(sold.map((s) => new D(s.amount))).minus(sum(returned.map((r) => new D(r.amount)))).plus(online.amount);
  const commission = sum(sold.map((s) => new D(s.commission))).minus(sum(returned.map((r) => new D(r.commission)))).plus(online.commission);

  const notes = await db
    .select({ note: consignmentNotes, line: consignmentNoteLines, stationCode: stations.code, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
    .from(consignmentNoteLines)
    .innerJoin(consignmentNotes, eq(consignmentNotes.id, consignmentNoteLines.noteId))
    .innerJoin(stations, eq(stations.id, consignmentNotes.stationId))
    .innerJoin(products, eq(products.id, consignmentNoteLines.productId))
    .where(and(eq(consignmentNotes.partnerId, partnerId), gte(consignmentNotes.businessDate, from), lte(consignmentNotes.businessDate, to), atStation(consignmentNotes.stationId)))
    .orderBy(asc(consignmentNotes.businessDate), asc(consignmentNotes.number), asc(consignmentNoteLines.lineNo));
  const remittances = await db
    .select({ r: partnerRemittances, stationCode: stations.code })
    .from(partnerRemittances)
    .innerJoin(stations, eq(stations.id, partnerRemittances.stationId))
    .where(and(eq(partnerRemittances.partnerId, partnerId), gte(partnerRemittances.businessDate, from), lte(partnerRemittances.businessDate, to), atStation(partnerRemittances.stationId)));
  const deliveries = await db
    .select({ d: bulkDeliveries, stationCode: stations.code, orderNumber: bulkOrders.number })
    .from(bulkDeliveries)
    .innerJoin(stations, eq(stations.id, bulkDeliveries.stationId))
    .innerJoin(bulkOrders, eq(bulkOrders.id, bulkDeliveries.orderId))
    .where(and(eq(bulkDeliveries.partnerId, partnerId), gte(bulkDeliveries.businessDate, from), lte(bulkDeliveries.businessDate, to), atStation(bulkDeliveries.stationId)));
  const payments = await db
    .select({ p: partnerPayments, stationCode: stations.code, orderNumber: bulkOrders.number })
    .from(partnerPayments)
    .innerJoin(stations, eq(stations.id, partnerPayments.stationId))
    .innerJoin(bulkOrders, eq(bulkOrders.id, partnerPayments.orderId))
    .where(and(eq(partnerPayments.partnerId, partnerId), gte(partnerPayments.businessDate, from), lte(partnerPayments.businessDate, to), atStation(partnerPayments.stationId)));

  const scope = { partnerId, ...(stationId ? { stationId } : {}) };
  const [payableBefore, payableAtEnd, receivableBefore, receivableAtEnd] = await Promise.all([
    partnerBalance(db, { ...scope, accountCode: ACCOUNTS.partnerPayable, before: from }),
    partnerBalance(db, { ...scope, accountCode: ACCOUNTS.partnerPayable, upTo: to }),
    partnerBalance(db, { ...scope, accountCode: ACCOUNTS.partnerReceivable, before: from }),
    partnerBalance(db, { ...scope, accountCode: ACCOUNTS.partnerReceivable, upTo: to }),
  ]);
  const remitted = sum(remittances.map((r) => new D(r.r.amount)));
  const delivered = sum(deliveries.map((d) => new D(d.d.amount)));
  const paid = sum(payments.map((p) => new D(p.p.amount)));
  const totals = statementTotals({
    consignmentOpening: payableBefore.neg(),
    consignmentSold: soldGross,
    consignmentCommission: commission,
    remitted,
    ordersOpening: receivableBefore,
    delivered,
    paid,
  });

  const goods = new Map<string, StatementGoods & { r: Dec; x: Dec; s: Dec }>();
  const good = (productId: string, stationCode: string, nameZh: string, nameEn: string, unit: UnitCode) => {
    let g = goods.get(productId);
    if (!g) {
      g = { stationCode, productId, nameZh, nameEn, unit, received: "0", returned: "0", sold: "0", r: ZERO, x: ZERO, s: ZERO };
      goods.set(productId, g);
    }
    return g;
  };
  for (const n of notes) {
    const g = good(n.line.productId, n.stationCode, n.nameZh, n.nameEn, n.unit);
    if (n.note.kind === "received") g.r = g.r.plus(n.line.quantity);
    else g.x = g.x.plus(n.line.quantity);
  }
  if (sold.length + returned.length + online.quantities.size > 0) {
    const ids = [...new Set([...sold.map((s) => s.productId), ...returned.map((r) => r.productId), ...online.quantities.keys()])];
    const info = await db
      .select({ id: products.id, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit, stationCode: stations.code })
      .from(products)
      .innerJoin(stations, eq(stations.id, products.stationId))
      .where(sql`${products.id} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    for (const s of sold) {
      const p = info.find((i) => i.id === s.productId)!;
      const g = good(s.productId, p.stationCode, p.nameZh, p.nameEn, p.unit);
      g.s = g.s.plus(s.quantity);
    }
    for (const r of returned) {
      const p = info.find((i) => i.id === r.productId)!;
      const g = good(r.productId, p.stationCode, p.nameZh, p.nameEn, p.unit);
      g.s = g.s.minus(r.quantity);
    }
    for (const [productId, quantity] of online.quantities) {
      const p = info.find((i) => i.id === productId)!;
      const g = good(productId, p.stationCode, p.nameZh, p.nameEn, p.unit);
      g.s = g.s.plus(quantity);
    }
  }

  const entries: StatementEntry[] = [
    ...[...new Map(notes.map((n) => [n.note.id, n])).values()].map((n) => ({ date: n.note.businessDate, kind: n.note.kind, stationCode: n.stationCode, number: n.note.number, orderNumber: null, reference: n.note.note, amount: null })),
    ...deliveries.map((d) => ({ date: d.d.businessDate, kind: "delivery" as const, stationCode: d.stationCode, number: d.d.number, orderNumber: d.orderNumber, reference: "", amount: d.d.amount })),
    ...payments.map((p) => ({ date: p.p.businessDate, kind: "payment" as const, stationCode: p.stationCode, number: p.p.number, orderNumber: p.orderNumber, reference: p.p.reference, amount: p.p.amount })),
    ...remittances.map((r) => ({ date: r.r.businessDate, kind: "remittance" as const, stationCode: r.stationCode, number: r.r.number, orderNumber: null, reference: r.r.reference, amount: r.r.amount })),
  ].sort((a, b) => (a.date === b.date ? a.stationCode.localeCompare(b.stationCode) || a.number - b.number : a.date < b.date ? -1 : 1));

  const ledgerOwed = payableAtEnd.neg();
  return {
    partner,
    stationId: stationId ?? null,
    from,
    to,
    consignment: {
      opening: money(payableBefore.neg()),
      sold: money(soldGross),
      commission: money(commission),
      partnerShare: money(totals.partnerShare),
      remitted: money(remitted),
      owed: money(totals.owed),
      ledgerOwed: money(ledgerOwed),
      goods: [...goods.values()].map(({ r, x, s, ...g }) => ({ ...g, received: r.toFixed(3), returned: x.toFixed(3), sold: s.toFixed(3) })),
    },
    orders: {
      opening: money(receivableBefore),
      delivered: money(delivered),
      invoiced: money(delivered),
      paid: money(paid),
      outstanding: money(totals.outstanding),
      ledgerOutstanding: money(receivableAtEnd),
    },
    net: money(totals.net),
    reconciled: totals.owed.eq(ledgerOwed) && totals.outstanding.eq(receivableAtEnd),
    entries,
    currency: "CNY",
  };
}

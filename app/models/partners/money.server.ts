import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, toAmountString } from "~/domain/money";
import { checkSettlement, PartnerError } from "~/domain/partners";
import type { Db } from "../../../db/client.server";
import { bulkDeliveries, bulkOrders, partnerPayments, partnerRemittances } from "../../../db/schema/partners";
import { stations } from "../../../db/schema/stations";
import { isCheckViolation } from "~/models/database/errors.server";
import { postJournal, withLedgerRetry } from "~/models/ledger/journals.server";
import { lockOrder } from "./bulk-orders.server";
import { lockTerms, nextNumber, partnerOwed } from "./shared.server";

/**
 * Money between a station and a partner (ADR 012), always by bank transfer with its reference:
 * a remittance pays the partner for its consigned goods sold (Dr 21102 / Cr 10201), never more
 * than owed; a partner payment settles a bulk order's deliveries (Dr 10201 / Cr 11201), never
 * more than delivered and unpaid. Each checked in the model under the terms' lock and again by a
 * deferred trigger at commit.
 */

export type Remittance = typeof partnerRemittances.$inferSelect;
export type PartnerPayment = typeof partnerPayments.$inferSelect;

export { partnerOwed, partnerReceivable } from "./shared.server";

export interface MoneyInput {
  stationId: string;
  amount: Dec;
  reference: string;
  idempotencyKey: string;
  actorUserId: string;
  date?: string;
}

/**
 * Remits to a partner what its consigned goods earned.
 * @throws PartnerError NO_TERMS | PARTNER_NOT_FOUND | ABOVE_OWED | REFERENCE_REQUIRED; LedgerError PERIOD_CLOSED
 */
export async function recordRemittance(db: Db, input: MoneyInput & { partnerId: string }): Promise<Remittance> {
  const { stationId, partnerId } = input;
  const reference = input.reference.trim();
  if (!reference) throw new PartnerError("REFERENCE_REQUIRED");
  const [known] = await db.select().from(partnerRemittances).where(and(eq(partnerRemittances.stationId, stationId), eq(partnerRemittances.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  const id = randomUUID();
  const date = input.date ?? chinaToday();
  try {
    return await withLedgerRetry(db, async (tx) => {
      const { partner } = await lockTerms(tx, { partnerId, stationId });
      checkSettlement(input.amount, await partnerOwed(tx, { partnerId, stationId }), "remittance");
      const amount = toAmountString(input.amount);
      const number = await nextNumber(tx, "partner_remittances", stationId);
      const { journal } = await postJournal(tx, {
        stationId,
        date,
        description: { kind: "partnerRemittance", vars: { number: String(number), partner: partner.nameZh } },
        source: { type: "remittance", id },
        idempotencyKey: `remittance:${id}`,
        lines: [
          { accountCode: ACCOUNTS.partnerPayable, amount, subledger: { kind: "partner", id: partnerId } },
          { accountCode: ACCOUNTS.bank, amount: `-${amount}` },
        ],
        createdBy: input.actorUserId,
      });
      const [row] = await tx
        .insert(partnerRemittances)
        .values({ id, stationId, partnerId, number, businessDate: date, amount, method: "bank", reference, idempotencyKey: input.idempotencyKey, journalId: journal.id, paidBy: input.actorUserId })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isCheckViolation(error, "partner_remittances_within_owed")) throw new PartnerError("ABOVE_OWED");
    throw error;
  }
}

/**
 * Records a partner's bank payment against a bulk order's deliveries.
 * @throws PartnerError ORDER_NOT_FOUND | ABOVE_OUTSTANDING | REFERENCE_REQUIRED; LedgerError PERIOD_CLOSED
 */
export async function recordPartnerPayment(db: Db, input: MoneyInput & { orderId: string }): Promise<PartnerPayment> {
  const { stationId, orderId } = input;
  const reference = input.reference.trim();
  if (!reference) throw new PartnerError("REFERENCE_REQUIRED");
  const [known] = await db.select().from(partnerPayments).where(and(eq(partnerPayments.stationId, stationId), eq(partnerPayments.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  const id = randomUUID();
  const date = input.date ?? chinaToday();
  try {
    return await withLedgerRetry(db, async (tx) => {
      const order = await lockOrder(tx, stationId, orderId);
      const [delivered] = await tx.select({ total: sql<string>`coalesce(sum(${bulkDeliveries.amount}), 0)::text` }).from(bulkDeliveries).where(eq(bulkDeliveries.orderId, orderId));
      const [paid] = await tx.select({ total: sql<string>`coalesce(sum(${partnerPayments.amount}), 0)::text` }).from(partnerPayments).where(eq(partnerPayments.orderId, orderId));
      checkSettlement(input.amount, new D(delivered!.total).minus(paid!.total), "payment");
      const amount = toAmountString(input.amount);
      const number = await nextNumber(tx, "partner_payments", stationId);
      const { journal } = await postJournal(tx, {
        stationId,
        date,
        // Its own document: the payment row (which names the bulk order it settles, ADR 012).
        description: { kind: "partnerPayment", vars: { number: String(number), order: String(order.number) } },
        source: { type: "partner_payment", id },
        idempotencyKey: `partner-payment:${id}`,
        lines: [
          { accountCode: ACCOUNTS.bank, amount },
          { accountCode: ACCOUNTS.partnerReceivable, amount: `-${amount}`, subledger: { kind: "partner", id: order.partnerId } },
        ],
        createdBy: input.actorUserId,
      });
      const [row] = await tx
        .insert(partnerPayments)
        .values({ id, stationId, partnerId: order.partnerId, orderId, number, businessDate: date, amount, method: "bank", reference, idempotencyKey: input.idempotencyKey, journalId: journal.id, recordedBy: input.actorUserId })
        .returning();
      return row!;
    });
  } catch (error) {
    if (isCheckViolation(error, "partner_payments_within_outstanding")) throw new PartnerError("ABOVE_OUTSTANDING");
    throw error;
  }
}

/** A partner's remittances from one station or all, newest first. */
export async function listRemittances(db: Db, { partnerId, stationId }: { partnerId: string; stationId?: string }) {
  return db
    .select({ remittance: partnerRemittances, stationCode: stations.code, stationNameZh: stations.nameZh })
    .from(partnerRemittances)
    .innerJoin(stations, eq(stations.id, partnerRemittances.stationId))
    .where(and(eq(partnerRemittances.partnerId, partnerId), stationId ? eq(partnerRemittances.stationId, stationId) : undefined))
    .orderBy(desc(partnerRemittances.businessDate), desc(partnerRemittances.number));
}

/** A partner's payments to one station or all, newest first. */
export async function listPartnerPayments(db: Db, { partnerId, stationId, orderId }: { partnerId: string; stationId?: string; orderId?: string }) {
  return db
    .select({ payment: partnerPayments, orderNumber: bulkOrders.number, stationCode: stations.code, stationNameZh: stations.nameZh })
    .from(partnerPayments)
    .innerJoin(bulkOrders, eq(bulkOrders.id, partnerPayments.orderId))
    .innerJoin(stations, eq(stations.id, partnerPayments.stationId))
    .where(
      and(eq(partnerPayments.partnerId, partnerId), stationId ? eq(partnerPayments.stationId, stationId) : undefined, orderId ? eq(partnerPayments.orderId, orderId) : undefined),
    )
    .orderBy(desc(partnerPayments.businessDate), desc(partnerPayments.number));
}

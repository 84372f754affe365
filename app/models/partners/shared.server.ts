import { and, eq, sql } from "drizzle-orm";
import { ACCOUNTS } from "~/domain/chart-of-accounts";
import { D, type Dec } from "~/domain/money";
import { PartnerError } from "~/domain/partners";
import type { Db } from "../../../db/client.server";
import { ledgerPostings } from "../../../db/schema/ledger";
import { partnerCompanies, partnerStationTerms } from "../../../db/schema/partners";

/** Helpers the partner models share: numbering, locks and the partner's balances in the ledger. */

type NumberedTable = "bulk_orders" | "bulk_deliveries" | "partner_payments" | "partner_remittances" | "partner_consignment_notes";

/**
 * The station's next number for a kind of document, gap-free: a transaction-scoped advisory lock
 * per (table, station) serialises the max+1, and the unique (station, number) constraint backs it.
 */
export async function nextNumber(tx: Db, table: NumberedTable, stationId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${table}:${stationId}`}))`);
  const rows = await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0)::int as n from ${sql.identifier(table)} where station_id = ${stationId}`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows) as { n: number }[];
  return Number(list[0]?.n ?? 0) + 1;
}

/**
 * Locks the partner's terms at a station (the row every money operation with this partner at this
 * station takes first) and checks the partner is registered there.
 * @throws PartnerError NO_TERMS | PARTNER_NOT_FOUND
 */
export async function lockTerms(tx: Db, { partnerId, stationId }: { partnerId: string; stationId: string }) {
  const [row] = await tx
    .select({ terms: partnerStationTerms, partner: partnerCompanies })
    .from(partnerStationTerms)
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, partnerStationTerms.partnerId))
    .where(and(eq(partnerStationTerms.partnerId, partnerId), eq(partnerStationTerms.stationId, stationId)))
    .for("update", { of: partnerStationTerms });
  if (!row) {
    const [exists] = await tx.select({ id: partnerCompanies.id }).from(partnerCompanies).where(eq(partnerCompanies.id, partnerId));
    throw new PartnerError(exists ? "NO_TERMS" : "PARTNER_NOT_FOUND");
  }
  return row;
}

/** A partner's balance on one account at a station (or all stations), debit positive; optionally before a date. */
export async function partnerBalance(
  db: Db,
  { partnerId, stationId, accountCode, before, upTo }: { partnerId: string; stationId?: string; accountCode: string; before?: string; upTo?: string },
): Promise<Dec> {
  const [row] = await db
    .select({ net: sql<string>`coalesce(sum(${ledgerPostings.amount}), 0)::text` })
    .from(ledgerPostings)
    .where(
      and(
        eq(ledgerPostings.partnerId, partnerId),
        eq(ledgerPostings.accountCode, accountCode),
        stationId ? eq(ledgerPostings.stationId, stationId) : undefined,
        before ? sql`${ledgerPostings.businessDate} < ${before}` : undefined,
        upTo ? sql`${ledgerPostings.businessDate} <= ${upTo}` : undefined,
      ),
    );
  return new D(row!.net);
}

/** What the station owes the partner for consigned goods sold (credit balance of 21102), ≥ 0 when the books are right. */
export async function partnerOwed(db: Db, { partnerId, stationId }: { partnerId: string; stationId: string }): Promise<Dec> {
  return (await partnerBalance(db, { partnerId, stationId, accountCode: ACCOUNTS.partnerPayable })).neg();
}

/** What the partner owes the station for bulk deliveries (debit balance of 11201). */
export async function partnerReceivable(db: Db, { partnerId, stationId }: { partnerId: string; stationId: string }): Promise<Dec> {
  return partnerBalance(db, { partnerId, stationId, accountCode: ACCOUNTS.partnerReceivable });
}

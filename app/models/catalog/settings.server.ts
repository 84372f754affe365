import { eq, sql } from "drizzle-orm";
import { DEFAULT_COMMISSION_RATE, toRateString } from "~/domain/catalog";
import type { Dec } from "~/domain/money";
import type { Db } from "../../../db/client.server";
import { stationCatalogSettings } from "../../../db/schema/catalog";
import { stations } from "../../../db/schema/stations";
import { recordAudit } from "~/models/audit/audit.server";

/**
 * Bumps the station's catalogue version (and, when asked, hands out the next receipt number or
 * product sequence) in the caller's transaction. Every write to goods, prices, stock, photos or
 * households calls this, so the storefront's page cache on every app instance sees the change.
 *
 * Lock order: callers change their product rows first and bump last, so the station's row is
 * the last business lock taken (like the ledger's chain head) and two writers never wait on
 * each other in opposite orders. Creating a product is the one exception: it needs its
 * sequence before the row exists, and a row not yet inserted is one nobody else can be waiting on.
 */
export async function bumpCatalog(
  tx: Db,
  { stationId, takeReceiptNumber = false, takeProductNumber = false }: { stationId: string; takeReceiptNumber?: boolean; takeProductNumber?: boolean },
): Promise<{ receiptNumber: number | null; productNumber: number | null }> {
  const step = takeReceiptNumber ? 1 : 0;
  const productStep = takeProductNumber ? 1 : 0;
  const [row] = await tx
    .insert(stationCatalogSettings)
    .values({ stationId, catalogVersion: 1, lastReceiptNumber: step, lastProductNumber: productStep })
    .onConflictDoUpdate({
      target: stationCatalogSettings.stationId,
      set: {
        catalogVersion: sql`${stationCatalogSettings.catalogVersion} + 1`,
        lastReceiptNumber: sql`${stationCatalogSettings.lastReceiptNumber} + ${step}`,
        lastProductNumber: sql`${stationCatalogSettings.lastProductNumber} + ${productStep}`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ lastReceiptNumber: stationCatalogSettings.lastReceiptNumber, lastProductNumber: stationCatalogSettings.lastProductNumber });
  return { receiptNumber: takeReceiptNumber ? row!.lastReceiptNumber : null, productNumber: takeProductNumber ? row!.lastProductNumber : null };
}

/**
 * One cheap read that changes whenever anything the storefront shows changes: the catalogue
 * versions of all stations, plus the stations themselves (a station opened, closed or edited).
 * Every instance reads the same rows, so their caches agree.
 */
export async function getCatalogVersion(db: Db): Promise<string> {
  const [row] = await db
    .select({
      goods: sql<string>`coalesce((select sum(${stationCatalogSettings.catalogVersion}) from ${stationCatalogSettings}), 0)::text`,
      stations: sql<string>`count(*)::text`,
      edited: sql<string>`coalesce(floor(extract(epoch from max(${stations.updatedAt})) * 1000), 0)::bigint::text`,
    })
    .from(stations);
  return `${row?.goods ?? "0"}.${row?.stations ?? "0"}.${row?.edited ?? "0"}`;
}

/** The station's default commission rate as stored ("0.1000"); the default when never set. */
export async function getDefaultCommissionRate(db: Db, { stationId }: { stationId: string }): Promise<string> {
  const [row] = await db
    .select({ rate: stationCatalogSettings.defaultCommissionRate })
    .from(stationCatalogSettings)
    .where(eq(stationCatalogSettings.stationId, stationId));
  return row?.rate ?? DEFAULT_COMMISSION_RATE;
}

/** Sets the rate that applies to every product without its own. Audited; bumps the catalogue. */
export async function setDefaultCommissionRate(db: Db, { actorUserId, stationId, rate }: { actorUserId: string | null; stationId: string; rate: Dec }): Promise<void> {
  const value = toRateString(rate);
  await db.transaction(async (tx) => {
    const before = await getDefaultCommissionRate(tx, { stationId });
    await bumpCatalog(tx, { stationId });
    await tx.update(stationCatalogSettings).set({ defaultCommissionRate: value }).where(eq(stationCatalogSettings.stationId, stationId));
    await recordAudit(tx, {
      actorUserId,
      action: "station.commission_rate",
      recordType: "station",
      recordId: stationId,
      stationId,
      before: { defaultCommissionRate: before },
      after: { defaultCommissionRate: value },
    });
  });
}

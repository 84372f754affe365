import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { ProductCategory } from "~/domain/catalog";
import { D, type Dec, toAmountString } from "~/domain/money";
import { type Holding, type PartnerKind, type PartnerMode, PartnerError, type PartnerStatus, type RemittanceSchedule, produceKey } from "~/domain/partners";
import type { UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { townships, villages } from "../../../db/schema/geography";
import { households } from "../../../db/schema/households";
import { partnerAgreedPrices, partnerCompanies, partnerStationTerms } from "../../../db/schema/partners";
import { stations } from "../../../db/schema/stations";
import { recordAudit } from "~/models/audit/audit.server";
import { bumpCatalog } from "~/models/catalog/settings.server";
import { isUniqueViolation } from "~/models/database/errors.server";

/**
 * Partner companies and the terms each station agrees with them (ADR 012). Bulk orders live in
 * bulk-orders.server.ts, deliveries in bulk-deliveries.server.ts, money in partner-money.server.ts.
 */

export type Partner = typeof partnerCompanies.$inferSelect;
export type StationTerms = typeof partnerStationTerms.$inferSelect;
export type AgreedPrice = typeof partnerAgreedPrices.$inferSelect;

export interface PartnerInput {
  nameZh: string;
  nameEn: string;
  kind: PartnerKind;
  mode: PartnerMode;
  contactName: string;
  contactPhone: string;
  addressZh: string;
  bankAccount: string;
  bankName: string;
}

export async function listPartners(db: Db, { countyId }: { countyId: string }): Promise<Partner[]> {
  return db.select().from(partnerCompanies).where(eq(partnerCompanies.countyId, countyId)).orderBy(asc(partnerCompanies.nameZh));
}

export async function getPartner(db: Db, { partnerId }: { partnerId: string }): Promise<Partner | null> {
  const [row] = await db.select().from(partnerCompanies).where(eq(partnerCompanies.id, partnerId));
  return row ?? null;
}

/** The county a station belongs to (partners are registered per county). */
export async function stationCountyId(db: Db, { stationId }: { stationId: string }): Promise<string | null> {
  const [row] = await db
    .select({ countyId: townships.countyId })
    .from(stations)
    .innerJoin(villages, eq(villages.id, stations.villageId))
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(eq(stations.id, stationId));
  return row?.countyId ?? null;
}

/**
 * Registers a partner company in a county.
 * @throws PartnerError PARTNER_NAME_TAKEN
 */
export async function createPartner(db: Db, { countyId, input, actorUserId }: { countyId: string; input: PartnerInput; actorUserId: string | null }): Promise<Partner> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(partnerCompanies)
        .values({ countyId, ...input, createdBy: actorUserId })
        .returning();
      await recordAudit(tx, { actorUserId, action: "partner.create", recordType: "partner", recordId: row!.id, after: { nameZh: input.nameZh, kind: input.kind, mode: input.mode } });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "partner_companies_county_name_key")) throw new PartnerError("PARTNER_NAME_TAKEN");
    throw error;
  }
}

/**
 * Changes a partner's details or status; an inactive partner can place no orders and receive no goods.
 * @throws PartnerError PARTNER_NOT_FOUND | PARTNER_NAME_TAKEN
 */
export async function updatePartner(
  db: Db,
  { countyId, partnerId, input, status, actorUserId }: { countyId: string; partnerId: string; input: PartnerInput; status: PartnerStatus; actorUserId: string | null },
): Promise<Partner> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(partnerCompanies)
        .set({ ...input, status, updatedAt: new Date() })
        .where(and(eq(partnerCompanies.id, partnerId), eq(partnerCompanies.countyId, countyId)))
        .returning();
      if (!row) throw new PartnerError("PARTNER_NOT_FOUND");
      await recordAudit(tx, { actorUserId, action: "partner.update", recordType: "partner", recordId: partnerId, after: { nameZh: input.nameZh, status } });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, "partner_companies_county_name_key")) throw new PartnerError("PARTNER_NAME_TAKEN");
    throw error;
  }
}

export interface TermsInput {
  commissionRate: Dec;
  paymentTermsDays: number;
  remittanceSchedule: RemittanceSchedule;
  /** Agreed purchase prices; replaces the station's earlier list for this partner. */
  prices: { produceName: string; unit: UnitCode; unitPrice: Dec }[];
}

export interface TermsWithPrices extends StationTerms {
  prices: AgreedPrice[];
}

/**
 * Sets what a station agreed with a partner. The consignment commission rate is copied onto the
 * partner's goods at the station, so the till prices them by the terms (the till reads products).
 * @throws PartnerError PARTNER_NOT_FOUND | DUPLICATE_LINE
 */
export async function setStationTerms(
  db: Db,
  { partnerId, stationId, terms, actorUserId }: { partnerId: string; stationId: string; terms: TermsInput; actorUserId: string | null },
): Promise<TermsWithPrices> {
  const keys = terms.prices.map((p) => produceKey(p.produceName));
  if (new Set(keys).size !== keys.length) throw new PartnerError("DUPLICATE_LINE");
  return db.transaction(async (tx) => {
    const countyId = await stationCountyId(tx, { stationId });
    const [partner] = await tx
      .select()
      .from(partnerCompanies)
      .where(and(eq(partnerCompanies.id, partnerId), countyId ? eq(partnerCompanies.countyId, countyId) : sql`false`));
    if (!partner) throw new PartnerError("PARTNER_NOT_FOUND");
    const rate = terms.commissionRate.toFixed(4);
    const [row] = await tx
      .insert(partnerStationTerms)
      .values({ partnerId, stationId, commissionRate: rate, paymentTermsDays: terms.paymentTermsDays, remittanceSchedule: terms.remittanceSchedule, updatedBy: actorUserId })
      .onConflictDoUpdate({
        target: [partnerStationTerms.partnerId, partnerStationTerms.stationId],
        set: { commissionRate: rate, paymentTermsDays: terms.paymentTermsDays, remittanceSchedule: terms.remittanceSchedule, updatedBy: actorUserId, updatedAt: new Date() },
      })
      .returning();
    await tx.delete(partnerAgreedPrices).where(eq(partnerAgreedPrices.termsId, row!.id));
    const prices = terms.prices.length
      ? await tx
          .insert(partnerAgreedPrices)
          .values(terms.prices.map((p, i) => ({ termsId: row!.id, produceKey: keys[i]!, unit: p.unit, unitPrice: toAmountString(p.unitPrice) })))
          .returning()
      : [];
    const changed = await tx
      .update(products)
      .set({ commissionRate: rate, updatedAt: new Date() })
      .where(and(eq(products.stationId, stationId), eq(products.partnerId, partnerId), ne(products.commissionRate, rate)))
      .returning({ id: products.id });
    const unset = await tx
      .update(products)
      .set({ commissionRate: rate, updatedAt: new Date() })
      .where(and(eq(products.stationId, stationId), eq(products.partnerId, partnerId), sql`${products.commissionRate} is null`))
      .returning({ id: products.id });
    if (changed.length + unset.length > 0) await bumpCatalog(tx, { stationId });
    await recordAudit(tx, { actorUserId, action: "partner.terms", recordType: "partner", recordId: partnerId, stationId, after: { commissionRate: rate, paymentTermsDays: terms.paymentTermsDays } });
    return { ...row!, prices };
  });
}

/**
 * An operator registers a partner their station works with: the partner in the station's county
 * and this station's terms with it, in one transaction (both or neither).
 * @throws PartnerError STATION_NOT_FOUND | PARTNER_NAME_TAKEN
 */
export async function createPartnerAtStation(
  db: Db,
  { stationId, input, terms, actorUserId }: { stationId: string; input: PartnerInput; terms: TermsInput; actorUserId: string | null },
): Promise<Partner> {
  const countyId = await stationCountyId(db, { stationId });
  if (!countyId) throw new PartnerError("STATION_NOT_FOUND");
  return db.transaction(async (tx) => {
    const partner = await createPartner(tx, { countyId, input, actorUserId });
    await setStationTerms(tx, { partnerId: partner.id, stationId, actorUserId, terms });
    return partner;
  });
}

export async function getStationTerms(db: Db, { partnerId, stationId }: { partnerId: string; stationId: string }): Promise<TermsWithPrices | null> {
  const [row] = await db
    .select()
    .from(partnerStationTerms)
    .where(and(eq(partnerStationTerms.partnerId, partnerId), eq(partnerStationTerms.stationId, stationId)));
  if (!row) return null;
  const prices = await db.select().from(partnerAgreedPrices).where(eq(partnerAgreedPrices.termsId, row.id)).orderBy(asc(partnerAgreedPrices.produceKey));
  return { ...row, prices };
}

export interface StationPartner {
  partner: Partner;
  terms: StationTerms;
}

/** The partners that have terms at this station. */
export async function listStationPartners(db: Db, { stationId }: { stationId: string }): Promise<StationPartner[]> {
  const rows = await db
    .select({ partner: partnerCompanies, terms: partnerStationTerms })
    .from(partnerStationTerms)
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, partnerStationTerms.partnerId))
    .where(eq(partnerStationTerms.stationId, stationId))
    .orderBy(asc(partnerCompanies.nameZh));
  return rows;
}

/** Every station a partner has terms at, with its code and names. */
export async function listPartnerStations(db: Db, { partnerId }: { partnerId: string }) {
  return db
    .select({ stationId: stations.id, code: stations.code, nameZh: stations.nameZh, nameEn: stations.nameEn, terms: partnerStationTerms })
    .from(partnerStationTerms)
    .innerJoin(stations, eq(stations.id, partnerStationTerms.stationId))
    .where(eq(partnerStationTerms.partnerId, partnerId))
    .orderBy(asc(stations.code));
}

export interface AvailableProduce {
  stationId: string;
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  /** What a bulk order line names (ADR 012): the shared product name. */
  productKey: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  unit: UnitCode;
  /** Households' on-hand minus reserved, summed, as a decimal string. */
  available: string;
  households: number;
}

/**
 * Produce households hold at the county's active stations (or one station), grouped by produce
 * key and unit: what a partner can order in bulk. Archived goods and inactive households are left out.
 */
export async function listAvailableProduce(db: Db, { countyId, stationCode }: { countyId: string; stationCode?: string }): Promise<AvailableProduce[]> {
  const rows = await db
    .select({
      stationId: stations.id,
      stationCode: stations.code,
      stationNameZh: stations.nameZh,
      stationNameEn: stations.nameEn,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      category: products.category,
      unit: products.unit,
      householdId: products.householdId,
      available: sql<string>`(${products.onHand} - ${products.reserved})::text`,
    })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .innerJoin(villages, eq(villages.id, stations.villageId))
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .innerJoin(households, and(eq(households.id, products.householdId), eq(households.status, "active")))
    .where(
      and(
        eq(townships.countyId, countyId),
        eq(stations.status, "active"),
        eq(products.ownerKind, "household"),
        ne(products.status, "archived"),
        sql`${products.onHand} > ${products.reserved}`,
        stationCode ? eq(stations.code, stationCode) : undefined,
      ),
    )
    .orderBy(asc(stations.code), asc(products.nameZh));
  const groups = new Map<string, AvailableProduce & { holders: Set<string>; total: Dec }>();
  for (const r of rows) {
    const key = produceKey(r.nameZh);
    const id = `${r.stationId}|${key}|${r.unit}`;
    let g = groups.get(id);
    if (!g) {
      g = { stationId: r.stationId, stationCode: r.stationCode, stationNameZh: r.stationNameZh, stationNameEn: r.stationNameEn, productKey: key, nameZh: r.nameZh.trim(), nameEn: r.nameEn, category: r.category, unit: r.unit, available: "0", households: 0, holders: new Set(), total: new D(0) };
      groups.set(id, g);
    }
    g.total = g.total.plus(r.available);
    g.holders.add(r.householdId!);
  }
  return [...groups.values()].map(({ holders, total, ...g }) => ({ ...g, available: total.toFixed(3), households: holders.size }));
}

export interface HoldingRow extends Holding {
  headName: string;
  villageGroup: string;
  productNameZh: string;
  unit: UnitCode;
  price: string;
}

/**
 * The households' products of one produce at a station, largest available first: what a delivery
 * is filled from (the delivery itself locks the rows it takes from).
 */
export async function listHoldings(
  db: Db,
  { stationId, produceKey: key, unit }: { stationId: string; produceKey: string; unit: UnitCode },
): Promise<HoldingRow[]> {
  const rows = await db
    .select({ product: products, headName: households.headName, villageGroup: households.villageGroup, householdStatus: households.status })
    .from(products)
    .innerJoin(households, eq(households.id, products.householdId))
    .where(
      and(
        eq(products.stationId, stationId),
        eq(products.ownerKind, "household"),
        eq(products.unit, unit),
        ne(products.status, "archived"),
      ),
    );
  return rows
    .filter((r) => produceKey(r.product.nameZh) === key && r.householdStatus === "active")
    .map((r) => ({
      productId: r.product.id,
      householdId: r.product.householdId!,
      available: new D(r.product.onHand).minus(r.product.reserved),
      headName: r.headName,
      villageGroup: r.villageGroup,
      productNameZh: r.product.nameZh,
      unit: r.product.unit,
      price: r.product.price,
    }))
    .sort((a, b) => b.available.comparedTo(a.available) || (a.productId < b.productId ? -1 : 1));
}

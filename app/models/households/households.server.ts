import { and, asc, eq, sql } from "drizzle-orm";
import { GoodsError } from "~/domain/catalog";
import { type HouseholdStatus, maskPaymentAccount, type PaymentMethod } from "~/domain/households";
import type { Db } from "../../../db/client.server";
import { products, stockMovements } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { type AuditSnapshot, recordAudit } from "~/models/audit/audit.server";
import { bumpCatalog } from "~/models/catalog/settings.server";

export type Household = typeof households.$inferSelect;

/** What a form gives for a household, already parsed (the account normalised by the domain). */
export interface HouseholdInput {
  headName: string;
  villageGroup: string;
  phone: string;
  paymentMethod: PaymentMethod;
  paymentAccount: string;
  paymentInstitution: string;
  notes: string;
}

/** What the audit log keeps of a household: never the whole account. */
function snapshot(h: HouseholdInput & { status?: HouseholdStatus }): AuditSnapshot {
  return {
    headName: h.headName,
    villageGroup: h.villageGroup,
    phone: h.phone,
    paymentMethod: h.paymentMethod,
    paymentAccount: maskPaymentAccount(h.paymentMethod, h.paymentAccount),
    paymentInstitution: h.paymentInstitution,
    ...(h.status ? { status: h.status } : {}),
  };
}

export async function createHousehold(db: Db, { actorUserId, stationId, input }: { actorUserId: string | null; stationId: string; input: HouseholdInput }): Promise<Household> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(households).values({ stationId, ...input }).returning();
    await bumpCatalog(tx, { stationId });
    await recordAudit(tx, { actorUserId, action: "household.create", recordType: "household", recordId: row!.id, stationId, after: snapshot(input) });
    return row!;
  });
}

/**
 * Changes a household of this station. `paymentAccount: null` keeps the stored account (the
 * edit form never shows it whole, so an empty box means "unchanged" while the method stays).
 * @throws GoodsError HOUSEHOLD_NOT_FOUND (no such household at this station)
 */
export async function updateHousehold(
  db: Db,
  {
    actorUserId,
    stationId,
    householdId,
    input,
    status,
  }: { actorUserId: string; stationId: string; householdId: string; input: Omit<HouseholdInput, "paymentAccount"> & { paymentAccount: string | null }; status: HouseholdStatus },
): Promise<Household> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(households)
      .where(and(eq(households.id, householdId), eq(households.stationId, stationId)))
      .for("update");
    if (!before) throw new GoodsError("HOUSEHOLD_NOT_FOUND");
    const paymentAccount = input.paymentAccount ?? (input.paymentMethod === before.paymentMethod ? before.paymentAccount : "");
    const next = { ...input, paymentAccount, status };
    const [row] = await tx
      .update(households)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(households.id, householdId), eq(households.stationId, stationId)))
      .returning();
    await bumpCatalog(tx, { stationId });
    await recordAudit(tx, {
      actorUserId,
      action: "household.update",
      recordType: "household",
      recordId: householdId,
      stationId,
      before: snapshot(before),
      after: snapshot(next),
    });
    return row!;
  });
}

export async function getHousehold(db: Db, { stationId, householdId }: { stationId: string; householdId: string }): Promise<Household | null> {
  const [row] = await db
    .select()
    .from(households)
    .where(and(eq(households.id, householdId), eq(households.stationId, stationId)));
  return row ?? null;
}

export interface HouseholdListItem {
  household: Household;
  productCount: number;
}

/** The station's households, active first, by name, with how many products each has. */
export async function listHouseholds(db: Db, { stationId, status }: { stationId: string; status?: HouseholdStatus }): Promise<HouseholdListItem[]> {
  const rows = await db
    .select({
      household: households,
      productCount: sql<number>`(select count(*)::int from ${products} where ${products.householdId} = ${households.id})`,
    })
    .from(households)
    .where(and(eq(households.stationId, stationId), status ? eq(households.status, status) : undefined))
    .orderBy(sql`${households.status} = 'inactive'`, asc(households.headName));
  return rows.map((r) => ({ household: r.household, productCount: Number(r.productCount) }));
}

export interface HouseholdGoodsLine {
  productId: string;
  nameZh: string;
  nameEn: string;
  unit: (typeof products.$inferSelect)["unit"];
  price: string;
  status: (typeof products.$inferSelect)["status"];
  onHand: string;
  /** Everything received from the household (numeric text, 3 decimals). */
  consigned: string;
  sold: string;
  /** Handed back to the household, or spoiled. */
  returned: string;
  spoiled: string;
}

/**
 * What a household has consigned and what has sold, per product: sums of the movements, so
 * the page always agrees with the stock history. What the household is owed comes with sales
 * and payouts (later issues).
 */
export async function householdGoods(db: Db, { stationId, householdId }: { stationId: string; householdId: string }): Promise<HouseholdGoodsLine[]> {
  const sumOf = (kind: string, sign: 1 | -1) =>
    sql<string>`coalesce(sum(${stockMovements.onHandDelta} * ${sign}) filter (where ${stockMovements.kind} = ${kind}), 0)::numeric(14,3)::text`;
  return db
    .select({
      productId: products.id,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unit: products.unit,
      price: products.price,
      status: products.status,
      onHand: products.onHand,
      consigned: sumOf("received", 1),
      sold: sumOf("sold", -1),
      returned: sql<string>`coalesce(-sum(${stockMovements.onHandDelta}) filter (where ${stockMovements.kind} = 'returned' and ${stockMovements.onHandDelta} < 0), 0)::numeric(14,3)::text`,
      spoiled: sumOf("spoiled", -1),
    })
    .from(products)
    .leftJoin(stockMovements, and(eq(stockMovements.productId, products.id), eq(stockMovements.stationId, products.stationId)))
    .where(and(eq(products.stationId, stationId), eq(products.householdId, householdId)))
    .groupBy(products.id)
    .orderBy(asc(products.nameZh));
}

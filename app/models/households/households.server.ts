import { and, asc, eq, ne, type SQL, sql } from "drizzle-orm";
import { HouseholdError, type HouseholdStatus, maskPaymentAccount, type PaymentMethod } from "~/domain/households";
import type { Db } from "../../../db/client.server";
import { products, stockMovements } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { type AuditSnapshot, recordAudit } from "~/models/audit/audit.server";
import { bumpCatalog } from "~/models/catalog/settings.server";
import { isUniqueViolation } from "~/models/database/errors.server";

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

/** What the form gives: `paymentAccount: null` when the account box was left empty. */
type HouseholdFormInput = Omit<HouseholdInput, "paymentAccount"> & { paymentAccount: string | null };

/**
 * Records a household of this station. One paid into an account must give it now (cash stores "").
 * @throws HouseholdError ACCOUNT_REQUIRED
 */
/** The household an entry key (the "new household" page's) already made at the station, if any. */
export async function getHouseholdByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<Household | null> {
  const [row] = await db.select().from(households).where(and(eq(households.stationId, stationId), eq(households.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

export async function createHousehold(
  db: Db,
  {
    actorUserId,
    stationId,
    input,
    idempotencyKey = null,
  }: {
    actorUserId: string | null;
    stationId: string;
    input: HouseholdFormInput;
    /** The entry's key: a form sent again makes nothing and gets the household it made. */
    idempotencyKey?: string | null;
  },
): Promise<Household> {
  const { paymentAccount } = input;
  if (paymentAccount === null) throw new HouseholdError("ACCOUNT_REQUIRED", "a household paid into an account needs the account");
  const values = { ...input, paymentAccount };
  if (idempotencyKey) {
    const made = await getHouseholdByKey(db, { stationId, idempotencyKey });
    if (made) return made;
  }
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(households).values({ stationId, ...values, idempotencyKey }).returning();
      await bumpCatalog(tx, { stationId });
      await recordAudit(tx, { actorUserId, action: "household.create", recordType: "household", recordId: row!.id, stationId, after: snapshot(values) });
      return row!;
    });
  } catch (error) {
    // Two sends of one entry raced: the first one's household is the household.
    if (idempotencyKey && isUniqueViolation(error, "households_station_key_key")) {
      const winner = await getHouseholdByKey(db, { stationId, idempotencyKey });
      if (winner) return winner;
    }
    throw error;
  }
}

/**
 * Changes a household of this station. `paymentAccount: null` keeps the stored account (the
 * edit form never shows it whole, so an empty box means "unchanged" while the method stays);
 * a new payment method needs its account.
 * @throws HouseholdError HOUSEHOLD_NOT_FOUND (no such household at this station) | ACCOUNT_REQUIRED
 */
export async function updateHousehold(
  db: Db,
  {
    actorUserId,
    stationId,
    householdId,
    input,
    status,
  }: { actorUserId: string; stationId: string; householdId: string; input: HouseholdFormInput; status: HouseholdStatus },
): Promise<Household> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(households)
      .where(and(eq(households.id, householdId), eq(households.stationId, stationId)))
      .for("update");
    if (!before) throw new HouseholdError("HOUSEHOLD_NOT_FOUND");
    if (input.paymentAccount === null && input.paymentMethod !== before.paymentMethod) throw new HouseholdError("ACCOUNT_REQUIRED", "a new payment method needs its account");
    const paymentAccount = input.paymentAccount ?? before.paymentAccount;
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
  /** The goods the household supplies: its products not archived (listed, or drafts still being set up). */
  productCount: number;
}

/** The station's households, active first, by name, with how many goods each supplies. */
export async function listHouseholds(db: Db, { stationId, status }: { stationId: string; status?: HouseholdStatus }): Promise<HouseholdListItem[]> {
  // A join rather than a correlated subquery: drizzle wrote the subquery's columns unqualified, so
  // "household_id = id" compared each product with itself and every household read 0.
  const counts = db
    .select({ householdId: products.householdId, n: sql<number>`count(*)::int`.as("n") })
    .from(products)
    .where(and(eq(products.stationId, stationId), eq(products.ownerKind, "household"), ne(products.status, "archived")))
    .groupBy(products.householdId)
    .as("supplied");
  const rows = await db
    .select({ household: households, productCount: sql<number>`coalesce(${counts.n}, 0)` })
    .from(households)
    .leftJoin(counts, eq(counts.householdId, households.id))
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
  /** Sold, less what buyers brought back (voids and refunds). */
  sold: string;
  /** Unsold goods handed back to the household. */
  returned: string;
  spoiled: string;
  /** What stock-takes found more (+) or less (−) than the books. */
  counted: string;
}

/**
 * What a household has consigned and what has sold, per product: sums of the movements, so
 * the page always agrees with the stock history and, line by line,
 * consigned − sold − returned − spoiled + counted = onHand
 * (sold net of what buyers brought back; on hand is the sum of the same movements).
 */
export async function householdGoods(db: Db, { stationId, householdId }: { stationId: string; householdId: string }): Promise<HouseholdGoodsLine[]> {
  const total = (filter: SQL, sign: 1 | -1) => sql<string>`coalesce(sum(${stockMovements.onHandDelta} * ${sign}) filter (where ${filter}), 0)::numeric(14,3)::text`;
  const kind = (k: (typeof stockMovements.$inferSelect)["kind"]) => sql`${stockMovements.kind} = ${k}`;
  return db
    .select({
      productId: products.id,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      unit: products.unit,
      price: products.price,
      status: products.status,
      onHand: products.onHand,
      consigned: total(kind("received"), 1),
      // Out as "sold", back in as "returned" with a positive delta when a buyer brings it back.
      sold: total(sql`${kind("sold")} or (${kind("returned")} and ${stockMovements.onHandDelta} > 0)`, -1),
      returned: total(sql`${kind("returned")} and ${stockMovements.onHandDelta} < 0`, -1),
      spoiled: total(kind("spoiled"), -1),
      counted: total(kind("counted"), 1),
    })
    .from(products)
    .leftJoin(stockMovements, and(eq(stockMovements.productId, products.id), eq(stockMovements.stationId, products.stationId)))
    .where(and(eq(products.stationId, stationId), eq(products.householdId, householdId)))
    .groupBy(products.id)
    .orderBy(asc(products.nameZh));
}

import { and, desc, eq, sql } from "drizzle-orm";
import { GoodsError } from "~/domain/catalog";
import { D, type Dec, ZERO } from "~/domain/money";
import { checkMovementQuantity, countedDelta, deltaFor, type MovementInput, type MovementKind, type StockDelta, StockError } from "~/domain/stock";
import type { Db } from "../../../db/client.server";
import { products, stockMovements } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { bumpCatalog } from "./settings.server";
import { isCheckViolation } from "~/models/database/errors.server";
import type { Product } from "./products.server";

export type StockMovement = typeof stockMovements.$inferSelect;

interface MovementRow {
  stationId: string;
  productId: string;
  kind: MovementKind;
  delta: StockDelta;
  householdId?: string | null;
  unitPrice?: string | null;
  reason?: string;
  takeReceiptNumber?: boolean;
  createdBy: string | null;
  source?: { type: string; id: string } | null;
  idempotencyKey?: string | null;
}

/**
 * The one place stock changes: a conditional UPDATE of the product's levels (it only matches
 * when the result keeps 0 ≤ reserved ≤ on_hand) and the movement row with the levels it left,
 * in the caller's transaction. The database's CHECKs hold the same rule if a caller computes
 * a wrong delta; either way the transaction fails and nothing is written.
 * @throws GoodsError PRODUCT_NOT_FOUND | StockError INSUFFICIENT_STOCK | INSUFFICIENT_RESERVED
 */
export async function applyMovement(tx: Db, row: MovementRow): Promise<StockMovement> {
  const onHandDelta = row.delta.onHand.toFixed(3);
  const reservedDelta = row.delta.reserved.toFixed(3);
  let updated: { onHand: string; reserved: string }[];
  try {
    updated = await tx
      .update(products)
      .set({
        onHand: sql`${products.onHand} + ${onHandDelta}::numeric`,
        reserved: sql`${products.reserved} + ${reservedDelta}::numeric`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(products.id, row.productId),
          eq(products.stationId, row.stationId),
          sql`${products.reserved} + ${reservedDelta}::numeric >= 0`,
          sql`${products.onHand} + ${onHandDelta}::numeric >= ${products.reserved} + ${reservedDelta}::numeric`,
        ),
      )
      .returning({ onHand: products.onHand, reserved: products.reserved });
  } catch (error) {
    if (isCheckViolation(error)) throw new StockError("INSUFFICIENT_STOCK", "the database refused a negative stock level");
    throw error;
  }
  const level = updated[0];
  if (!level) {
    const [current] = await tx
      .select({ onHand: products.onHand, reserved: products.reserved })
      .from(products)
      .where(and(eq(products.id, row.productId), eq(products.stationId, row.stationId)));
    if (!current) throw new GoodsError("PRODUCT_NOT_FOUND");
    if (new D(current.reserved).plus(row.delta.reserved).isNeg()) throw new StockError("INSUFFICIENT_RESERVED", `only ${current.reserved} reserved`);
    throw new StockError("INSUFFICIENT_STOCK", `only ${new D(current.onHand).minus(current.reserved).toString()} available`);
  }
  const { receiptNumber } = await bumpCatalog(tx, { stationId: row.stationId, takeReceiptNumber: row.takeReceiptNumber });
  const [movement] = await tx
    .insert(stockMovements)
    .values({
      stationId: row.stationId,
      productId: row.productId,
      kind: row.kind,
      onHandDelta,
      reservedDelta,
      onHandAfter: level.onHand,
      reservedAfter: level.reserved,
      householdId: row.householdId ?? null,
      unitPrice: row.unitPrice ?? null,
      receiptNumber,
      reason: row.reason ?? "",
      sourceType: row.source?.type ?? null,
      sourceId: row.source?.id ?? null,
      idempotencyKey: row.idempotencyKey ?? null,
      createdBy: row.createdBy,
    })
    .returning();
  return movement!;
}

/** Locks one product of this station for a stock change; its unit and owner cannot change under us. */
async function lockProduct(tx: Db, stationId: string, productId: string): Promise<Product> {
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.stationId, stationId)))
    .for("update");
  if (!product) throw new GoodsError("PRODUCT_NOT_FOUND");
  return product;
}

export interface StockChange {
  actorUserId: string | null;
  stationId: string;
  productId: string;
}

/** The receipt an entry key (the receiving page's) already recorded at the station, if any. */
export async function getReceiptByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<StockMovement | null> {
  const [row] = await db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/**
 * Goods come in. For a household's goods this is a consignment receipt (代卖收货单): it gets
 * the station's next receipt number and the product's price at the time, for the slip the
 * household signs.
 * @throws GoodsError PRODUCT_NOT_FOUND | PRODUCT_ARCHIVED | HOUSEHOLD_INACTIVE | UnitError | StockError QUANTITY_TOO_LARGE
 */
export async function receiveGoods(
  db: Db,
  { actorUserId, stationId, productId, quantity, note = "", idempotencyKey = null }: StockChange & { quantity: Dec; note?: string; idempotencyKey?: string | null },
): Promise<StockMovement> {
  return db.transaction(async (tx) => {
    const product = await lockProduct(tx, stationId, productId);
    // A form sent twice (a double tap, a resend on a weak link) records one receipt: under the
    // product's lock the first one is already committed and is what the second gets back.
    if (idempotencyKey) {
      const [earlier] = await tx
        .select()
        .from(stockMovements)
        .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.idempotencyKey, idempotencyKey)));
      if (earlier) return earlier;
    }
    if (product.status === "archived") throw new GoodsError("PRODUCT_ARCHIVED");
    checkMovementQuantity(quantity, product.unit);
    if (product.householdId) {
      const [owner] = await tx.select({ status: households.status }).from(households).where(eq(households.id, product.householdId));
      if (owner?.status !== "active") throw new GoodsError("HOUSEHOLD_INACTIVE");
    }
    return applyMovement(tx, {
      stationId,
      productId,
      kind: "received",
      delta: deltaFor({ kind: "received", quantity }),
      householdId: product.householdId,
      unitPrice: product.price,
      reason: note,
      takeReceiptNumber: product.householdId !== null,
      createdBy: actorUserId,
      idempotencyKey,
    });
  });
}

/**
 * A stock-take: what was counted replaces what the books say, and the difference is a
 * `counted` movement with its reason (a count that matches is recorded too: it says someone looked).
 * @throws GoodsError PRODUCT_NOT_FOUND | StockError BELOW_RESERVED | INSUFFICIENT_STOCK
 */
export async function recordStockTake(db: Db, { actorUserId, stationId, productId, counted, reason }: StockChange & { counted: Dec; reason: string }): Promise<StockMovement> {
  return db.transaction(async (tx) => {
    const product = await lockProduct(tx, stationId, productId);
    if (!counted.isZero()) checkMovementQuantity(counted, product.unit);
    const delta = countedDelta({ onHand: new D(product.onHand), reserved: new D(product.reserved) }, counted);
    return applyMovement(tx, { stationId, productId, kind: "counted", delta, reason, createdBy: actorUserId });
  });
}

/**
 * Any other movement an operator or a later issue records: spoiled, returned (in from a buyer,
 * out to the household), sold, reserved, released.
 * @throws GoodsError PRODUCT_NOT_FOUND | StockError | UnitError
 */
export async function recordMovement(
  db: Db,
  { actorUserId, stationId, productId, movement, reason = "", source = null }: StockChange & { movement: MovementInput; reason?: string; source?: { type: string; id: string } | null },
): Promise<StockMovement> {
  return db.transaction(async (tx) => {
    const product = await lockProduct(tx, stationId, productId);
    checkMovementQuantity(movement.quantity, product.unit);
    const toHousehold = movement.kind === "returned" && movement.direction === "out";
    return applyMovement(tx, {
      stationId,
      productId,
      kind: movement.kind,
      delta: deltaFor(movement),
      householdId: toHousehold ? product.householdId : null,
      reason,
      createdBy: actorUserId,
      source,
    });
  });
}

/** A product's movements, newest first. */
export async function listMovements(db: Db, { stationId, productId, limit = 100 }: { stationId: string; productId: string; limit?: number }): Promise<StockMovement[]> {
  return db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.productId, productId)))
    .orderBy(desc(stockMovements.id))
    .limit(limit);
}

/** The sum of a product's movements: what its on-hand and reserved must be. */
export async function movementTotals(db: Db, { stationId, productId }: { stationId: string; productId: string }): Promise<{ onHand: Dec; reserved: Dec }> {
  const [row] = await db
    .select({
      onHand: sql<string | null>`sum(${stockMovements.onHandDelta})::text`,
      reserved: sql<string | null>`sum(${stockMovements.reservedDelta})::text`,
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.productId, productId)));
  return { onHand: row?.onHand ? new D(row.onHand) : ZERO, reserved: row?.reserved ? new D(row.reserved) : ZERO };
}

export interface Receipt {
  movement: StockMovement;
  product: Product;
  household: typeof households.$inferSelect;
}

/** A consignment receipt of this station by its number, or null. */
export async function getReceipt(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<Receipt | null> {
  const [row] = await db
    .select({ movement: stockMovements, product: products, household: households })
    .from(stockMovements)
    .innerJoin(products, and(eq(products.id, stockMovements.productId), eq(products.stationId, stockMovements.stationId)))
    .innerJoin(households, and(eq(households.id, stockMovements.householdId), eq(households.stationId, stockMovements.stationId)))
    .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.receiptNumber, number)));
  return row ?? null;
}

/** The latest receipts of one household of this station, newest first. */
export async function listHouseholdReceipts(db: Db, { stationId, householdId, limit = 20 }: { stationId: string; householdId: string; limit?: number }) {
  return db
    .select({ movement: stockMovements, productNameZh: products.nameZh, productNameEn: products.nameEn, unit: products.unit })
    .from(stockMovements)
    .innerJoin(products, and(eq(products.id, stockMovements.productId), eq(products.stationId, stockMovements.stationId)))
    .where(and(eq(stockMovements.stationId, stationId), eq(stockMovements.householdId, householdId), eq(stockMovements.kind, "received")))
    .orderBy(desc(stockMovements.id))
    .limit(limit);
}

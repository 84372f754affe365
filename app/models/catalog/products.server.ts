import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { GoodsError, MAX_PHOTOS_PER_PRODUCT, type OwnerKind, type ProductCategory, type ProductStatus, toRateString } from "~/domain/catalog";
import { type Dec, toAmountString } from "~/domain/money";
import { productCode } from "~/domain/product-codes";
import type { UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { productPhotos, products, stockMovements } from "../../../db/schema/catalog";
import { households } from "../../../db/schema/households";
import { type AuditSnapshot, recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { bumpCatalog } from "./settings.server";

export type Product = typeof products.$inferSelect;
export type ProductPhoto = typeof productPhotos.$inferSelect;

/** A product as a form gives it, parsed: money and rates as decimals, dates as YYYY-MM-DD. */
export interface ProductInput {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: ProductCategory;
  unit: UnitCode;
  price: Dec;
  ownerKind: OwnerKind;
  householdId: string | null;
  partnerId: string | null;
  /** Null: the station's default applies. */
  commissionRate: Dec | null;
  originZh: string;
  originEn: string;
  harvestedOn: string | null;
  shelfLifeDays: number | null;
}

/** The columns a ProductInput sets, and nothing else (an object with more keys cannot smuggle them in). */
function columns(input: ProductInput) {
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    category: input.category,
    unit: input.unit,
    ownerKind: input.ownerKind,
    originZh: input.originZh,
    originEn: input.originEn,
    harvestedOn: input.harvestedOn,
    shelfLifeDays: input.shelfLifeDays,
    householdId: input.ownerKind === "household" ? input.householdId : null,
    partnerId: input.ownerKind === "partner" ? input.partnerId : null,
    price: toAmountString(input.price),
    commissionRate: input.commissionRate ? toRateString(input.commissionRate) : null,
  };
}

function snapshot(p: ReturnType<typeof columns> | Product): AuditSnapshot {
  return {
    nameZh: p.nameZh,
    unit: p.unit,
    price: p.price,
    commissionRate: p.commissionRate,
    ownerKind: p.ownerKind,
    householdId: p.householdId,
    category: p.category,
  };
}

/**
 * The owner household must be an active household of this station.
 * @throws GoodsError HOUSEHOLD_NOT_FOUND | HOUSEHOLD_INACTIVE
 */
async function checkOwner(tx: Db, stationId: string, input: ProductInput): Promise<void> {
  if (input.ownerKind !== "household") return;
  if (!input.householdId) throw new GoodsError("HOUSEHOLD_NOT_FOUND");
  const [row] = await tx
    .select({ status: households.status })
    .from(households)
    .where(and(eq(households.id, input.householdId), eq(households.stationId, stationId)));
  if (!row) throw new GoodsError("HOUSEHOLD_NOT_FOUND");
  if (row.status !== "active") throw new GoodsError("HOUSEHOLD_INACTIVE");
}

/** The product an entry key (the "new product" page's) already made at the station, if any. */
export async function getProductByKey(db: Db, { stationId, idempotencyKey }: { stationId: string; idempotencyKey: string }): Promise<Product | null> {
  const [row] = await db.select().from(products).where(and(eq(products.stationId, stationId), eq(products.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/** Creates a product of this station, as a draft unless `status` says otherwise, with the station's next code. Bumps the catalogue. */
export async function createProduct(
  db: Db,
  {
    actorUserId,
    stationId,
    input,
    status = "draft",
    photo = null,
    idempotencyKey = null,
  }: {
    actorUserId: string | null;
    stationId: string;
    input: ProductInput;
    status?: ProductStatus;
    photo?: StoredPhoto | null;
    /** The entry's key: a form sent again makes nothing and gets the product it made. */
    idempotencyKey?: string | null;
  },
): Promise<Product> {
  if (idempotencyKey) {
    const made = await getProductByKey(db, { stationId, idempotencyKey });
    if (made) return made;
  }
  try {
    return await insertProduct(db, { actorUserId, stationId, input, status, photo, idempotencyKey });
  } catch (error) {
    // Two sends of one entry raced: the first one's product is the product.
    if (idempotencyKey && isUniqueViolation(error, "products_station_key_key")) {
      const winner = await getProductByKey(db, { stationId, idempotencyKey });
      if (winner) return winner;
    }
    throw error;
  }
}

async function insertProduct(
  db: Db,
  {
    actorUserId,
    stationId,
    input,
    status,
    photo,
    idempotencyKey,
  }: { actorUserId: string | null; stationId: string; input: ProductInput; status: ProductStatus; photo: StoredPhoto | null; idempotencyKey: string | null },
): Promise<Product> {
  return db.transaction(async (tx) => {
    await checkOwner(tx, stationId, input);
    const values = columns(input);
    // The sequence comes from the station's settings row, locked until commit: codes have no gaps or twins.
    const { productNumber } = await bumpCatalog(tx, { stationId, takeProductNumber: true });
    const [row] = await tx
      .insert(products)
      .values({ stationId, code: productCode(productNumber!), ...values, status, listedAt: status === "listed" ? new Date() : null, idempotencyKey })
      .returning();
    if (photo) {
      await tx.insert(productPhotos).values({ productId: row!.id, stationId, hash: photo.hash, widths: photo.widths.join(","), width: photo.width, height: photo.height, position: 0 });
    }
    await recordAudit(tx, { actorUserId, action: "product.create", recordType: "product", recordId: row!.id, stationId, after: { ...snapshot(values), status } });
    return row!;
  });
}

/**
 * Changes a product's details. Once any stock has moved, the unit and the owner are fixed:
 * the history's quantities are in that unit and its receipts name that household.
 * @throws GoodsError PRODUCT_NOT_FOUND | UNIT_LOCKED | OWNER_LOCKED | HOUSEHOLD_NOT_FOUND | HOUSEHOLD_INACTIVE
 */
export async function updateProduct(
  db: Db,
  { actorUserId, stationId, productId, input }: { actorUserId: string; stationId: string; productId: string; input: ProductInput },
): Promise<Product> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(products)
      .where(and(eq(products.id, productId), eq(products.stationId, stationId)))
      .for("update");
    if (!before) throw new GoodsError("PRODUCT_NOT_FOUND");
    const values = columns(input);
    const moved = (await tx.$count(stockMovements, eq(stockMovements.productId, productId))) > 0;
    if (moved && values.unit !== before.unit) throw new GoodsError("UNIT_LOCKED");
    if (moved && (values.ownerKind !== before.ownerKind || values.householdId !== before.householdId)) throw new GoodsError("OWNER_LOCKED");
    if (values.householdId !== before.householdId) await checkOwner(tx, stationId, input);
    const [row] = await tx
      .update(products)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(products.id, productId), eq(products.stationId, stationId)))
      .returning();
    await bumpCatalog(tx, { stationId });
    await recordAudit(tx, { actorUserId, action: "product.update", recordType: "product", recordId: productId, stationId, before: snapshot(before), after: snapshot(values) });
    return row!;
  });
}

/**
 * Lists, hides (archived) or takes back to draft. `listed_at` is set the first time a product
 * is listed and kept afterwards, so "newest" means newest on the market.
 * @throws GoodsError PRODUCT_NOT_FOUND
 */
export async function setProductStatus(
  db: Db,
  { actorUserId, stationId, productId, status }: { actorUserId: string; stationId: string; productId: string; status: ProductStatus },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ status: products.status, listedAt: products.listedAt })
      .from(products)
      .where(and(eq(products.id, productId), eq(products.stationId, stationId)))
      .for("update");
    if (!before) throw new GoodsError("PRODUCT_NOT_FOUND");
    if (before.status === status) return;
    await tx
      .update(products)
      .set({ status, listedAt: status === "listed" && !before.listedAt ? new Date() : before.listedAt, updatedAt: new Date() })
      .where(eq(products.id, productId));
    await bumpCatalog(tx, { stationId });
    await recordAudit(tx, { actorUserId, action: "product.status", recordType: "product", recordId: productId, stationId, before: { status: before.status }, after: { status } });
  });
}

export async function getProduct(db: Db, { stationId, productId }: { stationId: string; productId: string }): Promise<Product | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.stationId, stationId)));
  return row ?? null;
}

/** The station's product with this code (what a scanner read), or null: another station's code is not here. */
export async function getProductByCode(db: Db, { stationId, code }: { stationId: string; code: string }): Promise<Product | null> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.stationId, stationId), eq(products.code, code)));
  return row ?? null;
}

export interface ProductListItem {
  product: Product;
  householdName: string | null;
  photo: ProductPhoto | null;
}

/** The station's products for the operator: listed first, then drafts, then archived; by name. */
export async function listStationProducts(db: Db, { stationId, status }: { stationId: string; status?: ProductStatus }): Promise<ProductListItem[]> {
  const rows = await db
    .select({ product: products, householdName: households.headName })
    .from(products)
    .leftJoin(households, and(eq(households.id, products.householdId), eq(households.stationId, products.stationId)))
    .where(and(eq(products.stationId, stationId), status ? eq(products.status, status) : undefined))
    .orderBy(sql`case ${products.status} when 'listed' then 0 when 'draft' then 1 else 2 end`, asc(products.nameZh));
  const photos = await firstPhotos(db, rows.map((r) => r.product.id));
  return rows.map((r) => ({ product: r.product, householdName: r.householdName, photo: photos.get(r.product.id) ?? null }));
}

/** The first photo of each product, for lists. */
export async function firstPhotos(db: Db, productIds: readonly string[]): Promise<Map<string, ProductPhoto>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([productPhotos.productId])
    .from(productPhotos)
    .where(inArray(productPhotos.productId, [...productIds]))
    .orderBy(productPhotos.productId, asc(productPhotos.position), asc(productPhotos.createdAt));
  return new Map(rows.map((r) => [r.productId, r]));
}

export async function listPhotos(db: Db, { productId }: { productId: string }): Promise<ProductPhoto[]> {
  return db.select().from(productPhotos).where(eq(productPhotos.productId, productId)).orderBy(asc(productPhotos.position), asc(productPhotos.createdAt));
}

export interface StoredPhoto {
  hash: string;
  widths: readonly number[];
  width: number;
  height: number;
}

/**
 * Adds a photo (already resized and stored by the photo service) to a product of this station.
 * @throws GoodsError PRODUCT_NOT_FOUND | TOO_MANY_PHOTOS
 */
export async function addProductPhoto(db: Db, { stationId, productId, photo }: { stationId: string; productId: string; photo: StoredPhoto }): Promise<ProductPhoto> {
  return db.transaction(async (tx) => {
    const [product] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.id, productId), eq(products.stationId, stationId)))
      .for("update");
    if (!product) throw new GoodsError("PRODUCT_NOT_FOUND");
    const existing = await tx.select({ position: productPhotos.position }).from(productPhotos).where(eq(productPhotos.productId, productId)).orderBy(desc(productPhotos.position));
    if (existing.length >= MAX_PHOTOS_PER_PRODUCT) throw new GoodsError("TOO_MANY_PHOTOS");
    const [row] = await tx
      .insert(productPhotos)
      .values({ productId, stationId, hash: photo.hash, widths: photo.widths.join(","), width: photo.width, height: photo.height, position: (existing[0]?.position ?? -1) + 1 })
      .returning();
    await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, productId));
    await bumpCatalog(tx, { stationId });
    return row!;
  });
}

/**
 * Removes a photo from a product of this station. The files stay: other rows may share the hash,
 * and a cached page may still point at them for a while.
 * @throws GoodsError PHOTO_NOT_FOUND
 */
export async function removeProductPhoto(db: Db, { stationId, productId, photoId }: { stationId: string; productId: string; photoId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(productPhotos)
      .where(and(eq(productPhotos.id, photoId), eq(productPhotos.productId, productId), eq(productPhotos.stationId, stationId)))
      .returning({ id: productPhotos.id });
    if (deleted.length === 0) throw new GoodsError("PHOTO_NOT_FOUND");
    await bumpCatalog(tx, { stationId });
  });
}

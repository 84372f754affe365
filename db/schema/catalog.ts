import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { OWNER_KINDS, PRODUCT_CATEGORIES, PRODUCT_STATUSES } from "../../app/domain/catalog";
import { MOVEMENT_KINDS } from "../../app/domain/stock";
import { UNIT_CODES } from "../../app/domain/units";
import { households } from "./households";
import { users } from "./identity";
import { stations } from "./stations";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/**
 * What a station decides about its goods, one row per station, created on first write.
 * `catalog_version` is bumped in the same transaction as every write to goods, prices, stock
 * or photos: the storefront's page cache (every app instance) compares it with what it cached.
 * Receipt numbers are handed out here too, under the same row lock, so they have no gaps.
 */
export const stationCatalogSettings = pgTable(
  "station_catalog_settings",
  {
    stationId: uuid("station_id")
      .primaryKey()
      .references(() => stations.id),
    defaultCommissionRate: numeric("default_commission_rate", { precision: 6, scale: 4 }).notNull().default("0.1000"),
    catalogVersion: bigint("catalog_version", { mode: "number" }).notNull().default(0),
    lastReceiptNumber: integer("last_receipt_number").notNull().default(0),
    /** The last product sequence handed out: a product's code is productCode(n) (app/domain/product-codes.ts). */
    lastProductNumber: bigint("last_product_number", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("station_catalog_settings_rate_range", sql`${t.defaultCommissionRate} between 0 and 1`),
    check("station_catalog_settings_version_nonnegative", sql`${t.catalogVersion} >= 0`),
    check("station_catalog_settings_receipt_nonnegative", sql`${t.lastReceiptNumber} >= 0`),
    check("station_catalog_settings_product_number_range", sql`${t.lastProductNumber} between 0 and 9999999999`),
  ],
);

/**
 * A product a station sells, in the unit it is sold by. Stock lives on the row (`on_hand`,
 * `reserved`) and is changed only together with a stock_movements row; the CHECKs hold
 * 0 ≤ reserved ≤ on_hand whatever the code does.
 */
export const products = pgTable(
  "products",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stationId: uuid("station_id")
      .notNull()
      .references(() => stations.id),
    /**
     * The EAN-13 its shelf label prints and the till's scanner reads ("20" + station sequence +
     * check digit); unique in the station, given at creation and never changed (0046's trigger).
     */
    code: text("code").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    category: text("category", { enum: PRODUCT_CATEGORIES }).notNull(),
    unit: text("unit", { enum: UNIT_CODES }).notNull(),
    price: numeric("price", { precision: 14, scale: 2 }).notNull(),
    ownerKind: text("owner_kind", { enum: OWNER_KINDS }).notNull(),
    householdId: uuid("household_id"),
    /** The partner issue adds partner_companies and the foreign key; the column is kept ready. */
    partnerId: uuid("partner_id"),
    /** Null: the station's default applies. */
    commissionRate: numeric("commission_rate", { precision: 6, scale: 4 }),
    originZh: text("origin_zh").notNull().default(""),
    originEn: text("origin_en").notNull().default(""),
    harvestedOn: date("harvested_on", { mode: "string" }),
    shelfLifeDays: integer("shelf_life_days"),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("draft"),
    onHand: numeric("on_hand", { precision: 14, scale: 3 }).notNull().default("0"),
    reserved: numeric("reserved", { precision: 14, scale: 3 }).notNull().default("0"),
    listedAt: timestamp("listed_at", { withTimezone: true }),
    /** The key of the "new …" page's entry (ADR 018): a form sent twice, or again after Back, makes one row. */
    idempotencyKey: text("idempotency_key"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Lower-cased text the storefront searches (trigram index in a custom migration). */
    searchText: text("search_text").generatedAlwaysAs(
      (): SQL =>
        sql`lower(${products.nameZh} || ' ' || ${products.nameEn} || ' ' || ${products.originZh} || ' ' || ${products.originEn} || ' ' || ${products.descriptionZh} || ' ' || ${products.descriptionEn})`,
    ),
  },
  (t) => [
    unique("products_id_station_key").on(t.id, t.stationId),
    unique("products_station_key_key").on(t.stationId, t.idempotencyKey),
    check("products_key_length", sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 8 and 100`),
    uniqueIndex("products_station_code_key").on(t.stationId, t.code),
    check("products_code_shape", sql`${t.code} ~ '^20[0-9]{11}$' and ean13_valid(${t.code})`),
    foreignKey({ name: "products_household_fk", columns: [t.householdId, t.stationId], foreignColumns: [households.id, households.stationId] }),
    index("products_station_idx").on(t.stationId, t.status),
    index("products_listed_idx").on(t.status, t.listedAt),
    index("products_household_idx").on(t.householdId),
    check("products_name_zh_length", sql`char_length(${t.nameZh}) between 1 and 60`),
    check("products_name_en_length", sql`char_length(${t.nameEn}) <= 100`),
    check("products_description_length", sql`char_length(${t.descriptionZh}) <= 2000 and char_length(${t.descriptionEn}) <= 3000`),
    check("products_category_valid", sql`${t.category} in (${inList(PRODUCT_CATEGORIES)})`),
    check("products_unit_valid", sql`${t.unit} in (${inList(UNIT_CODES)})`),
    check("products_status_valid", sql`${t.status} in (${inList(PRODUCT_STATUSES)})`),
    check("products_price_positive", sql`${t.price} > 0`),
    check("products_commission_rate_range", sql`${t.commissionRate} is null or ${t.commissionRate} between 0 and 1`),
    check("products_shelf_life_range", sql`${t.shelfLifeDays} is null or ${t.shelfLifeDays} between 1 and 3650`),
    check(
      "products_owner_shape",
      sql`(${t.ownerKind} = 'household' and ${t.householdId} is not null and ${t.partnerId} is null)
       or (${t.ownerKind} = 'partner' and ${t.householdId} is null)
       or (${t.ownerKind} = 'collective' and ${t.householdId} is null and ${t.partnerId} is null)`,
    ),
    check("products_on_hand_nonnegative", sql`${t.onHand} >= 0`),
    check("products_reserved_within_on_hand", sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    check("products_listed_has_date", sql`${t.status} <> 'listed' or ${t.listedAt} is not null`),
  ],
);

/**
 * A photo of a product: the content hash names its files (`<hash>-<width>.webp|jpg` under
 * DATA_DIR/uploads), so a URL never changes meaning and can be cached for a year.
 */
export const productPhotos = pgTable(
  "product_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    productId: uuid("product_id").notNull(),
    stationId: uuid("station_id").notNull(),
    hash: text("hash").notNull(),
    /** The widths generated, ascending ("240,480,960"): never wider than the original. */
    widths: text("widths").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "product_photos_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    index("product_photos_product_idx").on(t.productId, t.position),
    check("product_photos_hash_format", sql`${t.hash} ~ '^[0-9a-f]{20}$'`),
    check("product_photos_widths_format", sql`${t.widths} ~ '^[0-9]{2,4}(,[0-9]{2,4})*$'`),
    check("product_photos_size_positive", sql`${t.width} > 0 and ${t.height} > 0`),
  ],
);

/**
 * Every change to what a station holds. Append-only (a trigger refuses UPDATE and DELETE);
 * `on_hand_after`/`reserved_after` are the product's levels right after this movement, read
 * from the same UPDATE, so the history shows a running balance that matches the product row.
 */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    stationId: uuid("station_id").notNull(),
    productId: uuid("product_id").notNull(),
    kind: text("kind", { enum: MOVEMENT_KINDS }).notNull(),
    onHandDelta: numeric("on_hand_delta", { precision: 14, scale: 3 }).notNull(),
    reservedDelta: numeric("reserved_delta", { precision: 14, scale: 3 }).notNull().default("0"),
    onHandAfter: numeric("on_hand_after", { precision: 14, scale: 3 }).notNull(),
    reservedAfter: numeric("reserved_after", { precision: 14, scale: 3 }).notNull(),
    /** Received from / returned to this household (consigned goods). */
    householdId: uuid("household_id"),
    /** The agreed price per unit at receipt (what the slip says). */
    unitPrice: numeric("unit_price", { precision: 14, scale: 2 }),
    /** 代卖收货单 number, per station, for receipts of consigned goods. */
    receiptNumber: integer("receipt_number"),
    reason: text("reason").notNull().default(""),
    /** What caused it, for later issues: "order", "sale"; with its id. */
    sourceType: text("source_type"),
    sourceId: text("source_id"),
    /** The key the receiving form was rendered with: a resubmitted form records nothing twice. */
    idempotencyKey: text("idempotency_key"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "stock_movements_product_fk", columns: [t.productId, t.stationId], foreignColumns: [products.id, products.stationId] }),
    foreignKey({ name: "stock_movements_household_fk", columns: [t.householdId, t.stationId], foreignColumns: [households.id, households.stationId] }),
    index("stock_movements_product_idx").on(t.productId, t.id),
    index("stock_movements_household_idx").on(t.householdId),
    uniqueIndex("stock_movements_receipt_key").on(t.stationId, t.receiptNumber),
    uniqueIndex("stock_movements_idempotency_key").on(t.stationId, t.idempotencyKey),
    check("stock_movements_idempotency_key_length", sql`${t.idempotencyKey} is null or char_length(${t.idempotencyKey}) between 8 and 100`),
    check("stock_movements_kind_valid", sql`${t.kind} in (${inList(MOVEMENT_KINDS)})`),
    check(
      "stock_movements_kind_shape",
      sql`(${t.kind} = 'received' and ${t.onHandDelta} > 0 and ${t.reservedDelta} = 0)
       or (${t.kind} = 'sold' and ${t.onHandDelta} < 0 and (${t.reservedDelta} = 0 or ${t.reservedDelta} = ${t.onHandDelta}))
       or (${t.kind} = 'reserved' and ${t.onHandDelta} = 0 and ${t.reservedDelta} > 0)
       or (${t.kind} = 'released' and ${t.onHandDelta} = 0 and ${t.reservedDelta} < 0)
       or (${t.kind} = 'returned' and ${t.onHandDelta} <> 0 and ${t.reservedDelta} = 0)
       or (${t.kind} = 'spoiled' and ${t.onHandDelta} < 0 and ${t.reservedDelta} = 0)
       or (${t.kind} = 'counted' and ${t.reservedDelta} = 0)`,
    ),
    check("stock_movements_after_valid", sql`${t.onHandAfter} >= 0 and ${t.reservedAfter} >= 0 and ${t.reservedAfter} <= ${t.onHandAfter}`),
    check("stock_movements_reason_given", sql`${t.kind} not in ('counted', 'spoiled') or char_length(btrim(${t.reason})) > 0`),
    check("stock_movements_reason_length", sql`char_length(${t.reason}) <= 200`),
    check("stock_movements_receipt_only_received", sql`${t.receiptNumber} is null or (${t.kind} = 'received' and ${t.householdId} is not null and ${t.receiptNumber} > 0)`),
    check("stock_movements_unit_price_positive", sql`${t.unitPrice} is null or ${t.unitPrice} > 0`),
  ],
);

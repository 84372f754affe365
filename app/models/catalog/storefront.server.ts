import { and, asc, desc, eq, gt, gte, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { type ProductCategory, publicHouseholdName, SEASON_DAYS } from "~/domain/catalog";
import { addDays, chinaToday } from "~/domain/dates";
import { escapeLike, type SearchSort, searchTerms } from "~/domain/search";
import type { UnitCode } from "~/domain/units";
import { type Lang, pick } from "~/domain/language";
import type { Db } from "../../../db/client.server";
import { productPhotos, products } from "../../../db/schema/catalog";
import { counties, townships, villages } from "../../../db/schema/geography";
import { households } from "../../../db/schema/households";
import { stations } from "../../../db/schema/stations";
import { firstPhotos, type ProductPhoto } from "./products.server";

/**
 * What anonymous visitors see of the catalogue: listed goods of active stations only. Every
 * function here reads; nothing is station-private (no phone, no account, no full name).
 */

const visible = () => and(eq(products.status, "listed"), eq(stations.status, "active"));

/** A photo as pages use it: the hash names the files, the widths say which exist. */
export interface PhotoView {
  hash: string;
  widths: number[];
  width: number;
  height: number;
}

export function photoView(photo: ProductPhoto | null | undefined): PhotoView | null {
  return photo ? { hash: photo.hash, widths: photo.widths.split(",").map(Number), width: photo.width, height: photo.height } : null;
}

/**
 * One product on a list, in one language; money and quantities stay decimal strings. A product
 * a station has from several households (or harvests) is one card over its lots (ADR 008,
 * amendment "one product, its lots behind it"): `id` is the lot the card opens (the cheapest one
 * in stock), `price`…`priceMax` the lots' range, `available` their sum.
 */
export interface ProductCard {
  id: string;
  name: string;
  category: ProductCategory;
  unit: UnitCode;
  price: string;
  /** `price` is the cheapest lot's, `priceMax` the dearest's: equal for one lot or one price. */
  priceMax: string;
  /** How many listed lots the card stands for (1: a product with no siblings). */
  lotCount: number;
  available: string;
  harvestedOn: string | null;
  origin: string;
  stationCode: string;
  stationName: string;
  village: string;
  photo: PhotoView | null;
}

const cardColumns = {
  product: products,
  available: sql<string>`(${products.onHand} - ${products.reserved})::numeric(14,3)::text`,
  stationCode: stations.code,
  stationNameZh: stations.nameZh,
  stationNameEn: stations.nameEn,
  villageZh: villages.nameZh,
  villageEn: villages.nameEn,
};

interface CardRow {
  product: typeof products.$inferSelect;
  available: string;
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  villageZh: string;
  villageEn: string;
}

/**
 * Lots of one product: listed goods of one station with the same Chinese name and unit (the
 * operator receives each household's 金银花 as its own product, so its price, stock, owner and
 * harvest date stay its own and its sales post to that household).
 */
const sameProduct = sql`partition by ${products.stationId}, ${products.nameZh}, ${products.unit}`;
/** Which lot a product's card opens: one in stock before a sold-out one, then the cheapest, then the newest. */
const inStock = sql`${products.onHand} > ${products.reserved}`;
const lotOrder = [sql`(${inStock}) desc`, asc(products.price), desc(products.listedAt), asc(products.id)];

/**
 * The goods matching `where`, one row per product with its lots' count, price range, stock and
 * newest listing; `lot = 1` picks the lot the card opens. Lots that do not match `where` are
 * not counted (a search for one village's origin shows only that village's lots).
 */
function lotsOf(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: products.id,
      lot: sql<number>`row_number() over (${sameProduct} order by ${sql.join(lotOrder, sql`, `)})`.as("lot"),
      lotCount: sql<number>`count(*) over (${sameProduct})`.as("lot_count"),
      // The range a buyer can pay: the lots in stock, or all of them when every lot has sold out.
      priceMin: sql<string>`coalesce(min(${products.price}) filter (where ${inStock}) over (${sameProduct}), min(${products.price}) over (${sameProduct}))::text`.as("price_min"),
      priceMax: sql<string>`coalesce(max(${products.price}) filter (where ${inStock}) over (${sameProduct}), max(${products.price}) over (${sameProduct}))::text`.as("price_max"),
      groupAvailable: sql<string>`(sum(${products.onHand} - ${products.reserved}) over (${sameProduct}))::numeric(14,3)::text`.as("group_available"),
      groupListedAt: sql<Date>`max(${products.listedAt}) over (${sameProduct})`.as("group_listed_at"),
    })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(where)
    .as("lots");
}

type Lots = ReturnType<typeof lotsOf>;

/** The cards for `where`: one per product (its opening lot), in `order`, paged. */
function productCards(db: Db, lots: Lots) {
  return db
    .select({ ...cardColumns, lotCount: lots.lotCount, priceMin: lots.priceMin, priceMax: lots.priceMax, groupAvailable: lots.groupAvailable })
    .from(products)
    .innerJoin(lots, and(eq(lots.id, products.id), eq(lots.lot, 1)))
    .innerJoin(stations, eq(stations.id, products.stationId))
    .innerJoin(villages, eq(villages.id, stations.villageId));
}

/** How many products (not lots) match `where`. */
async function countProducts(db: Db, where: SQL | undefined): Promise<number> {
  const grouped = db
    .select({ stationId: products.stationId })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(where)
    .groupBy(products.stationId, products.nameZh, products.unit)
    .as("grouped");
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(grouped);
  return Number(row?.count ?? 0);
}

interface GroupedRow extends CardRow {
  lotCount: number | string;
  priceMin: string;
  priceMax: string;
  groupAvailable: string;
}

async function groupedCards(db: Db, rows: GroupedRow[], lang: Lang): Promise<ProductCard[]> {
  const made = await cards(db, rows, lang);
  return made.map((card, i) => {
    const r = rows[i]!;
    return { ...card, lotCount: Number(r.lotCount), price: r.priceMin, priceMax: r.priceMax, available: r.groupAvailable };
  });
}

async function cards(db: Db, rows: CardRow[], lang: Lang): Promise<ProductCard[]> {
  const photos = await firstPhotos(db, rows.map((r) => r.product.id));
  return rows.map(({ product: p, ...r }) => ({
    id: p.id,
    name: pick(lang, p.nameZh, p.nameEn),
    category: p.category,
    unit: p.unit,
    price: p.price,
    priceMax: p.price,
    lotCount: 1,
    available: r.available,
    harvestedOn: p.harvestedOn,
    origin: pick(lang, p.originZh, p.originEn),
    stationCode: r.stationCode,
    stationName: pick(lang, r.stationNameZh, r.stationNameEn),
    village: pick(lang, r.villageZh, r.villageEn),
    photo: photoView(photos.get(p.id)),
  }));
}

export interface SearchQuery {
  q?: string;
  category?: ProductCategory | null;
  stationCode?: string | null;
  sort?: SearchSort;
  page?: number;
  pageSize?: number;
}

export interface SearchResult {
  items: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
  terms: string[];
}

/**
 * Search in Chinese or English: every term must appear in the product's search text (names,
 * origin, story, both languages) — ILIKE, which the trigram index serves on both engines and
 * which works for Chinese at any length ("金银" finds 金银花) — or be close to one of its words
 * by trigram similarity, so "honeysukle" still finds honeysuckle.
 */
export async function searchProducts(db: Db, query: SearchQuery, lang: Lang): Promise<SearchResult> {
  const terms = searchTerms(query.q);
  const pageSize = query.pageSize ?? 24;
  const page = Math.max(1, query.page ?? 1);
  const conditions: (SQL | undefined)[] = [visible()];
  for (const term of terms) {
    conditions.push(sql`(${products.searchText} ilike ${`%${escapeLike(term)}%`} escape '\\' or ${term} <% ${products.searchText})`);
  }
  if (query.category) conditions.push(eq(products.category, query.category));
  if (query.stationCode) conditions.push(eq(stations.code, query.stationCode));
  const where = and(...conditions);

  const sort = query.sort ?? (terms.length ? "relevance" : "new");
  const joined = terms.join(" ");
  const lots = lotsOf(db, where);
  const order: SQL[] =
    sort === "price_asc"
      ? [asc(sql`${lots.priceMin}::numeric`), desc(lots.groupListedAt)]
      : sort === "price_desc"
        ? [desc(sql`${lots.priceMax}::numeric`), desc(lots.groupListedAt)]
        : sort === "relevance" && terms.length
          ? [
              sql`(lower(${products.nameZh}) like ${`${escapeLike(joined)}%`} escape '\\' or lower(${products.nameEn}) like ${`${escapeLike(joined)}%`} escape '\\') desc`,
              sql`greatest(similarity(lower(${products.nameZh}), ${joined}), word_similarity(${joined}, lower(${products.nameEn}))) desc`,
              desc(lots.groupListedAt),
            ]
          : [desc(lots.groupListedAt)];

  const total = await countProducts(db, where);
  const rows = await productCards(db, lots)
    .orderBy(...order, asc(products.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await groupedCards(db, rows, lang), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), terms };
}

/** Listed goods harvested recently and still good, newest harvest first: the market home's "in season". */
export async function listInSeason(db: Db, lang: Lang, { limit = 8, today = chinaToday() }: { limit?: number; today?: string } = {}): Promise<ProductCard[]> {
  const lots = lotsOf(
    db,
    and(
      visible(),
      isNotNull(products.harvestedOn),
      gte(products.harvestedOn, addDays(today, -SEASON_DAYS)),
      sql`${products.harvestedOn} <= ${today}::date`,
      sql`(${products.shelfLifeDays} is null or ${products.harvestedOn} + ${products.shelfLifeDays} >= ${today}::date)`,
      gt(products.onHand, products.reserved),
    ),
  );
  const rows = await productCards(db, lots).orderBy(desc(products.harvestedOn), desc(lots.groupListedAt), asc(products.id)).limit(limit);
  return groupedCards(db, rows, lang);
}

/** How many listed products (not lots) each category has, for the market home's category links. */
export async function categoryCounts(db: Db): Promise<Partial<Record<ProductCategory, number>>> {
  const grouped = db
    .select({ category: products.category })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(visible())
    .groupBy(products.category, products.stationId, products.nameZh, products.unit)
    .as("grouped");
  const rows = await db.select({ category: grouped.category, count: sql<number>`count(*)::int` }).from(grouped).groupBy(grouped.category);
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.count)]));
}

/** A station's listed goods, one card per product, for its public page. */
export async function listStationGoods(db: Db, { stationCode }: { stationCode: string }, lang: Lang, limit = 60): Promise<ProductCard[]> {
  const lots = lotsOf(db, and(visible(), eq(stations.code, stationCode)));
  const rows = await productCards(db, lots).orderBy(desc(lots.groupListedAt), asc(products.id)).limit(limit);
  return groupedCards(db, rows, lang);
}

export interface PublicProduct extends ProductCard {
  description: string;
  shelfLifeDays: number | null;
  ownerKind: (typeof products.$inferSelect)["ownerKind"];
  /** The household's given name only (publicHouseholdName), never the full name. */
  householdName: string | null;
  householdGroup: string | null;
  township: string;
  county: string;
  photos: PhotoView[];
  updatedAt: string;
  /** Every listed lot of this product at its station, this one included, in the order the card picks them. */
  lots: PublicLot[];
}

/** One lot of a product as the product page lists it: whose, when harvested, its own price and stock. */
export interface PublicLot {
  id: string;
  ownerKind: (typeof products.$inferSelect)["ownerKind"];
  householdName: string | null;
  householdGroup: string | null;
  harvestedOn: string | null;
  shelfLifeDays: number | null;
  price: string;
  available: string;
}

/** The listed lots of the product `p` is one of (same station, Chinese name and unit). */
async function listLots(db: Db, p: { stationId: string; nameZh: string; unit: UnitCode }): Promise<PublicLot[]> {
  const rows = await db
    .select({
      id: products.id,
      ownerKind: products.ownerKind,
      headName: households.headName,
      villageGroup: households.villageGroup,
      harvestedOn: products.harvestedOn,
      shelfLifeDays: products.shelfLifeDays,
      price: products.price,
      available: sql<string>`(${products.onHand} - ${products.reserved})::numeric(14,3)::text`,
    })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .leftJoin(households, and(eq(households.id, products.householdId), eq(households.stationId, products.stationId)))
    .where(and(visible(), eq(products.stationId, p.stationId), eq(products.nameZh, p.nameZh), eq(products.unit, p.unit)))
    .orderBy(...lotOrder);
  return rows.map(({ headName, villageGroup, ...r }) => ({
    ...r,
    householdName: headName ? publicHouseholdName(headName) : null,
    householdGroup: villageGroup || null,
  }));
}

/** One listed product of an active station, with what its public page shows; null otherwise. */
export async function getPublicProduct(db: Db, { productId }: { productId: string }, lang: Lang): Promise<PublicProduct | null> {
  const [row] = await db
    .select({
      ...cardColumns,
      townshipZh: townships.nameZh,
      townshipEn: townships.nameEn,
      countyZh: counties.nameZh,
      countyEn: counties.nameEn,
      headName: households.headName,
      villageGroup: households.villageGroup,
    })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .innerJoin(villages, eq(villages.id, stations.villageId))
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .innerJoin(counties, eq(counties.id, townships.countyId))
    .leftJoin(households, and(eq(households.id, products.householdId), eq(households.stationId, products.stationId)))
    .where(and(visible(), eq(products.id, productId)));
  if (!row) return null;
  const [card] = await cards(db, [row], lang);
  const photos = await db.select().from(productPhotos).where(inArray(productPhotos.productId, [productId])).orderBy(asc(productPhotos.position), asc(productPhotos.createdAt));
  const p = row.product;
  return {
    ...card!,
    description: pick(lang, p.descriptionZh, p.descriptionEn),
    shelfLifeDays: p.shelfLifeDays,
    ownerKind: p.ownerKind,
    householdName: row.headName ? publicHouseholdName(row.headName) : null,
    householdGroup: row.villageGroup || null,
    township: pick(lang, row.townshipZh, row.townshipEn),
    county: pick(lang, row.countyZh, row.countyEn),
    photos: photos.map((ph) => photoView(ph)!),
    updatedAt: p.updatedAt.toISOString(),
    lots: await listLots(db, p),
  };
}

/** Every listed product of an active station, for sitemap.xml. */
export async function listSitemapProducts(db: Db): Promise<{ id: string; updatedAt: Date }[]> {
  return db
    .select({ id: products.id, updatedAt: products.updatedAt })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(visible())
    .orderBy(asc(products.id));
}

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

/** One product on a list, in one language; money and quantities stay decimal strings. */
export interface ProductCard {
  id: string;
  name: string;
  category: ProductCategory;
  unit: UnitCode;
  price: string;
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

function cardQuery(db: Db) {
  return db
    .select(cardColumns)
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .innerJoin(villages, eq(villages.id, stations.villageId));
}

async function cards(db: Db, rows: CardRow[], lang: Lang): Promise<ProductCard[]> {
  const photos = await firstPhotos(db, rows.map((r) => r.product.id));
  return rows.map(({ product: p, ...r }) => ({
    id: p.id,
    name: pick(lang, p.nameZh, p.nameEn),
    category: p.category,
    unit: p.unit,
    price: p.price,
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
  const order: SQL[] =
    sort === "price_asc"
      ? [asc(products.price), desc(products.listedAt)]
      : sort === "price_desc"
        ? [desc(products.price), desc(products.listedAt)]
        : sort === "relevance" && terms.length
          ? [
              sql`(lower(${products.nameZh}) like ${`${escapeLike(joined)}%`} escape '\\' or lower(${products.nameEn}) like ${`${escapeLike(joined)}%`} escape '\\') desc`,
              sql`greatest(similarity(lower(${products.nameZh}), ${joined}), word_similarity(${joined}, lower(${products.nameEn}))) desc`,
              desc(products.listedAt),
            ]
          : [desc(products.listedAt)];

  const [countRow] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(where);
  const total = Number(countRow?.count ?? 0);
  const rows = await cardQuery(db)
    .where(where)
    .orderBy(...order, asc(products.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: await cards(db, rows, lang), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), terms };
}

/** Listed goods harvested recently and still good, newest harvest first: the market home's "in season". */
export async function listInSeason(db: Db, lang: Lang, { limit = 8, today = chinaToday() }: { limit?: number; today?: string } = {}): Promise<ProductCard[]> {
  const rows = await cardQuery(db)
    .where(
      and(
        visible(),
        isNotNull(products.harvestedOn),
        gte(products.harvestedOn, addDays(today, -SEASON_DAYS)),
        sql`${products.harvestedOn} <= ${today}::date`,
        sql`(${products.shelfLifeDays} is null or ${products.harvestedOn} + ${products.shelfLifeDays} >= ${today}::date)`,
        gt(products.onHand, products.reserved),
      ),
    )
    .orderBy(desc(products.harvestedOn), desc(products.listedAt), asc(products.id))
    .limit(limit);
  return cards(db, rows, lang);
}

/** How many listed goods each category has, for the market home's category links. */
export async function categoryCounts(db: Db): Promise<Partial<Record<ProductCategory, number>>> {
  const rows = await db
    .select({ category: products.category, count: sql<number>`count(*)::int` })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(visible())
    .groupBy(products.category);
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.count)]));
}

/** A station's listed goods, for its public page. */
export async function listStationGoods(db: Db, { stationCode }: { stationCode: string }, lang: Lang, limit = 60): Promise<ProductCard[]> {
  const rows = await cardQuery(db)
    .where(and(visible(), eq(stations.code, stationCode)))
    .orderBy(desc(products.listedAt), asc(products.id))
    .limit(limit);
  return cards(db, rows, lang);
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

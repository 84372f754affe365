import { and, asc, eq } from "drizzle-orm";
import { type Lang, pick as pickLang } from "~/domain/language";
import type { Db } from "../../../db/client.server";
import { counties, stations, townships, villages } from "../../../db/schema/index";
import { createStationLedger } from "~/models/ledger/accounts.server";

export type County = typeof counties.$inferSelect;
export type Township = typeof townships.$inferSelect;
export type Village = typeof villages.$inferSelect;
export type Station = typeof stations.$inferSelect;

export type NewCounty = Omit<typeof counties.$inferInsert, "id" | "createdAt">;
export type NewTownship = Omit<typeof townships.$inferInsert, "id" | "createdAt">;
export type NewVillage = Omit<typeof villages.$inferInsert, "id" | "createdAt">;
export type NewStation = Omit<typeof stations.$inferInsert, "id" | "createdAt" | "updatedAt" | "status">;

export async function createCounty(db: Db, input: NewCounty): Promise<County> {
  const [row] = await db.insert(counties).values(input).returning();
  return row!;
}

export async function createTownship(db: Db, input: NewTownship): Promise<Township> {
  const [row] = await db.insert(townships).values(input).returning();
  return row!;
}

export async function createVillage(db: Db, input: NewVillage): Promise<Village> {
  const [row] = await db.insert(villages).values(input).returning();
  return row!;
}

/**
 * Creates a station in one transaction, with what every station needs from its first day:
 * its chart of accounts and the head of its ledger's hash chain (ADR 007).
 */
export async function createStation(db: Db, input: NewStation): Promise<Station> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(stations).values(input).returning();
    await createStationLedger(tx, { stationId: row!.id });
    return row!;
  });
}

export async function countStations(db: Db): Promise<number> {
  return db.$count(stations);
}

/** A station with where it sits, as the public pages show it. */
export interface StationSummary {
  station: Station;
  village: Village;
  township: Township;
  county: County;
}

const summaryColumns = { station: stations, village: villages, township: townships, county: counties };

function summaryQuery(db: Db) {
  return db
    .select(summaryColumns)
    .from(stations)
    .innerJoin(villages, eq(stations.villageId, villages.id))
    .innerJoin(townships, eq(villages.townshipId, townships.id))
    .innerJoin(counties, eq(townships.countyId, counties.id));
}

/** Active stations of the installation, by township then village, for the public home page. */
export async function listPublicStations(db: Db): Promise<StationSummary[]> {
  return summaryQuery(db)
    .where(eq(stations.status, "active"))
    .orderBy(asc(counties.code), asc(townships.code), asc(villages.code), asc(stations.code));
}

/** One active station by its URL code, or null (the route answers 404). */
export async function getPublicStation(db: Db, { code }: { code: string }): Promise<StationSummary | null> {
  const [row] = await summaryQuery(db)
    .where(and(eq(stations.code, code), eq(stations.status, "active")))
    .limit(1);
  return row ?? null;
}

/**
 * One station by its URL code whatever its status, with its place, for the access checks:
 * they decide who may see an inactive station, not this query.
 */
export async function getStationSummary(db: Db, { code }: { code: string }): Promise<StationSummary | null> {
  const [row] = await summaryQuery(db).where(eq(stations.code, code)).limit(1);
  return row ?? null;
}

export async function listCounties(db: Db): Promise<County[]> {
  return db.select().from(counties).orderBy(asc(counties.code));
}

/** What public pages show of a station, in one language. */
export interface StationView {
  code: string;
  name: string;
  village: string;
  township: string;
  townshipKind: Township["kind"];
  county: string;
  province: string;
  address: string;
  openingHours: string;
  operatorContactName: string;
  operatorContactPhone: string;
  cooperationNotes: string;
}

export function presentStation({ station, village, township, county }: StationSummary, lang: Lang): StationView {
  const pick = (zh: string, english: string) => pickLang(lang, zh, english);
  return {
    code: station.code,
    name: pick(station.nameZh, station.nameEn),
    village: pick(village.nameZh, village.nameEn),
    township: pick(township.nameZh, township.nameEn),
    townshipKind: township.kind,
    county: pick(county.nameZh, county.nameEn),
    province: pick(county.provinceZh, county.provinceEn),
    address: pick(station.addressZh, station.addressEn),
    openingHours: pick(station.openingHoursZh, station.openingHoursEn),
    operatorContactName: station.operatorContactName,
    operatorContactPhone: station.operatorContactPhone,
    cooperationNotes: pick(station.cooperationNotesZh, station.cooperationNotesEn),
  };
}

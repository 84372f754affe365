import { and, asc, eq, inArray } from "drizzle-orm";
import { IdentityError } from "~/domain/identity";
import type { Db } from "../../../db/client.server";
import { counties, stations, townships, villages } from "../../../db/schema/index";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { createStation, createVillage, type Station, type StationSummary } from "./geography.server";

/** Station administration by a county admin; every query is limited to their counties. */

function inCounties(countyIds: readonly string[]) {
  return countyIds.length ? inArray(townships.countyId, [...countyIds]) : eq(townships.countyId, "00000000-0000-0000-0000-000000000000");
}

/** Every station of the admin's counties, inactive ones included. */
export async function listStationsForAdmin(db: Db, { countyIds }: { countyIds: readonly string[] }): Promise<StationSummary[]> {
  return db
    .select({ station: stations, village: villages, township: townships, county: counties })
    .from(stations)
    .innerJoin(villages, eq(stations.villageId, villages.id))
    .innerJoin(townships, eq(villages.townshipId, townships.id))
    .innerJoin(counties, eq(townships.countyId, counties.id))
    .where(inCounties(countyIds))
    .orderBy(asc(townships.code), asc(villages.code), asc(stations.code));
}

export interface TownshipWithVillages {
  id: string;
  nameZh: string;
  nameEn: string;
  villages: { id: string; nameZh: string; nameEn: string }[];
}

/** The townships and villages of the admin's counties, for the place pickers. */
export async function listTownshipsWithVillages(db: Db, { countyIds }: { countyIds: readonly string[] }): Promise<TownshipWithVillages[]> {
  const rows = await db
    .select({ township: townships, village: villages })
    .from(townships)
    .leftJoin(villages, eq(villages.townshipId, townships.id))
    .where(inCounties(countyIds))
    .orderBy(asc(townships.code), asc(villages.code));
  const byId = new Map<string, TownshipWithVillages>();
  for (const { township, village } of rows) {
    let entry = byId.get(township.id);
    if (!entry) {
      entry = { id: township.id, nameZh: township.nameZh, nameEn: township.nameEn, villages: [] };
      byId.set(township.id, entry);
    }
    if (village) entry.villages.push({ id: village.id, nameZh: village.nameZh, nameEn: village.nameEn });
  }
  return [...byId.values()];
}

export interface NewVillageInput {
  actorUserId: string;
  countyIds: readonly string[];
  townshipId: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Adds a village to a township of the admin's county. Throws PLACE_NOT_FOUND, VILLAGE_CODE_TAKEN. */
export async function addVillage(db: Db, input: NewVillageInput): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const [township] = await tx.select({ id: townships.id }).from(townships).where(and(eq(townships.id, input.townshipId), inCounties(input.countyIds)));
      if (!township) throw new IdentityError("PLACE_NOT_FOUND");
      const village = await createVillage(tx, { townshipId: township.id, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn });
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: "village.create",
        recordType: "village",
        recordId: village.id,
        after: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "villages_township_code_key")) throw new IdentityError("VILLAGE_CODE_TAKEN");
    throw error;
  }
}

export interface NewStationInput {
  actorUserId: string;
  countyIds: readonly string[];
  villageId: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Opens a station in a village of the admin's county. Throws PLACE_NOT_FOUND, STATION_CODE_TAKEN. */
export async function openStation(db: Db, input: NewStationInput): Promise<Station> {
  try {
    return await db.transaction(async (tx) => {
      const [village] = await tx
        .select({ id: villages.id })
        .from(villages)
        .innerJoin(townships, eq(townships.id, villages.townshipId))
        .where(and(eq(villages.id, input.villageId), inCounties(input.countyIds)));
      if (!village) throw new IdentityError("PLACE_NOT_FOUND");
      if ((await tx.$count(stations, eq(stations.code, input.code))) > 0) throw new IdentityError("STATION_CODE_TAKEN");
      const station = await createStation(tx, { villageId: village.id, code: input.code, nameZh: input.nameZh, nameEn: input.nameEn });
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: "station.create",
        recordType: "station",
        recordId: station.id,
        stationId: station.id,
        after: { code: input.code, nameZh: input.nameZh, nameEn: input.nameEn },
      });
      return station;
    });
  } catch (error) {
    if (isUniqueViolation(error, "stations_code_key")) throw new IdentityError("STATION_CODE_TAKEN");
    throw error;
  }
}

/** Closes or reopens a station of the admin's county. Throws PLACE_NOT_FOUND. */
export async function setStationStatus(
  db: Db,
  { actorUserId, countyIds, stationId, status }: { actorUserId: string; countyIds: readonly string[]; stationId: string; status: "active" | "inactive" },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: stations.id, status: stations.status })
      .from(stations)
      .innerJoin(villages, eq(villages.id, stations.villageId))
      .innerJoin(townships, eq(townships.id, villages.townshipId))
      .where(and(eq(stations.id, stationId), inCounties(countyIds)))
      .for("update", { of: stations });
    if (!row) throw new IdentityError("PLACE_NOT_FOUND");
    if (row.status === status) return;
    await tx.update(stations).set({ status, updatedAt: new Date() }).where(eq(stations.id, row.id));
    await recordAudit(tx, {
      actorUserId,
      action: status === "inactive" ? "station.deactivate" : "station.reactivate",
      recordType: "station",
      recordId: row.id,
      stationId: row.id,
      before: { status: row.status },
      after: { status },
    });
  });
}

export interface StationDetails {
  addressZh: string;
  addressEn: string;
  openingHoursZh: string;
  openingHoursEn: string;
  operatorContactName: string;
  operatorContactPhone: string;
}

/**
 * Updates what the public page says about a station (an operator's everyday edit). The
 * caller has already checked station:update for this station; the audit keeps the old values.
 */
export async function updateStationDetails(
  db: Db,
  { actorUserId, stationId, details }: { actorUserId: string; stationId: string; details: StationDetails },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(stations).where(eq(stations.id, stationId)).for("update");
    if (!before) throw new IdentityError("PLACE_NOT_FOUND");
    const changedBefore: Record<string, string> = {};
    const changedAfter: Record<string, string> = {};
    for (const key of Object.keys(details) as (keyof StationDetails)[]) {
      if (before[key] !== details[key]) {
        changedBefore[key] = before[key];
        changedAfter[key] = details[key];
      }
    }
    if (Object.keys(changedAfter).length === 0) return;
    await tx.update(stations).set({ ...details, updatedAt: new Date() }).where(eq(stations.id, stationId));
    await recordAudit(tx, {
      actorUserId,
      action: "station.update",
      recordType: "station",
      recordId: stationId,
      stationId,
      before: changedBefore,
      after: changedAfter,
    });
  });
}

import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Grant, LandingGrant, StationPlace } from "~/domain/permissions";
import type { Db } from "../../../db/client.server";
import { counties, partnerCompanies, roleAssignments, stations, townships, villages } from "../../../db/schema/index";
import { getStationSummary, type StationSummary } from "~/models/stations/geography.server";

/** A role assignment with the names of its place, in both languages, for screens and landing. */
export interface GrantView extends Grant {
  id: string;
  placeNameZh: string;
  placeNameEn: string;
  /** The station's code (station grants) or the first active station of the township (township grants). */
  stationCode: string | null;
}

/** Every role a person holds, with where; the caller's session lookup and the admin screens use it. */
export async function listGrants(db: Db, { userId }: { userId: string }): Promise<GrantView[]> {
  const firstStationOfTownship = sql<string | null>`(
    select s.code from ${stations} s join ${villages} v on v.id = s.village_id
    where v.township_id = ${roleAssignments.townshipId} and s.status = 'active'
    order by s.code limit 1)`;
  const rows = await db
    .select({
      id: roleAssignments.id,
      role: roleAssignments.role,
      scope: roleAssignments.scope,
      countyId: roleAssignments.countyId,
      townshipId: roleAssignments.townshipId,
      stationId: roleAssignments.stationId,
      partnerId: roleAssignments.partnerId,
      partnerNameZh: partnerCompanies.nameZh,
      partnerNameEn: partnerCompanies.nameEn,
      stationCode: stations.code,
      stationStatus: stations.status,
      stationNameZh: stations.nameZh,
      stationNameEn: stations.nameEn,
      townshipNameZh: townships.nameZh,
      townshipNameEn: townships.nameEn,
      countyNameZh: counties.nameZh,
      countyNameEn: counties.nameEn,
      firstStationOfTownship,
    })
    .from(roleAssignments)
    .leftJoin(stations, eq(stations.id, roleAssignments.stationId))
    .leftJoin(townships, eq(townships.id, roleAssignments.townshipId))
    .leftJoin(counties, eq(counties.id, roleAssignments.countyId))
    .leftJoin(partnerCompanies, eq(partnerCompanies.id, roleAssignments.partnerId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id));
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    scope: r.scope,
    countyId: r.countyId,
    townshipId: r.townshipId,
    stationId: r.stationId,
    partnerId: r.partnerId,
    placeNameZh: r.stationNameZh ?? r.townshipNameZh ?? r.countyNameZh ?? r.partnerNameZh ?? "",
    placeNameEn: r.stationNameEn ?? r.townshipNameEn ?? r.countyNameEn ?? (r.partnerNameEn || r.partnerNameZh) ?? "",
    stationCode: r.scope === "station" ? (r.stationStatus === "active" ? r.stationCode : null) : r.firstStationOfTownship,
  }));
}

export function landingGrants(grants: readonly GrantView[]): LandingGrant[] {
  return grants.map((g) => ({ role: g.role, stationCode: g.stationCode }));
}

/** A station and where it sits, for requireStationAccess. Inactive stations are returned too. */
export async function getStationWithPlace(
  db: Db,
  { code }: { code: string },
): Promise<{ summary: StationSummary; place: StationPlace } | null> {
  const summary = await getStationSummary(db, { code });
  if (!summary) return null;
  return {
    summary,
    place: { stationId: summary.station.id, townshipId: summary.township.id, countyId: summary.county.id },
  };
}

/** Stations a set of grants reaches (active ones), for the "your stations" list on the dashboard. */
export async function listStationsCovered(db: Db, grants: readonly Grant[]): Promise<{ code: string; nameZh: string; nameEn: string }[]> {
  const stationIds = grants.filter((g) => g.scope === "station" && g.stationId).map((g) => g.stationId!);
  const townshipIds = grants.filter((g) => g.scope === "township" && g.townshipId).map((g) => g.townshipId!);
  const countyIds = grants.filter((g) => g.scope === "county" && g.countyId).map((g) => g.countyId!);
  if (stationIds.length + townshipIds.length + countyIds.length === 0) return [];
  return db
    .select({ code: stations.code, nameZh: stations.nameZh, nameEn: stations.nameEn })
    .from(stations)
    .innerJoin(villages, eq(villages.id, stations.villageId))
    .innerJoin(townships, eq(townships.id, villages.townshipId))
    .where(
      and(
        eq(stations.status, "active"),
        or(
          stationIds.length ? inArray(stations.id, stationIds) : undefined,
          townshipIds.length ? inArray(villages.townshipId, townshipIds) : undefined,
          countyIds.length ? inArray(townships.countyId, countyIds) : undefined,
        ),
      ),
    )
    .orderBy(asc(townships.code), asc(stations.code));
}

import { and, eq, inArray, isNull } from "drizzle-orm";
import { IdentityError } from "~/domain/identity";
import { isRole, ROLES, type Scope } from "~/domain/permissions";
import type { Db } from "../../../db/client.server";
import { counties, partnerCompanies, roleAssignments, stations, townships, users, villages } from "../../../db/schema/index";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation } from "~/models/database/errors.server";

interface Place {
  scope: Scope;
  countyId: string | null;
  townshipId: string | null;
  stationId: string | null;
  partnerId?: string | null;
  nameZh: string;
  /** The county the place lies in (null for global roles). */
  homeCountyId: string | null;
}

/**
 * Finds the place a role is to be held over, inside the acting admin's counties only: an
 * admin of one county can never hand out a role in another. Null when it is not there.
 */
async function resolvePlace(db: Db, scope: Scope, placeId: string | null, countyIds: readonly string[] | "any"): Promise<Place | null> {
  const inCounties = (column: typeof counties.id | typeof townships.countyId | typeof partnerCompanies.countyId) =>
    countyIds === "any" ? undefined : countyIds.length ? inArray(column, [...countyIds]) : eq(column, "00000000-0000-0000-0000-000000000000");
  switch (scope) {
    case "global":
      return { scope, countyId: null, townshipId: null, stationId: null, nameZh: "", homeCountyId: null };
    case "county": {
      if (!placeId) return null;
      const [row] = await db.select({ id: counties.id, nameZh: counties.nameZh }).from(counties).where(and(eq(counties.id, placeId), inCounties(counties.id)));
      return row ? { scope, countyId: row.id, townshipId: null, stationId: null, nameZh: row.nameZh, homeCountyId: row.id } : null;
    }
    case "township": {
      if (!placeId) return null;
      const [row] = await db
        .select({ id: townships.id, nameZh: townships.nameZh, countyId: townships.countyId })
        .from(townships)
        .where(and(eq(townships.id, placeId), inCounties(townships.countyId)));
      return row ? { scope, countyId: null, townshipId: row.id, stationId: null, nameZh: row.nameZh, homeCountyId: row.countyId } : null;
    }
    case "station": {
      if (!placeId) return null;
      const [row] = await db
        .select({ id: stations.id, nameZh: stations.nameZh, countyId: townships.countyId })
        .from(stations)
        .innerJoin(villages, eq(villages.id, stations.villageId))
        .innerJoin(townships, eq(townships.id, villages.townshipId))
        .where(and(eq(stations.id, placeId), inCounties(townships.countyId)));
      return row ? { scope, countyId: null, townshipId: null, stationId: row.id, nameZh: row.nameZh, homeCountyId: row.countyId } : null;
    }
    case "partner": {
      // A partner company of one of the actor's counties; its users belong to that county.
      if (!placeId) return null;
      const [row] = await db
        .select({ id: partnerCompanies.id, nameZh: partnerCompanies.nameZh, countyId: partnerCompanies.countyId })
        .from(partnerCompanies)
        .where(and(eq(partnerCompanies.id, placeId), inCounties(partnerCompanies.countyId)));
      return row
        ? { scope, countyId: null, townshipId: null, stationId: null, partnerId: row.id, nameZh: row.nameZh, homeCountyId: row.countyId }
        : null;
    }
  }
}

export interface AssignInput {
  actorUserId: string | null;
  userId: string;
  role: string;
  /** The county, township or station id the role's scope calls for; null for global roles. */
  placeId: string | null;
  /** The counties the actor administers; "any" only for the seed and tests. */
  countyIds: readonly string[] | "any";
}

/**
 * Gives a person a role over a place, and writes it to the audit log. Throws
 * ROLE_SCOPE_MISMATCH for an unknown role, PLACE_NOT_FOUND for a place outside the actor's
 * counties, ALREADY_ASSIGNED when they hold it there already.
 */
export async function assignRole(db: Db, input: AssignInput): Promise<string> {
  if (!isRole(input.role)) throw new IdentityError("ROLE_SCOPE_MISMATCH");
  const scope = ROLES[input.role].scope;
  try {
    return await db.transaction(async (tx) => {
      const place = await resolvePlace(tx, scope, input.placeId, input.countyIds);
      if (!place) throw new IdentityError("PLACE_NOT_FOUND");
      const [row] = await tx
        .insert(roleAssignments)
        .values({
          userId: input.userId,
          role: input.role,
          scope,
          countyId: place.countyId,
          townshipId: place.townshipId,
          stationId: place.stationId,
          partnerId: place.partnerId ?? null,
          createdBy: input.actorUserId,
        })
        .returning({ id: roleAssignments.id });
      // A buyer who becomes staff now belongs to the county of the place: from here on only
      // that county's admins may manage the account (issue codes, deactivate).
      if (place.homeCountyId) {
        await tx.update(users).set({ homeCountyId: place.homeCountyId }).where(and(eq(users.id, input.userId), isNull(users.homeCountyId)));
      }
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: "role.assign",
        recordType: "user",
        recordId: input.userId,
        stationId: place.stationId,
        after: { role: input.role, scope, place: place.nameZh, assignmentId: row!.id },
      });
      return row!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "role_assignments_once")) throw new IdentityError("ALREADY_ASSIGNED");
    throw error;
  }
}

/**
 * Takes a role away. An admin cannot take away their own county admin role (nobody would be
 * left to give it back). Throws ACCOUNT_NOT_FOUND when the assignment is not this person's
 * or lies outside the actor's counties.
 */
export async function removeRole(
  db: Db,
  { actorUserId, userId, assignmentId, countyIds }: { actorUserId: string; userId: string; assignmentId: string; countyIds: readonly string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
      .for("update");
    if (!row) throw new IdentityError("ACCOUNT_NOT_FOUND");
    const place = await resolvePlace(tx, row.scope, row.stationId ?? row.townshipId ?? row.countyId ?? row.partnerId, countyIds);
    if (!place) throw new IdentityError("ACCOUNT_NOT_FOUND");
    if (actorUserId === userId && row.role === "county_admin") throw new IdentityError("SELF_CHANGE");
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, row.id));
    await recordAudit(tx, {
      actorUserId,
      action: "role.remove",
      recordType: "user",
      recordId: userId,
      stationId: row.stationId,
      before: { role: row.role, scope: row.scope, place: place.nameZh, assignmentId: row.id },
    });
  });
}

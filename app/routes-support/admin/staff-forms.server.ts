import { z } from "zod";
import { isUuid } from "~/domain/ids";
import { isRole, ROLES, type Role, STAFF_ROLES } from "~/domain/permissions";
import { listPartnerChoices } from "~/models/partners/api-keys.server";
import { listStationsForAdmin, listTownshipsWithVillages } from "~/models/stations/stations.server";
import type { AppLoadContext } from "@remix-run/node";
import { type Lang, pick, type Translate } from "~/utils/i18n";
import type { Refusal, RefusalTable } from "~/utils/refusal";
import { roleLabel } from "./labels";

/**
 * The role-and-place part of the admin's account forms. Without JavaScript the form cannot
 * show only the picker a role needs, so it carries both (station and township) and the role
 * decides which one counts.
 */
export const RoleFields = {
  role: z.enum(STAFF_ROLES as [Role, ...Role[]], { error: "validation.required" }),
  stationId: z.string().optional(),
  townshipId: z.string().optional(),
  partnerId: z.string().optional(),
};

/** Adds the "pick a station" / "pick a township" error a role calls for. Use in superRefine. */
export function refineRolePlace(value: { role: Role; stationId?: string; townshipId?: string; partnerId?: string }, ctx: z.RefinementCtx): void {
  const scope = ROLES[value.role].scope;
  if (scope === "station" && !isUuid(value.stationId)) {
    ctx.addIssue({ code: "custom", path: ["stationId"], message: "admin.accounts.chooseStation" });
  }
  if (scope === "township" && !isUuid(value.townshipId)) {
    ctx.addIssue({ code: "custom", path: ["townshipId"], message: "admin.accounts.chooseTownship" });
  }
  if (scope === "partner" && !isUuid(value.partnerId)) {
    ctx.addIssue({ code: "custom", path: ["partnerId"], message: "partnerPortal.admin.choosePartner" });
  }
}

/** The place id the role is to be held over: the chosen station or township, or the admin's county. */
export function placeFor(value: { role: Role; stationId?: string; townshipId?: string; partnerId?: string }, countyIds: readonly string[]): string | null {
  switch (ROLES[value.role].scope) {
    case "station":
      return value.stationId ?? null;
    case "township":
      return value.townshipId ?? null;
    case "county":
      return countyIds[0] ?? null;
    case "global":
      return null;
    case "partner":
      return value.partnerId ?? null;
  }
}

/** What the role pickers offer: the staff roles, and the active stations and townships of the admin's counties. */
export async function rolePickerOptions(db: AppLoadContext["db"], countyIds: readonly string[], lang: Lang, t: Translate) {
  const [stations, townships, partners] = await Promise.all([
    listStationsForAdmin(db, { countyIds }),
    listTownshipsWithVillages(db, { countyIds }),
    listPartnerChoices(db, { countyIds }),
  ]);
  return {
    roles: STAFF_ROLES.map((role) => ({ value: role, label: roleLabel(t, role) })),
    stations: stations
      .filter((s) => s.station.status === "active")
      .map((s) => ({ id: s.station.id, name: pick(lang, s.station.nameZh, s.station.nameEn) })),
    townships: townships.map((tw) => ({ id: tw.id, name: pick(lang, tw.nameZh, tw.nameEn) })),
    partners: partners.filter((p) => p.status === "active").map((p) => ({ id: p.id, name: pick(lang, p.nameZh, p.nameEn) })),
  };
}

/**
 * The words for a place the admin may not use (another county's, or made up), for the account
 * forms: there it is a wrong pick, said beside the right picker with a 400, not the bare 404 that
 * PLACE_NOT_FOUND is elsewhere (ADR 017, a screen's own table).
 */
export function placeRefusals(role: unknown): RefusalTable {
  const scope = isRole(role) ? ROLES[role].scope : undefined;
  const refusal: Refusal =
    scope === "partner"
      ? { key: "partnerPortal.admin.choosePartner", field: "partnerId", kind: "invalid" }
      : scope === "township"
        ? { key: "admin.accounts.chooseTownship", field: "townshipId", kind: "invalid" }
        : { key: "admin.accounts.chooseStation", field: "stationId", kind: "invalid" };
  return { identity: { PLACE_NOT_FOUND: refusal } };
}

/** A row id picked in a form (a select's value): anything else is a missing pick. */
export const uuidField = () => z.string({ error: "validation.required" }).refine(isUuid, "validation.required");

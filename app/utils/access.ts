import type { Permission } from "~/domain/permissions";

/**
 * Every route module declares who may reach it in `handle.access` (deny by default: a test
 * walks every route and fails on one that declares nothing, and calls each protected loader
 * as a stranger to see that it really refuses).
 *
 * - public: anyone, signed in or not.
 * - signedIn: any signed-in person (requireUser).
 * - station: a permission at the station named by the route's `$code`
 *   (requireStationAccess: 404 to those with no business there, 403 to those who may look
 *   but not do this).
 * - countyAdmin: a county-wide administrative permission (requireCountyAdmin).
 * - partner: a permission held for a partner company (requirePartnerUser; /partner/…): the
 *   company is the one the person is assigned to, never one named in the request.
 * - apiKey: a partner's API key in `Authorization: Bearer …` (requireApiKey; /api/v1/…):
 *   no cookie, no redirect; a missing, unknown or revoked key answers 401.
 *
 * The declared permission is the one needed to open the page; an action that changes
 * something asks for its own (e.g. a page open at station:read, saved at station:update).
 */
export type AccessPolicy =
  | { kind: "public" }
  | { kind: "signedIn" }
  | { kind: "station"; permission: Permission }
  | { kind: "countyAdmin"; permission: Permission }
  | { kind: "partner"; permission: Permission }
  | { kind: "apiKey" };

export const publicAccess: AccessPolicy = { kind: "public" };
export const signedInAccess: AccessPolicy = { kind: "signedIn" };
export const stationAccess = (permission: Permission): AccessPolicy => ({ kind: "station", permission });
export const countyAdminAccess = (permission: Permission): AccessPolicy => ({ kind: "countyAdmin", permission });
export const partnerAccess = (permission: Permission): AccessPolicy => ({ kind: "partner", permission });
export const apiKeyAccess: AccessPolicy = { kind: "apiKey" };

/**
 * Who may do what, as data. A role is one entry in ROLES: the kinds of place it can be held
 * over and the permissions it grants there. Everything else (the access helpers, the admin
 * screens, the landing page after sign-in) reads this table, so adding a role — partner
 * companies later — is one entry here plus its two translations.
 *
 * Deny by default: a permission nobody's role grants at a place is not held there.
 */

export const PERMISSIONS = [
  // At a station (held through a station, township or county assignment)
  "station:read",
  "station:update",
  "goods:write",
  "sales:write",
  "orders:write",
  "households:write",
  "payouts:write",
  "ledger:read",
  "ledger:draft",
  "ledger:approve",
  "period:sign",
  "notice:print",
  "upkeep:write",
  // The station's audit trail (操作记录): who did what
  "audit:read",
  // County administration
  "admin:stations",
  "admin:accounts",
  "period:reopen",
  // A buyer's own things
  "orders:own",
  // A partner company's own things (held through a partner assignment)
  "partner:read",
  "partner:order",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The kinds of place a role can be held over; mirrored by the CHECK on role_assignments.scope. */
export const SCOPES = ["global", "county", "township", "station", "partner"] as const;
export type Scope = (typeof SCOPES)[number];

export interface RoleDefinition {
  /** The one kind of place this role is assigned over. */
  scope: Scope;
  permissions: readonly Permission[];
  /** Where a holder lands after sign-in; the lowest rank among a person's roles wins. */
  landing: "admin" | "station" | "account" | "partner";
  rank: number;
  /** Whether a county admin hands it out (buyers register themselves). */
  staff: boolean;
}

// Read the books, sign periods, print notices, and be the second person on a manual journal
// (ledger:approve): never the first, who is the station's operator (ledger:draft).
const OVERSEE_BOOKS = ["station:read", "ledger:read", "ledger:approve", "period:sign", "notice:print", "audit:read"] as const satisfies readonly Permission[];

export const ROLES = {
  county_admin: {
    scope: "county",
    permissions: ["station:read", "ledger:read", "notice:print", "admin:stations", "admin:accounts", "period:reopen"],
    landing: "admin",
    rank: 0,
    staff: true,
  },
  station_operator: {
    scope: "station",
    permissions: [
      "station:read",
      "station:update",
      "goods:write",
      "sales:write",
      "orders:write",
      "households:write",
      "payouts:write",
      "ledger:read",
      "ledger:draft",
      "notice:print",
      "upkeep:write",
      // The operator reads the trail of their own station's work, as the committee does.
      "audit:read",
    ],
    landing: "station",
    rank: 1,
    staff: true,
  },
  committee_member: { scope: "station", permissions: OVERSEE_BOOKS, landing: "station", rank: 2, staff: true },
  // 村账乡代管: the township keeps the village books, so it reads and signs for every station of the township.
  township_accountant: { scope: "township", permissions: OVERSEE_BOOKS, landing: "station", rank: 2, staff: true },
  buyer: { scope: "global", permissions: ["orders:own"], landing: "account", rank: 9, staff: false },
  // A partner company's staff: sees and orders for their own company only, never a station's books.
  partner_user: { scope: "partner", permissions: ["partner:read", "partner:order"], landing: "partner", rank: 5, staff: true },
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];
export const STAFF_ROLES = ROLE_NAMES.filter((role) => ROLES[role].staff);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ROLES, value);
}

/** A role held over a place, as the access checks see it. Exactly the id for `scope` is set. */
export interface Grant {
  role: string;
  scope: Scope;
  countyId: string | null;
  townshipId: string | null;
  stationId: string | null;
  /** Set only for scope "partner" (optional so older grant literals still type-check). */
  partnerId?: string | null;
}

/** Where a station sits: what a grant can match. */
export interface StationPlace {
  stationId: string;
  townshipId: string;
  countyId: string;
}

function roleDefinition(role: string): RoleDefinition | null {
  return isRole(role) ? ROLES[role] : null;
}

/** Does this grant cover this station? A grant of an unknown role or a mismatched scope covers nothing. */
export function grantCovers(grant: Grant, place: StationPlace): boolean {
  const definition = roleDefinition(grant.role);
  if (!definition || definition.scope !== grant.scope) return false;
  switch (grant.scope) {
    case "station":
      return grant.stationId === place.stationId;
    case "township":
      return grant.townshipId === place.townshipId;
    case "county":
      return grant.countyId === place.countyId;
    case "global":
      return false; // global roles (buyers) act on their own things, never on a station's
    case "partner":
      return false; // partner users see their company's dealings with stations, never a station itself
  }
}

/**
 * The permissions a person holds at one station: the union over the grants that cover it.
 * Empty means the station is none of their business (routes answer 404, not 403).
 */
export function permissionsAt(grants: readonly Grant[], place: StationPlace): Set<Permission> {
  const held = new Set<Permission>();
  for (const grant of grants) {
    if (!grantCovers(grant, place)) continue;
    for (const permission of ROLES[grant.role as Role].permissions) held.add(permission);
  }
  return held;
}

/** Permissions held through county grants, per county: what /admin checks. */
export function countiesWith(grants: readonly Grant[], permission: Permission): string[] {
  const counties = new Set<string>();
  for (const grant of grants) {
    const definition = roleDefinition(grant.role);
    if (!definition || definition.scope !== "county" || grant.scope !== "county" || !grant.countyId) continue;
    if ((definition.permissions as readonly Permission[]).includes(permission)) counties.add(grant.countyId);
  }
  return [...counties];
}

/** The partner companies for which a person holds `permission`: what /partner and its pages check. */
export function partnersWith(grants: readonly Grant[], permission: Permission): string[] {
  const partners = new Set<string>();
  for (const grant of grants) {
    const definition = roleDefinition(grant.role);
    if (!definition || definition.scope !== "partner" || grant.scope !== "partner" || !grant.partnerId) continue;
    if ((definition.permissions as readonly Permission[]).includes(permission)) partners.add(grant.partnerId);
  }
  return [...partners];
}

/** Can this role be held over this kind of place? (The assignment form and the model both ask.) */
export function roleFitsScope(role: string, scope: Scope): boolean {
  return roleDefinition(role)?.scope === scope;
}

/** A grant with the code of the first station it leads to (for station roles: that station). */
export interface LandingGrant {
  role: string;
  stationCode: string | null;
}

/**
 * Where a person starts after signing in: where their work is. A county admin at /admin,
 * an operator at their station's dashboard, a committee member or accountant at the books of
 * the first station they cover, a buyer (or someone with no role) at their account.
 */
export function landingPath(grants: readonly LandingGrant[]): string {
  let best: { rank: number; path: string } | null = null;
  for (const grant of grants) {
    const definition = roleDefinition(grant.role);
    if (!definition) continue;
    let path: string | null;
    switch (definition.landing) {
      case "admin":
        path = "/admin";
        break;
      case "station":
        path = grant.stationCode ? `/stations/${grant.stationCode}/manage` : null;
        break;
      case "account":
        path = "/account";
        break;
      case "partner":
        path = "/partner";
        break;
    }
    if (path && (!best || definition.rank < best.rank)) best = { rank: definition.rank, path };
  }
  return best?.path ?? "/account";
}

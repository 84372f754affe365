import type { Permission, Role } from "~/domain/permissions";
import type { MessageKey, Translate } from "~/utils/i18n";

/** Every role and permission has a name in both languages: a new one without a label does not compile. */
const ROLE_LABELS: Record<Role, MessageKey> = {
  county_admin: "role.county_admin",
  station_operator: "role.station_operator",
  committee_member: "role.committee_member",
  township_accountant: "role.township_accountant",
  buyer: "role.buyer",
  partner_user: "partnerPortal.role.partner_user",
};

const PERMISSION_LABELS: Record<Permission, MessageKey> = {
  "station:read": "perm.station:read",
  "station:update": "perm.station:update",
  "goods:write": "perm.goods:write",
  "sales:write": "perm.sales:write",
  "orders:write": "perm.orders:write",
  "households:write": "perm.households:write",
  "payouts:write": "perm.payouts:write",
  "ledger:read": "perm.ledger:read",
  "ledger:draft": "perm.ledger:draft",
  "ledger:approve": "perm.ledger:approve",
  "period:sign": "perm.period:sign",
  "notice:print": "perm.notice:print",
  "audit:read": "perm.audit:read",
  "upkeep:write": "committee.perm.upkeepWrite",
  "period:reopen": "committee.perm.periodReopen",
  "admin:stations": "perm.admin:stations",
  "admin:accounts": "perm.admin:accounts",
  "orders:own": "perm.orders:own",
  "partner:read": "partnerPortal.perm.partner:read",
  "partner:order": "partnerPortal.perm.partner:order",
};

export function roleLabel(t: Translate, role: string): string {
  const key = (ROLE_LABELS as Record<string, MessageKey | undefined>)[role];
  return key ? t(key) : role;
}

export function permissionLabel(t: Translate, permission: Permission): string {
  return t(PERMISSION_LABELS[permission]);
}

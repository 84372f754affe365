/**
 * The audit trail's vocabulary (issue 14, one language per page): what each entry says was done
 * and to what kind of record. The trail stores these codes; pages word them from the dictionaries
 * (`audit.action.<code>`, `audit.record.<type>`), so no reader meets "user.create".
 */
export const AUDIT_ACTIONS = [
  "household.create",
  "household.update",
  "ledger.draft_approve",
  "ledger.draft_create",
  "ledger.draft_reject",
  "ledger.period_close",
  "partner.create",
  "partner.terms",
  "partner.update",
  "partner_api_key.create",
  "partner_api_key.revoke",
  "period.prepare",
  "period.reopen",
  "period.seal",
  "product.create",
  "product.status",
  "product.update",
  "role.assign",
  "role.remove",
  "station.commission_rate",
  "station.create",
  "station.update",
  "upkeep.budget_set",
  "upkeep.expense_record",
  "upkeep.pay_formula_set",
  "upkeep.rule_set",
  "user.code_issue",
  "user.create",
  "user.password_change",
  "user.password_set",
  "user.register",
  "village.create",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** An action's family: what the filter groups by ("user" for user.create). */
export const AUDIT_FAMILIES = [...new Set(AUDIT_ACTIONS.map((a) => a.slice(0, a.indexOf("."))))] as readonly string[];

export const AUDIT_RECORD_TYPES = [
  "household",
  "keeper_pay_formula",
  "ledger_journal_draft",
  "ledger_period",
  "partner",
  "partner_api_key",
  "period_close",
  "product",
  "station",
  "upkeep_budget",
  "upkeep_expense",
  "upkeep_rule",
  "user",
  "village",
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export function isAuditRecordType(value: string): value is AuditRecordType {
  return (AUDIT_RECORD_TYPES as readonly string[]).includes(value);
}

import { AUDIT_FAMILIES, isAuditAction, isAuditRecordType } from "~/domain/audit";
import type { MessageKey, Translate } from "~/utils/i18n";

/**
 * The audit trail's codes in the reader's language (app/domain/audit.ts): "user.create" reads
 * 新建账号 / Account created. A code the vocabulary does not know yet still reads as a sentence.
 */
export function auditActionLabel(t: Translate, action: string): string {
  return isAuditAction(action) ? t(`audit.action.${action}`) : t("audit.unknown", { code: action });
}

export function auditFamilyLabel(t: Translate, family: string): string {
  return AUDIT_FAMILIES.includes(family) ? t(`audit.family.${family}` as MessageKey) : t("audit.unknown", { code: family });
}

export function auditRecordLabel(t: Translate, type: string): string {
  return isAuditRecordType(type) ? t(`audit.record.${type}`) : t("audit.unknown", { code: type });
}

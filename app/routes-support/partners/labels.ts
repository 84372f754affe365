import { rateToPercent } from "~/domain/catalog";
import type { BulkOrderStatus, PartnerKind, PartnerMode, PartnerStatus, RemittanceSchedule } from "~/domain/partners";
import type { StatementEntryKind } from "~/models/partners/statements.server";
import type { MessageKey, Translate } from "~/utils/i18n";

/** Every partner vocabulary has a name in both languages: a new value without a label does not compile. */

export const PARTNER_KIND_LABELS: Record<PartnerKind, MessageKey> = {
  processor: "partners.kind.processor",
  input_supplier: "partners.kind.input_supplier",
  retail_chain: "partners.kind.retail_chain",
  cooperative: "partners.kind.cooperative",
  logistics: "partners.kind.logistics",
};

export const PARTNER_MODE_LABELS: Record<PartnerMode, MessageKey> = {
  village_enterprise: "partners.mode.village_enterprise",
  village_cooperative: "partners.mode.village_cooperative",
  village_merchant: "partners.mode.village_merchant",
};

export const PARTNER_STATUS_LABELS: Record<PartnerStatus, MessageKey> = {
  active: "partners.status.active",
  inactive: "partners.status.inactive",
};

export const SCHEDULE_LABELS: Record<RemittanceSchedule, MessageKey> = {
  weekly: "partners.schedule.weekly",
  biweekly: "partners.schedule.biweekly",
  monthly: "partners.schedule.monthly",
  on_request: "partners.schedule.on_request",
};

/** A bulk order's status as the station sees it (the portal words it for the partner: ORDER_STATUS_LABELS in portal.server.ts). */
export const BULK_ORDER_STATUS_LABELS: Record<BulkOrderStatus, MessageKey> = {
  placed: "partners.order.status.placed",
  confirmed: "partners.order.status.confirmed",
  delivered: "partners.order.status.delivered",
  closed: "partners.order.status.closed",
  cancelled: "partners.order.status.cancelled",
};

export const ENTRY_LABELS: Record<StatementEntryKind, MessageKey> = {
  received: "partners.entry.received",
  returned: "partners.entry.returned",
  delivery: "partners.entry.delivery",
  payment: "partners.entry.payment",
  remittance: "partners.entry.remittance",
};

/** "佣金 8%，账期 30 天，每月结算": a station's terms with a partner in one line. */
export function termsSummary(t: Translate, terms: { commissionRate: string; paymentTermsDays: number; remittanceSchedule: RemittanceSchedule }): string {
  return t("partners.terms.summary", { rate: rateToPercent(terms.commissionRate), days: terms.paymentTermsDays, schedule: t(SCHEDULE_LABELS[terms.remittanceSchedule]) });
}

import type { AppLoadContext } from "@remix-run/node";
import type { BulkOrderStatus } from "~/domain/partners";
import type { Permission } from "~/domain/permissions";
import { getPartner } from "~/models/partners/partners.server";
import { requirePartnerUser } from "~/utils/auth.server";
import { type MessageKey, pick } from "~/utils/i18n";
import { getTranslate } from "~/utils/i18n.server";

/**
 * What every /partner page starts with: the signed-in partner user holding `permission`, and
 * their company (the only one whose data the page may show), in the visitor's language.
 */
export async function partnerPage(request: Request, context: AppLoadContext, permission: Permission = "partner:read") {
  const { user, partnerId } = await requirePartnerUser(request, context, permission);
  const partner = await getPartner(context.db, { partnerId });
  if (!partner) throw new Response("Not found", { status: 404 });
  const { lang, t } = getTranslate(request);
  return { user, partner, partnerName: pick(lang, partner.nameZh, partner.nameEn), lang, t };
}

export const ORDER_STATUS_LABELS: Record<BulkOrderStatus, MessageKey> = {
  placed: "partnerPortal.status.placed",
  confirmed: "partnerPortal.status.confirmed",
  delivered: "partnerPortal.status.delivered",
  closed: "partnerPortal.status.closed",
  cancelled: "partnerPortal.status.cancelled",
};

import { z } from "zod";
import { D } from "~/domain/money";
import { canTransition, ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import type { OrderDetail, OrderView } from "~/models/orders/read.server";
import { formatQty } from "~/routes-support/goods/format";
import { type Lang, pick } from "~/domain/language";
import type { Translate } from "~/utils/i18n";
import { notificationText, STATUS_KEYS } from "~/services/notification-text";

/**
 * Order rows as the order screens show them: words, dates and quantities ready to read; amounts
 * stay decimal strings ("208.00"), formatted by the component that shows them (ADR 019).
 */

const StatusQuery = z.object({ status: z.enum(ORDER_STATUSES).optional() });

/** The `?status=` filter of the station's order pages: one of the order states, or none (a value that is no state filters nothing). */
export function statusFilter(url: string): OrderStatus | undefined {
  const parsed = StatusQuery.safeParse(Object.fromEntries(new URL(url).searchParams));
  return parsed.success ? parsed.data.status : undefined;
}

const timeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "2026年11月26日 14:05" in China's time, whatever the server's zone. */
export function formatWhen(at: Date, lang: Lang): string {
  let format = timeFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });
    timeFormats.set(lang, format);
  }
  return format.format(at);
}

export function presentOrderSummary(o: OrderView, lang: Lang, t: Translate) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    statusLabel: t(STATUS_KEYS[o.status]),
    stationCode: o.stationCode,
    stationName: pick(lang, o.stationNameZh, o.stationNameEn),
    fulfilment: o.fulfilment,
    payment: o.payment,
    placedAt: formatWhen(o.placedAt, lang),
    goodsTotal: o.goodsTotal,
    /** null when the order travels free (or is picked up): no fee line is shown. */
    deliveryFee: new D(o.deliveryFee).isZero() ? null : o.deliveryFee,
    total: o.total,
    /** null until something is refunded. */
    refunded: new D(o.refundedAmount).isZero() ? null : o.refundedAmount,
    trackingNumber: o.trackingNumber,
    lines: o.lines.map((l) => ({
      productId: l.productId,
      name: pick(lang, l.nameZh, l.nameEn),
      quantity: formatQty(l.quantity, l.unit, lang),
      unit: l.unit,
      unitPrice: l.unitPrice,
      amount: l.amount,
    })),
  };
}

/**
 * One order with its history. Notifications are listed when they are not e-mailed (no SMTP, or
 * the buyer gave no address): the order page is then where the buyer reads them.
 */
export function presentOrderDetail(o: OrderDetail, lang: Lang, t: Translate, { smtp }: { smtp: boolean }) {
  return {
    ...presentOrderSummary(o, lang, t),
    timeline: o.events.map((e) => ({ id: e.id, label: t(STATUS_KEYS[e.toStatus]), at: formatWhen(e.createdAt, lang) })),
    notifications: o.notifications
      .filter((n) => !smtp || n.channel === "page")
      .map((n) => ({ id: n.id, text: notificationText(t, n.templateKey, (n.vars ?? {}) as Record<string, unknown>), at: formatWhen(n.createdAt, lang) })),
    buyerMayCancel: canTransition(o, "cancel", { kind: "buyer" }),
    buyerMayConfirm: canTransition(o, "complete", { kind: "buyer" }),
  };
}

export type OrderSummaryView = ReturnType<typeof presentOrderSummary>;
export type OrderDetailPresented = ReturnType<typeof presentOrderDetail>;

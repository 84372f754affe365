import { ORDER_STATUSES, type OrderStatus } from "~/domain/orders";
import { zhCN } from "~/locales/zh-CN";
import type { MessageKey, Translate } from "~/utils/i18n";

/** Each order status in words: the order screens' badges, and what an unknown notification falls back to. */
export const STATUS_KEYS: Record<OrderStatus, MessageKey> = {
  pending_payment: "orders.status.pending_payment",
  placed: "orders.status.placed",
  paid: "orders.status.paid",
  packed: "orders.status.packed",
  ready_for_pickup: "orders.status.ready_for_pickup",
  shipped: "orders.status.shipped",
  completed: "orders.status.completed",
  cancelled: "orders.status.cancelled",
  refunded: "orders.status.refunded",
};

/** A stored template key is a string: it names a message only if this build's dictionary has it. */
function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

const isOrderStatus = (value: unknown): value is OrderStatus => typeof value === "string" && (ORDER_STATUSES as readonly string[]).includes(value);

/**
 * An outbox notification in words: its template key is a dictionary key ("orders.notify.shipped")
 * filled with its stored vars. A key this build does not know falls back to the status line, so
 * an old row never breaks the order page.
 */
export function notificationText(t: Translate, templateKey: string, vars: Record<string, unknown>): string {
  const filled: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) if (typeof v === "string" || typeof v === "number") filled[k] = v;
  if (isMessageKey(templateKey)) return t(templateKey, filled);
  const status = isOrderStatus(vars.status) ? t(STATUS_KEYS[vars.status]) : "";
  return t("orders.mail.subject", { number: filled.number ?? "", status });
}

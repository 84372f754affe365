import type { MessageKey, Translate } from "~/utils/i18n";
import { zhCN } from "~/locales/zh-CN";

/**
 * An outbox notification in words: its template key is a dictionary key ("orders.notify.shipped")
 * filled with its stored vars. A key this build does not know falls back to the status line, so
 * an old row never breaks the order page.
 */
export function notificationText(t: Translate, templateKey: string, vars: Record<string, unknown>): string {
  const filled: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(vars)) if (typeof v === "string" || typeof v === "number") filled[k] = v;
  if (Object.prototype.hasOwnProperty.call(zhCN, templateKey)) return t(templateKey as MessageKey, filled);
  const status = typeof vars.status === "string" && Object.prototype.hasOwnProperty.call(zhCN, `orders.status.${vars.status}`) ? t(`orders.status.${vars.status}` as MessageKey) : "";
  return t("orders.mail.subject", { number: filled.number ?? "", status });
}

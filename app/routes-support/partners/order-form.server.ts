import { z } from "zod";
import { type CreateOrderRequest, CreateOrderRequest as OrderSchema, issuePath } from "~/domain/partner-api";
import { zhCN } from "~/locales/zh-CN";
import type { MessageKey, Translate } from "~/utils/i18n";

const IdempotencyKey = z.string().regex(/^[0-9a-f-]{36}$/i);

export type PortalOrderResult =
  | { ok: true; order: CreateOrderRequest; idempotencyKey: string }
  | { ok: false; errors: Record<string, string> };

/**
 * The portal's order form, read into the API's own CreateOrderRequest and checked by the same
 * schema (ADR 013). Rows left wholly blank are dropped; an error names the row as typed
 * ("lines.2.quantity"), so it shows beside the right field even when earlier rows were blank.
 */
export function parsePortalOrder(formData: FormData, rows: number, t: Translate): PortalOrderResult {
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v.trim() : "";
  };
  const used: number[] = [];
  const lines = [];
  for (let i = 0; i < rows; i++) {
    const line = { productKey: text(`lines.${i}.productKey`), quantity: text(`lines.${i}.quantity`), unitPrice: text(`lines.${i}.unitPrice`) };
    if (!line.productKey && !line.quantity && !line.unitPrice) continue;
    used.push(i);
    lines.push(line);
  }
  const raw = { stationCode: text("stationCode"), deliveryDate: text("deliveryDate"), lines };
  const parsed = OrderSchema.safeParse(raw);
  const idempotencyKey = IdempotencyKey.safeParse(text("idempotencyKey"));
  const errors: Record<string, string> = {};
  if (!idempotencyKey.success) errors.form = t("till.error.key");
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = [...issue.path];
      if (path[0] === "lines" && typeof path[1] === "number") path[1] = used[path[1]] ?? path[1];
      const field = path[0] === "lines" && path.length < 3 ? "lines" : issuePath(path);
      if (errors[field]) continue;
      errors[field] = Object.prototype.hasOwnProperty.call(zhCN, issue.message) ? t(issue.message as MessageKey) : t("validation.invalid");
    }
  }
  if (!parsed.success || !idempotencyKey.success) return { ok: false, errors };
  return { ok: true, order: parsed.data, idempotencyKey: idempotencyKey.data };
}

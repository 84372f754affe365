import { z } from "zod";
import { type CreateOrderRequest, CreateOrderRequest as OrderSchema, issuePath } from "~/domain/partner-api";
import { fieldErrors } from "~/utils/forms";
import type { Translate } from "~/utils/i18n";
import { idempotencyKeyField } from "~/utils/idempotency";

const IdempotencyKey = idempotencyKeyField("till.error.key");

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
  if (parsed.success && idempotencyKey.success) return { ok: true, order: parsed.data, idempotencyKey: idempotencyKey.data };
  // Each issue is named by the field as the form has it, then worded like every form's.
  const issues = [
    ...(idempotencyKey.success ? [] : idempotencyKey.error.issues.map((issue) => ({ ...issue, path: ["form"] }))),
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ ...issue, path: [formField(issue.path, used)] }))),
  ];
  return { ok: false, errors: fieldErrors(new z.ZodError(issues), t) };
}

/** "lines.2.quantity" for the second used row's quantity when the first row was left blank; "lines" for the list itself. */
function formField(issuePathParts: readonly PropertyKey[], used: readonly number[]): string {
  const path = [...issuePathParts];
  if (path[0] === "lines" && typeof path[1] === "number") path[1] = used[path[1]] ?? path[1];
  return path[0] === "lines" && path.length < 3 ? "lines" : issuePath(path);
}

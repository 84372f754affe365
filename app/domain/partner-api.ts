import { z } from "zod";
import { DomainError, type ErrorSpec, specOf } from "./errors";

/**
 * The partner API's request and response shapes (ADR 013): one set of zod schemas that the
 * routes parse with, the portal's order form reuses, and the OpenAPI document is generated from
 * (z.toJSONSchema), so the document cannot drift from what the server accepts and sends.
 * Messages are dictionary keys, translated at the boundary like every form's.
 * Money and quantities are decimal strings on the wire, never JSON numbers.
 */

export const QUANTITY_PATTERN = /^\d{1,11}(\.\d{1,3})?$/;
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const Quantity = z
  .string({ error: "validation.required" })
  .regex(QUANTITY_PATTERN, "partnerPortal.validation.quantity")
  .refine((s) => /[1-9]/.test(s), "partnerPortal.validation.quantity")
  .meta({ description: "Decimal string in the product's unit (斤, 公斤, …), up to 3 decimals, greater than zero", examples: ["2000", "12.5"] });

const Amount = z
  .string({ error: "validation.required" })
  .regex(AMOUNT_PATTERN, "partnerPortal.validation.amount")
  .meta({ description: "Decimal string in yuan, up to 2 decimals", examples: ["18.50"] });

export const Money = z
  .object({ amount: z.string().regex(/^-?\d{1,12}(\.\d{2})$/), currency: z.literal("CNY") })
  .meta({ description: "An amount in yuan to the fen, as a decimal string" });

const IsoDate = z
  .string({ error: "validation.required" })
  .regex(DATE_PATTERN, "partnerPortal.validation.date")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "partnerPortal.validation.date")
  .meta({ description: "Calendar date, YYYY-MM-DD (Asia/Shanghai)", examples: ["2026-12-20"] });

/** A delivery date: a calendar date, today (China time) or later; an earlier one is refused with 422. */
const DeliveryDate = IsoDate.meta({
  description: "The day the goods are wanted, YYYY-MM-DD (Asia/Shanghai): today or later; an earlier date is refused (422 UNPROCESSABLE, its message naming today)",
  examples: ["2026-12-20"],
});

const StationCode = z
  .string({ error: "validation.required" })
  .regex(/^[a-z0-9-]{2,40}$/, "partnerPortal.validation.station")
  .meta({ description: "The station's code, as in /stations/<code>" });

const ProduceKey = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(80, "validation.tooLong")
  .meta({ description: "The station-level produce key from GET /api/v1/produce (e.g. 金银花)" });

/** One line of a bulk order as a partner asks for it. */
export const OrderLineInput = z
  .object({ productKey: ProduceKey, quantity: Quantity, unitPrice: Amount })
  .strict();

/** POST /api/v1/orders (and the portal's order form, one line at a time). */
export const CreateOrderRequest = z
  .object({
    stationCode: StationCode,
    deliveryDate: DeliveryDate,
    lines: z.array(OrderLineInput, { error: "validation.required" }).min(1, "partnerPortal.validation.noLines").max(20, "validation.tooLong"),
  })
  .strict();
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

/** The longest Idempotency-Key the API takes: the one figure the check, the OpenAPI document and the error message use. */
export const IDEMPOTENCY_KEY_MAX = 160;
/** The Idempotency-Key header's pattern: printable ASCII, as Stripe and the IETF draft allow. */
export const IDEMPOTENCY_KEY_PATTERN = `^[\\x21-\\x7e]{1,${IDEMPOTENCY_KEY_MAX}}$`;
/** The Idempotency-Key header: printable ASCII, as Stripe and the IETF draft allow. */
export const IdempotencyKeyHeader = z
  .string({ error: "partnerPortal.api.idempotencyKeyRequired" })
  .regex(new RegExp(IDEMPOTENCY_KEY_PATTERN), "partnerPortal.api.idempotencyKeyRequired");

export const OrderLine = z
  .object({
    productKey: z.string(),
    nameZh: z.string(),
    category: z.string(),
    unit: z.string(),
    quantity: z.string().regex(QUANTITY_PATTERN),
    deliveredQuantity: z.string().regex(QUANTITY_PATTERN),
    unitPrice: z.string().regex(AMOUNT_PATTERN),
    lineTotal: Money,
  });

export const ORDER_STATUSES = ["placed", "confirmed", "delivered", "closed", "cancelled"] as const;

export const Order = z
  .object({
    id: z.uuid(),
    number: z.int().positive().meta({ description: "The station's order number" }),
    status: z.string().meta({
      description: `One of ${ORDER_STATUSES.join(", ")}: placed → confirmed by the station → delivered (all of it) or closed (short); cancelled. Treat unknown values as in progress.`,
    }),
    stationCode: z.string(),
    deliveryDate: z.string().regex(DATE_PATTERN),
    placedAt: z.string().meta({ description: "ISO 8601 timestamp" }),
    lines: z.array(OrderLine),
    total: Money.meta({ description: "Σ lines at the agreed prices" }),
    invoiced: Money.meta({ description: "Σ deliveries so far (each delivery note is an invoice)" }),
    paid: Money,
    outstanding: Money,
    overdue: z.boolean().meta({ description: "Some invoice is unpaid past its due date" }),
  });
export type Order = z.infer<typeof Order>;

export const OrderList = z.object({ orders: z.array(Order) });

export const ProduceItem = z
  .object({
    productKey: z.string().meta({ description: "What an order line names in productKey" }),
    nameZh: z.string(),
    nameEn: z.string(),
    category: z.string(),
    unit: z.string().meta({ description: "Unit code (jin = 斤, kg, piece, …)" }),
    available: z.string().regex(QUANTITY_PATTERN).meta({ description: "Households' stock summed (on hand minus reserved), in `unit`" }),
    households: z.int().nonnegative().meta({ description: "How many households hold it" }),
  });

export const StationProduce = z.object({ stationCode: z.string(), stationNameZh: z.string(), stationNameEn: z.string(), produce: z.array(ProduceItem) });

export const ProduceList = z
  .object({
    stations: z.array(
StationProduce),
  });
export type ProduceList = z.infer<typeof ProduceList>;

export const ProduceQuery = z.object({ station: StationCode.optional() }).strict();

export const ApiError = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code" }),
      message: z.string().meta({ description: "In the language asked for (Accept-Language or ?lng=; zh-CN by default)" }),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  });
export type ApiError = z.infer<typeof ApiError>;

export const API_ERROR_CODES = [
  "UNAUTHORIZED",
  "RATE_LIMITED",
  "MALFORMED_JSON",
  "INVALID_REQUEST",
  "IDEMPOTENCY_KEY_REQUIRED",
  "IDEMPOTENCY_CONFLICT",
  "NOT_FOUND",
  "UNPROCESSABLE",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * What the partner API's own models refuse (ADR 013, 017), feature "partner-api": an admin naming
 * a partner outside their counties (the form's partner field is wrong), a key that is not
 * theirs to revoke, and an Idempotency-Key reused for a request with another body.
 */
export type PartnerApiErrorCode = "PARTNER_NOT_FOUND" | "KEY_NOT_FOUND" | "IDEMPOTENCY_CONFLICT";

const PARTNER_API_ERRORS: ErrorSpec<PartnerApiErrorCode> = {
  PARTNER_NOT_FOUND: { kind: "invalid", field: "partnerId" },
  KEY_NOT_FOUND: { kind: "not_found" },
  IDEMPOTENCY_CONFLICT: { kind: "conflict" },
};

export class PartnerApiError extends DomainError<PartnerApiErrorCode> {
  static override readonly errorName = "PartnerApiError";
  constructor(code: PartnerApiErrorCode, message: string = code) {
    super({ feature: "partner-api", code, ...specOf(PARTNER_API_ERRORS, code) }, message);
  }
}

/**
 * A JSON value with object keys in sorted order, so two bodies that differ only in key order or
 * whitespace hash the same (the idempotency check compares meaning, not bytes).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** "a.b.0.c" for a zod issue path, the form the 400 answer names fields in. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join(".") || "(body)";
}

/** Key format: "czk_" + 8 lower-case prefix characters + "_" + 32 secret characters (≥160 bits). */
export const API_KEY_PATTERN = /^czk_[a-z0-9]{8}_[a-z0-9]{32}$/;

/** The shown prefix of a key ("czk_ab12cd34"), or null when the string is not a key at all. */
export function apiKeyPrefix(key: string): string | null {
  return API_KEY_PATTERN.test(key) ? key.slice(0, 12) : null;
}

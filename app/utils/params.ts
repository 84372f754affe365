import type { Params } from "@remix-run/react";
import { z } from "zod";
import { isUuid } from "~/domain/ids";

/**
 * The one way a route reads its URL params (ADR 018): a zod shape built from these pieces,
 * parsed by `parseParams`. A param that does not fit names nothing: 404, never a 400 or a 500,
 * and never a query with a malformed id.
 *
 *   const { id } = parseParams(params, { code: param.code, id: param.uuid });
 */
export const param = {
  /** A station's code (lower-case letters, digits and dashes). */
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  /** A row id. */
  uuid: z.string().refine(isUuid).transform((id) => id.toLowerCase()),
  /** A station's document number (receipt, sale, order, journal): a positive whole number that fits the integer columns. */
  number: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= 2_147_483_647),
  /** A month: YYYY-MM. */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** An unguessable link token: an order's (22+ characters) or a public receipt's (16). */
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /** A content hash (photos, receipts): 64 hex digits. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** A ledger account code. */
  account: z.string().regex(/^\d{3,10}$/),
} as const;

export function parseParams<S extends z.ZodRawShape>(params: Params, shape: S): z.output<z.ZodObject<S>> {
  const parsed = z.object(shape).safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}

/** A lookup that found nothing is a 404: `const product = found(await getProduct(db, { stationId, productId }));` */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Response("Not found", { status: 404 });
  return value;
}

import { z } from "zod";

/**
 * The one idempotency key (ADR 018): one name from the form field to the table column
 * (`idempotencyKey` / `idempotency_key`), issued with the form by `newIdempotencyKey()`, carried
 * by <IdempotencyKeyField> (app/components/idempotency-key-field.tsx), parsed by
 * `idempotencyKeyField()` and stored under a unique constraint, so a form sent twice makes one
 * thing. The partner API takes the same key in its `Idempotency-Key` header.
 */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The form field: a key the form was issued (a UUID). Refused with a message asking to reload. */
export const idempotencyKeyField = (message = "validation.formExpired") => z.string({ error: message }).trim().refine((key) => /^[0-9A-Za-z-]{8,100}$/.test(key), message);

/** For the few forms that also work without one (an old page): the key, or null. */
export const optionalIdempotencyKeyField = (message = "validation.formExpired") =>
  z
    .string()
    .trim()
    .optional()
    .transform((key) => key || null)
    .refine((key) => key === null || /^[0-9A-Za-z-]{8,100}$/.test(key), message);

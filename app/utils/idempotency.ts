import { z } from "zod";

/**
 * The one idempotency key (ADR 018): one name from the form field to the table column
 * (`idempotencyKey` / `idempotency_key`), issued with the form by `newIdempotencyKey()`, carried
 * by <IdempotencyKeyField> (app/components/idempotency-key-field.tsx), parsed by
 * `idempotencyKeyField()` and stored under a unique constraint, so a form sent twice makes one
 * thing. The partner API takes the same key in its `Idempotency-Key` header.
 */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

const KEY_SHAPE = /^[0-9A-Za-z-]{8,100}$/;

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** The form field: a key the form was issued (a UUID). Refused with a message asking to reload. */
export const idempotencyKeyField = (message = "validation.formExpired") => z.string({ error: message }).trim().refine((key) => KEY_SHAPE.test(key), message);

/** For the few forms that also work without one (an old page): the key, or null. */
export const optionalIdempotencyKeyField = (message = "validation.formExpired") =>
  z
    .string()
    .trim()
    .optional()
    .transform((key) => key || null)
    .refine((key) => key === null || KEY_SHAPE.test(key), message);

/** The query parameter that carries the key of the entry a "new …" page is making. */
export const ENTRY_PARAM = "entry";

/**
 * The key of the entry being made on a page that creates something (ADR 018, issue 15): it lives
 * in the page's URL (`?entry=<key>`), not in one render of it, so Back, reload, a restored tab and
 * a second tap all send the key of the same entry, with JavaScript or without. A page opened
 * without one is sent (302) to the same URL with a new key; "start a new one" links go to the
 * page without `?entry=`. The model stores the key under a unique constraint, and the route
 * answers a used key with the thing it made (the loader before showing the form, the action
 * instead of making it again).
 */
export function requireEntryKey(request: Request): string {
  const url = new URL(request.url);
  const key = url.searchParams.get(ENTRY_PARAM);
  if (key && KEY_SHAPE.test(key)) return key;
  // A client-side navigation's data request names the routes it loads: not part of the page's address.
  url.searchParams.delete("_routes");
  url.searchParams.delete("_data");
  url.searchParams.set(ENTRY_PARAM, newIdempotencyKey());
  throw new Response(null, { status: 302, headers: { Location: `${url.pathname}${url.search}`, "Cache-Control": "no-store" } });
}

/** The entry key a creating form sent back (its hidden field), or null for a page from before keys. */
export function formEntryKey(formData: FormData): string | null {
  const parsed = optionalIdempotencyKeyField().safeParse(formData.get(IDEMPOTENCY_FIELD) ?? undefined);
  return parsed.success ? parsed.data : null;
}

/** The query flag a page shows "this was already done" for, when a used entry key led to it. */
export const ALREADY_PARAM = "already";

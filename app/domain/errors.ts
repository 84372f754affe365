/**
 * The one error base of the domain (ADR 017). Every rule the domain or a model refuses is a
 * DomainError: a `feature` (which message table words it), a `code` (what happened, stable, in
 * tests and logs) and a `kind` (what a caller can do about it, which decides the HTTP status in
 * one place, refuse() in app/routes-support/refusals.server.ts). `field` names the form field at fault where there is
 * one, so the message lands beside it.
 *
 * Kinds:
 * - invalid     the input is wrong as sent; fix a field and send again        → 400
 * - not_found   no such thing here (or not this station's: we never say which) → 404
 * - forbidden   this person may not do this                                   → 403
 * - conflict    the state changed under the person; look again and retry      → 409
 * - rule        a business rule refuses it as asked (period closed, over owed) → 422
 * - limited     too many tries; wait                                          → 429
 * - unavailable an outside service is down; try later                         → 503
 */
export const ERROR_KINDS = ["invalid", "not_found", "forbidden", "conflict", "rule", "limited", "unavailable"] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export type ErrorDetails = Record<string, unknown>;

/**
 * Some modules are loaded twice (server.ts builds the payments gateway outside the Remix build,
 * which has its own copy of this module), so `instanceof` compares by a global brand, not by
 * class identity.
 */
const BRAND = Symbol.for("cunzhan.domain-error");

export class DomainError<C extends string = string> extends Error {
  /** The class's stable name: every subclass sets its own (a bundler may rename the class itself). */
  static readonly errorName: string = "DomainError";
  readonly [BRAND] = true;
  readonly feature: string;
  readonly code: C;
  readonly kind: ErrorKind;
  readonly field: string | undefined;
  readonly details: ErrorDetails;

  constructor(
    init: { feature: string; code: C; kind: ErrorKind; field?: string; details?: ErrorDetails },
    message: string = init.code,
  ) {
    super(message);
    this.name = (new.target as unknown as typeof DomainError).errorName;
    this.feature = init.feature;
    this.code = init.code;
    this.kind = init.kind;
    this.field = init.field;
    this.details = init.details ?? {};
  }

  /** Branded, and a subclass by its errorName: works across two copies of a module. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!(value instanceof Error) || (value as unknown as Record<symbol, unknown>)[BRAND] !== true) return false;
    return this.errorName === "DomainError" || value.name === this.errorName;
  }
}

/** Whether a thrown value is a domain error (of any feature). */
export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/**
 * A feature's error class in one line: codes with their kind and field, so the class cannot
 * forget a code's kind. `defineError("orders", { EMPTY_CART: { kind: "rule" }, … })`.
 */
export type ErrorSpec<C extends string> = Record<C, { kind: ErrorKind; field?: string }>;

export function specOf<C extends string>(spec: ErrorSpec<C>, code: C): { kind: ErrorKind; field?: string } {
  return spec[code] ?? { kind: "rule" };
}

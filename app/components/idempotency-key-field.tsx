import { IDEMPOTENCY_FIELD } from "~/utils/idempotency";

/** The hidden field that carries a form's idempotency key (ADR 018): the key the loader issued, or the one sent back with errors. */
export function IdempotencyKeyField({ value }: { value: string }) {
  return <input type="hidden" name={IDEMPOTENCY_FIELD} value={value} />;
}

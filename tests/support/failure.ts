/** A model's typed refusal as the tests read it: its code and, for some codes, details. */
export type Refusal = { code?: string; details?: { productIds?: string[]; attemptsLeft?: number; lockedUntil?: Date | null } };

/** What the promise rejected with (a model's refusal, a database error), or null when it resolved. */
export function failure<E = Refusal>(promise: Promise<unknown>): Promise<E | null> {
  return promise.then(
    () => null,
    (error: E) => error,
  );
}

/**
 * Is this (possibly drizzle-wrapped) error a unique violation, optionally of one constraint?
 * postgres.js and PGlite both carry SQLSTATE in `code`; drizzle puts the driver error in `cause`.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name, constraint: pgliteConstraint, message } = e as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
      message?: string;
    };
    if (code !== "23505") continue;
    if (!constraint) return true;
    return constraint_name === constraint || pgliteConstraint === constraint || (message ?? "").includes(constraint);
  }
  return false;
}

/** Is this (possibly drizzle-wrapped) error a CHECK violation (23514), optionally of one constraint? */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name, constraint: pgliteConstraint, message } = e as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
      message?: string;
    };
    if (code !== "23514") continue;
    if (!constraint) return true;
    return constraint_name === constraint || pgliteConstraint === constraint || (message ?? "").includes(constraint);
  }
  return false;
}

/** SQLSTATE, constraint and message of a database refusal. */
export interface DbErrorInfo {
  code: string;
  constraint: string | undefined;
  message: string;
}

/**
 * The SQLSTATE, constraint and message of a (possibly drizzle-wrapped) driver error, or null
 * when it is not one: postgres.js and PGlite both carry SQLSTATE in `code` (postgres.js names
 * the constraint `constraint_name`, PGlite `constraint`); drizzle puts the driver error in `cause`.
 */
export function dbErrorInfo(error: unknown): DbErrorInfo | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name, constraint, message } = e as { code?: unknown; constraint_name?: string; constraint?: string; message?: string };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, constraint: constraint_name ?? constraint, message: message ?? "" };
    }
  }
  return null;
}

function isViolation(sqlState: string, error: unknown, constraint?: string): boolean {
  const info = dbErrorInfo(error);
  if (info?.code !== sqlState) return false;
  return !constraint || info.constraint === constraint || info.message.includes(constraint);
}

/** Is this error a unique violation (23505), optionally of one constraint? */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isViolation("23505", error, constraint);
}

/** Is this error a CHECK violation (23514), optionally of one constraint? */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  return isViolation("23514", error, constraint);
}

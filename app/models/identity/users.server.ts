import { and, asc, eq, inArray, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { IdentityError, type LoginName } from "~/domain/identity";
import { passwordProblem } from "~/domain/passwords";
import { hashPassword, verifyPassword } from "./password.server";
import type { Db } from "../../../db/client.server";
import { roleAssignments, setPasswordCodes, users } from "../../../db/schema/index";
import { type GrantView, listGrants } from "./access.server";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation } from "~/models/database/errors.server";
import { assignRole } from "./roles.server";
import { revokeAllSessions } from "./sessions.server";
import { issueSetPasswordCode } from "./set-password-codes.server";

export type UserRow = typeof users.$inferSelect;
/** A user as anything outside this module sees one: never with the password hash. */
export type User = Omit<UserRow, "passwordHash">;

const publicColumns = {
  id: users.id,
  displayName: users.displayName,
  username: users.username,
  phone: users.phone,
  status: users.status,
  homeCountyId: users.homeCountyId,
  passwordChangedAt: users.passwordChangedAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** The account a sign-in names, with its hash, for the sign-in check only. */
export async function findUserForSignIn(db: Db, login: LoginName): Promise<UserRow | null> {
  const where = login.kind === "phone" ? eq(users.phone, login.phone) : eq(users.username, login.username);
  const [row] = await db.select().from(users).where(where).limit(1);
  return row ?? null;
}

export async function getUser(db: Db, { id }: { id: string }): Promise<User | null> {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

function mapTaken(error: unknown): never {
  if (isUniqueViolation(error, "users_phone_key")) throw new IdentityError("PHONE_TAKEN");
  if (isUniqueViolation(error, "users_username_key")) throw new IdentityError("USERNAME_TAKEN");
  throw error;
}

async function ensureLoginsFree(tx: Db, { phone, username }: { phone?: string | null; username?: string | null }) {
  if (phone && (await tx.$count(users, eq(users.phone, phone))) > 0) throw new IdentityError("PHONE_TAKEN");
  if (username === SYSTEM_USERNAME) throw new IdentityError("USERNAME_TAKEN");
  if (username && (await tx.$count(users, eq(users.username, username))) > 0) throw new IdentityError("USERNAME_TAKEN");
}

/** A buyer signs themselves up: the account and its buyer role, in one transaction. Throws PHONE_TAKEN. */
export async function registerBuyer(db: Db, input: { displayName: string; phone: string; password: string }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      await ensureLoginsFree(tx, { phone: input.phone });
      const [user] = await tx
        .insert(users)
        .values({ displayName: input.displayName, phone: input.phone, passwordHash, passwordChangedAt: new Date() })
        .returning(publicColumns);
      await assignRole(tx, { actorUserId: user!.id, userId: user!.id, role: "buyer", placeId: null, countyIds: "any" });
      await recordAudit(tx, { actorUserId: user!.id, action: "user.register", recordType: "user", recordId: user!.id, after: { displayName: input.displayName, phone: input.phone } });
      return user!;
    });
  } catch (error) {
    return mapTaken(error);
  }
}

export interface NewStaff {
  actorUserId: string | null;
  /** The county the account belongs to (whose admins manage it). */
  countyId: string;
  displayName: string;
  username: string | null;
  phone: string | null;
  role: string;
  placeId: string | null;
  countyIds: readonly string[] | "any";
}

/**
 * A county admin creates a staff account with its first role. It has no password yet: the
 * returned one-time code (shown to the admin once, stored only hashed) lets the person set one.
 */
export async function createStaffAccount(db: Db, input: NewStaff): Promise<{ user: User; code: string; expiresAt: Date }> {
  try {
    return await db.transaction(async (tx) => {
      await ensureLoginsFree(tx, input);
      const [user] = await tx
        .insert(users)
        .values({ displayName: input.displayName, username: input.username, phone: input.phone, homeCountyId: input.countyId })
        .returning(publicColumns);
      await recordAudit(tx, {
        actorUserId: input.actorUserId,
        action: "user.create",
        recordType: "user",
        recordId: user!.id,
        after: { displayName: input.displayName, username: input.username, phone: input.phone },
      });
      await assignRole(tx, { actorUserId: input.actorUserId, userId: user!.id, role: input.role, placeId: input.placeId, countyIds: input.countyIds });
      const { code, expiresAt } = await issueSetPasswordCode(tx, { userId: user!.id, actorUserId: input.actorUserId });
      return { user: user!, code, expiresAt };
    });
  } catch (error) {
    return mapTaken(error);
  }
}

/**
 * Changes a password after checking the current one; every other session of the person ends
 * (whoever might know the old password is signed out), the current one stays.
 * Throws PASSWORD_CONTAINS_LOGIN (checked first: it needs no password), then WRONG_PASSWORD.
 */
export async function changePassword(
  db: Db,
  { userId, keepSessionId, currentPassword, newPassword }: { userId: string; keepSessionId: string; currentPassword: string; newPassword: string },
): Promise<void> {
  const [row] = await db.select({ passwordHash: users.passwordHash, phone: users.phone, username: users.username }).from(users).where(eq(users.id, userId));
  if (row && passwordProblem(newPassword, [row.phone, row.username]) === "contains_login") throw new IdentityError("PASSWORD_CONTAINS_LOGIN");
  if (!(await verifyPassword(row?.passwordHash, currentPassword))) throw new IdentityError("WRONG_PASSWORD");
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, userId));
    await revokeAllSessions(tx, { userId, exceptSessionId: keepSessionId });
    await recordAudit(tx, { actorUserId: userId, action: "user.password_change", recordType: "user", recordId: userId });
  });
}

/**
 * Accounts a county admin manages: those whose home county is theirs, and plain buyers (no
 * county, no role over any place). A buyer given a role takes the county of that role's place
 * (assignRole), so no admin of another county can issue them a code or deactivate them.
 */
function visibleTo(countyIds: readonly string[]) {
  return and(ne(users.id, SYSTEM_USER_ID), visibleAccounts(countyIds));
}

function visibleAccounts(countyIds: readonly string[]) {
  const plainBuyer = and(
    isNull(users.homeCountyId),
    notExists(sql`(select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${roleAssignments.scope} <> 'global')`),
  );
  return or(plainBuyer, countyIds.length ? inArray(users.homeCountyId, [...countyIds]) : undefined);
}

export async function getManagedAccount(db: Db, { userId, countyIds }: { userId: string; countyIds: readonly string[] }): Promise<User | null> {
  const [row] = await db.select(publicColumns).from(users).where(and(eq(users.id, userId), visibleTo(countyIds))).limit(1);
  return row ?? null;
}

export async function listManagedAccounts(db: Db, { countyIds }: { countyIds: readonly string[] }): Promise<(User & { grants: GrantView[] })[]> {
  const rows = await db.select(publicColumns).from(users).where(visibleTo(countyIds)).orderBy(asc(users.status), asc(users.createdAt));
  // A county has dozens of staff, not thousands: one small query per account is fine here.
  return Promise.all(rows.map(async (user) => ({ ...user, grants: await listGrants(db, { userId: user.id }) })));
}

/**
 * Deactivates or reactivates an account. Deactivation ends every session at once and voids
 * unused set-password codes. An admin cannot deactivate themselves. Throws ACCOUNT_NOT_FOUND
 * for an account outside the admin's counties, SELF_CHANGE for their own.
 */
export async function setAccountStatus(
  db: Db,
  { actorUserId, userId, status, countyIds }: { actorUserId: string; userId: string; status: "active" | "inactive"; countyIds: readonly string[] },
): Promise<void> {
  if (actorUserId === userId) throw new IdentityError("SELF_CHANGE");
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ status: users.status }).from(users).where(and(eq(users.id, userId), visibleTo(countyIds))).for("update");
    if (!row) throw new IdentityError("ACCOUNT_NOT_FOUND");
    if (row.status === status) return;
    await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, userId));
    if (status === "inactive") {
      await revokeAllSessions(tx, { userId });
      await tx.delete(setPasswordCodes).where(and(eq(setPasswordCodes.userId, userId), isNull(setPasswordCodes.usedAt)));
    }
    await recordAudit(tx, {
      actorUserId,
      action: status === "inactive" ? "user.deactivate" : "user.reactivate",
      recordType: "user",
      recordId: userId,
      before: { status: row.status },
      after: { status },
    });
  });
}

/** How many accounts an admin manages, active and not, for the admin home page. */
export async function countManagedAccounts(db: Db, { countyIds }: { countyIds: readonly string[] }): Promise<{ active: number; inactive: number; awaitingPassword: number }> {
  const [active, inactive, awaitingPassword] = await Promise.all([
    db.$count(users, and(visibleTo(countyIds), eq(users.status, "active"))),
    db.$count(users, and(visibleTo(countyIds), eq(users.status, "inactive"))),
    db.$count(users, and(visibleTo(countyIds), eq(users.status, "active"), isNull(users.passwordHash))),
  ]);
  return { active, inactive, awaitingPassword };
}

/**
 * The user that postings and records not caused by a person (payment webhooks, jobs, the demo
 * seed) name as their creator: journals need someone in created_by. A fixed id with a
 * reserved username, inactive and without a password, so nobody signs in as it; no admin
 * screen lists it. Created on first use, so an emptied database gets it back.
 */
export const SYSTEM_USER_ID = "00000000-0000-4000-8000-000000000000";
export const SYSTEM_USERNAME = "system";

export async function systemUserId(db: Db): Promise<string> {
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.id, SYSTEM_USER_ID)).limit(1);
  if (!found) {
    await db
      .insert(users)
      .values({ id: SYSTEM_USER_ID, displayName: "系统 (System)", username: SYSTEM_USERNAME, status: "inactive" })
      // No target: two first uses at once collide on the id or the username index, whichever is checked first.
      .onConflictDoNothing();
  }
  return SYSTEM_USER_ID;
}

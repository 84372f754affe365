import { type AppLoadContext, redirect } from "@remix-run/node";
import { countiesWith, landingPath, partnersWith, type Permission, permissionsAt } from "~/domain/permissions";
import { getStationWithPlace, type GrantView, landingGrants, listGrants } from "~/models/identity/access.server";
import type { StationSummary } from "~/models/stations/geography.server";
import { createSession, getActiveSession, revokeSession } from "~/models/identity/sessions.server";
import { clearSessionCookie, readSessionToken, serializeSessionCookie } from "./session.server";

/**
 * The helpers every route uses to know who is asking and what they may do. Each one either
 * returns what the route needs or throws the Response to send (a redirect to sign in, 404,
 * 403), so the route reads top to bottom and cannot forget to stop.
 */

export interface CurrentUser {
  id: string;
  displayName: string;
  username: string | null;
  phone: string | null;
  /** sessions.id of the session this request came with. */
  sessionId: string;
  grants: GrantView[];
}

// The root loader and the page's loader both ask within one request: look the session up once.
const perRequest = new WeakMap<Request, Promise<CurrentUser | null>>();

/** Who is signed in, or null. A tampered, expired or revoked session is simply nobody. */
export function getOptionalUser(request: Request, context: AppLoadContext): Promise<CurrentUser | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    pending = (async () => {
      const token = await readSessionToken(request, context.env);
      if (!token) return null;
      const session = await getActiveSession(context.db, { token });
      if (!session) return null;
      const grants = await listGrants(context.db, { userId: session.user.id });
      return { ...session.user, sessionId: session.sessionId, grants };
    })();
    perRequest.set(request, pending);
  }
  return pending;
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = `${url.pathname.replace(/\.data$/, "")}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in person; anyone else is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<CurrentUser> {
  const user = await getOptionalUser(request, context);
  if (!user) throw signInRedirect(request);
  return user;
}

const STATION_CODE = /^[a-z0-9-]{2,40}$/;

export interface StationAccess {
  user: CurrentUser;
  station: StationSummary;
  /** Everything this person may do at this station (to show or hide controls). */
  permissions: Set<Permission>;
}

/**
 * The signed-in person and the station named in the URL, if they hold `permission` there.
 * A station that does not exist and a station that is none of their business answer the same
 * 404, so codes cannot be probed; a station they may see but not act on answers 403.
 * An inactive station is visible only to county-wide roles.
 * Fetch the station's data with `station.station.id` from here, never with an id from the request.
 */
export async function requireStationAccess(
  request: Request,
  context: AppLoadContext,
  stationCode: string | undefined,
  permission: Permission,
): Promise<StationAccess> {
  const user = await requireUser(request, context);
  const notFound = () => new Response("Not found", { status: 404 });
  if (!stationCode || !STATION_CODE.test(stationCode)) throw notFound();
  const found = await getStationWithPlace(context.db, { code: stationCode });
  if (!found) throw notFound();
  const grants =
    found.summary.station.status === "active" ? user.grants : user.grants.filter((grant) => grant.scope === "county");
  const permissions = permissionsAt(grants, found.place);
  if (permissions.size === 0) throw notFound();
  if (!permissions.has(permission)) throw new Response("Forbidden", { status: 403 });
  return { user, station: found.summary, permissions };
}

/** A county admin holding `permission`, with the counties they hold it in (scope every query by them). */
export async function requireCountyAdmin(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<{ user: CurrentUser; countyIds: string[] }> {
  const user = await requireUser(request, context);
  const countyIds = countiesWith(user.grants, permission);
  if (countyIds.length === 0) throw new Response("Forbidden", { status: 403 });
  return { user, countyIds };
}

/**
 * A partner company's user holding `permission` for their company, with the company's id: the
 * only partner whose data /partner pages may read (never an id from the request). Someone with
 * no partner role is forbidden (403). A person assigned to several companies acts for the first.
 */
export async function requirePartnerUser(
  request: Request,
  context: AppLoadContext,
  permission: Permission,
): Promise<{ user: CurrentUser; partnerId: string }> {
  const user = await requireUser(request, context);
  const [partnerId] = partnersWith(user.grants, permission);
  if (!partnerId) throw new Response("Forbidden", { status: 403 });
  return { user, partnerId };
}

/** Where this person's work is: where they land after signing in. */
export function homePathFor(user: Pick<CurrentUser, "grants">): string {
  return landingPath(landingGrants(user.grants));
}

/**
 * Starts a session for someone who just proved who they are and returns the Set-Cookie
 * header. Whatever session the request came with is revoked first: the session id always
 * changes at sign-in, so a token planted before sign-in is worth nothing after it.
 */
export async function startSession(request: Request, context: AppLoadContext, userId: string): Promise<string> {
  const previous = await readSessionToken(request, context.env);
  if (previous) await revokeSession(context.db, { token: previous });
  const { token, expiresAt } = await createSession(context.db, {
    userId,
    userAgent: request.headers.get("User-Agent") ?? "",
  });
  return serializeSessionCookie(context.env, token, expiresAt);
}

/** Revokes the request's session server-side and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const token = await readSessionToken(request, context.env);
  if (token) await revokeSession(context.db, { token });
  return clearSessionCookie(context.env);
}

/** The Set-Cookie header that clears the cookie, for when the server-side sessions are already gone. */
export function clearedSessionCookie(context: AppLoadContext): Promise<string> {
  return clearSessionCookie(context.env);
}

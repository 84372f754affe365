import type { AppLoadContext } from "@remix-run/node";
import type { Station } from "../../app/models/stations/geography.server";
import { makeStaffedStation } from "../factories/identity";
import { sessionCookieFor } from "./http";

/** Station "alpha" with its operator and a committee member, each signed in: the cookies a route test sends. */
export async function staffSessions(context: AppLoadContext): Promise<{ station: Station; operator: string; committee: string }> {
  const staffed = await makeStaffedStation(context.db);
  return { station: staffed.station, operator: await sessionCookieFor(context, staffed.operator.id), committee: await sessionCookieFor(context, staffed.member.id) };
}

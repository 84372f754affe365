import type { Db } from "../../db/client.server";
import { getStationSummary, type Station } from "../../app/models/stations/geography.server";
import { redeemSetPasswordCode } from "../../app/models/identity/set-password-codes.server";
import { createStaffAccount, registerBuyer, type User } from "../../app/models/identity/users.server";
import { makeCounty, makeStation, makeTownship } from "./geography";

/** Every factory account signs in with this unless told otherwise. */
export const FACTORY_PASSWORD = "factory-pass-2026";

let sequence = 0;
const next = () => `${++sequence}`.padStart(4, "0");

export interface MadeUser extends User {
  /** What to type in the sign-in box. */
  login: string;
  password: string;
}

interface StaffOptions {
  displayName?: string;
  username?: string | null;
  phone?: string | null;
  password?: string;
}

/**
 * A staff account made the way the app makes one: created by an admin (here: the system),
 * then its set-password code redeemed.
 */
export async function makeStaff(
  db: Db,
  { role, placeId, countyId, ...options }: { role: string; placeId: string | null; countyId: string } & StaffOptions,
): Promise<MadeUser> {
  const n = next();
  const username = options.username === undefined ? `staff-${n}` : options.username;
  const password = options.password ?? FACTORY_PASSWORD;
  const { user, code } = await createStaffAccount(db, {
    actorUserId: null,
    countyId,
    displayName: options.displayName ?? `员工${n}`,
    username,
    phone: options.phone ?? null,
    role,
    placeId,
    countyIds: "any",
  });
  await redeemSetPasswordCode(db, { code, password });
  return { ...user, login: username ?? options.phone!, password };
}

async function countyOf(db: Db, station: Station): Promise<{ countyId: string; townshipId: string }> {
  const summary = await getStationSummary(db, { code: station.code });
  return { countyId: summary!.county.id, townshipId: summary!.township.id };
}

export async function makeOperator(db: Db, station: Station, options: StaffOptions = {}): Promise<MadeUser> {
  const { countyId } = await countyOf(db, station);
  return makeStaff(db, { role: "station_operator", placeId: station.id, countyId, ...options });
}

export async function makeCommitteeMember(db: Db, station: Station, options: StaffOptions = {}): Promise<MadeUser> {
  const { countyId } = await countyOf(db, station);
  return makeStaff(db, { role: "committee_member", placeId: station.id, countyId, ...options });
}

/** A township accountant for the township the station is in. */
export async function makeAccountant(db: Db, station: Station, options: StaffOptions = {}): Promise<MadeUser> {
  const { countyId, townshipId } = await countyOf(db, station);
  return makeStaff(db, { role: "township_accountant", placeId: townshipId, countyId, ...options });
}

export async function makeCountyAdmin(db: Db, countyId?: string, options: StaffOptions = {}): Promise<MadeUser> {
  const county = countyId ?? (await makeCounty(db)).id;
  return makeStaff(db, { role: "county_admin", placeId: county, countyId: county, ...options });
}

export async function makeBuyer(db: Db, options: { displayName?: string; phone?: string; password?: string } = {}): Promise<MadeUser> {
  const n = next();
  const phone = options.phone ?? `139${n.padStart(8, "0")}`;
  const password = options.password ?? FACTORY_PASSWORD;
  const user = await registerBuyer(db, { displayName: options.displayName ?? `买家${n}`, phone, password });
  return { ...user, login: phone, password };
}

/** A station (code "alpha" unless given) with its operator and a committee member: the cast of most station tests. */
export async function makeStaffedStation(db: Db, { code = "alpha" }: { code?: string } = {}): Promise<{ station: Station; operator: MadeUser; member: MadeUser }> {
  const station = await makeStation(db, { code });
  const operator = await makeOperator(db, station);
  const member = await makeCommitteeMember(db, station);
  return { station, operator, member };
}

export { makeTownship };

import type { Db } from "../../db/client.server";
import { D } from "../../app/domain/money";
import { getStationSummary, type Station } from "../../app/models/stations/geography.server";
import { createApiKey } from "../../app/models/partners/api-keys.server";
import { createPartner, type Partner, setStationTerms } from "../../app/models/partners/partners.server";
import { makeHousehold, makeProduct, receive } from "./catalog";
import { makeStation } from "./geography";
import { makeStaff, type MadeUser } from "./identity";

let sequence = 0;
const next = () => `${++sequence}`.padStart(3, "0");

export async function countyOfStation(db: Db, station: Station): Promise<string> {
  return (await getStationSummary(db, { code: station.code }))!.county.id;
}

/** A partner company of the station's county with terms at the station (10% commission, 30 days). */
export async function makePartnerAt(db: Db, station: Station, overrides: { nameZh?: string } = {}): Promise<Partner> {
  const n = next();
  const partner = await createPartner(db, {
    countyId: await countyOfStation(db, station),
    actorUserId: null,
    input: {
      nameZh: overrides.nameZh ?? `测试合作企业${n}`,
      nameEn: `Test Partner ${n}`,
      kind: "processor",
      mode: "village_enterprise",
      contactName: "",
      contactPhone: "",
      addressZh: "",
      bankAccount: "",
      bankName: "",
    },
  });
  await setStationTerms(db, {
    partnerId: partner.id,
    stationId: station.id,
    actorUserId: null,
    terms: { commissionRate: new D("0.1000"), paymentTermsDays: 30, remittanceSchedule: "monthly", prices: [] },
  });
  return partner;
}

/** A partner user of the company, made the way the admin makes one. */
export async function makePartnerUser(db: Db, partner: Partner, options: { username?: string } = {}): Promise<MadeUser> {
  return makeStaff(db, { role: "partner_user", placeId: partner.id, countyId: partner.countyId, ...options });
}

/** Households of the station holding `name` in 斤, one per quantity given. */
export async function makeProduceHolders(db: Db, station: Station, name: string, quantities: string[]) {
  const holders = [];
  for (const quantity of quantities) {
    const household = await makeHousehold(db, station);
    const product = await makeProduct(db, station, { nameZh: name, ownerKind: "household", householdId: household.id, unit: "jin", price: "30.00" });
    await receive(db, product, quantity);
    holders.push({ household, product });
  }
  return holders;
}

/**
 * A station with 金银花 at two households, a partner with terms there and an API key: what
 * most API tests start from.
 */
export async function makeApiWorld(db: Db, { station, ratePerMinute }: { station?: Station; ratePerMinute?: number } = {}) {
  const at = station ?? (await makeStation(db));
  await makeProduceHolders(db, at, "金银花", ["600", "400"]);
  const partner = await makePartnerAt(db, at);
  const key = await createApiKey(db, { partnerId: partner.id, label: "ERP", ratePerMinute, actorUserId: null, countyIds: "any" });
  return { station: at, partner, key };
}

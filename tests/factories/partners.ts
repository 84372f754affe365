import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.server";
import { addDays, chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import type { PartnerKind } from "../../app/domain/partners";
import type { Station } from "../../app/models/stations/geography.server";
import { createPartner, setStationTerms, stationCountyId } from "../../app/models/partners/partners.server";
import { createPartnerProduct, receiveConsignment } from "../../app/models/partners/consignment.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeHousehold, makeProduct, receive } from "./catalog";

let sequence = 0;

/** A partner company of the station's county with terms at the station. */
export async function makePartner(
  db: Db,
  station: Station,
  { kind = "processor", commissionRate = "0.0800", paymentTermsDays = 30 }: { kind?: PartnerKind; commissionRate?: string; paymentTermsDays?: number } = {},
) {
  const n = ++sequence;
  const countyId = (await stationCountyId(db, { stationId: station.id }))!;
  const partner = await createPartner(db, {
    countyId,
    actorUserId: null,
    input: { nameZh: `合作企业${n}`, nameEn: `Partner ${n}`, kind, mode: "village_enterprise", contactName: "李经理", contactPhone: "13700000000", addressZh: "", bankAccount: "6222000011112222", bankName: "黔西农商银行" },
  });
  await setStationTerms(db, { partnerId: partner.id, stationId: station.id, actorUserId: null, terms: { commissionRate: new D(commissionRate), paymentTermsDays, remittanceSchedule: "monthly", prices: [] } });
  return partner;
}

/** Households of the station each holding `stock` of one produce (same name), in 斤. */
export async function makeHoldings(db: Db, station: Station, stocks: string[], { name = "金银花", price = "30.00" }: { name?: string; price?: string } = {}) {
  const out = [];
  for (const stock of stocks) {
    const household = await makeHousehold(db, station);
    const product = await makeProduct(db, station, { ownerKind: "household", householdId: household.id, nameZh: name, nameEn: "Honeysuckle", price });
    await receive(db, product, stock);
    out.push({ household, product });
  }
  return out;
}

/** A partner-owned product at the station with `stock` received on a consignment note. */
export async function makeConsignedProduct(db: Db, station: Station, partnerId: string, { stock = "20", price = "85.00", unit = "bag" as const } = {}) {
  const actorUserId = await systemUserId(db);
  const product = await createPartnerProduct(db, { stationId: station.id, partnerId, nameZh: `复合肥${++sequence}`, nameEn: "Compound fertiliser", category: "inputs", unit, price: new D(price), actorUserId });
  const note = await receiveConsignment(db, { stationId: station.id, partnerId, lines: [{ productId: product.id, quantity: new D(stock) }], idempotencyKey: `req-${randomUUID()}`, actorUserId });
  return { product, note };
}

/** A delivery date a partner may ask for: two weeks from today (China time); an earlier one than today is refused. */
export const DELIVERY_DATE = addDays(chinaToday(), 14);

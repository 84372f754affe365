import type { Db } from "../../db/client.server";
import {
  createCounty,
  createStation,
  createTownship,
  createVillage,
  type NewStation,
  type Station,
} from "../../app/models/stations/geography.server";

let sequence = 0;
const next = () => `${++sequence}`.padStart(3, "0");

/** Inserts a county through the model and returns it. */
export async function makeCounty(db: Db, overrides: Partial<Parameters<typeof createCounty>[1]> = {}) {
  const n = next();
  return createCounty(db, { code: `county-${n}`, nameZh: `测试县${n}`, nameEn: `Test County ${n}`, provinceZh: "贵州省", provinceEn: "Guizhou", ...overrides });
}

export async function makeTownship(db: Db, overrides: Partial<Parameters<typeof createTownship>[1]> = {}) {
  const n = next();
  const countyId = overrides.countyId ?? (await makeCounty(db)).id;
  return createTownship(db, { code: `town-${n}`, kind: "town", nameZh: `测试镇${n}`, nameEn: `Test Town ${n}`, ...overrides, countyId });
}

export async function makeVillage(db: Db, overrides: Partial<Parameters<typeof createVillage>[1]> = {}) {
  const n = next();
  const townshipId = overrides.townshipId ?? (await makeTownship(db)).id;
  return createVillage(db, { code: `village-${n}`, nameZh: `测试村${n}`, nameEn: `Test Village ${n}`, ...overrides, townshipId });
}

/** A station with a fresh county, township and village unless a village is given. */
export async function makeStation(db: Db, overrides: Partial<NewStation> = {}): Promise<Station> {
  const n = next();
  const villageId = overrides.villageId ?? (await makeVillage(db)).id;
  return createStation(db, {
    code: `station-${n}`,
    nameZh: `测试村电商服务站${n}`,
    nameEn: `Test Station ${n}`,
    ...overrides,
    villageId,
  });
}

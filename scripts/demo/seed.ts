import { pathToFileURL } from "node:url";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { chinaToday } from "../../app/domain/dates";
import { D, toAmountString } from "../../app/domain/money";
import {
  countStations,
  createCounty,
  createStation,
  createTownship,
  createVillage,
} from "../../app/models/stations/geography.server";
import { postJournal } from "../../app/models/ledger/journals.server";
import { listPartners } from "../../app/models/partners/partners.server";
import { redeemSetPasswordCode } from "../../app/models/identity/set-password-codes.server";
import { createStaffAccount, registerBuyer, systemUserId } from "../../app/models/identity/users.server";
import type { Db } from "../../db/client.server";
import { seedCatalog } from "./catalog";
import { seedTill } from "./till";
import { seedCommittee } from "./committee";
import { seedOrders } from "./orders";
import { seedPartners } from "./partners";

/**
 * The demo county: 黔西县 (Qianxi county, Guizhou) and the five stations it ran.
 * Written only through the models, so that later issues extend it (people, goods, a year of
 * history) with the same rules the app enforces, never with raw inserts.
 */
export const DEMO_STATIONS = [
  {
    township: { code: "linquan", kind: "town", nameZh: "林泉镇", nameEn: "Linquan Town" },
    village: { code: "weizhai", nameZh: "韦寨村", nameEn: "Weizhai Village" },
    station: {
      code: "weizhai",
      nameZh: "林泉镇韦寨村电商服务站",
      nameEn: "Weizhai Village E-commerce Service Station",
      addressZh: "黔西县林泉镇韦寨村村委会一楼",
      addressEn: "Ground floor, Weizhai Village Committee, Linquan Town, Qianxi County",
      openingHoursZh: "每天 8:00–18:00（赶场天 7:00 开门）",
      openingHoursEn: "Daily 8:00–18:00 (7:00 on market days)",
      operatorContactName: "韦兰芬",
      operatorContactPhone: "13800000101",
      cooperationNotesZh: "村社合作：与韦寨金银花种植专业合作社共建收购点，代卖农户金银花、大葱。",
      cooperationNotesEn: "Village–cooperative: a buying point run with the Weizhai honeysuckle growers' cooperative; sells households' honeysuckle and scallions on commission.",
    },
  },
  {
    township: { code: "linquan", kind: "town", nameZh: "林泉镇", nameEn: "Linquan Town" },
    village: { code: "gaojin", nameZh: "高锦村", nameEn: "Gaojin Village" },
    station: {
      code: "gaojin",
      nameZh: "林泉镇高锦村电商服务站",
      nameEn: "Gaojin Village E-commerce Service Station",
      addressZh: "黔西县林泉镇高锦村便民服务中心旁",
      addressEn: "Next to the service centre, Gaojin Village, Linquan Town, Qianxi County",
      openingHoursZh: "周一至周六 8:30–17:30",
      openingHoursEn: "Mon–Sat 8:30–17:30",
      operatorContactName: "高明",
      operatorContactPhone: "13800000102",
      cooperationNotesZh: "村商合作：为县城超市供应腊肉、黄花；代售农资（化肥、种子）。",
      cooperationNotesEn: "Village–merchant: supplies cured pork and daylily to a county-town supermarket; sells fertiliser and seed on consignment.",
    },
  },
  {
    township: { code: "tailai", kind: "township", nameZh: "太来乡", nameEn: "Tailai Township" },
    village: { code: "bajiao", nameZh: "芭蕉村", nameEn: "Bajiao Village" },
    station: {
      code: "bajiao",
      nameZh: "太来乡芭蕉村电商服务站",
      nameEn: "Bajiao Village E-commerce Service Station",
      addressZh: "黔西县太来乡芭蕉村村委会",
      addressEn: "Bajiao Village Committee, Tailai Township, Qianxi County",
      openingHoursZh: "每天 8:00–17:00",
      openingHoursEn: "Daily 8:00–17:00",
      operatorContactName: "李春燕",
      operatorContactPhone: "13800000103",
      cooperationNotesZh: "代卖农户黄花、土鸡蛋；快递代收代发。",
      cooperationNotesEn: "Sells households' daylily and free-range eggs; parcel drop-off and pick-up.",
    },
  },
  {
    township: { code: "supu", kind: "town", nameZh: "素朴镇", nameEn: "Supu Town" },
    village: { code: "gusheng", nameZh: "古胜村", nameEn: "Gusheng Village" },
    station: {
      code: "gusheng",
      nameZh: "素朴镇古胜村电商服务站",
      nameEn: "Gusheng Village E-commerce Service Station",
      addressZh: "黔西县素朴镇古胜村文化广场东侧",
      addressEn: "East side of the culture square, Gusheng Village, Supu Town, Qianxi County",
      openingHoursZh: "每天 8:00–18:00",
      openingHoursEn: "Daily 8:00–18:00",
      operatorContactName: "陈国富",
      operatorContactPhone: "13800000104",
      cooperationNotesZh: "村企合作：与县内食品企业合作加工腊肉、香肠，统一包装销售。",
      cooperationNotesEn: "Village–enterprise: cured pork and sausages processed and packed with a county food company.",
    },
  },
  {
    township: { code: "xinren", kind: "township", nameZh: "新仁乡", nameEn: "Xinren Township" },
    village: { code: "huawu", nameZh: "化屋村", nameEn: "Huawu Village" },
    station: {
      code: "huawu",
      nameZh: "新仁乡化屋村电商服务站",
      nameEn: "Huawu Village E-commerce Service Station",
      addressZh: "黔西县新仁乡化屋村游客服务中心",
      addressEn: "Visitor centre, Huawu Village, Xinren Township, Qianxi County",
      openingHoursZh: "每天 8:00–19:00（旅游旺季延长）",
      openingHoursEn: "Daily 8:00–19:00 (longer in the tourist season)",
      operatorContactName: "杨秀英",
      operatorContactPhone: "13800000105",
      cooperationNotesZh: "苗绣、金银花、乌江鱼干代卖；与旅游合作社共同经营。",
      cooperationNotesEn: "Miao embroidery, honeysuckle and dried Wujiang fish on commission; run together with the tourism cooperative.",
    },
  },
] as const;

/** Where a demo account's role is held: the county, a township or a station, by code. */
type DemoPlace = { county: string } | { township: string } | { station: string } | { partner: string } | null;

interface DemoAccount {
  role: "county_admin" | "station_operator" | "committee_member" | "township_accountant" | "partner_user" | "buyer";
  roleZh: string;
  name: string;
  /** What to type in the sign-in box. */
  login: string;
  username: string | null;
  phone: string | null;
  password: string;
  /** Where, in words, for the README and the start-up message. */
  where: string;
  place: DemoPlace;
}

const COMMITTEE_NAMES: Record<string, string> = {
  weizhai: "韦国强",
  gaojin: "高春梅",
  bajiao: "李德明",
  gusheng: "陈玉兰",
  huawu: "杨光荣",
};

/**
 * The demo sign-ins, one per kind of person the issue names. The passwords are published (README,
 * start-up log): they are for demonstrations only, and each satisfies the app's password rules.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    role: "county_admin",
    roleZh: "县级管理员",
    name: "王静",
    login: "qianxi-admin",
    username: "qianxi-admin",
    phone: null,
    password: "county-demo-2026",
    where: "黔西县",
    place: { county: "qianxi" },
  },
  ...DEMO_STATIONS.map(
    (demo): DemoAccount => ({
      role: "station_operator",
      roleZh: "站点管理员",
      name: demo.station.operatorContactName,
      login: demo.station.operatorContactPhone,
      username: null,
      phone: demo.station.operatorContactPhone,
      password: "station-demo-2026",
      where: demo.station.nameZh,
      place: { station: demo.station.code },
    }),
  ),
  ...DEMO_STATIONS.map(
    (demo): DemoAccount => ({
      role: "committee_member",
      roleZh: "村委会成员",
      name: COMMITTEE_NAMES[demo.village.code] ?? demo.village.nameZh,
      login: `${demo.village.code}-committee`,
      username: `${demo.village.code}-committee`,
      phone: null,
      password: "committee-demo-2026",
      where: `${demo.township.nameZh}${demo.village.nameZh}`,
      place: { station: demo.station.code },
    }),
  ),
  {
    role: "township_accountant",
    roleZh: "乡镇会计",
    name: "罗晓红",
    login: "linquan-accountant",
    username: "linquan-accountant",
    phone: null,
    password: "accountant-demo-2026",
    where: "林泉镇（韦寨、高锦）",
    place: { township: "linquan" },
  },
  {
    role: "partner_user",
    roleZh: "合作企业用户",
    name: "张建军",
    login: "huayu-partner",
    username: "huayu-partner",
    phone: null,
    password: "partner-demo-2026",
    where: "黔西花语金银花茶业有限公司",
    // The partner company by its Chinese name: it exists only once the partner seed has run.
    place: { partner: "黔西花语金银花茶业有限公司" },
  },
  { role: "buyer", roleZh: "买家", name: "张丽", login: "13900000001", username: null, phone: "13900000001", password: "buyer-demo-2026", where: "—", place: null },
  { role: "buyer", roleZh: "买家", name: "刘洋", login: "13900000002", username: null, phone: "13900000002", password: "buyer-demo-2026", where: "—", place: null },
];

/**
 * Each demo station's books open with a cash float in the till and the rest of the collective
 * fund in the bank, balanced by the collective's reserve and welfare fund (31102).
 */
export const DEMO_OPENING_BALANCES: Record<string, { cash: string; bank: string }> = {
  weizhai: { cash: "2000.00", bank: "18500.00" },
  gaojin: { cash: "1500.00", bank: "12000.00" },
  bajiao: { cash: "1000.00", bank: "8600.00" },
  gusheng: { cash: "2500.00", bank: "25300.00" },
  huawu: { cash: "3000.00", bank: "31200.00" },
};

export interface SeedResult {
  seeded: boolean;
  stations: number;
  accounts: number;
}

/** Seeds the demo county when the database has no station yet; otherwise changes nothing. */
export async function seedDemo(db: Db): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    if ((await countStations(tx)) > 0) return { seeded: false, stations: 0, accounts: 0 };
    const county = await createCounty(tx, {
      code: "qianxi",
      nameZh: "黔西县",
      nameEn: "Qianxi County",
      provinceZh: "贵州省",
      provinceEn: "Guizhou",
    });
    const townshipIds = new Map<string, string>();
    const stationIds = new Map<string, string>();
    const operatorIds = new Map<string, string>();
    const committeeIds = new Map<string, string>();
    let adminId: string | null = null;
    for (const demo of DEMO_STATIONS) {
      let townshipId = townshipIds.get(demo.township.code);
      if (!townshipId) {
        townshipId = (await createTownship(tx, { countyId: county.id, ...demo.township })).id;
        townshipIds.set(demo.township.code, townshipId);
      }
      const village = await createVillage(tx, { townshipId, ...demo.village });
      const station = await createStation(tx, { villageId: village.id, ...demo.station });
      stationIds.set(station.code, station.id);
      const opening = DEMO_OPENING_BALANCES[station.code];
      if (opening) {
        await postJournal(tx, {
          stationId: station.id,
          date: `${chinaToday().slice(0, 4)}-01-01`,
          description: { kind: "opening", vars: {} },
          source: { type: "opening", id: station.code },
          idempotencyKey: `opening:${station.code}`,
          lines: [
            { accountCode: ACCOUNTS.cash, amount: opening.cash },
            { accountCode: ACCOUNTS.bank, amount: opening.bank },
            { accountCode: ACCOUNTS.collectiveFund, amount: `-${toAmountString(new D(opening.cash).plus(opening.bank))}` },
          ],
          createdBy: await systemUserId(tx),
        });
      }
    }
    // People go in the way they would in real life: the admin creates staff accounts and each
    // redeems a set-password code; buyers register themselves.
    for (const account of DEMO_ACCOUNTS) {
      if (account.role === "buyer") {
        await registerBuyer(tx, { displayName: account.name, phone: account.phone!, password: account.password });
        continue;
      }
      const place = account.place!;
      if ("partner" in place) continue; // after the partner seed, below
      const placeId =
        "county" in place ? county.id : "township" in place ? townshipIds.get(place.township)! : stationIds.get(place.station)!;
      const { code, user } = await createStaffAccount(tx, {
        actorUserId: null,
        countyId: county.id,
        displayName: account.name,
        username: account.username,
        phone: account.phone,
        role: account.role,
        placeId,
        countyIds: "any",
      });
      await redeemSetPasswordCode(tx, { code, password: account.password });
      if (account.role === "station_operator" && "station" in place) operatorIds.set(place.station, user.id);
      if (account.role === "committee_member" && "station" in place) committeeIds.set(place.station, user.id);
      if (account.role === "county_admin") adminId = user.id;
    }
    // Goods and the households behind them (issue 5), received through the stock model.
    await seedCatalog(tx, { stationIds });
    // A year at the till (issue 6), through the till's own models.
    await seedTill(tx, { stations: [...stationIds].filter(([code]) => operatorIds.has(code)).map(([code, id]) => ({ code, id, operatorId: operatorIds.get(code)! })) });
    // Online orders in every state (issue 7), through the order models.
    await seedOrders(tx, { stations: [...stationIds].filter(([code]) => operatorIds.has(code)).map(([code, id]) => ({ code, id, operatorId: operatorIds.get(code)! })) });
    // Partner companies, their bulk orders, deliveries, consignment and money (issue 8), through the partner models.
    await seedPartners(tx, { countyId: county.id, stations: [...stationIds].filter(([code]) => operatorIds.has(code)).map(([code, id]) => ({ code, id, operatorId: operatorIds.get(code)! })) });
    // The partner company's own user (issue 8), now that the company exists.
    const partners = await listPartners(tx, { countyId: county.id });
    for (const account of DEMO_ACCOUNTS) {
      if (!account.place || !("partner" in account.place)) continue;
      const partnerName = account.place.partner;
      const partner = partners.find((p) => p.nameZh === partnerName);
      if (!partner) throw new Error(`demo partner ${partnerName} was not seeded`);
      const { code } = await createStaffAccount(tx, {
        actorUserId: null,
        countyId: county.id,
        displayName: account.name,
        username: account.username,
        phone: account.phone,
        role: account.role,
        placeId: partner.id,
        countyIds: "any",
      });
      await redeemSetPasswordCode(tx, { code, password: account.password });
    }
    // The committee's year (issue 9): every ended month closed with two sign-offs, upkeep spending and the seal. Last: it locks the months.
    await seedCommittee(tx, {
      countyId: county.id,
      adminId: adminId!,
      stations: [...stationIds]
        .filter(([code]) => operatorIds.has(code) && committeeIds.has(code))
        .map(([code, id]) => ({ code, id, operatorId: operatorIds.get(code)!, committeeId: committeeIds.get(code)! })),
    });
    return { seeded: true, stations: DEMO_STATIONS.length, accounts: DEMO_ACCOUNTS.length };
  });
}

// `npm run db:seed`: open the configured database, migrate, seed.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { runCli } = await import("../cli");
  await runCli(async (database) => {
    const result = await seedDemo(database.db);
    console.log(
      result.seeded
        ? `Seeded the demo county: ${result.stations} stations, ${result.accounts} demo accounts (see DEMO_ACCOUNTS in db/seed.ts).`
        : "The database already has stations; nothing seeded.",
    );
  });
}

import { type OwnerKind, type ProductCategory, parseCommissionPercent, parsePrice } from "../../app/domain/catalog";
import { addDays, chinaToday } from "../../app/domain/dates";
import type { PaymentMethod } from "../../app/domain/households";
import { D } from "../../app/domain/money";
import type { UnitCode } from "../../app/domain/units";
import { setDefaultCommissionRate } from "../../app/models/catalog/settings.server";
import { createHousehold } from "../../app/models/households/households.server";
import { createProduct } from "../../app/models/catalog/products.server";
import { receiveGoods, recordMovement, recordStockTake } from "../../app/models/catalog/stock.server";
import type { Db } from "../../db/client.server";

/**
 * The demo's goods: named households of each station (accounts are made up and shown masked)
 * and what they consign — 金银花 by the 斤, 黄花, 腊肉, 大葱, eggs by the piece, Miao embroidery,
 * rapeseed oil by the bottle, fertiliser by the bag from the collective — received through the
 * stock model, so every on-hand figure has its receipts behind it. Dates are relative to the
 * day of seeding, so the market always has something in season.
 */

interface DemoHousehold {
  key: string;
  headName: string;
  villageGroup: string;
  phone: string;
  paymentMethod: PaymentMethod;
  paymentAccount: string;
  paymentInstitution: string;
  notes?: string;
}

interface DemoProduct {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: ProductCategory;
  unit: UnitCode;
  price: string;
  owner: OwnerKind;
  household?: string;
  commissionPercent?: string;
  originZh?: string;
  originEn?: string;
  harvestedDaysAgo?: number;
  shelfLifeDays?: number;
  /** Quantities received, in order (each one a receipt for a household's goods). */
  receipts: string[];
  spoiled?: { quantity: string; reason: string };
  counted?: { quantity: string; reason: string };
}

interface DemoStationGoods {
  defaultCommissionPercent?: string;
  households: DemoHousehold[];
  products: DemoProduct[];
}

const honeysuckle = (price: string, household: string, receipts: string[], originZh: string, originEn: string): DemoProduct => ({
  nameZh: "金银花",
  nameEn: "Honeysuckle flower (jinyinhua), dried",
  descriptionZh: "清晨采摘的花蕾，当天摊晾、低温烘干，颜色青白，泡水清香。可泡茶，也可入药。",
  descriptionEn: "Honeysuckle buds picked at dawn, spread out the same day and dried at low heat. Pale green-white, fragrant in hot water; drunk as a tea.",
  category: "produce",
  unit: "jin",
  price,
  owner: "household",
  household,
  originZh,
  originEn,
  harvestedDaysAgo: 12,
  shelfLifeDays: 540,
  receipts,
});

export const DEMO_GOODS: Record<string, DemoStationGoods> = {
  weizhai: {
    households: [
      { key: "wei-defu", headName: "韦德富", villageGroup: "3组", phone: "13908570311", paymentMethod: "bank", paymentAccount: "6217002870001234567", paymentInstitution: "黔西农商银行" },
      { key: "wei-xiuzhen", headName: "韦秀珍", villageGroup: "5组", phone: "13908570512", paymentMethod: "mobile", paymentAccount: "13908570512", paymentInstitution: "微信" },
      { key: "luo-zhonghua", headName: "罗中华", villageGroup: "2组", phone: "", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "", notes: "没有手机，赶场天来站里结账。" },
    ],
    products: [
      honeysuckle("38.00", "wei-defu", ["30.5", "18.25"], "林泉镇韦寨村", "Weizhai Village, Linquan Town"),
      {
        nameZh: "大葱",
        nameEn: "Scallions",
        descriptionZh: "山地种的小香葱，葱白长、味道冲，现拔现卖。",
        descriptionEn: "Hill-grown scallions with long white stems and a sharp taste, pulled the day they are sold.",
        category: "produce",
        unit: "jin",
        price: "3.50",
        owner: "household",
        household: "wei-xiuzhen",
        harvestedDaysAgo: 2,
        shelfLifeDays: 10,
        receipts: ["42.8"],
        spoiled: { quantity: "1.6", reason: "放了几天，外叶发黄" },
      },
      {
        nameZh: "土鸡蛋",
        nameEn: "Free-range eggs",
        descriptionZh: "房前屋后散养的土鸡下的蛋，个头不大，蛋黄颜色深。",
        descriptionEn: "Eggs from hens that roam round the house: small, with deep-yellow yolks.",
        category: "produce",
        unit: "piece",
        price: "1.50",
        owner: "household",
        household: "luo-zhonghua",
        harvestedDaysAgo: 3,
        shelfLifeDays: 30,
        receipts: ["120"],
        counted: { quantity: "118", reason: "盘点发现两个破损" },
      },
      {
        nameZh: "复合肥",
        nameEn: "Compound fertiliser, 50 kg bag",
        descriptionZh: "村集体统一采购的复合肥，50 公斤一袋，适合玉米、蔬菜。",
        descriptionEn: "Compound fertiliser bought in bulk by the village collective, 50 kg a bag, for maize and vegetables.",
        category: "inputs",
        unit: "bag",
        price: "135.00",
        owner: "collective",
        receipts: ["40"],
      },
    ],
  },
  gaojin: {
    defaultCommissionPercent: "8",
    households: [
      { key: "gao-deming", headName: "高德明", villageGroup: "1组", phone: "13765810123", paymentMethod: "bank", paymentAccount: "6228480038011122233", paymentInstitution: "中国农业银行" },
      { key: "wang-guiying", headName: "王桂英", villageGroup: "4组", phone: "13765810456", paymentMethod: "mobile", paymentAccount: "wgy_1968", paymentInstitution: "支付宝" },
    ],
    products: [
      {
        nameZh: "腊肉",
        nameEn: "Cured pork (larou)",
        descriptionZh: "自家养的黑毛猪，腊月里用盐和花椒腌七天，再挂在火塘上用柏枝熏一个月。",
        descriptionEn: "From the family's own black pigs: salted with Sichuan pepper for a week in the twelfth month, then smoked over cypress for a month.",
        category: "produce",
        unit: "jin",
        price: "58.00",
        owner: "household",
        household: "gao-deming",
        commissionPercent: "12",
        harvestedDaysAgo: 40,
        shelfLifeDays: 180,
        receipts: ["25.4", "12"],
      },
      {
        nameZh: "黄花",
        nameEn: "Daylily buds (huanghua), dried",
        descriptionZh: "夏天清早摘的黄花菜花苞，蒸过再晒干，泡发后炒肉、煮汤都好。",
        descriptionEn: "Daylily buds picked on summer mornings, steamed and sun-dried; soak and stir-fry with pork or add to soup.",
        category: "produce",
        unit: "jin",
        price: "32.00",
        owner: "household",
        household: "wang-guiying",
        harvestedDaysAgo: 20,
        shelfLifeDays: 365,
        receipts: ["15.75"],
      },
      {
        nameZh: "菜籽油",
        nameEn: "Rapeseed oil, 2.5 L bottle",
        descriptionZh: "本村油菜籽老法压榨，不勾兑，每瓶 2.5 升。",
        descriptionEn: "Pressed the old way from the village's own rapeseed, nothing added; 2.5 litres a bottle.",
        category: "produce",
        unit: "bottle",
        price: "68.00",
        owner: "household",
        household: "gao-deming",
        harvestedDaysAgo: 60,
        shelfLifeDays: 365,
        receipts: ["20"],
      },
      {
        nameZh: "洗衣粉",
        nameEn: "Washing powder, 1.5 kg",
        descriptionZh: "站里代售的日用品。",
        descriptionEn: "Daily goods the station keeps for villagers.",
        category: "daily",
        unit: "bag",
        price: "12.90",
        owner: "collective",
        receipts: ["30"],
      },
    ],
  },
  bajiao: {
    households: [
      { key: "li-guangming", headName: "李光明", villageGroup: "2组", phone: "13595870222", paymentMethod: "bank", paymentAccount: "622848003801234", paymentInstitution: "贵州农信" },
      { key: "zhang-xiulan", headName: "张秀兰", villageGroup: "6组", phone: "13595870666", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "" },
    ],
    products: [
      {
        nameZh: "黄花",
        nameEn: "Daylily buds (huanghua), dried",
        descriptionZh: "芭蕉村坡地上种的黄花，花苞大，晒得干透。",
        descriptionEn: "Daylilies from the slopes of Bajiao: large buds, dried right through.",
        category: "produce",
        unit: "jin",
        price: "30.00",
        owner: "household",
        household: "li-guangming",
        harvestedDaysAgo: 25,
        shelfLifeDays: 365,
        receipts: ["22.5"],
      },
      {
        nameZh: "土鸡蛋",
        nameEn: "Free-range eggs",
        descriptionZh: "山上散养的鸡下的蛋，每天收。",
        descriptionEn: "Eggs from hens kept free on the hillside, collected daily.",
        category: "produce",
        unit: "piece",
        price: "1.80",
        owner: "household",
        household: "zhang-xiulan",
        harvestedDaysAgo: 1,
        shelfLifeDays: 30,
        receipts: ["90", "60"],
      },
      {
        nameZh: "快递代收代发",
        nameEn: "Parcel drop-off and pick-up",
        descriptionZh: "代收代发快递，每件 2 元。",
        descriptionEn: "Parcels sent and collected at the station, ¥2 each.",
        category: "services",
        unit: "piece",
        price: "2.00",
        owner: "collective",
        receipts: [],
      },
    ],
  },
  gusheng: {
    households: [
      { key: "chen-jianguo", headName: "陈建国", villageGroup: "3组", phone: "13885760333", paymentMethod: "bank", paymentAccount: "6217002870098765432", paymentInstitution: "黔西农商银行" },
      { key: "zhou-yuzhen", headName: "周玉珍", villageGroup: "1组", phone: "13885760111", paymentMethod: "mobile", paymentAccount: "13885760111", paymentInstitution: "微信" },
    ],
    products: [
      {
        nameZh: "腊肉",
        nameEn: "Cured pork (larou)",
        descriptionZh: "与县里食品厂合作加工、真空包装的烟熏腊肉，方便寄远。",
        descriptionEn: "Smoked cured pork processed with the county food company and vacuum-packed, so it travels well.",
        category: "produce",
        unit: "jin",
        price: "62.00",
        owner: "household",
        household: "chen-jianguo",
        harvestedDaysAgo: 30,
        shelfLifeDays: 180,
        receipts: ["30"],
      },
      {
        nameZh: "大葱",
        nameEn: "Scallions",
        descriptionZh: "古胜村菜地的大葱。",
        descriptionEn: "Scallions from the vegetable plots of Gusheng.",
        category: "produce",
        unit: "jin",
        price: "3.20",
        owner: "household",
        household: "zhou-yuzhen",
        harvestedDaysAgo: 1,
        shelfLifeDays: 10,
        receipts: ["35.5"],
      },
      {
        nameZh: "核桃",
        nameEn: "Walnuts",
        descriptionZh: "老核桃树上打下来的薄皮核桃，去青皮晒干。",
        descriptionEn: "Thin-shelled walnuts from old trees, hulled and sun-dried.",
        category: "produce",
        unit: "jin",
        price: "18.00",
        owner: "household",
        household: "zhou-yuzhen",
        harvestedDaysAgo: 70,
        shelfLifeDays: 300,
        receipts: ["40"],
      },
    ],
  },
  huawu: {
    defaultCommissionPercent: "12",
    households: [
      { key: "yang-zhengfen", headName: "杨正芬", villageGroup: "1组", phone: "13608570101", paymentMethod: "mobile", paymentAccount: "13608570101", paymentInstitution: "微信" },
      { key: "yang-xiumei", headName: "杨秀梅", villageGroup: "2组", phone: "13608570202", paymentMethod: "bank", paymentAccount: "6217002870055566677", paymentInstitution: "黔西农商银行", notes: "苗绣手艺人，接受定制。" },
      { key: "zhao-guangrong", headName: "赵光荣", villageGroup: "4组", phone: "13608570404", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "" },
    ],
    products: [
      honeysuckle("40.00", "yang-zhengfen", ["20", "15"], "新仁乡化屋村", "Huawu Village, Xinren Township"),
      {
        nameZh: "苗绣香包",
        nameEn: "Miao embroidered sachet",
        descriptionZh: "化屋村苗族绣娘手工刺绣的香包，图案是蝴蝶妈妈和枫叶，每个都不一样。",
        descriptionEn: "Sachets hand-embroidered by Miao women of Huawu with the butterfly mother and maple leaf; no two alike.",
        category: "produce",
        unit: "piece",
        price: "128.00",
        owner: "household",
        household: "yang-xiumei",
        commissionPercent: "8",
        receipts: ["12"],
      },
      {
        nameZh: "乌江鱼干",
        nameEn: "Dried Wujiang river fish",
        descriptionZh: "乌江里打的小鱼，用柴火慢慢烘干，油炸或者炒辣椒都香。",
        descriptionEn: "Small fish from the Wujiang, dried slowly over a wood fire; fry them or cook with chillies.",
        category: "produce",
        unit: "jin",
        price: "48.00",
        owner: "household",
        household: "zhao-guangrong",
        harvestedDaysAgo: 15,
        shelfLifeDays: 120,
        receipts: ["8.6"],
      },
    ],
  },
};

/** Seeds households, products and their stock for the demo stations (by code → id). */
export async function seedCatalog(tx: Db, { stationIds }: { stationIds: ReadonlyMap<string, string> }): Promise<{ households: number; products: number }> {
  const today = chinaToday();
  let householdCount = 0;
  let productCount = 0;
  for (const [code, goods] of Object.entries(DEMO_GOODS)) {
    const stationId = stationIds.get(code);
    if (!stationId) continue;
    if (goods.defaultCommissionPercent) {
      await setDefaultCommissionRate(tx, { actorUserId: null, stationId, rate: parseCommissionPercent(goods.defaultCommissionPercent) });
    }
    const householdIds = new Map<string, string>();
    for (const { key, ...input } of goods.households) {
      const household = await createHousehold(tx, { actorUserId: null, stationId, input: { notes: "", ...input } });
      householdIds.set(key, household.id);
      householdCount++;
    }
    for (const p of goods.products) {
      const product = await createProduct(tx, {
        actorUserId: null,
        stationId,
        status: "listed",
        input: {
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          descriptionZh: p.descriptionZh,
          descriptionEn: p.descriptionEn,
          category: p.category,
          unit: p.unit,
          price: parsePrice(p.price),
          ownerKind: p.owner,
          householdId: p.household ? householdIds.get(p.household)! : null,
          partnerId: null,
          commissionRate: p.commissionPercent ? parseCommissionPercent(p.commissionPercent) : null,
          originZh: p.originZh ?? "",
          originEn: p.originEn ?? "",
          harvestedOn: p.harvestedDaysAgo === undefined ? null : addDays(today, -p.harvestedDaysAgo),
          shelfLifeDays: p.shelfLifeDays ?? null,
        },
      });
      productCount++;
      const ids = { actorUserId: null, stationId, productId: product.id };
      for (const quantity of p.receipts) await receiveGoods(tx, { ...ids, quantity: new D(quantity) });
      if (p.spoiled) await recordMovement(tx, { ...ids, movement: { kind: "spoiled", quantity: new D(p.spoiled.quantity) }, reason: p.spoiled.reason });
      if (p.counted) await recordStockTake(tx, { ...ids, counted: new D(p.counted.quantity), reason: p.counted.reason });
    }
  }
  return { households: householdCount, products: productCount };
}

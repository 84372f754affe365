import { addDays, chinaToday } from "../../app/domain/dates";
import { D } from "../../app/domain/money";
import type { UnitCode } from "../../app/domain/units";
import { planProRata, recordDelivery } from "../../app/models/partners/deliveries.server";
import { confirmBulkOrder, createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { createHousehold } from "../../app/models/households/households.server";
import { createPartnerProduct, receiveConsignment, returnConsignment } from "../../app/models/partners/consignment.server";
import { partnerOwed, recordPartnerPayment, recordRemittance } from "../../app/models/partners/money.server";
import { createPartner, setStationTerms } from "../../app/models/partners/partners.server";
import { createProduct } from "../../app/models/catalog/products.server";
import { createSale } from "../../app/models/till/sales.server";
import { receiveGoods } from "../../app/models/catalog/stock.server";
import type { Db } from "../../db/client.server";

/**
 * Three partner companies of the demo county (issue 8) and about a year of business with them,
 * all through the partner models: a honeysuckle processor buying 金银花 in bulk at 韦寨 (filled
 * pro rata across households), a supermarket chain buying 腊肉 at 高锦 and 黄花 at 芭蕉 (one
 * delivery left unpaid past its terms), and an agricultural-input supplier whose fertiliser and
 * seed sit on consignment at three stations, sold at the till and remitted monthly. Events dated
 * on or after today are left out, so the seed works whatever day it runs; deterministic otherwise.
 */

interface SeedStation {
  code: string;
  id: string;
  operatorId: string;
}

const PARTNERS = {
  processor: {
    nameZh: "黔西花语金银花茶业有限公司",
    nameEn: "Qianxi Huayu Honeysuckle Tea Co., Ltd.",
    kind: "processor",
    mode: "village_enterprise",
    contactName: "周海涛",
    contactPhone: "0857-4221188",
    addressZh: "黔西县经济开发区食品园 6 号",
    bankAccount: "6217002870088800001",
    bankName: "黔西农商银行",
  },
  supplier: {
    nameZh: "黔西丰农农资有限公司",
    nameEn: "Qianxi Fengnong Farm Supplies Co., Ltd.",
    kind: "input_supplier",
    mode: "village_cooperative",
    contactName: "罗建平",
    contactPhone: "13985760888",
    addressZh: "黔西县城关镇农贸市场旁",
    bankAccount: "6228480038077700002",
    bankName: "中国农业银行黔西支行",
  },
  chain: {
    nameZh: "惠民超市连锁（黔西）有限公司",
    nameEn: "Huimin Supermarkets (Qianxi) Co., Ltd.",
    kind: "retail_chain",
    mode: "village_merchant",
    contactName: "张敏",
    contactPhone: "13708570666",
    addressZh: "黔西县水西大道 88 号",
    bankAccount: "6222000011112222333",
    bankName: "中国工商银行黔西支行",
  },
} as const;

/** Households that grow for the partners, with what they bring to the station. */
const GROWERS: Record<string, { headName: string; villageGroup: string; produce: string; nameEn: string; price: string; stock: string }[]> = {
  weizhai: [
    { headName: "韦兴国", villageGroup: "5组", produce: "金银花", nameEn: "Honeysuckle flower (jinyinhua), dried", price: "36.00", stock: "260" },
    { headName: "罗秀兰", villageGroup: "2组", produce: "金银花", nameEn: "Honeysuckle flower (jinyinhua), dried", price: "36.00", stock: "180" },
    { headName: "韦朝军", villageGroup: "6组", produce: "金银花", nameEn: "Honeysuckle flower (jinyinhua), dried", price: "36.00", stock: "140" },
  ],
  gaojin: [
    { headName: "高德文", villageGroup: "2组", produce: "腊肉", nameEn: "Cured pork (larou)", price: "68.00", stock: "120" },
    { headName: "王兴发", villageGroup: "4组", produce: "腊肉", nameEn: "Cured pork (larou)", price: "68.00", stock: "90" },
  ],
  bajiao: [
    { headName: "李国兵", villageGroup: "3组", produce: "黄花", nameEn: "Daylily buds, dried", price: "30.00", stock: "80" },
    { headName: "张德芬", villageGroup: "5组", produce: "黄花", nameEn: "Daylily buds, dried", price: "30.00", stock: "70" },
  ],
};

/** The supplier's goods at each station it supplies: name, unit, price, bags received. */
const CONSIGNED: { nameZh: string; nameEn: string; unit: UnitCode; price: string; stock: string }[] = [
  { nameZh: "丰农复合肥（50公斤）", nameEn: "Fengnong compound fertiliser, 50 kg", unit: "bag", price: "150.00", stock: "30" },
  { nameZh: "玉米种子（丰农 1 号）", nameEn: "Maize seed (Fengnong No. 1)", unit: "bag", price: "45.00", stock: "40" },
];

export async function seedPartners(tx: Db, { countyId, stations }: { countyId: string; stations: readonly SeedStation[] }): Promise<{ partners: number; deliveries: number }> {
  const today = chinaToday();
  const year = today.slice(0, 4);
  /** A day of this year, or null when it has not come yet. */
  const day = (mmdd: string) => {
    const date = `${year}-${mmdd}`;
    return date < today ? date : null;
  };
  const ago = (days: number) => {
    const date = addDays(today, -days);
    return date.startsWith(year) ? date : null;
  };
  const at = (date: string) => new Date(`${date}T10:00:00+08:00`);
  const station = new Map(stations.map((s) => [s.code, s]));
  let deliveries = 0;

  const partners: Record<keyof typeof PARTNERS, string> = { processor: "", supplier: "", chain: "" };
  for (const [key, input] of Object.entries(PARTNERS) as [keyof typeof PARTNERS, (typeof PARTNERS)[keyof typeof PARTNERS]][]) {
    partners[key] = (await createPartner(tx, { countyId, actorUserId: null, input })).id;
  }
  const terms = async (partner: keyof typeof PARTNERS, code: string, rate: string, days: number, prices: { produceName: string; unit: UnitCode; unitPrice: string }[]) => {
    const s = station.get(code);
    if (!s) return;
    await setStationTerms(tx, {
      partnerId: partners[partner],
      stationId: s.id,
      actorUserId: s.operatorId,
      terms: { commissionRate: new D(rate), paymentTermsDays: days, remittanceSchedule: "monthly", prices: prices.map((p) => ({ ...p, unitPrice: new D(p.unitPrice) })) },
    });
  };
  await terms("processor", "weizhai", "0.0600", 30, [{ produceName: "金银花", unit: "jin", unitPrice: "32.00" }]);
  await terms("processor", "huawu", "0.0600", 30, [{ produceName: "金银花", unit: "jin", unitPrice: "33.00" }]);
  await terms("chain", "gaojin", "0.0800", 15, [{ produceName: "腊肉", unit: "jin", unitPrice: "58.00" }, { produceName: "黄花", unit: "jin", unitPrice: "26.00" }]);
  await terms("chain", "bajiao", "0.0800", 15, [{ produceName: "黄花", unit: "jin", unitPrice: "26.00" }]);
  for (const code of ["weizhai", "gaojin", "bajiao"]) await terms("supplier", code, "0.0800", 30, []);

  for (const [code, growers] of Object.entries(GROWERS)) {
    const s = station.get(code);
    if (!s) continue;
    for (const g of growers) {
      const household = await createHousehold(tx, {
        actorUserId: s.operatorId,
        stationId: s.id,
        input: { headName: g.headName, villageGroup: g.villageGroup, phone: "", paymentMethod: "cash", paymentAccount: "", paymentInstitution: "", notes: "" },
      });
      const product = await createProduct(tx, {
        actorUserId: s.operatorId,
        stationId: s.id,
        status: "listed",
        input: {
          nameZh: g.produce, nameEn: g.nameEn, descriptionZh: "", descriptionEn: "", category: "produce", unit: "jin", price: new D(g.price),
          ownerKind: "household", householdId: household.id, partnerId: null, commissionRate: null, originZh: "", originEn: "", harvestedOn: null, shelfLifeDays: null,
        },
      });
      await receiveGoods(tx, { actorUserId: s.operatorId, stationId: s.id, productId: product.id, quantity: new D(g.stock), note: "供大宗订单 for bulk orders" });
    }
  }

  /** One bulk order: placed, confirmed, delivered pro rata in parts, paid in parts. */
  const order = async (
    partner: keyof typeof PARTNERS,
    code: string,
    spec: { ref: string; produce: string; quantity: string; price: string; placed: string | null; deliveries: { date: string | null; quantity: string }[]; payments: { date: string | null; amount: "all" | string }[]; confirm?: boolean },
  ) => {
    const s = station.get(code);
    if (!s || !spec.placed) return;
    const placed = await createBulkOrder(tx, {
      partnerId: partners[partner],
      stationId: s.id,
      lines: [{ productKey: spec.produce, quantity: spec.quantity, unitPrice: spec.price }],
      deliveryDate: addDays(spec.placed, 14),
      placedByUserId: null,
      idempotencyKey: `seed:${spec.ref}`,
      at: at(spec.placed),
    });
    if (spec.confirm === false) return;
    await confirmBulkOrder(tx, { stationId: s.id, orderId: placed.id, actorUserId: s.operatorId, at: at(spec.placed) });
    let delivered = new D(0);
    for (const [i, d] of spec.deliveries.entries()) {
      if (!d.date) continue;
      const plan = await planProRata(tx, { stationId: s.id, orderId: placed.id, orderLineId: placed.lines[0]!.id, quantity: new D(d.quantity) });
      const delivery = await recordDelivery(tx, {
        stationId: s.id,
        orderId: placed.id,
        date: d.date,
        lines: plan.map((p) => ({ orderLineId: p.orderLineId, productId: p.productId, quantity: p.quantity })),
        idempotencyKey: `seed:${spec.ref}:d${i}`,
        actorUserId: s.operatorId,
      });
      delivered = delivered.plus(delivery.amount);
      deliveries++;
    }
    let paid = new D(0);
    for (const [i, p] of spec.payments.entries()) {
      if (!p.date) continue;
      const amount = p.amount === "all" ? delivered.minus(paid) : new D(p.amount);
      if (amount.lte(0) || amount.gt(delivered.minus(paid))) continue;
      await recordPartnerPayment(tx, { stationId: s.id, orderId: placed.id, amount, reference: `HX${p.date.replaceAll("-", "")}${i}`, idempotencyKey: `seed:${spec.ref}:p${i}`, actorUserId: s.operatorId, date: p.date });
      paid = paid.plus(amount);
    }
  };

  await order("chain", "gaojin", { ref: "larou-spring", produce: "腊肉", quantity: "100", price: "58.00", placed: day("01-05"), deliveries: [{ date: day("01-12"), quantity: "60" }, { date: day("01-25"), quantity: "40" }], payments: [{ date: day("02-05"), amount: "all" }] });
  await order("processor", "weizhai", {
    ref: "jyh-summer",
    produce: "金银花",
    quantity: "200",
    price: "32.00",
    placed: day("05-10"),
    deliveries: [{ date: day("05-20"), quantity: "120" }, { date: day("06-05"), quantity: "80" }],
    payments: [{ date: day("06-15"), amount: "3840.00" }, { date: day("07-01"), amount: "all" }],
  });
  await order("chain", "bajiao", { ref: "huanghua-aug", produce: "黄花", quantity: "60", price: "26.00", placed: day("08-10"), deliveries: [{ date: day("08-20"), quantity: "60" }], payments: [{ date: day("09-01"), amount: "all" }] });
  // Delivered in part 40 days ago on 15-day terms and not paid: the overdue flag of the demo.
  await order("chain", "bajiao", { ref: "huanghua-late", produce: "黄花", quantity: "50", price: "26.00", placed: ago(50), deliveries: [{ date: ago(40), quantity: "30" }], payments: [] });
  await order("processor", "weizhai", { ref: "jyh-autumn", produce: "金银花", quantity: "150", price: "32.00", placed: ago(25), deliveries: [{ date: ago(20), quantity: "60" }], payments: [] });
  // Placed yesterday, waiting for the operator.
  await order("processor", "weizhai", { ref: "jyh-new", produce: "金银花", quantity: "100", price: "32.00", placed: ago(1), deliveries: [], payments: [], confirm: false });

  // The supplier's fertiliser and seed on consignment: received in March, sold through spring, remitted monthly.
  for (const [index, code] of ["weizhai", "gaojin", "bajiao"].entries()) {
    const s = station.get(code);
    const received = day("03-01");
    if (!s || !received) continue;
    const goods = [];
    for (const c of CONSIGNED) {
      goods.push(await createPartnerProduct(tx, { stationId: s.id, partnerId: partners.supplier, nameZh: c.nameZh, nameEn: c.nameEn, category: "inputs", unit: c.unit, price: new D(c.price), actorUserId: s.operatorId }));
    }
    await receiveConsignment(tx, {
      stationId: s.id,
      partnerId: partners.supplier,
      lines: goods.map((g, i) => ({ productId: g.id, quantity: new D(CONSIGNED[i]!.stock) })),
      note: "春耕备货",
      idempotencyKey: `seed:consign:${code}`,
      actorUserId: s.operatorId,
      date: received,
    });
    const sales = ["03-06", "03-14", "03-22", "04-02", "04-11", "04-19", "04-28", "05-09"];
    for (const [k, mmdd] of sales.entries()) {
      const date = day(mmdd);
      if (!date) continue;
      const product = goods[(k + index) % goods.length]!;
      await createSale(tx, {
        stationId: s.id,
        operatorId: s.operatorId,
        idempotencyKey: `seed-partner:${code}:${k}`,
        lines: [{ productId: product.id, quantity: new D(1 + ((k + index) % 3)) }],
        payment: { kind: "mobile", reference: `42009${date.replaceAll("-", "")}${k}` },
        date,
        at: at(date),
      });
    }
    for (const mmdd of ["04-01", "05-01", "06-01"]) {
      const date = day(mmdd);
      if (!date) continue;
      const owed = await partnerOwed(tx, { partnerId: partners.supplier, stationId: s.id });
      if (owed.lte(0)) continue;
      await recordRemittance(tx, { stationId: s.id, partnerId: partners.supplier, amount: owed, reference: `ZZ${date.replaceAll("-", "")}${index}`, idempotencyKey: `seed:remit:${code}:${mmdd}`, actorUserId: s.operatorId, date });
    }
    const back = day("07-01");
    if (back) {
      await returnConsignment(tx, { stationId: s.id, partnerId: partners.supplier, lines: [{ productId: goods[1]!.id, quantity: new D(10) }], note: "过了播种季，退回玉米种子", idempotencyKey: `seed:return:${code}`, actorUserId: s.operatorId, date: back });
    }
  }
  return { partners: Object.keys(PARTNERS).length, deliveries };
}

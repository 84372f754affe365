import { D, type Dec, lineTotal } from "../../app/domain/money";
import { addDays, chinaToday } from "../../app/domain/dates";
import { closeSession, openSession, sessionFigures } from "../../app/models/till/cash-sessions.server";
import { householdOwed, recordPayout } from "../../app/models/households/payouts.server";
import { listStationProducts } from "../../app/models/catalog/products.server";
import { returnSale } from "../../app/models/till/returns.server";
import { createSale } from "../../app/models/till/sales.server";
import { receiveGoods } from "../../app/models/catalog/stock.server";
import { DENOMINATIONS, type Denomination, countTotal } from "../../app/domain/till";
import type { Db } from "../../db/client.server";

/**
 * About a year of till history for each demo station (issue 6), made through the same models
 * the till uses, so the seeded books obey every rule: cash sessions opened and counted each
 * selling day, walk-in sales with seasons (金银花 in early summer, 腊肉 before Spring Festival),
 * a few same-day voids, and monthly payouts to households. Kept small (a few hundred sales)
 * so the first start on PGlite stays quick. Deterministic: the same seed gives the same books.
 */

const SALES_PER_STATION = 60;
// Spring Festival 2026 falls on 17 February; 腊肉 sells in the weeks before it.
const SPRING_FESTIVAL = "02-17";

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How much a product sells in a month: the seasons the issue asks for, everything else steady. */
function seasonWeight(nameZh: string, date: string): number {
  const md = date.slice(5);
  if (nameZh.includes("金银花")) return md >= "05-01" && md <= "06-30" ? 8 : 1;
  if (nameZh.includes("腊肉")) return md >= "01-01" && md < SPRING_FESTIVAL ? 8 : md >= "11-15" ? 3 : 0.3;
  return 1;
}

/** Notes and coins adding up to `amount` (greedy), as an operator counts them. */
function countFor(amount: Dec): Partial<Record<Denomination, number>> {
  let left = amount;
  const counts: Partial<Record<Denomination, number>> = {};
  for (const d of DENOMINATIONS) {
    const n = left.div(d).floor();
    if (n.gt(0)) {
      counts[d] = n.toNumber();
      left = left.minus(n.times(d));
    }
  }
  return counts;
}

interface Planned {
  date: string;
  productId: string;
  quantity: Dec;
  cash: boolean;
}

export async function seedTill(tx: Db, { stations }: { stations: readonly { code: string; id: string; operatorId: string }[] }): Promise<{ sales: number }> {
  const today = chinaToday();
  const start = `${today.slice(0, 4)}-01-02`;
  const days = Math.max(1, Math.floor((Date.parse(addDays(today, -1)) - Date.parse(start)) / 86_400_000) + 1);
  let total = 0;
  for (const [index, station] of stations.entries()) {
    const random = prng(2026 + index * 7919);
    const goods = (await listStationProducts(tx, { stationId: station.id, status: "listed" })).map((r) => r.product).filter((p) => p.ownerKind !== "partner");
    if (goods.length === 0) continue;
    const plan: Planned[] = [];
    for (let i = 0; i < SALES_PER_STATION * 3 && plan.length < SALES_PER_STATION; i++) {
      const date = addDays(start, Math.floor(random() * days));
      const weights = goods.map((p) => seasonWeight(p.nameZh, date));
      let pick = random() * weights.reduce((a, b) => a + b, 0);
      const product = goods.find((_, k) => (pick -= weights[k]!) < 0) ?? goods[0]!;
      const byWeight = product.unit === "jin" || product.unit === "kg";
      const quantity = byWeight ? new D(Math.floor(5 + random() * 45)).div(10) : new D(1 + Math.floor(random() * 3));
      plan.push({ date, productId: product.id, quantity, cash: random() < 0.6 });
    }
    plan.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    // What the history sells comes in first, so the demo's current stock stays as seeded.
    const need = new Map<string, Dec>();
    for (const p of plan) need.set(p.productId, (need.get(p.productId) ?? new D(0)).plus(p.quantity));
    for (const [productId, quantity] of need) await receiveGoods(tx, { actorUserId: station.operatorId, stationId: station.id, productId, quantity, note: "往年代卖 history" });

    const operatorId = station.operatorId;
    const byDay = new Map<string, Planned[]>();
    for (const p of plan) byDay.set(p.date, [...(byDay.get(p.date) ?? []), p]);
    let n = 0;
    let lastMonth = "";
    for (const [date, sales] of byDay) {
      const at = (h: number) => new Date(`${date}T${String(h).padStart(2, "0")}:00:00+08:00`);
      const session = sales.some((s) => s.cash) ? await openSession(tx, { stationId: station.id, operatorId, openingFloat: new D("200"), date, at: at(8) }) : null;
      for (const [k, s] of sales.entries()) {
        const product = goods.find((g) => g.id === s.productId)!;
        const amount = lineTotal(s.quantity, new D(product.price));
        const { sale } = await createSale(tx, {
          stationId: station.id,
          operatorId,
          idempotencyKey: `seed:${station.code}:${++n}`,
          lines: [{ productId: s.productId, quantity: s.quantity }],
          payment: s.cash && session ? { kind: "cash", tendered: amount.div(10).ceil().times(10) } : { kind: "mobile", reference: `42000${date.replaceAll("-", "")}${String(n).padStart(4, "0")}` },
          date,
          at: at(9 + k),
        });
        if (random() < 0.04) {
          await returnSale(tx, "void", { stationId: station.id, saleId: sale.id, operatorId, reason: "录错了，重新开单", idempotencyKey: `seed-void:${sale.id}`, date });
        }
        total++;
      }
      if (session) {
        const { expected } = await sessionFigures(tx, session);
        const short = random() < 0.1;
        const counts = countFor(short ? expected.minus(1) : expected);
        // The count is in notes and jiao coins; fen the drawer holds are not counted.
        const note = short ? "找零多给了一元" : countTotal(counts).eq(expected) ? "" : "分币未计入清点";
        await closeSession(tx, {
          stationId: station.id,
          sessionId: session.id,
          operatorId,
          counts,
          note,
          date,
          at: at(18),
        });
      }
      // Households are paid once a month, by the way each prefers (not in cash: no session then).
      const month = date.slice(0, 7);
      if (month !== lastMonth && lastMonth) {
        const households = [...new Set(goods.map((g) => g.householdId).filter((h): h is string => !!h))].sort();
        for (const householdId of households) {
          const owed = await householdOwed(tx, { stationId: station.id, householdId });
          const amount = owed.times("0.8").toDecimalPlaces(0, D.ROUND_DOWN);
          if (amount.lte(0)) continue;
          await recordPayout(tx, {
            stationId: station.id,
            householdId,
            operatorId,
            amount,
            method: "bank",
            reference: `月结 ${lastMonth}`,
            idempotencyKey: `seed-payout:${householdId}:${lastMonth}`,
            date,
            at: at(17),
          });
        }
      }
      lastMonth = month;
    }
  }
  return { sales: total };
}

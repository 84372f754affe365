import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { maskPhone } from "~/domain/households";
import { maskName } from "~/domain/notice";
import { rowsOf } from "./shared.server";
import { isUuid } from "~/domain/ids";
import { type SourceDocument, stationTime, type SourceRef } from "./source-document.server";

/**
 * The online order behind an `order` journal (payment, completion, refund): its lines with the
 * household or partner each belongs to, the status history, the buyer's payments and refunds.
 * The buyer's name and phone are masked: auditors need to see there was a buyer, not who.
 */
export async function orderDocument(db: Db, { stationId, type, id }: SourceRef): Promise<SourceDocument | null> {
  if (type !== "order" || !isUuid(id)) return null;
  const [o] = await rowsOf<{
    id: string;
    checkout_id: string;
    number: number;
    status: string;
    payment: string;
    fulfilment: string;
    placed_at: string;
    paid_at: string | null;
    contact_name: string;
    contact_phone: string;
    goods_total: string;
    delivery_fee: string;
    total: string;
    refunded: string;
  }>(
    db,
    sql`select o.id::text as id, o.checkout_id::text as checkout_id, o.number, o.status, o.payment, o.fulfilment, ${stationTime("o.placed_at")} as placed_at, ${stationTime("o.paid_at")} as paid_at,
               c.contact_name, c.contact_phone, o.goods_total::text as goods_total, o.delivery_fee::text as delivery_fee, o.total::text as total,
               o.refunded_amount::text as refunded
          from orders o join checkouts c on c.id = o.checkout_id
         where o.station_id = ${stationId}::uuid and o.id = ${id}::uuid`,
  );
  if (!o) return null;
  const lines = await rowsOf<{ product: string; product_en: string; unit: string; quantity: string; unit_price: string; amount: string; commission: string; owner: string }>(
    db,
    sql`select p.name_zh as product, p.name_en as product_en, p.unit, l.quantity::text as quantity, l.unit_price::text as unit_price, l.amount::text as amount,
               l.commission::text as commission, coalesce(h.head_name, pc.name_zh, '') as owner
          from order_lines l join products p on p.id = l.product_id
          left join households h on h.id = l.household_id left join partner_companies pc on pc.id = l.partner_id
         where l.order_id = ${o.id}::uuid and l.station_id = ${stationId}::uuid order by l.line_no`,
  );
  const history = await rowsOf<{ at: string; event: string; from_status: string | null; to_status: string; actor: string }>(
    db,
    sql`select ${stationTime("created_at")} as at, event, from_status, to_status, actor_kind as actor
          from order_events where order_id = ${o.id}::uuid and station_id = ${stationId}::uuid order by id`,
  );
  const payments = await rowsOf<{ attempt: number; amount: string; status: string; paid_at: string | null }>(
    db,
    sql`select attempt, amount::text as amount, status, ${stationTime("paid_at")} as paid_at from payments where checkout_id = ${o.checkout_id}::uuid order by attempt`,
  );
  const refunds = await rowsOf<{ at: string; kind: string; amount: string; status: string }>(
    db,
    sql`select ${stationTime("created_at")} as at, kind, amount::text as amount, status from refunds
         where order_id = ${o.id}::uuid and station_id = ${stationId}::uuid order by created_at`,
  );
  return {
    kind: "order",
    number: o.number,
    status: o.status,
    payment: o.payment,
    fulfilment: o.fulfilment,
    placedAt: o.placed_at,
    paidAt: o.paid_at,
    buyerName: maskName(o.contact_name),
    buyerPhone: maskPhone(o.contact_phone),
    goodsTotal: o.goods_total,
    deliveryFee: o.delivery_fee,
    total: o.total,
    refunded: o.refunded,
    lines: lines.map((l) => ({ product: l.product, productEn: l.product_en, unit: l.unit, quantity: l.quantity, unitPrice: l.unit_price, amount: l.amount, commission: l.commission, owner: l.owner })),
    history: history.map((h) => ({ at: h.at, event: h.event, from: h.from_status, to: h.to_status, actor: h.actor })),
    payments: payments.map((p) => ({ attempt: p.attempt, amount: p.amount, status: p.status, paidAt: p.paid_at })),
    refunds: refunds.map((r) => ({ at: r.at, kind: r.kind, amount: r.amount, status: r.status })),
  };
}

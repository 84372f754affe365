import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client.server";
import { D, toAmountString } from "~/domain/money";
import { rowsOf } from "./shared.server";
import { isUuid } from "~/domain/ids";
import { type SourceDocument, type SourceRef } from "./source-document.server";

/**
 * The partner documents behind a journal (ADR 012): the bulk delivery (发货单) with each household's
 * share, the remittance of consignment proceeds, and the partner's payment with the bulk order it
 * settles (delivered, paid to date, outstanding).
 */
export async function partnerDocument(db: Db, { stationId, type, id }: SourceRef): Promise<SourceDocument | null> {
  if (!isUuid(id)) return null;
  if (type === "delivery") {
    const [d] = await rowsOf<{ number: number; day: string; due: string; partner: string; partner_en: string; order_number: number; amount: string; commission: string }>(
      db,
      sql`select d.number, d.business_date::text as day, d.due_date::text as due, pc.name_zh as partner, pc.name_en as partner_en, o.number as order_number,
                 d.amount::text as amount, d.commission::text as commission
            from bulk_deliveries d join bulk_orders o on o.id = d.order_id and o.station_id = d.station_id join partner_companies pc on pc.id = d.partner_id
           where d.station_id = ${stationId}::uuid and d.id = ${id}::uuid`,
    );
    if (!d) return null;
    const lines = await rowsOf<{ produce: string; unit: string; household: string; quantity: string; unit_price: string; amount: string; commission: string; share: string }>(
      db,
      sql`select ol.name_zh as produce, ol.unit, h.head_name as household, l.quantity::text as quantity, l.unit_price::text as unit_price, l.amount::text as amount,
                 l.commission::text as commission, l.household_share::text as share
            from bulk_delivery_lines l join bulk_order_lines ol on ol.id = l.order_line_id join households h on h.id = l.household_id
           where l.delivery_id = ${id}::uuid and l.station_id = ${stationId}::uuid order by ol.line_no, h.head_name, l.id`,
    );
    return {
      kind: "delivery",
      number: d.number,
      date: d.day,
      dueDate: d.due,
      partner: d.partner,
      partnerEn: d.partner_en,
      orderNumber: d.order_number,
      amount: d.amount,
      commission: d.commission,
      lines: lines.map((l) => ({ produce: l.produce, unit: l.unit, household: l.household, quantity: l.quantity, unitPrice: l.unit_price, amount: l.amount, commission: l.commission, share: l.share })),
    };
  }
  if (type === "remittance") {
    const [r] = await rowsOf<{ number: number; day: string; partner: string; partner_en: string; amount: string; method: string; reference: string }>(
      db,
      sql`select r.number, r.business_date::text as day, pc.name_zh as partner, pc.name_en as partner_en, r.amount::text as amount, r.method, r.reference
            from partner_remittances r join partner_companies pc on pc.id = r.partner_id
           where r.station_id = ${stationId}::uuid and r.id = ${id}::uuid`,
    );
    return r ? { kind: "remittance", number: r.number, date: r.day, partner: r.partner, partnerEn: r.partner_en, amount: r.amount, method: r.method, reference: r.reference } : null;
  }
  if (type === "partner_payment") {
    const [p] = await rowsOf<{
      number: number;
      day: string;
      partner: string;
      partner_en: string;
      amount: string;
      method: string;
      reference: string;
      order_id: string;
      order_number: number;
      order_status: string;
      delivery_date: string;
    }>(
      db,
      sql`select p.number, p.business_date::text as day, pc.name_zh as partner, pc.name_en as partner_en, p.amount::text as amount, p.method, p.reference,
                 o.id::text as order_id, o.number as order_number, o.status as order_status, o.delivery_date::text as delivery_date
            from partner_payments p join bulk_orders o on o.id = p.order_id and o.station_id = p.station_id join partner_companies pc on pc.id = p.partner_id
           where p.station_id = ${stationId}::uuid and p.id = ${id}::uuid`,
    );
    if (!p) return null;
    // Paid to date counts every payment on the order, this one included.
    const [totals] = await rowsOf<{ delivered: string; paid: string }>(
      db,
      sql`select (select coalesce(sum(amount), 0) from bulk_deliveries where order_id = ${p.order_id}::uuid and station_id = ${stationId}::uuid)::text as delivered,
                 (select coalesce(sum(amount), 0) from partner_payments where order_id = ${p.order_id}::uuid and station_id = ${stationId}::uuid)::text as paid`,
    );
    const lines = await rowsOf<{ produce: string; unit: string; quantity: string; delivered: string; unit_price: string }>(
      db,
      sql`select name_zh as produce, unit, quantity::text as quantity, delivered_quantity::text as delivered, unit_price::text as unit_price
            from bulk_order_lines where order_id = ${p.order_id}::uuid and station_id = ${stationId}::uuid order by line_no`,
    );
    return {
      kind: "partner_payment",
      number: p.number,
      date: p.day,
      partner: p.partner,
      partnerEn: p.partner_en,
      amount: p.amount,
      method: p.method,
      reference: p.reference,
      order: {
        number: p.order_number,
        status: p.order_status,
        deliveryDate: p.delivery_date,
        delivered: toAmountString(new D(totals!.delivered)),
        paid: toAmountString(new D(totals!.paid)),
        outstanding: toAmountString(new D(totals!.delivered).minus(totals!.paid)),
        lines: lines.map((l) => ({ produce: l.produce, unit: l.unit, quantity: l.quantity, delivered: l.delivered, unitPrice: l.unit_price })),
      },
    };
  }
  return null;
}

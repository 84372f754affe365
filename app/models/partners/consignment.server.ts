import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { ProductCategory } from "~/domain/catalog";
import { chinaToday } from "~/domain/dates";
import { D, type Dec, lineTotal, sum, toAmountString } from "~/domain/money";
import { type ConsignmentNoteKind, PartnerError } from "~/domain/partners";
import { checkMovementQuantity, deltaFor, StockError } from "~/domain/stock";
import { UnitError, type UnitCode } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { consignmentNoteLines, consignmentNotes, partnerCompanies } from "../../../db/schema/partners";
import { stations } from "../../../db/schema/stations";
import { createProduct, type Product } from "~/models/catalog/products.server";
import { lockTerms, nextNumber } from "./shared.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * Consignment supply (ADR 012): a partner's goods placed at a station, owned by the partner
 * (products.owner_kind 'partner'), sold through the till at the terms' commission (the till
 * posts Cr 21102 the partner's share / Cr 50102 the commission). Receiving and returning are
 * stock movements with a numbered note (收货单 / 退货单), and no money.
 */

export type ConsignmentNote = typeof consignmentNotes.$inferSelect;

export interface ConsignmentInput {
  stationId: string;
  partnerId: string;
  lines: { productId: string; quantity: Dec }[];
  note?: string;
  idempotencyKey: string;
  actorUserId: string;
  date?: string;
}

/**
 * A product of a partner's at a station, listed at once, priced by the partner; commission by the terms.
 * @throws PartnerError NO_TERMS | PARTNER_NOT_FOUND | PARTNER_INACTIVE
 */
export async function createPartnerProduct(
  db: Db,
  input: { stationId: string; partnerId: string; nameZh: string; nameEn: string; category: ProductCategory; unit: UnitCode; price: Dec; actorUserId: string },
): Promise<Product> {
  const { terms, partner } = await db.transaction((tx) => lockTerms(tx, { partnerId: input.partnerId, stationId: input.stationId }));
  if (partner.status !== "active") throw new PartnerError("PARTNER_INACTIVE");
  return createProduct(db, {
    actorUserId: input.actorUserId,
    stationId: input.stationId,
    status: "listed",
    input: {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      descriptionZh: "",
      descriptionEn: "",
      category: input.category,
      unit: input.unit,
      price: input.price,
      ownerKind: "partner",
      householdId: null,
      partnerId: input.partnerId,
      commissionRate: new D(terms.commissionRate),
      originZh: partner.nameZh,
      originEn: partner.nameEn,
      harvestedOn: null,
      shelfLifeDays: null,
    },
  });
}

/** Goods in from the partner. @throws PartnerError PARTNER_INACTIVE | NO_TERMS | NOT_PARTNER_GOODS | BAD_QUANTITY | EMPTY_DELIVERY */
export async function receiveConsignment(db: Db, input: ConsignmentInput): Promise<ConsignmentNote> {
  return moveConsignment(db, input, "received");
}

/** Unsold goods back to the partner (no money). @throws PartnerError NOT_PARTNER_GOODS | NOT_ENOUGH_STOCK | BAD_QUANTITY | EMPTY_DELIVERY */
export async function returnConsignment(db: Db, input: ConsignmentInput): Promise<ConsignmentNote> {
  return moveConsignment(db, input, "returned");
}

async function moveConsignment(db: Db, input: ConsignmentInput, kind: ConsignmentNoteKind): Promise<ConsignmentNote> {
  const { stationId, partnerId } = input;
  const lines = input.lines.filter((l) => l.quantity.gt(0));
  if (lines.length === 0) throw new PartnerError("EMPTY_DELIVERY");
  if (new Set(lines.map((l) => l.productId)).size !== lines.length) throw new PartnerError("DUPLICATE_LINE");
  const [known] = await db.select().from(consignmentNotes).where(and(eq(consignmentNotes.stationId, stationId), eq(consignmentNotes.idempotencyKey, input.idempotencyKey)));
  if (known) return known;
  try {
    return await db.transaction(async (tx) => {
      const { partner } = await lockTerms(tx, { partnerId, stationId });
      if (kind === "received" && partner.status !== "active") throw new PartnerError("PARTNER_INACTIVE");
      const goods = await tx
        .select()
        .from(products)
        .where(and(eq(products.stationId, stationId), inArray(products.id, lines.map((l) => l.productId))))
        .orderBy(asc(products.id))
        .for("update");
      const number = await nextNumber(tx, "partner_consignment_notes", stationId);
      const [note] = await tx
        .insert(consignmentNotes)
        .values({ stationId, partnerId, number, kind, businessDate: input.date ?? chinaToday(), note: (input.note ?? "").trim().slice(0, 200), idempotencyKey: input.idempotencyKey, createdBy: input.actorUserId })
        .returning();
      for (const [i, l] of lines.entries()) {
        const product = goods.find((g) => g.id === l.productId);
        if (!product || product.ownerKind !== "partner" || product.partnerId !== partnerId) throw new PartnerError("NOT_PARTNER_GOODS");
        if (kind === "received" && product.status === "archived") throw new PartnerError("NOT_PARTNER_GOODS");
        try {
          checkMovementQuantity(l.quantity, product.unit);
        } catch (error) {
          if (error instanceof UnitError || error instanceof StockError) throw new PartnerError("BAD_QUANTITY", error.message);
          throw error;
        }
        try {
          await applyMovement(tx, {
            stationId,
            productId: product.id,
            kind,
            delta: kind === "received" ? deltaFor({ kind: "received", quantity: l.quantity }) : deltaFor({ kind: "returned", quantity: l.quantity, direction: "out" }),
            unitPrice: product.price,
            reason: `${kind === "received" ? "收货单" : "退货单"} ${number}`,
            createdBy: input.actorUserId,
            source: { type: "consignment", id: note!.id },
          });
        } catch (error) {
          if (error instanceof StockError) throw new PartnerError("NOT_ENOUGH_STOCK", `${product.nameZh}: ${error.message}`);
          throw error;
        }
        await tx.insert(consignmentNoteLines).values({ noteId: note!.id, stationId, lineNo: i + 1, productId: product.id, quantity: l.quantity.toFixed(3), unitPrice: product.price });
      }
      return note!;
    });
  } catch (error) {
    const [replayed] = await db.select().from(consignmentNotes).where(and(eq(consignmentNotes.stationId, stationId), eq(consignmentNotes.idempotencyKey, input.idempotencyKey)));
    if (replayed) return replayed;
    throw error;
  }
}

export interface ConsignmentNoteDocument {
  note: ConsignmentNote;
  partner: { id: string; nameZh: string; nameEn: string; contactName: string; contactPhone: string };
  station: { code: string; nameZh: string; nameEn: string };
  /** Each line's value at the goods' price (quantity × price, to the fen), yuan. */
  lines: { lineNo: number; productId: string; nameZh: string; nameEn: string; unit: UnitCode; quantity: string; unitPrice: string; amount: string }[];
  /** Σ line values: what the goods on the note are worth. */
  value: string;
}

/** A receiving or return note of this station, by number. */
export async function getConsignmentNote(db: Db, { stationId, number }: { stationId: string; number: number }): Promise<ConsignmentNoteDocument | null> {
  const [head] = await db
    .select({ note: consignmentNotes, partner: partnerCompanies, station: stations })
    .from(consignmentNotes)
    .innerJoin(partnerCompanies, eq(partnerCompanies.id, consignmentNotes.partnerId))
    .innerJoin(stations, eq(stations.id, consignmentNotes.stationId))
    .where(and(eq(consignmentNotes.stationId, stationId), eq(consignmentNotes.number, number)));
  if (!head) return null;
  const lines = await db
    .select({ line: consignmentNoteLines, nameZh: products.nameZh, nameEn: products.nameEn, unit: products.unit })
    .from(consignmentNoteLines)
    .innerJoin(products, eq(products.id, consignmentNoteLines.productId))
    .where(eq(consignmentNoteLines.noteId, head.note.id))
    .orderBy(asc(consignmentNoteLines.lineNo));
  const { note, partner, station } = head;
  const amounts = lines.map(({ line }) => lineTotal(new D(line.quantity), new D(line.unitPrice)));
  return {
    note,
    partner: { id: partner.id, nameZh: partner.nameZh, nameEn: partner.nameEn, contactName: partner.contactName, contactPhone: partner.contactPhone },
    station: { code: station.code, nameZh: station.nameZh, nameEn: station.nameEn },
    lines: lines.map(({ line, nameZh, nameEn, unit }, i) => ({ lineNo: line.lineNo, productId: line.productId, nameZh, nameEn, unit, quantity: line.quantity, unitPrice: line.unitPrice, amount: toAmountString(amounts[i]!) })),
    value: toAmountString(sum(amounts)),
  };
}

/** A partner's receiving and return notes at a station (or all), newest first. */
export async function listConsignmentNotes(db: Db, { partnerId, stationId, limit = 100 }: { partnerId: string; stationId?: string; limit?: number }) {
  return db
    .select({ note: consignmentNotes, stationCode: stations.code })
    .from(consignmentNotes)
    .innerJoin(stations, eq(stations.id, consignmentNotes.stationId))
    .where(and(eq(consignmentNotes.partnerId, partnerId), stationId ? eq(consignmentNotes.stationId, stationId) : undefined))
    .orderBy(desc(consignmentNotes.businessDate), desc(consignmentNotes.number))
    .limit(limit);
}

export interface ConsignedStock {
  stationId: string;
  stationCode: string;
  stationNameZh: string;
  stationNameEn: string;
  productId: string;
  nameZh: string;
  nameEn: string;
  category: ProductCategory;
  unit: UnitCode;
  price: string;
  commissionRate: string | null;
  onHand: string;
  available: string;
  status: Product["status"];
}

/** A partner's goods at every station (or one), what is on hand and what is free to sell. */
export async function listConsignedStock(db: Db, { partnerId, stationId }: { partnerId: string; stationId?: string }): Promise<ConsignedStock[]> {
  const rows = await db
    .select({ product: products, station: stations })
    .from(products)
    .innerJoin(stations, eq(stations.id, products.stationId))
    .where(and(eq(products.partnerId, partnerId), eq(products.ownerKind, "partner"), stationId ? eq(products.stationId, stationId) : undefined))
    .orderBy(asc(stations.code), asc(products.nameZh));
  return rows.map(({ product: p, station: s }) => ({
    stationId: s.id,
    stationCode: s.code,
    stationNameZh: s.nameZh,
    stationNameEn: s.nameEn,
    productId: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    category: p.category,
    unit: p.unit,
    price: p.price,
    commissionRate: p.commissionRate,
    onHand: p.onHand,
    available: new D(p.onHand).minus(p.reserved).toFixed(3),
    status: p.status,
  }));
}

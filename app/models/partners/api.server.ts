import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { D, toAmountString } from "~/domain/money";
import { canonicalJson, type CreateOrderRequest, type Order, PartnerApiError, type ProduceList } from "~/domain/partner-api";
import { PartnerError } from "~/domain/partners";
import type { Db } from "../../../db/client.server";
import { partnerApiIdempotency } from "../../../db/schema/index";
import { type BulkOrderView, createBulkOrder, getBulkOrder, listBulkOrders } from "./bulk-orders.server";
import { getStationWithPlace } from "~/models/identity/access.server";
import { getPartner, listAvailableProduce } from "./partners.server";

/**
 * What the partner API and the portal do with H4's partner models (ADR 013): the idempotent
 * order, and the views turned into the API's shapes. Every read is scoped by the partner the
 * key or the session belongs to.
 */

const money = (amount: string) => ({ amount: toAmountString(new D(amount)), currency: "CNY" as const });

/** A bulk order as the API and the portal's JSON show it. */
export function toApiOrder(view: BulkOrderView): Order {
  return {
    id: view.id,
    number: view.number,
    status: view.status,
    stationCode: view.stationCode,
    deliveryDate: view.deliveryDate,
    placedAt: view.placedAt.toISOString(),
    lines: view.lines.map((l) => ({
      productKey: l.productKey,
      nameZh: l.nameZh,
      category: l.category,
      unit: l.unit,
      quantity: l.quantity,
      deliveredQuantity: l.deliveredQuantity,
      unitPrice: toAmountString(new D(l.unitPrice)),
      lineTotal: money(l.amount),
    })),
    total: money(view.total),
    invoiced: money(view.delivered),
    paid: money(view.paid),
    outstanding: money(view.outstanding),
    overdue: view.overdue,
  };
}

export async function getApiOrder(db: Db, { partnerId, orderId }: { partnerId: string; orderId: string }): Promise<Order | null> {
  const view = await getBulkOrder(db, { partnerId, orderId });
  return view ? toApiOrder(view) : null;
}

export async function listApiOrders(db: Db, { partnerId }: { partnerId: string }): Promise<Order[]> {
  return (await listBulkOrders(db, { partnerId })).map(toApiOrder);
}

/** Produce at the partner's county's stations (or one of them), grouped by station. */
export async function listApiProduce(db: Db, { partnerId, stationCode }: { partnerId: string; stationCode?: string }): Promise<ProduceList> {
  const partner = await getPartner(db, { partnerId });
  if (!partner) return { stations: [] };
  const rows = await listAvailableProduce(db, { countyId: partner.countyId, stationCode });
  const stations = new Map<string, ProduceList["stations"][number]>();
  for (const r of rows) {
    let station = stations.get(r.stationCode);
    if (!station) {
      station = { stationCode: r.stationCode, stationNameZh: r.stationNameZh, stationNameEn: r.stationNameEn, produce: [] };
      stations.set(r.stationCode, station);
    }
    station.produce.push({ productKey: r.productKey, nameZh: r.nameZh, nameEn: r.nameEn, category: r.category, unit: r.unit, available: r.available, households: r.households });
  }
  return { stations: [...stations.values()] };
}

/**
 * The station an order names, if it lies in the partner's county (any other code: not found,
 * so a partner cannot probe other counties' stations).
 * @throws PartnerError STATION_NOT_FOUND
 */
export async function resolvePartnerStation(db: Db, { partnerId, stationCode }: { partnerId: string; stationCode: string }): Promise<string> {
  const partner = await getPartner(db, { partnerId });
  const found = await getStationWithPlace(db, { code: stationCode });
  if (!partner || !found || found.place.countyId !== partner.countyId) throw new PartnerError("STATION_NOT_FOUND");
  return found.place.stationId;
}

export interface PlacedOrder {
  status: number;
  body: Order;
  /** True when this answer is a replay of an earlier request with the same key. */
  replayed: boolean;
}

/** SHA-256 of what makes two requests "the same": method, path and the canonical body. */
export function requestHash(body: unknown): string {
  return createHash("sha256").update(`POST /api/v1/orders\n${canonicalJson(body)}`).digest("hex");
}

/**
 * Places an order once per (partner, Idempotency-Key). In one transaction: claim the key
 * (a unique row; a concurrent claimant waits on it and then sees the finished answer), place the
 * order, store the answer. The same key with the same body answers what the first request got;
 * with a different body: IDEMPOTENCY_CONFLICT, nothing written. A rule broken (unknown produce,
 * inactive partner) rolls the claim back with the order, so the key stays free.
 * @throws PartnerApiError IDEMPOTENCY_CONFLICT | PartnerError
 */
export async function placeApiOrder(
  db: Db,
  { partnerId, apiKeyId, idempotencyKey, request }: { partnerId: string; apiKeyId: string; idempotencyKey: string; request: CreateOrderRequest },
): Promise<PlacedOrder> {
  const hash = requestHash(request);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(partnerApiIdempotency)
      .values({ partnerId, idempotencyKey, requestHash: hash, apiKeyId })
      .onConflictDoNothing({ target: [partnerApiIdempotency.partnerId, partnerApiIdempotency.idempotencyKey] })
      .returning({ id: partnerApiIdempotency.id });
    if (!claimed) {
      const [earlier] = await tx
        .select()
        .from(partnerApiIdempotency)
        .where(and(eq(partnerApiIdempotency.partnerId, partnerId), eq(partnerApiIdempotency.idempotencyKey, idempotencyKey)));
      if (!earlier || earlier.requestHash !== hash || earlier.responseStatus === null) throw new PartnerApiError("IDEMPOTENCY_CONFLICT");
      return { status: earlier.responseStatus, body: earlier.responseBody as Order, replayed: true };
    }
    const stationId = await resolvePartnerStation(tx, { partnerId, stationCode: request.stationCode });
    const view = await createBulkOrder(tx, {
      partnerId,
      stationId,
      deliveryDate: request.deliveryDate,
      placedByUserId: null,
      idempotencyKey: `api:${idempotencyKey}`,
      lines: request.lines.map((l) => ({ productKey: l.productKey, quantity: l.quantity, unitPrice: l.unitPrice })),
    });
    const body = toApiOrder(view);
    await tx
      .update(partnerApiIdempotency)
      .set({ bulkOrderId: view.id, responseStatus: 201, responseBody: body })
      .where(eq(partnerApiIdempotency.id, claimed.id));
    return { status: 201, body, replayed: false };
  });
}

import { randomBytes, randomUUID } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { isUuid } from "~/domain/ids";
import { normalizePhone } from "~/domain/identity";
import { D, type Dec, sum, toAmountString } from "~/domain/money";
import {
  bandForDistance,
  checkDeliveryRule,
  type DeliveryBand,
  type DeliveryRule,
  deliveryFee,
  type FulfilmentKind,
  OrderError,
  type OrderPayment,
  PAYMENT_WINDOW_MINUTES,
  pickupCodeFrom,
} from "~/domain/orders";
import { deltaFor, StockError } from "~/domain/stock";
import { type PricedLine, priceLine, storedLines } from "~/domain/till";
import { checkQuantity, UnitError } from "~/domain/units";
import type { Db } from "../../../db/client.server";
import { products } from "../../../db/schema/catalog";
import { checkouts, orderLines, orders, stationOrderSettings } from "../../../db/schema/orders";
import { isUniqueViolation } from "~/models/database/errors.server";
import { withLedgerRetry } from "~/models/ledger/journals.server";
import { acceptCurrentPrices, type CartOwner, removeOrderedLines } from "./carts.server";
import { type Checkout, checkIdempotencyKey, effectiveCommissionRate, recordEvent, stationRate } from "./shared.server";
import { applyMovement } from "~/models/catalog/stock.server";

/**
 * Placing orders (issue 7): one checkout, one order per station, the goods reserved with a
 * conditional update (never more than available), prices re-checked against what the buyer saw.
 * Also the station's delivery rule. Money moves later (payment, handover): placing posts nothing.
 */

export interface PlaceCheckoutInput {
  buyerUserId: string | null;
  idempotencyKey: string;
  contact: { name: string; phone: string; email?: string | null };
  fulfilment: { kind: "pickup" } | { kind: "delivery"; address: string };
  payment: OrderPayment;
  lines: { productId: string; quantity: string; expectedUnitPrice: string }[];
  /**
   * For delivery: the distance band the buyer picked per station (station id → km, normally the
   * band's `upToKm`), priced by that station's bands. A station not named charges its flat fee.
   */
  deliveryBands?: Record<string, string>;
  /** For the seeded history; otherwise now. */
  at?: Date;
}

export interface PlacedOrder {
  id: string;
  stationId: string;
  number: number;
  total: string;
  pickupCode: string;
}

export interface PlaceCheckoutResult {
  checkoutId: string;
  token: string;
  total: string;
  payment: OrderPayment;
  orders: PlacedOrder[];
}

const QUANTITY = /^\d{1,9}(\.\d{1,3})?$/;
const PRICE = /^\d{1,12}(\.\d{1,2})?$/;

async function resultFor(db: Db, checkout: Checkout): Promise<PlaceCheckoutResult> {
  const rows = await db.select().from(orders).where(eq(orders.checkoutId, checkout.id)).orderBy(asc(orders.stationId));
  return {
    checkoutId: checkout.id,
    token: checkout.token,
    total: checkout.total,
    payment: checkout.payment,
    orders: rows.map((o) => ({ id: o.id, stationId: o.stationId, number: o.number, total: o.total, pickupCode: o.pickupCode })),
  };
}

async function findByIdempotencyKey(db: Db, idempotencyKey: string): Promise<Checkout | null> {
  const [row] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, idempotencyKey));
  return row ?? null;
}

interface CleanInput {
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  fulfilment: FulfilmentKind;
  address: string | null;
  wanted: Map<string, { quantity: Dec; expected: Dec }>;
}

function clean(input: PlaceCheckoutInput): CleanInput {
  const contactName = input.contact?.name?.trim() ?? "";
  if (contactName.length < 1 || contactName.length > 60) throw new OrderError("BAD_CONTACT", "a contact name of 1–60 characters is needed");
  const contactPhone = normalizePhone(input.contact?.phone ?? "");
  if (!contactPhone) throw new OrderError("BAD_CONTACT", "a mainland mobile number is needed");
  const email = input.contact.email?.trim() || null;
  if (email && !/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(email)) throw new OrderError("BAD_CONTACT", "the e-mail address is malformed");
  let address: string | null = null;
  if (input.fulfilment?.kind === "delivery") {
    address = input.fulfilment.address?.trim() ?? "";
    if (address.length < 5 || address.length > 200) throw new OrderError("BAD_ADDRESS", "a delivery address of 5–200 characters is needed");
  } else if (input.fulfilment?.kind !== "pickup") {
    throw new OrderError("BAD_ADDRESS", "choose pickup or delivery");
  }
  if (input.payment !== "online" && input.payment !== "at_pickup") throw new OrderError("PAYMENT_NOT_OFFERED");
  const wanted = new Map<string, { quantity: Dec; expected: Dec }>();
  for (const l of input.lines ?? []) {
    if (!isUuid(l.productId)) throw new OrderError("PRODUCT_UNAVAILABLE", "unknown product", { productIds: [String(l.productId)] });
    if (!QUANTITY.test(String(l.quantity).trim())) throw new OrderError("BAD_QUANTITY", `${l.quantity} is not a quantity`, { productIds: [l.productId] });
    if (!PRICE.test(String(l.expectedUnitPrice).trim())) throw new OrderError("BAD_QUANTITY", `${l.expectedUnitPrice} is not a price`, { productIds: [l.productId] });
    const quantity = new D(String(l.quantity).trim());
    if (quantity.lte(0)) continue;
    const prev = wanted.get(l.productId);
    wanted.set(l.productId, { quantity: (prev?.quantity ?? new D(0)).plus(quantity), expected: new D(String(l.expectedUnitPrice).trim()) });
  }
  if (wanted.size === 0) throw new OrderError("EMPTY_CART");
  return { contactName, contactPhone, contactEmail: email, fulfilment: input.fulfilment.kind, address, wanted };
}

/**
 * Places a checkout: for each station of the cart one order, its lines priced at today's price
 * (which must be what the buyer saw), its goods reserved, numbered per station. Online checkouts
 * wait for payment for PAYMENT_WINDOW_MINUTES; at-pickup orders are placed straight away.
 * The same request key again returns the first result and writes nothing.
 * @throws OrderError EMPTY_CART | BAD_CONTACT | BAD_ADDRESS | BAD_QUANTITY | BAD_IDEMPOTENCY_KEY | PRODUCT_UNAVAILABLE |
 *   PRICE_CHANGED | INSUFFICIENT_STOCK | DELIVERY_NOT_OFFERED | PAYMENT_NOT_OFFERED (details.productIds where it applies)
 */
export async function placeCheckout(db: Db, input: PlaceCheckoutInput): Promise<PlaceCheckoutResult> {
  const idempotencyKey = checkIdempotencyKey(input.idempotencyKey);
  const existing = await findByIdempotencyKey(db, idempotencyKey);
  if (existing) return resultFor(db, existing);
  const c = clean(input);
  const ids = [...c.wanted.keys()];
  const at = input.at ?? new Date();
  const checkoutId = randomUUID();
  const token = randomBytes(16).toString("base64url");

  try {
    return await withLedgerRetry(db, async (tx) => {
      // Products locked by station then id: the same order as every other stock writer.
      const rows = await tx.select().from(products).where(inArray(products.id, ids)).orderBy(asc(products.stationId), asc(products.id)).for("update");
      const missing = ids.filter((id) => !rows.some((p) => p.id === id));
      const unavailable = [...missing, ...rows.filter((p) => p.status !== "listed" || (p.ownerKind === "partner" && !p.partnerId)).map((p) => p.id)];
      if (unavailable.length > 0) throw new OrderError("PRODUCT_UNAVAILABLE", "some goods are no longer sold", { productIds: unavailable });
      const changed = rows.filter((p) => !c.wanted.get(p.id)!.expected.eq(p.price)).map((p) => p.id);
      if (changed.length > 0) throw new OrderError("PRICE_CHANGED", "prices changed since the cart was shown", { productIds: changed });
      for (const p of rows) {
        try {
          checkQuantity(c.wanted.get(p.id)!.quantity, p.unit);
        } catch (error) {
          if (error instanceof UnitError) throw new OrderError("BAD_QUANTITY", error.message, { productIds: [p.id] });
          throw error;
        }
      }
      const short = rows.filter((p) => new D(p.onHand).minus(p.reserved).lt(c.wanted.get(p.id)!.quantity)).map((p) => p.id);
      if (short.length > 0) throw new OrderError("INSUFFICIENT_STOCK", "not enough in stock", { productIds: short });

      const byStation = new Map<string, typeof rows>();
      for (const p of rows) byStation.set(p.stationId, [...(byStation.get(p.stationId) ?? []), p]);
      const stationIds = [...byStation.keys()].sort();

      const planned: { stationId: string; orderId: string; priced: PricedLine[]; goods: Dec; fee: Dec; bandKm: string | null }[] = [];
      for (const stationId of stationIds) {
        const rate = await stationRate(tx, stationId);
        const priced = byStation.get(stationId)!.map((p) => priceLine({ ...p, commissionRate: effectiveCommissionRate(p.commissionRate, rate) }, c.wanted.get(p.id)!.quantity));
        const goods = sum(priced.map((l) => l.amount));
        let fee = new D(0);
        let bandKm: string | null = null;
        if (c.fulfilment === "delivery") {
          // Re-computed here from the station's rule as it is now, whatever the screen showed.
          const rule = await getDeliveryRule(tx, { stationId });
          const named = input.deliveryBands?.[stationId]?.trim() || null;
          fee = deliveryFee(rule, goods, named);
          bandKm = named && rule.offered && bandForDistance(rule.bands ?? [], new D(named)) ? new D(named).toString() : null;
        }
        planned.push({ stationId, orderId: randomUUID(), priced, goods, fee, bandKm });
      }

      // Reserve: the conditional update in applyMovement refuses anything beyond what is available.
      for (const plan of planned) {
        for (const line of plan.priced) {
          try {
            await applyMovement(tx, {
              stationId: plan.stationId,
              productId: line.productId,
              kind: "reserved",
              delta: deltaFor({ kind: "reserved", quantity: line.quantity }),
              createdBy: input.buyerUserId,
              source: { type: "order", id: plan.orderId },
            });
          } catch (error) {
            if (error instanceof StockError) throw new OrderError("INSUFFICIENT_STOCK", error.message, { productIds: [line.productId] });
            throw error;
          }
        }
      }

      const total = sum(planned.map((p) => p.goods.plus(p.fee)));
      const online = input.payment === "online";
      const [checkout] = await tx
        .insert(checkouts)
        .values({
          id: checkoutId,
          token,
          idempotencyKey,
          buyerUserId: input.buyerUserId,
          contactName: c.contactName,
          contactPhone: c.contactPhone,
          contactEmail: c.contactEmail,
          fulfilment: c.fulfilment,
          deliveryAddress: c.address,
          payment: input.payment,
          status: online ? "pending_payment" : "placed",
          total: toAmountString(total),
          expiresAt: online ? new Date(at.getTime() + PAYMENT_WINDOW_MINUTES * 60_000) : null,
          createdAt: at,
          updatedAt: at,
        })
        .returning();

      for (const plan of planned) {
        // Numbers per station under the settings row's lock (taken last, after the catalogue row).
        const [numbering] = await tx
          .insert(stationOrderSettings)
          .values({ stationId: plan.stationId, lastOrderNumber: 1 })
          .onConflictDoUpdate({ target: stationOrderSettings.stationId, set: { lastOrderNumber: sql`${stationOrderSettings.lastOrderNumber} + 1` } })
          .returning({ n: stationOrderSettings.lastOrderNumber });
        const status = online ? "pending_payment" : "placed";
        const [order] = await tx
          .insert(orders)
          .values({
            id: plan.orderId,
            checkoutId,
            stationId: plan.stationId,
            number: numbering!.n,
            status,
            payment: input.payment,
            fulfilment: c.fulfilment,
            goodsTotal: toAmountString(plan.goods),
            deliveryFee: toAmountString(plan.fee),
            deliveryBandKm: plan.bandKm,
            total: toAmountString(plan.goods.plus(plan.fee)),
            pickupCode: pickupCodeFrom(randomBytes(4).readUInt32BE(0)),
            placedAt: at,
            updatedAt: at,
          })
          .returning();
        await tx.insert(orderLines).values(storedLines(plan.priced).map((l) => ({ orderId: plan.orderId, stationId: plan.stationId, ...l })));
        await recordEvent(tx, {
          order: order!,
          checkout: checkout!,
          event: "place",
          from: null,
          to: status,
          actor: { kind: "buyer" },
          actorUserId: input.buyerUserId,
          idempotencyKey,
          at,
        });
      }
      return resultFor(tx, checkout!);
    });
  } catch (error) {
    // Two submits of one form raced: the first one's checkout is the checkout.
    if (isUniqueViolation(error, "checkouts_idempotency_key")) {
      const winner = await findByIdempotencyKey(db, idempotencyKey);
      if (winner) return resultFor(db, winner);
    }
    throw error;
  }
}

/**
 * Checkout from a buyer's cart: placeCheckout over the cart's lines, then the ordered lines
 * leave the cart (what was added meanwhile in another tab stays). When a price changed, the cart
 * takes the current prices before the refusal is thrown, so the buyer sees them and the next
 * try (the buyer having seen them) goes through. `owner` null: a visitor without a cart.
 * @throws OrderError as placeCheckout
 */
export async function placeCartCheckout(db: Db, { owner, ...input }: PlaceCheckoutInput & { owner: CartOwner | null }): Promise<PlaceCheckoutResult> {
  let placed: PlaceCheckoutResult;
  try {
    placed = await placeCheckout(db, input);
  } catch (error) {
    if (owner && error instanceof OrderError && error.code === "PRICE_CHANGED") await acceptCurrentPrices(db, { owner });
    throw error;
  }
  if (owner) await removeOrderedLines(db, { owner, productIds: input.lines.map((l) => l.productId) });
  return placed;
}

/** The station's delivery rule; a station that never set one does not deliver. */
export async function getDeliveryRule(db: Db, { stationId }: { stationId: string }): Promise<DeliveryRule> {
  const [row] = await db.select().from(stationOrderSettings).where(eq(stationOrderSettings.stationId, stationId));
  if (!row?.deliveryOffered) return { offered: false };
  return { offered: true, flatFee: row.deliveryFlatFee, freeAbove: row.deliveryFreeAbove, bands: row.deliveryBands ?? [] };
}

/**
 * Sets whether and for how much the station delivers: the whole rule (bands left out = no bands,
 * the flat fee everywhere). Bands are stored ascending by distance.
 * @throws OrderError BAD_DELIVERY_RULE
 */
export async function setDeliveryRule(db: Db, { stationId, rule }: { stationId: string; rule: DeliveryRule; actorUserId?: string | null }): Promise<DeliveryRule> {
  const checked = checkDeliveryRule(rule);
  const values = checked.offered
    ? { deliveryOffered: true, deliveryFlatFee: checked.flatFee, deliveryFreeAbove: checked.freeAbove, deliveryBands: checked.bands ?? [] }
    : { deliveryOffered: false, deliveryFlatFee: "0", deliveryFreeAbove: null, deliveryBands: [] };
  await db
    .insert(stationOrderSettings)
    .values({ stationId, ...values })
    .onConflictDoUpdate({ target: stationOrderSettings.stationId, set: { ...values, updatedAt: sql`now()` } });
  return checked;
}

export interface DeliveryFeeQuote {
  /** False: the station does not deliver (fee null). */ offered: boolean;
  /** What delivery costs for this subtotal and band, as placeCheckout will charge it. */
  fee: string | null;
  /** The band the distance fell in; null: the flat fee (no band named, no bands, or beyond them). */
  band: DeliveryBand | null;
  /** True when the subtotal reached the station's free-delivery amount. */
  waived: boolean;
  rule: DeliveryRule;
}

/**
 * The delivery fee the checkout screen shows for one station's goods worth `subtotal` and the
 * buyer's band (km, normally a band's `upToKm`); the same rule placeCheckout re-applies.
 * @throws OrderError BAD_DELIVERY_BAND (not a distance) | BAD_QUANTITY (subtotal not an amount)
 */
export async function deliveryFeeQuote(db: Db, { stationId, subtotal, band }: { stationId: string; subtotal: string; band?: string | null }): Promise<DeliveryFeeQuote> {
  if (!PRICE.test(String(subtotal ?? "").trim())) throw new OrderError("BAD_QUANTITY", `${subtotal} is not an amount`);
  const rule = isUuid(stationId) ? await getDeliveryRule(db, { stationId }) : ({ offered: false } as const);
  if (!rule.offered) return { offered: false, fee: null, band: null, waived: false, rule };
  const goods = new D(String(subtotal).trim());
  const fee = deliveryFee(rule, goods, band);
  const named = band?.trim() || null;
  return {
    offered: true,
    fee: toAmountString(fee),
    band: named ? bandForDistance(rule.bands ?? [], new D(named)) : null,
    waived: rule.freeAbove !== null && goods.gte(rule.freeAbove),
    rule,
  };
}

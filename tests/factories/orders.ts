import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.server";
import type { Product } from "../../app/models/catalog/products.server";
import { placeCheckout, type PlaceCheckoutInput, type PlaceCheckoutResult } from "../../app/models/orders/checkout.server";
import { recordOnlinePayment, recordOrderRefund } from "../../app/models/orders/money.server";
import { withLedgerRetry } from "../../app/models/ledger/journals.server";

/** A checkout through the model: the given products at their current prices, picked up and paid online unless told otherwise. */
export async function placeOrder(
  db: Db,
  lines: { product: Product; quantity: string; expectedUnitPrice?: string }[],
  overrides: Partial<Omit<PlaceCheckoutInput, "lines">> = {},
): Promise<PlaceCheckoutResult> {
  return placeCheckout(db, {
    buyerUserId: null,
    idempotencyKey: `checkout-${randomUUID()}`,
    contact: { name: "张丽", phone: "13900000001" },
    fulfilment: { kind: "pickup" },
    payment: "online",
    ...overrides,
    lines: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity, expectedUnitPrice: l.expectedUnitPrice ?? l.product.price })),
  });
}

/** Pays a checkout as the payment webhook would: recordOnlinePayment inside its own transaction. */
export async function payOnline(db: Db, checkout: { checkoutId: string; total: string }, { intent = `pi_${randomUUID()}`, at = new Date() }: { intent?: string; at?: Date } = {}) {
  return withLedgerRetry(db, (tx) => recordOnlinePayment(tx, { checkoutId: checkout.checkoutId, amount: checkout.total, paymentIntentId: intent, occurredAt: at }));
}

/** A refund confirmed by the payment provider, posted in its own transaction. */
export async function refundOnline(db: Db, orderId: string, amount: string, refundId = `re_${randomUUID()}`) {
  return withLedgerRetry(db, (tx) => recordOrderRefund(tx, { orderId, amount, refundId, occurredAt: new Date(), createdBy: null }));
}

/** A fresh request key, as a rendered form carries. */
export const key = () => `req-${randomUUID()}`;

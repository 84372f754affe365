import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.server";
import { D } from "../../app/domain/money";
import { openSession } from "../../app/models/till/cash-sessions.server";
import type { Station } from "../../app/models/stations/geography.server";
import type { Product } from "../../app/models/catalog/products.server";
import { createSale, type Payment } from "../../app/models/till/sales.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeHousehold, makeProduct, receive } from "./catalog";

/** A consigned product of a new household with `stock` received, and the till's user (the system user unless given). */
export async function makeStockedProduct(db: Db, station: Station, { stock = "10", price = "20.00", commissionRate = "0.1500", ...rest }: { stock?: string; price?: string; commissionRate?: string | null; ownerKind?: "household" | "collective"; unit?: Product["unit"] } = {}) {
  const ownerKind = rest.ownerKind ?? "household";
  const household = ownerKind === "household" ? await makeHousehold(db, station) : null;
  const product = await makeProduct(db, station, { price, commissionRate, ownerKind, householdId: household?.id ?? null, unit: rest.unit ?? "jin" });
  await receive(db, product, stock);
  return { product, household };
}

export async function openTill(db: Db, station: Station, float = "100.00") {
  return openSession(db, { stationId: station.id, operatorId: await systemUserId(db), openingFloat: new D(float) });
}

/** A sale through the model, paid by mobile unless a payment is given. */
export async function sell(db: Db, station: Station, lines: { product: Product; quantity: string }[], payment: Payment = { kind: "mobile", reference: "wx-test" }, key = randomUUID()) {
  return createSale(db, {
    stationId: station.id,
    operatorId: await systemUserId(db),
    idempotencyKey: key,
    lines: lines.map((l) => ({ productId: l.product.id, quantity: new D(l.quantity) })),
    payment,
  });
}

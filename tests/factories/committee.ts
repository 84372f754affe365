import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Db } from "../../db/client.server";
import { D } from "../../app/domain/money";
import type { Station } from "../../app/models/stations/geography.server";
import { createSale } from "../../app/models/till/sales.server";
import { prepareReceipt, type PreparedReceipt } from "../../app/models/committee/upkeep-receipts.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStockedProduct } from "./till";

/** A month long past, so every test can close it whatever today is. */
export const MONTH = "2025-06";

/** A JPEG that looks like a photographed receipt (a white slip with a few dark lines). */
export async function receiptJpeg(seed = 1): Promise<Uint8Array> {
  const lines = Array.from({ length: 6 }, (_, i) => `<rect x="20" y="${30 + i * 40}" width="${120 + ((seed * 37 + i * 53) % 100)}" height="10" fill="#333"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="320"><rect width="240" height="320" fill="#fffdf5"/>${lines}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 70 }).toBuffer());
}

export async function preparedReceipt(seed = 1): Promise<PreparedReceipt> {
  return prepareReceipt(await receiptJpeg(seed));
}

/**
 * Mobile-paid sales of a household's goods in MONTH (and one in the next month): commission
 * 12% of 40.00 × qty. Returns the product, its household and the commission of MONTH.
 */
export async function sellInMonth(db: Db, station: Station, { quantities = ["3", "2.5"], month = MONTH }: { quantities?: string[]; month?: string } = {}) {
  const made = await makeStockedProduct(db, station, { stock: "100", price: "40.00", commissionRate: "0.1200" });
  const operatorId = await systemUserId(db);
  for (const [i, q] of quantities.entries()) {
    await createSale(db, {
      stationId: station.id,
      operatorId,
      idempotencyKey: randomUUID(),
      lines: [{ productId: made.product.id, quantity: new D(q) }],
      payment: { kind: "mobile", reference: `wx-${i}` },
      date: `${month}-${String(10 + i).padStart(2, "0")}`,
    });
  }
  return made;
}

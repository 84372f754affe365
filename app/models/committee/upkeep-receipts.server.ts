import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { ReceiptError } from "~/domain/upkeep";
import type { Db } from "../../../db/client.server";
import { upkeepReceipts } from "../../../db/schema/committee";

/**
 * Photos of paper receipts. A receipt is a source document of the books, so it is kept in the
 * database beside the expense it proves (backed up and restored with the journals), as one
 * upright JPEG at most 1600 px wide with the phone's metadata (GPS position) stripped.
 */

const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const MAX_PIXELS = 50_000_000;
const MAX_WIDTH = 1600;

export interface PreparedReceipt {
  hash: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** Decodes, turns upright, strips and re-encodes an upload. @throws ReceiptError */
export async function prepareReceipt(upload: Uint8Array): Promise<PreparedReceipt> {
  if (upload.byteLength > MAX_INPUT_BYTES) throw new ReceiptError("TOO_LARGE");
  if (upload.byteLength === 0) throw new ReceiptError("NOT_AN_IMAGE");
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: MAX_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 78, mozjpeg: false })
      .toBuffer({ resolveWithObject: true });
    const bytes = new Uint8Array(data);
    return { hash: createHash("sha256").update(bytes).digest("hex"), bytes, width: info.width, height: info.height };
  } catch {
    throw new ReceiptError("NOT_AN_IMAGE");
  }
}

/** Stores a prepared receipt (inside the caller's transaction); the same photo twice is one row. */
export async function saveReceipt(tx: Db, { stationId, userId, receipt }: { stationId: string; userId: string; receipt: PreparedReceipt }): Promise<string> {
  await tx
    .insert(upkeepReceipts)
    .values({ hash: receipt.hash, stationId, contentType: "image/jpeg", bytes: receipt.bytes, width: receipt.width, height: receipt.height, uploadedBy: userId })
    .onConflictDoNothing();
  return receipt.hash;
}

/** A station's receipt photo, or null (another station's receipt is not found). */
export async function getReceipt(db: Db, { stationId, hash }: { stationId: string; hash: string }) {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null;
  const [row] = await db
    .select({ bytes: upkeepReceipts.bytes, contentType: upkeepReceipts.contentType })
    .from(upkeepReceipts)
    .where(and(eq(upkeepReceipts.hash, hash), eq(upkeepReceipts.stationId, stationId)));
  return row ? { bytes: new Uint8Array(row.bytes), contentType: row.contentType } : null;
}

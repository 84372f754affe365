import { data } from "@remix-run/node";
import { type GoodsError } from "~/domain/catalog";
import type { PhotoView } from "~/models/catalog/storefront.server";
import { PhotoError, storePhoto, type StoredPhotoFiles } from "~/services/photos.server";
import { fieldFailure, type FormFailure } from "~/utils/forms";
import { GOODS_MESSAGES, PHOTO_MESSAGES } from "./forms.server";
import type { Translate } from "~/utils/i18n";
import type { PhotoUpload } from "~/utils/uploads.server";

/**
 * What the goods routes share after parsing: turning an upload into stored files, and a
 * model's GoodsError into the field error the form shows. Each returns a 400/409 response or
 * the value to go on with.
 */

/** Which field a GoodsError is about, so the message lands beside it. */
const GOODS_FIELDS: Record<GoodsError["code"], string> = {
  PRODUCT_NOT_FOUND: "productId",
  HOUSEHOLD_NOT_FOUND: "householdId",
  HOUSEHOLD_INACTIVE: "householdId",
  PRODUCT_NOT_CONSIGNED: "productId",
  PRODUCT_ARCHIVED: "productId",
  UNIT_LOCKED: "unit",
  OWNER_LOCKED: "ownerKind",
  PHOTO_NOT_FOUND: "photo",
  TOO_MANY_PHOTOS: "photo",
};

export function goodsFailure(error: GoodsError, formData: FormData, t: Translate) {
  const status = error.code === "UNIT_LOCKED" || error.code === "OWNER_LOCKED" || error.code === "TOO_MANY_PHOTOS" ? 409 : 400;
  return data(fieldFailure(formData, GOODS_FIELDS[error.code], t(GOODS_MESSAGES[error.code])), { status });
}

/**
 * Stores an uploaded photo (resized, content-addressed files) before anything goes into the
 * database, so a refused upload leaves no row behind.
 */
export async function storeUpload(
  photo: PhotoUpload,
  dataDir: string,
  formData: FormData,
  t: Translate,
): Promise<{ ok: true; stored: StoredPhotoFiles | null } | { ok: false; failure: ReturnType<typeof data<FormFailure>> }> {
  if (photo.kind === "none") return { ok: true, stored: null };
  if (photo.kind === "too_large") return { ok: false, failure: data(fieldFailure(formData, "photo", t(PHOTO_MESSAGES.TOO_LARGE)), { status: 400 }) };
  try {
    return { ok: true, stored: await storePhoto(dataDir, photo.bytes) };
  } catch (error) {
    if (!(error instanceof PhotoError)) throw error;
    return { ok: false, failure: data(fieldFailure(formData, "photo", t(PHOTO_MESSAGES[error.code])), { status: 400 }) };
  }
}

export function storedPhotoView(p: { hash: string; widths: string; width: number; height: number }): PhotoView {
  return { hash: p.hash, widths: p.widths.split(",").map(Number), width: p.width, height: p.height };
}

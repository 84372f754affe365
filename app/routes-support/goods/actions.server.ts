import type { PhotoView } from "~/models/catalog/storefront.server";
import { PhotoError, storePhoto, type StoredPhotoFiles } from "~/services/photos.server";
import type { PhotoUpload } from "~/utils/uploads.server";

/**
 * Stores an uploaded photo (resized, content-addressed files) before anything goes into the
 * database, so a refused upload leaves no row behind. Null when no photo was sent.
 * @throws PhotoError TOO_LARGE | NOT_AN_IMAGE | TOO_SMALL (refused by refuse() beside the photo field)
 */
export async function storeUpload(photo: PhotoUpload, dataDir: string): Promise<StoredPhotoFiles | null> {
  if (photo.kind === "none") return null;
  if (photo.kind === "too_large") throw new PhotoError("TOO_LARGE");
  return storePhoto(dataDir, photo.bytes);
}

export function storedPhotoView(p: { hash: string; widths: string; width: number; height: number }): PhotoView {
  return { hash: p.hash, widths: p.widths.split(",").map(Number), width: p.width, height: p.height };
}

import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { DomainError } from "~/domain/errors";

/**
 * Product photos on disk: each upload is decoded (so only real images get through),
 * turned upright, stripped of its metadata (a phone's EXIF carries the farm's GPS position),
 * resized to a few widths and written as WebP and JPEG under DATA_DIR/uploads, named by the
 * hash of the upload. A name never changes meaning, so browsers may keep it for a year.
 */

/** Widths generated, never wider than the original: list cards, the product page, large screens. */
export const PHOTO_WIDTHS = [240, 480, 960] as const;
export const PHOTO_FORMATS = ["webp", "jpg"] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

/** Largest upload accepted: a phone camera's JPEG is 2–6 MB. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** Decoding guard against decompression bombs: 50 megapixels is more than any phone takes. */
const MAX_INPUT_PIXELS = 50_000_000;
const MIN_SIDE = 64;

export type PhotoErrorCode = "NOT_AN_IMAGE" | "TOO_LARGE" | "TOO_SMALL";

/** An upload that is not a usable photo: the input's fault (400), beside the photo field. */
export class PhotoError extends DomainError<PhotoErrorCode> {
  static override readonly errorName = "PhotoError";
  constructor(code: PhotoErrorCode) {
    super({ feature: "photos", code, kind: "invalid", field: "photo" });
  }
}

export const PHOTO_FILE_RE = /^([0-9a-f]{20})-(\d{2,4})\.(webp|jpg)$/;

export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

export function photoFileName(hash: string, width: number, format: PhotoFormat): string {
  return `${hash}-${width}.${format}`;
}

export interface StoredPhotoFiles {
  hash: string;
  widths: number[];
  /** Size of the widest file written: the intrinsic size pages put on <img>. */
  width: number;
  height: number;
}

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp", "gif", "heif", "avif", "tiff"]);

/**
 * Checks, resizes and stores one upload. Idempotent: the same bytes give the same hash and
 * files already written are left alone.
 * @throws PhotoError TOO_LARGE | NOT_AN_IMAGE | TOO_SMALL
 */
export async function storePhoto(dataDir: string, bytes: Uint8Array): Promise<StoredPhotoFiles> {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) throw new PhotoError("TOO_LARGE");
  if (bytes.byteLength === 0) throw new PhotoError("NOT_AN_IMAGE");
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw new PhotoError("NOT_AN_IMAGE");
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height) throw new PhotoError("NOT_AN_IMAGE");
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new PhotoError("TOO_LARGE");
  // EXIF orientations 5–8 are quarter turns: the upright picture is the other way round.
  const upright = (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  if (upright.width < MIN_SIDE || upright.height < MIN_SIDE) throw new PhotoError("TOO_SMALL");

  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 20);
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const fitting = PHOTO_WIDTHS.filter((w) => w <= upright.width);
  const widths = fitting.length ? [...fitting] : [upright.width];
  let largest = { width: 0, height: 0 };
  for (const width of widths) {
    for (const format of PHOTO_FORMATS) {
      const target = path.join(dir, photoFileName(hash, width, format));
      const base = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate().resize({ width, withoutEnlargement: true });
      const out = format === "webp" ? base.webp({ quality: 72, effort: 4 }) : base.flatten({ background: "#ffffff" }).jpeg({ quality: 74, mozjpeg: true });
      let info: sharp.OutputInfo;
      try {
        const existing = await stat(target).catch(() => null);
        if (existing?.isFile() && existing.size > 0) {
          info = await sharp(target).metadata().then((m) => ({ width: m.width ?? width, height: m.height ?? 0 }) as sharp.OutputInfo);
        } else {
          const { data, info: written } = await out.toBuffer({ resolveWithObject: true });
          // Written beside the target and renamed, so a reader never sees half a file.
          const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
          await writeFile(temp, data);
          await rename(temp, target);
          info = written;
        }
      } catch (error) {
        if (error instanceof PhotoError) throw error;
        throw new PhotoError("NOT_AN_IMAGE");
      }
      if (format === "jpg" && info.width >= largest.width) largest = { width: info.width, height: info.height };
    }
  }
  return { hash, widths, width: largest.width, height: largest.height };
}

/** One stored file's bytes, or null when the name is not one of ours or the file is gone. */
export async function readPhotoFile(dataDir: string, name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const m = PHOTO_FILE_RE.exec(name);
  if (!m) return null;
  try {
    const bytes = await readFile(path.join(uploadsDir(dataDir), name));
    return { bytes, contentType: m[3] === "webp" ? "image/webp" : "image/jpeg" };
  } catch {
    return null;
  }
}

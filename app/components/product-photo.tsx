import type { PhotoView } from "~/models/catalog/storefront.server";

const src = (hash: string, width: number, ext: "webp" | "jpg") => `/media/${hash}-${width}.${ext}`;

/**
 * A product photo in the fixed widths made at upload: WebP where the phone reads it, JPEG
 * otherwise, lazy unless it is the page's main picture, with its size given so nothing jumps.
 * Without a photo, a quiet tile with the product's first character (no bytes to download).
 */
export function ProductPhoto({
  photo,
  alt,
  sizes,
  eager = false,
  className = "",
}: {
  photo: PhotoView | null;
  alt: string;
  sizes: string;
  eager?: boolean;
  className?: string;
}) {
  if (!photo) {
    return (
      <div
        className={`flex aspect-square w-full items-center justify-center rounded-md bg-brand-50 text-4xl font-semibold text-brand-700 ${className}`}
        role="img"
        aria-label={alt}
      >
        {[...alt][0] ?? ""}
      </div>
    );
  }
  const fallback = photo.widths.find((w) => w >= 480) ?? photo.widths[photo.widths.length - 1]!;
  return (
    <picture>
      <source type="image/webp" srcSet={photo.widths.map((w) => `${src(photo.hash, w, "webp")} ${w}w`).join(", ")} sizes={sizes} />
      <img
        src={src(photo.hash, fallback, "jpg")}
        srcSet={photo.widths.map((w) => `${src(photo.hash, w, "jpg")} ${w}w`).join(", ")}
        sizes={sizes}
        width={photo.width}
        height={photo.height}
        loading={eager ? "eager" : "lazy"}
        decoding="async"
        alt={alt}
        className={`aspect-square w-full rounded-md bg-stone-100 object-cover ${className}`}
      />
    </picture>
  );
}

import { toSVG } from "bwip-js/node";
import QRCode from "qrcode";
import type { Lang } from "~/domain/language";
import type { UnitCode } from "~/domain/units";
import type { Product } from "~/models/catalog/products.server";
import { pick } from "~/utils/i18n";

/** One shelf label as the page draws it: words and a price string, and both codes as SVG markup. */
export interface ShelfLabel {
  id: string;
  name: string;
  price: string;
  unit: UnitCode;
  code: string;
  barcodeSvg: string;
  qrSvg: string;
}

/**
 * The labels of `products`, drawn on the server (no script, no image request: the SVG is in
 * the page and prints sharp on a thermal head). The barcode is the product's EAN-13 with its
 * digits under it, what the till's scanner reads; the QR code opens the product's public page.
 */
export async function shelfLabels(products: readonly Product[], lang: Lang, origin: string): Promise<ShelfLabel[]> {
  return Promise.all(
    products.map(async (p) => ({
      id: p.id,
      name: pick(lang, p.nameZh, p.nameEn),
      price: p.price,
      unit: p.unit,
      code: p.code,
      barcodeSvg: toSVG({ bcid: "ean13", text: p.code, includetext: true, guardwhitespace: true, height: 12, textsize: 10 }),
      qrSvg: await QRCode.toString(`${origin}/products/${p.id}`, { type: "svg", margin: 0, errorCorrectionLevel: "M" }),
    })),
  );
}

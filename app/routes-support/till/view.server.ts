import QRCode from "qrcode";
import { chinaDateTime } from "~/domain/catalog";
import { type Lang, pick } from "~/domain/language";
import { D, type Dec, formatMoney } from "~/domain/money";
import type { SaleView } from "~/models/till/sales.server";
import { formatPrice, formatQty } from "~/routes-support/goods/format";

export interface ReceiptView {
  number: number;
  at: string;
  payment: "cash" | "mobile";
  reference: string;
  total: string;
  tendered: string | null;
  change: string | null;
  lines: { name: string; quantity: string; price: string; amount: string }[];
  returned: string | null;
  qrSvg: string;
  publicUrl: string;
}

/** What a receipt shows, formatted in the reader's language, with the QR code of its public page. */
export async function receiptView(view: SaleView, lang: Lang, origin: string, returned: Dec | null): Promise<ReceiptView> {
  const { sale } = view;
  const publicUrl = `${origin}/r/${sale.publicToken}`;
  const qrSvg = await QRCode.toString(publicUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const total = new D(sale.total);
  return {
    number: sale.number,
    at: chinaDateTime(sale.soldAt),
    payment: sale.payment,
    reference: sale.paymentReference,
    total: formatMoney(total, lang),
    tendered: sale.tendered ? formatMoney(new D(sale.tendered), lang) : null,
    change: sale.tendered ? formatMoney(new D(sale.tendered).minus(total), lang) : null,
    lines: view.lines.map((l) => ({
      name: pick(lang, l.nameZh, l.nameEn),
      quantity: formatQty(l.quantity, l.unit, lang),
      price: formatPrice(l.unitPrice, l.unit, lang),
      amount: formatMoney(new D(l.amount), lang),
    })),
    returned: returned && !returned.isZero() ? formatMoney(returned, lang) : null,
    qrSvg,
    publicUrl,
  };
}



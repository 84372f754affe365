import QRCode from "qrcode";
import { chinaDateTime } from "~/domain/catalog";
import { type Lang, pick } from "~/domain/language";
import { D, type Dec, toAmountString } from "~/domain/money";
import type { SaleView } from "~/models/till/sales.server";
import type { UnitCode } from "~/domain/units";
import { formatQty } from "~/routes-support/goods/format";

/** A receipt as the loaders send it: words ready to read, amounts as decimal strings ("100.00"). */
export interface ReceiptView {
  number: number;
  at: string;
  payment: "cash" | "mobile";
  reference: string;
  total: string;
  /** Cash sales only: what was handed over and the change given back. */
  tendered: string | null;
  change: string | null;
  /** `quantity` is worded with its unit ("2.5 斤"); `price` is the unit price of `unit`. */
  lines: { name: string; quantity: string; unit: UnitCode; price: string; amount: string }[];
  /** What was refunded or voided of the sale so far; null when nothing was. */
  returned: string | null;
  qrSvg: string;
  publicUrl: string;
}

/** What a receipt shows, in the reader's language (amounts left to the component), with the QR code of its public page. */
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
    total: toAmountString(total),
    tendered: sale.tendered ? toAmountString(new D(sale.tendered)) : null,
    change: sale.tendered ? toAmountString(new D(sale.tendered).minus(total)) : null,
    lines: view.lines.map((l) => ({
      name: pick(lang, l.nameZh, l.nameEn),
      quantity: formatQty(l.quantity, l.unit, lang),
      unit: l.unit,
      price: toAmountString(new D(l.unitPrice)),
      amount: toAmountString(new D(l.amount)),
    })),
    returned: returned && !returned.isZero() ? toAmountString(returned) : null,
    qrSvg,
    publicUrl,
  };
}



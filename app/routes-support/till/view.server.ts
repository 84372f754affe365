import { data } from "@remix-run/node";
import QRCode from "qrcode";
import { GoodsError, chinaDateTime } from "~/domain/catalog";
import { LedgerError } from "~/domain/ledger";
import { D, formatCNY } from "~/domain/money";
import { StockError } from "~/domain/stock";
import { TillError, type TillErrorCode } from "~/domain/till";
import { UnitError } from "~/domain/units";
import type { SaleView } from "~/models/till/sales.server";
import { formatPrice, formatQty } from "~/routes-support/goods/format";
import { type Lang, type MessageKey, type Translate, pick } from "~/utils/i18n";
import { ledgerErrorMessage } from "~/routes-support/ledger/format";

/** Every till refusal, in words (a missing code does not compile). */
export const TILL_MESSAGES: Record<TillErrorCode, MessageKey> = {
  EMPTY_SALE: "till.error.empty",
  PRODUCT_UNAVAILABLE: "till.error.unavailable",
  PARTNER_UNSUPPORTED: "till.error.partner",
  TENDER_TOO_LOW: "till.error.tender",
  REFERENCE_REQUIRED: "till.error.reference",
  SESSION_REQUIRED: "till.error.sessionRequired",
  SESSION_OPEN: "till.error.sessionOpen",
  SESSION_CLOSED: "till.error.sessionClosed",
  SESSION_NOT_FOUND: "till.error.sessionNotFound",
  SALE_NOT_FOUND: "till.error.saleNotFound",
  VOID_SAME_DAY: "till.error.voidSameDay",
  NOTHING_TO_RETURN: "till.error.nothingToReturn",
  RETURN_TOO_LARGE: "till.error.returnTooLarge",
  REASON_REQUIRED: "till.error.reason",
  PAYOUT_ABOVE_OWED: "till.error.aboveOwed",
  HOUSEHOLD_NOT_FOUND: "till.error.householdNotFound",
  KEY_REUSED: "till.error.key",
};

/**
 * A rule the till refused, as a response: 409 when the state of things forbids it (stock, a
 * closed session or period), 422 when the request itself breaks a rule. Null when not ours.
 */
export function tillRefusal(error: unknown, t: Translate, values: Record<string, string>) {
  let message: string | null = null;
  let status = 422;
  if (error instanceof TillError) {
    message = t(TILL_MESSAGES[error.code]);
    status = ["SESSION_REQUIRED", "SESSION_OPEN", "SESSION_CLOSED", "PAYOUT_ABOVE_OWED", "VOID_SAME_DAY", "RETURN_TOO_LARGE", "NOTHING_TO_RETURN"].includes(error.code) ? 409 : 422;
  } else if (error instanceof StockError) {
    message = t("till.error.stock");
    status = 409;
  } else if (error instanceof GoodsError) {
    message = t("till.error.unavailable");
    status = 409;
  } else if (error instanceof UnitError) {
    message = t("till.error.quantity");
  } else if (error instanceof LedgerError) {
    message = ledgerErrorMessage(t, error.code);
    status = error.code === "PERIOD_CLOSED" ? 409 : 422;
  }
  if (!message) return null;
  return data({ errors: { form: message } as Record<string, string>, values }, { status });
}

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
export async function receiptView(view: SaleView, lang: Lang, origin: string, returned: InstanceType<typeof D> | null): Promise<ReceiptView> {
  const { sale } = view;
  const publicUrl = `${origin}/r/${sale.publicToken}`;
  const qrSvg = await QRCode.toString(publicUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const total = new D(sale.total);
  return {
    number: sale.number,
    at: chinaDateTime(sale.soldAt),
    payment: sale.payment,
    reference: sale.paymentReference,
    total: formatCNY(total, lang),
    tendered: sale.tendered ? formatCNY(new D(sale.tendered), lang) : null,
    change: sale.tendered ? formatCNY(new D(sale.tendered).minus(total), lang) : null,
    lines: view.lines.map((l) => ({
      name: pick(lang, l.nameZh, l.nameEn),
      quantity: formatQty(l.quantity, l.unit, lang),
      price: formatPrice(l.unitPrice, l.unit, lang),
      amount: formatCNY(new D(l.amount), lang),
    })),
    returned: returned && !returned.isZero() ? formatCNY(returned, lang) : null,
    qrSvg,
    publicUrl,
  };
}



import { sql } from "drizzle-orm";

/** What a source document looks like, shared by the per-source readers (sources-*.server.ts) and the dispatcher (sources.server.ts). */

export interface DocLine {
  product: string;
  productEn: string;
  unit: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  commission: string;
  owner: string;
}

export type SourceDocument =
  | { kind: "sale"; number: number; date: string; payment: string; total: string; lines: DocLine[]; returns: { kind: string; date: string; amount: string; reason: string }[] }
  | { kind: "payout"; number: number; date: string; household: string; amount: string; method: string }
  | { kind: "cash_count"; date: string; openingFloat: string; expected: string; counted: string; difference: string }
  | {
      kind: "order";
      number: number;
      status: string;
      payment: string;
      fulfilment: string;
      placedAt: string;
      paidAt: string | null;
      buyerName: string;
      buyerPhone: string;
      goodsTotal: string;
      deliveryFee: string;
      total: string;
      refunded: string;
      lines: DocLine[];
      history: { at: string; event: string; from: string | null; to: string; actor: string }[];
      payments: { attempt: number; amount: string; status: string; paidAt: string | null }[];
      refunds: { at: string; kind: string; amount: string; status: string }[];
    }
  | {
      kind: "delivery";
      number: number;
      date: string;
      dueDate: string;
      partner: string;
      partnerEn: string;
      orderNumber: number;
      amount: string;
      commission: string;
      lines: { produce: string; unit: string; household: string; quantity: string; unitPrice: string; amount: string; commission: string; share: string }[];
    }
  | { kind: "remittance"; number: number; date: string; partner: string; partnerEn: string; amount: string; method: string; reference: string }
  | {
      kind: "partner_payment";
      number: number;
      date: string;
      partner: string;
      partnerEn: string;
      amount: string;
      method: string;
      reference: string;
      order: { number: number; status: string; deliveryDate: string; delivered: string; paid: string; outstanding: string; lines: { produce: string; unit: string; quantity: string; delivered: string; unitPrice: string }[] };
    }
  | {
      kind: "expense";
      date: string;
      expenseKind: string;
      amount: string;
      overReserve: string;
      paidFrom: string;
      payee: string;
      note: string;
      status: string;
      receiptHash: string;
      recordedBy: string;
      decidedBy: string | null;
      decidedAt: string | null;
      decisionNote: string;
    }
  | {
      kind: "allocation";
      period: string;
      revision: number;
      status: string;
      rate: string;
      commission: string;
      allocation: string;
      preparedBy: string;
      sealedAt: string | null;
      seal: string | null;
      closingNumber: number | null;
      signatures: { role: string; name: string; at: string }[];
    }
  | { kind: "adjustment"; date: string; reason: string; draftedBy: string; decidedBy: string | null; decidedAt: string | null; note: string }
  | { kind: "opening"; date: string; station: string }
  | { kind: "other"; type: string };

/** Station time (UTC+8, no daylight saving) of a timestamptz column, as SQL text. */
export const stationTime = (column: string) => sql.raw(`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD HH24:MI')`);

export interface SourceRef {
  stationId: string;
  type: string;
  id: string;
  date: string;
}


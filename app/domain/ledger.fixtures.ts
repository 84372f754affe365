import { expect } from "vitest";
import { ACCOUNTS } from "./chart-of-accounts";
import { type CanonicalJournalInput, type JournalDraft, type JournalLine, LedgerError, type LedgerErrorCode } from "./ledger";
import { D } from "./money";

/** Shared by ledger.test.ts and ledger-chain.test.ts: a station, a household, a sale's draft, a journal header. */
export const STATION = "6f1c1b9e-0000-4000-8000-000000000001";
export const H1 = { kind: "household" as const, id: "a0000000-0000-4000-8000-000000000001" };

export function saleDraft(over: Partial<JournalDraft> = {}): JournalDraft {
  return {
    stationId: STATION,
    businessDate: "2024-05-01",
    memo: "售出土鸡蛋 10 斤",
    source: { type: "sale", id: "sale-1" },
    idempotencyKey: "sale-1",
    currency: "CNY",
    lines: [
      { accountCode: ACCOUNTS.paymentClearing, amount: new D("100.00") },
      { accountCode: ACCOUNTS.householdPayable, amount: new D("-85.00"), subledger: H1 },
      { accountCode: ACCOUNTS.commissionIncomeProduce, amount: new D("-15.00") },
    ],
    ...over,
  };
}

export function expectLedgerError(fn: () => unknown, code: LedgerErrorCode, line?: number) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LedgerError);
    expect((e as LedgerError).code).toBe(code);
    if (line !== undefined) expect((e as LedgerError).line).toBe(line);
    return;
  }
  throw new Error(`expected LedgerError ${code}, nothing was thrown`);
}

export const line = (accountCode: string, amount: string, subledger?: JournalLine["subledger"]): JournalLine =>
  subledger ? { accountCode, amount: new D(amount), subledger } : { accountCode, amount: new D(amount) };

export function header(number: number, over: Partial<CanonicalJournalInput> = {}): CanonicalJournalInput {
  return {
    id: `00000000-0000-4000-8000-${String(number).padStart(12, "0")}`,
    stationId: STATION,
    number,
    businessDate: "2024-05-01",
    memo: `journal ${number}`,
    source: { type: "sale", id: `sale-${number}` },
    idempotencyKey: `sale-${number}`,
    currency: "CNY",
    createdBy: "user-1",
    approvedBy: null,
    reversesJournalId: null,
    ...over,
  };
}

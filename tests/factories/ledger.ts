import { randomUUID } from "node:crypto";
import { type sql } from "drizzle-orm";
import type { Db } from "../../db/client.server";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { type PostLine, postJournal, type Posted, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { systemUserId } from "../../app/models/identity/users.server";

let sequence = 0;

/** A balanced two-line journal (cash in, collective fund) unless lines are given, posted in its own transaction. */
export async function postTestJournal(
  db: Db,
  stationId: string,
  overrides: { date?: string; memo?: string; key?: string; lines?: PostLine[]; amount?: string; createdBy?: string } = {},
): Promise<Posted> {
  const n = ++sequence;
  const amount = overrides.amount ?? "100.00";
  const createdBy = overrides.createdBy ?? (await systemUserId(db));
  return withLedgerRetry(db, (tx) =>
    postJournal(tx, {
      stationId,
      date: overrides.date ?? "2025-06-15",
      memo: overrides.memo ?? `测试凭证 ${n}`,
      source: { type: "opening", id: `test-${n}` },
      idempotencyKey: overrides.key ?? `test:${n}:${randomUUID()}`,
      lines: overrides.lines ?? [
        { accountCode: ACCOUNTS.cash, amount },
        { accountCode: ACCOUNTS.collectiveFund, amount: `-${amount}` },
      ],
      createdBy,
    }),
  );
}

/** Rows of a raw query on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

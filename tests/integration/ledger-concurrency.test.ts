import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { D } from "../../app/domain/money";
import { accountBalances } from "../../app/models/ledger/read.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { type PostJournalInput, postJournal, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeStation } from "../factories/geography";
import { rows } from "../factories/ledger";
import { testDb } from "../support/db";

/**
 * Real concurrency needs real connections: PostgreSQL only. PGlite has a single connection,
 * so it cannot show row-lock contention, deadlocks or serialisation failures (ADR 003).
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("ledger-concurrency: not run on PGlite (one connection, no row-lock contention); set DATABASE_URL to run it on PostgreSQL.");
}

const CLIENTS = 8;

describe.runIf(onPostgres)("concurrent posting on PostgreSQL", () => {
  it("8 connections posting to the same accounts finish with exact balances, gap-free numbers and an intact chain", async () => {
    const db = testDb();
    const system = await systemUserId(db);
    const [a, b] = [await makeStation(db), await makeStation(db)];
    const perClient = 20;
    let retries = 0;
    const posting = (stationId: string, client: number, i: number): PostJournalInput => ({
      stationId,
      date: `2025-0${1 + (i % 3)}-1${client}`,
      memo: `并发 ${client}-${i}`,
      source: { type: "sale", id: `c${client}-${i}` },
      idempotencyKey: `c${client}:${i}`,
      lines: [
        { accountCode: ACCOUNTS.paymentClearing, amount: `${client + 1}.0${i % 10}` },
        { accountCode: ACCOUNTS.commissionIncomeProduce, amount: `-${client + 1}.0${i % 10}` },
      ],
      createdBy: system,
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = 0; i < perClient; i++) {
          // Every fourth transaction posts at both stations, taking the chain heads in a fixed
          // order (by station id) as ADR 007 prescribes, so they cannot deadlock each other.
          const both = i % 4 === 0;
          const stations = both ? [a, b].sort((x, y) => (x.id < y.id ? -1 : 1)) : [a];
          await withLedgerRetry(
            db,
            async (tx) => {
              for (const s of stations) await postJournal(tx, posting(s.id, client, i));
            },
            { onRetry: () => retries++ },
          );
        }
      }),
    );
    // Every client finished, none saw a deadlock or serialisation failure.
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);

    let expectedA = new D(0);
    let expectedB = new D(0);
    for (let client = 0; client < CLIENTS; client++) {
      for (let i = 0; i < perClient; i++) {
        const amount = new D(`${client + 1}.0${i % 10}`);
        expectedA = expectedA.plus(amount);
        if (i % 4 === 0) expectedB = expectedB.plus(amount);
      }
    }
    const balancesA = await accountBalances(db, { stationId: a.id, asOf: "2025-12-31" });
    expect(balancesA.get(ACCOUNTS.paymentClearing)?.net.toFixed(2)).toBe(expectedA.toFixed(2));
    expect(balancesA.get(ACCOUNTS.commissionIncomeProduce)?.net.toFixed(2)).toBe(expectedA.neg().toFixed(2));
    const balancesB = await accountBalances(db, { stationId: b.id, asOf: "2025-12-31" });
    expect(balancesB.get(ACCOUNTS.paymentClearing)?.net.toFixed(2)).toBe(expectedB.toFixed(2));

    const numbers = await rows<{ station_id: string; n: number; max: number }>(
      db,
      sql`select station_id, count(*)::int as n, max(number) as max from ledger_journals group by station_id`,
    );
    const countA = CLIENTS * perClient;
    const countB = CLIENTS * Math.ceil(perClient / 4);
    expect(numbers.find((r) => r.station_id === a.id)).toMatchObject({ n: countA, max: countA });
    expect(numbers.find((r) => r.station_id === b.id)).toMatchObject({ n: countB, max: countB });
    expect(await verifyStation(db, { stationId: a.id, code: a.code })).toMatchObject({ ok: true, journals: countA });
    expect(await verifyStation(db, { stationId: b.id, code: b.code })).toMatchObject({ ok: true, journals: countB });
    console.info(`ledger-concurrency: ${countA + countB} journals from ${CLIENTS} connections, ${retries} deadlock/serialisation retries absorbed`);
  }, 120_000);

  it("retries a deadlock inside the model, so the caller never sees it", async () => {
    const db = testDb();
    const system = await systemUserId(db);
    const [a, b] = [await makeStation(db), await makeStation(db)];
    // Two transactions that lock the heads in opposite orders and meet in the middle: a
    // deadlock for sure, on the first attempt only (the rendezvous is one-shot).
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const rendezvous = async () => {
      if (++arrived === 2) release();
      await bothHoldOne;
    };
    let retries = 0;
    const transfer = (first: typeof a, second: typeof a, key: string) =>
      withLedgerRetry(
        db,
        async (tx) => {
          await tx.execute(sql`set local deadlock_timeout = '50ms'`);
          const line = (n: string) => [
            { accountCode: ACCOUNTS.cash, amount: n },
            { accountCode: ACCOUNTS.otherIncome, amount: `-${n}` },
          ];
          const post = (s: typeof a) =>
            postJournal(tx, { stationId: s.id, date: "2025-05-02", memo: "两站同时记账", source: { type: "sale", id: key }, idempotencyKey: key, lines: line("1.00"), createdBy: system });
          await post(first);
          if (arrived < 2) await rendezvous();
          await post(second);
        },
        { onRetry: () => retries++ },
      );
    const results = await Promise.allSettled([transfer(a, b, "t1"), transfer(b, a, "t2")]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(retries).toBeGreaterThanOrEqual(1);
    for (const s of [a, b]) expect(await verifyStation(db, { stationId: s.id, code: s.code })).toMatchObject({ ok: true, journals: 2 });
  });

  it("posts one journal when 8 connections replay the same request at once", async () => {
    const db = testDb();
    const system = await systemUserId(db);
    const station = await makeStation(db);
    const input: PostJournalInput = {
      stationId: station.id,
      date: "2025-05-01",
      memo: "同一笔收款，重复提交",
      source: { type: "sale", id: "sale-77" },
      idempotencyKey: "sale:77",
      lines: [
        { accountCode: ACCOUNTS.paymentClearing, amount: "77.00" },
        { accountCode: ACCOUNTS.commissionIncomeProduce, amount: "-77.00" },
      ],
      createdBy: system,
    };
    const results = await Promise.all(Array.from({ length: CLIENTS }, () => withLedgerRetry(db, (tx) => postJournal(tx, input))));
    expect(new Set(results.map((r) => r.journal.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const [{ n }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_journals where station_id = ${station.id}`)) as [{ n: number }];
    expect(n).toBe(1);
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS, TEMPLATE_ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { canonicalJournal, chainHash, GENESIS_HASH, LedgerError, type LedgerErrorCode } from "../../app/domain/ledger";
import { D } from "../../app/domain/money";
import { loadChart } from "../../app/models/ledger/accounts.server";
import { closePeriod } from "../../app/models/ledger/periods.server";
import { accountBalances } from "../../app/models/ledger/read.server";
import { canonicalInput } from "../../app/models/ledger/shared.server";
import { type PostJournalInput, postJournal, reverseJournal, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { systemUserId } from "../../app/models/identity/users.server";
import type { Db } from "../../db/client.server";
import { users } from "../../db/schema/identity";
import { ledgerJournals } from "../../db/schema/ledger";
import { makeHouseholdsWithIds } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { postTestJournal, rows } from "../factories/ledger";
import { testDb } from "../support/db";

type Station = Awaited<ReturnType<typeof makeStation>>;
const HOUSEHOLD = "a0000000-0000-4000-8000-000000000001";

async function expectLedgerError(promise: Promise<unknown>, code: LedgerErrorCode): Promise<LedgerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected LedgerError ${code}`).toBeInstanceOf(LedgerError);
  expect((error as LedgerError).code, (error as Error).message).toBe(code);
  return error as LedgerError;
}

async function journalsOf(db: Db, stationId: string): Promise<number> {
  return db.$count(ledgerJournals, eq(ledgerJournals.stationId, stationId));
}

describe("a station's ledger", () => {
  let db: Db;
  let station: Station;
  let system: string;
  beforeEach(async () => {
    db = testDb();
    station = await makeStation(db);
    await makeHouseholdsWithIds(db, station.id, [HOUSEHOLD]);
    system = await systemUserId(db);
  });

  const sale = (over: Partial<PostJournalInput> = {}): PostJournalInput => ({
    stationId: station.id,
    date: "2025-05-01",
    memo: "售出土鸡蛋 10 斤",
    source: { type: "sale", id: "sale-1" },
    idempotencyKey: "sale:1",
    lines: [
      { accountCode: ACCOUNTS.paymentClearing, amount: "100.00" },
      { accountCode: ACCOUNTS.householdPayable, amount: "-85.00", subledger: { kind: "household", id: HOUSEHOLD } },
      { accountCode: ACCOUNTS.commissionIncomeProduce, amount: "-15.00" },
    ],
    createdBy: system,
    ...over,
  });

  it("is created with the station: the template chart and an empty chain", async () => {
    const chart = await loadChart(db, { stationId: station.id });
    expect([...chart.accounts.keys()].sort()).toEqual(TEMPLATE_ACCOUNTS.map((a) => a.code).sort());
    expect(chart.accounts.get("21101")).toMatchObject({ subledger: "household", postable: true });
    expect(chart.accounts.get("102")).toMatchObject({ postable: false });
    const [head] = await rows<{ n: number; h: string }>(db, sql`select last_number as n, last_hash as h from ledger_chain_heads where station_id = ${station.id}`);
    expect(head).toEqual({ n: 0, h: GENESIS_HASH });
  });

  it("posts journals numbered 1, 2, … each hashed onto the one before", async () => {
    const first = await withLedgerRetry(db, (tx) => postJournal(tx, sale()));
    const second = await withLedgerRetry(db, (tx) => postJournal(tx, sale({ idempotencyKey: "sale:2", source: { type: "sale", id: "sale-2" } })));
    expect(first.replayed).toBe(false);
    expect([first.journal.number, second.journal.number]).toEqual([1, 2]);
    expect(first.journal.prevHash).toBe(GENESIS_HASH);
    expect(second.journal.prevHash).toBe(first.journal.hash);
    expect(second.journal.hash).toBe(chainHash(first.journal.hash, canonicalJournal(canonicalInput(second.journal), second.journal.lines)));
    const balances = await accountBalances(db, { stationId: station.id, asOf: "2025-05-31" });
    expect(balances.get("10202")?.net.toFixed(2)).toBe("200.00");
    expect(balances.get("21101")?.net.toFixed(2)).toBe("-170.00");
  });

  it("returns the first journal when the same request is replayed, and posts nothing", async () => {
    const first = await withLedgerRetry(db, (tx) => postJournal(tx, sale()));
    // Same content: lines in another order, amounts written differently.
    const again = await withLedgerRetry(db, (tx) =>
      postJournal(
        tx,
        sale({
          lines: [
            { accountCode: ACCOUNTS.commissionIncomeProduce, amount: "-15" },
            { accountCode: ACCOUNTS.paymentClearing, amount: new D(100) },
            { accountCode: ACCOUNTS.householdPayable, amount: "-85.0", subledger: { kind: "household", id: HOUSEHOLD.toUpperCase() } },
          ],
        }),
      ),
    );
    expect(again.replayed).toBe(true);
    expect(again.journal.id).toBe(first.journal.id);
    expect(await journalsOf(db, station.id)).toBe(1);
  });

  it("refuses the same key with different content", async () => {
    await withLedgerRetry(db, (tx) => postJournal(tx, sale()));
    await expectLedgerError(
      withLedgerRetry(db, (tx) =>
        postJournal(
          tx,
          sale({
            lines: [
              { accountCode: ACCOUNTS.paymentClearing, amount: "100.00" },
              { accountCode: ACCOUNTS.commissionIncomeProduce, amount: "-100.00" },
            ],
          }),
        ),
      ),
      "IDEMPOTENCY_CONFLICT",
    );
    await expectLedgerError(withLedgerRetry(db, (tx) => postJournal(tx, sale({ memo: "another memo" }))), "IDEMPOTENCY_CONFLICT");
    expect(await journalsOf(db, station.id)).toBe(1);
  });

  it.each<[string, Partial<PostJournalInput>, LedgerErrorCode]>([
    ["unbalanced", { lines: [{ accountCode: "101", amount: "10.00" }, { accountCode: "31102", amount: "-9.00" }] }, "UNBALANCED"],
    ["empty", { lines: [] }, "TOO_FEW_LINES"],
    ["one line", { lines: [{ accountCode: "101", amount: "10.00" }] }, "TOO_FEW_LINES"],
    ["zero line", { lines: [{ accountCode: "101", amount: "0.00" }, { accountCode: "31102", amount: "0" }] }, "ZERO_LINE"],
    ["sub-fen", { lines: [{ accountCode: "101", amount: "0.005" }, { accountCode: "31102", amount: "-0.005" }] }, "TOO_MANY_DECIMALS"],
    ["not an amount", { lines: [{ accountCode: "101", amount: "1e3" }, { accountCode: "31102", amount: "-1000" }] }, "INVALID_AMOUNT"],
    ["a parent account", { lines: [{ accountCode: "102", amount: "1.00" }, { accountCode: "31102", amount: "-1.00" }] }, "NOT_POSTABLE"],
    ["an unknown account", { lines: [{ accountCode: "10299", amount: "1.00" }, { accountCode: "31102", amount: "-1.00" }] }, "UNKNOWN_ACCOUNT"],
    ["a household missing", { lines: [{ accountCode: "21101", amount: "-1.00" }, { accountCode: "101", amount: "1.00" }] }, "SUBLEDGER_REQUIRED"],
    [
      "a household id that is not one",
      { lines: [{ accountCode: "21101", amount: "-1.00", subledger: { kind: "household", id: "h-1" } }, { accountCode: "101", amount: "1.00" }] },
      "BAD_SUBLEDGER_ID",
    ],
    ["a bad date", { date: "2025-02-30" }, "BAD_DATE"],
    ["no memo", { memo: " " }, "BAD_MEMO"],
    ["an adjustment nobody approved", { source: { type: "adjustment", id: "d-1" } }, "BAD_SOURCE"],
    ["a reversal without reverseJournal", { source: { type: "reversal", id: "x" } }, "BAD_SOURCE"],
  ])("refuses %s with a typed error and writes nothing", async (_name, over, code) => {
    await expectLedgerError(withLedgerRetry(db, (tx) => postJournal(tx, sale(over))), code);
    expect(await journalsOf(db, station.id)).toBe(0);
    const [totals] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_month_totals`);
    expect(totals!.n).toBe(0);
  });

  it("refuses another station's own sub-account (each station posts to its own chart)", async () => {
    const other = await makeStation(db);
    await db.execute(sql`insert into ledger_accounts (station_id, code, parent_code, name_zh, name_en, category, normal_side, postable)
      values (${other.id}, '10203', '102', '银行存款—信用社', 'Bank — credit union', 'asset', 'debit', true)`);
    const lines = [
      { accountCode: "10203", amount: "50.00" },
      { accountCode: "31102", amount: "-50.00" },
    ];
    await expectLedgerError(withLedgerRetry(db, (tx) => postJournal(tx, sale({ lines }))), "UNKNOWN_ACCOUNT");
    const posted = await withLedgerRetry(db, (tx) => postJournal(tx, sale({ stationId: other.id, lines })));
    expect(posted.journal.stationId).toBe(other.id);
  });

  it("refuses a journal dated in a closed month", async () => {
    await closePeriod(db, { stationId: station.id, month: "2025-05", closedBy: system });
    await expectLedgerError(withLedgerRetry(db, (tx) => postJournal(tx, sale())), "PERIOD_CLOSED");
    const june = await withLedgerRetry(db, (tx) => postJournal(tx, sale({ date: "2025-06-01" })));
    expect(june.journal.number).toBe(1);
  });

  it("commits or fails with the caller's transaction: numbers stay gap-free", async () => {
    await expect(
      withLedgerRetry(db, async (tx) => {
        await postJournal(tx, sale());
        throw new Error("the sale could not be saved");
      }),
    ).rejects.toThrow("the sale could not be saved");
    expect(await journalsOf(db, station.id)).toBe(0);
    const posted = await withLedgerRetry(db, (tx) => postJournal(tx, sale()));
    expect(posted.journal.number).toBe(1);
  });

  it("reverses a journal with its mirror image, linked both ways, once", async () => {
    const { journal } = await withLedgerRetry(db, (tx) => postJournal(tx, sale()));
    const reverse = (key: string) =>
      withLedgerRetry(db, (tx) =>
        reverseJournal(tx, { stationId: station.id, journalId: journal.id, date: "2025-05-03", memo: "冲销：录错金额", idempotencyKey: key, createdBy: system }),
      );
    const reversal = await reverse("reverse:1");
    expect(reversal.journal).toMatchObject({ number: 2, reversesJournalId: journal.id, source: { type: "reversal", id: journal.id } });
    expect(reversal.journal.lines.map((l) => [l.accountCode, l.amount.toFixed(2)])).toEqual(
      journal.lines.map((l) => [l.accountCode, l.amount.neg().toFixed(2)]),
    );
    const balances = await accountBalances(db, { stationId: station.id, asOf: "2025-12-31" });
    for (const b of balances.values()) expect(b.net.isZero()).toBe(true);
    expect((await reverse("reverse:1")).replayed).toBe(true);
    await expectLedgerError(reverse("reverse:again"), "ALREADY_REVERSED");
    const other = await makeStation(db);
    await expectLedgerError(
      withLedgerRetry(db, (tx) =>
        reverseJournal(tx, { stationId: other.id, journalId: journal.id, date: "2025-05-03", memo: "冲销", idempotencyKey: "r", createdBy: system }),
      ),
      "UNKNOWN_JOURNAL",
    );
    expect(await journalsOf(db, station.id)).toBe(2);
  });

  it("reports an unbalanced journal found only at COMMIT as a LedgerError", async () => {
    const [headRow] = await rows<{ h: string }>(db, sql`select last_hash as h from ledger_chain_heads where station_id = ${station.id}`);
    await expectLedgerError(
      withLedgerRetry(db, async (tx) => {
        await tx.execute(sql`insert into ledger_journals (id, station_id, number, business_date, memo, source_type, source_id, idempotency_key, created_by, prev_hash, hash)
          values ('b0000000-0000-4000-8000-000000000001', ${station.id}, 1, '2025-05-01', 'raw', 'opening', 'x', 'x', ${system}, ${headRow!.h}, ${"f".repeat(64)})`);
        await tx.execute(sql`insert into ledger_postings (journal_id, station_id, business_date, account_code, amount)
          values ('b0000000-0000-4000-8000-000000000001', ${station.id}, '2025-05-01', '101', 5)`);
      }),
      "TOO_FEW_LINES",
    );
  });

  it("retries serialisation failures and deadlocks around the whole transaction", async () => {
    let attempts = 0;
    const result = await withLedgerRetry(db, async (tx) => {
      attempts++;
      await postJournal(tx, sale());
      if (attempts < 3) throw Object.assign(new Error(attempts === 1 ? "could not serialize access" : "deadlock detected"), { code: attempts === 1 ? "40001" : "40P01" });
      return "done";
    });
    expect(result).toBe("done");
    expect(attempts).toBe(3);
    expect(await journalsOf(db, station.id)).toBe(1);
  });

  it("has one system user, who cannot sign in", async () => {
    expect(await systemUserId(db)).toBe(system);
    const [user] = await db.select().from(users).where(eq(users.id, system));
    expect(user).toMatchObject({ username: "system", status: "inactive", passwordHash: null });
    const posted = await postTestJournal(db, station.id);
    expect(posted.journal.createdBy).toBe(system);
  });
});

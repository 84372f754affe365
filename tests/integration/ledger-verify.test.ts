import { asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { canonicalJournal, chainHash, GENESIS_HASH } from "../../app/domain/ledger";
import { closePeriod } from "../../app/models/ledger/periods.server";
import { canonicalInput, withLines } from "../../app/models/ledger/shared.server";
import { verifyLedger } from "../../app/models/ledger/verify.server";
import { systemUserId } from "../../app/models/identity/users.server";
import type { Db } from "../../db/client.server";
import { ledgerJournals } from "../../db/schema/ledger";
import { runLedgerCommand } from "../../scripts/ledger";
import { makeStation } from "../factories/geography";
import { postTestJournal, rows } from "../factories/ledger";
import { testDb } from "../support/db";

type Station = Awaited<ReturnType<typeof makeStation>>;

/** What a superuser can do: statements run with every trigger (and foreign key) switched off. */
async function asSuperuserWithoutTriggers(db: Db, statements: ReturnType<typeof sql>[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(s);
  });
}

async function cli(db: Db, ...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runLedgerCommand(db, argv, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
  return { code, out: lines.join("\n") };
}

describe("ledger verify", () => {
  let db: Db;
  let station: Station;
  let journals: Awaited<ReturnType<typeof postTestJournal>>["journal"][];
  beforeEach(async () => {
    db = testDb();
    station = await makeStation(db, { code: "verify-me" });
    journals = [];
    for (const [date, amount] of [
      ["2025-01-05", "10.00"],
      ["2025-01-20", "25.50"],
      ["2025-02-03", "7.25"],
      ["2025-02-28", "100.00"],
    ] as const) {
      journals.push((await postTestJournal(db, station.id, { date, amount })).journal);
    }
  });

  it("passes untouched books, and says so on the command line", async () => {
    const [result] = (await verifyLedger(db, { code: station.code }))!;
    expect(result).toMatchObject({ ok: true, journals: 4, head: journals[3]!.hash });
    const run = await cli(db, "verify", "--station", station.code);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/ok {3}verify-me: 4 journals/);
  });

  it("names the journal whose posting a superuser edited with triggers disabled, and exits non-zero", async () => {
    const target = journals[1]!;
    await asSuperuserWithoutTriggers(db, [sql`update ledger_postings set amount = amount - 1 where journal_id = ${target.id} and amount > 0`]);
    const [result] = (await verifyLedger(db, { code: station.code }))!;
    expect(result).toMatchObject({ ok: false, problem: "UNBALANCED", number: 2, journalId: target.id });
    const run = await cli(db, "verify");
    expect(run.code).toBe(1);
    expect(run.out).toContain(`FAIL verify-me: journal 2 (${target.id})`);
  });

  it("names an edit that keeps the journal balanced (content no longer matches its hash)", async () => {
    const target = journals[2]!;
    await asSuperuserWithoutTriggers(db, [sql`update ledger_postings set amount = -amount where journal_id = ${target.id}`]);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: false, problem: "HASH", number: 3 });
  });

  it("names the gap a deleted journal leaves, and a journal moved to another place", async () => {
    await asSuperuserWithoutTriggers(db, [
      sql`delete from ledger_postings where journal_id = ${journals[1]!.id}`,
      sql`delete from ledger_journals where id = ${journals[1]!.id}`,
    ]);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: false, problem: "NUMBERING", number: 3, journalId: journals[2]!.id });
  });

  it("catches a whole rewritten chain against the head published when a month was closed", async () => {
    await closePeriod(db, { stationId: station.id, month: "2025-01", closedBy: await systemUserId(db), today: "2025-03-01" });
    // Edit journal 1's memo and recompute every hash after it: the chain is consistent again…
    const stored = await withLines(db, await db.select().from(ledgerJournals).where(eq(ledgerJournals.stationId, station.id)).orderBy(asc(ledgerJournals.number)));
    let prev = GENESIS_HASH;
    const updates = stored.map((j, i) => {
      const memo = i === 0 ? "篡改的摘要" : j.memo;
      const hash = chainHash(prev, canonicalJournal(canonicalInput({ ...j, memo }), j.lines));
      const statement = sql`update ledger_journals set memo = ${memo}, prev_hash = ${prev}, hash = ${hash} where id = ${j.id}`;
      prev = hash;
      return statement;
    });
    await asSuperuserWithoutTriggers(db, [...updates, sql`update ledger_chain_heads set last_hash = ${prev} where station_id = ${station.id}`]);
    // …but the head published when January was closed (journal 4, the head at that moment) no longer matches.
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: false, problem: "CLOSING_HEAD", number: 4 });
  });

  it("checks the chain head and the month totals against the journals", async () => {
    await asSuperuserWithoutTriggers(db, [sql`update ledger_month_totals set debit = debit + 1 where station_id = ${station.id} and account_code = '101' and month = '2025-02-01'`]);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: false, problem: "MONTH_TOTALS" });
    await asSuperuserWithoutTriggers(db, [
      sql`update ledger_month_totals set debit = debit - 1 where station_id = ${station.id} and account_code = '101' and month = '2025-02-01'`,
      sql`update ledger_chain_heads set last_number = 3 where station_id = ${station.id}`,
    ]);
    expect((await verifyLedger(db, { code: station.code }))![0]).toMatchObject({ ok: false, problem: "HEAD" });
  });
});

describe("ledger trial-balance", () => {
  it("prints the screen's figures in a terminal", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "tb-cli" });
    await postTestJournal(db, station.id, { date: "2025-03-01", amount: "1234.50" });
    const run = await cli(db, "trial-balance", "--station", "tb-cli", "--as-of", "2025-03-31");
    expect(run.code).toBe(0);
    expect(run.out).toContain("2025-03-01 … 2025-03-31");
    expect(run.out).toMatch(/^101\s+0\.00\s+1234\.50\s+0\.00\s+1234\.50\s+库存现金$/m);
    expect(run.out).toContain("balanced: debits = credits");
    const english = await cli(db, "trial-balance", "--station", "tb-cli", "--as-of", "2025-03-31", "--lang", "en");
    expect(english.out).toMatch(/31102 .*Reserve — collective reserve and welfare fund/);
    expect((await cli(db, "trial-balance", "--as-of", "2025-03-31")).code).toBe(2);
    expect((await cli(db, "trial-balance", "--station", "nope")).code).toBe(2);
    expect((await cli(db, "frobnicate")).code).toBe(2);
    const [{ n }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_journals`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("exports a station's books for outside auditors in Beancount and CSV", async () => {
    const db = testDb();
    const station = await makeStation(db, { code: "bc-cli" });
    await postTestJournal(db, station.id, { date: "2025-03-01", amount: "1234.50" });
    await postTestJournal(db, station.id, { date: "2025-04-02", amount: "0.05" });
    const beancount = await cli(db, "export", "--station", "bc-cli", "--from", "2025-01-01", "--to", "2025-12-31");
    expect(beancount.code).toBe(0);
    expect(beancount.out).toMatch(/^\d{4}-\d{2}-\d{2} open Assets:/m);
    expect(beancount.out).toMatch(/^2025-03-01 \* /m);
    expect(beancount.out).toContain("1234.50 CNY");
    const csv = await cli(db, "export", "--station", "bc-cli", "--from", "2025-04-01", "--to", "2025-04-30", "--format", "csv");
    expect(csv.code).toBe(0);
    expect(csv.out).toContain("0.05");
    expect(csv.out).not.toContain("1234.50");
    expect((await cli(db, "export", "--station", "bc-cli", "--from", "2025-05-01", "--to", "2025-04-01")).code).toBe(2);
    expect((await cli(db, "export", "--station", "bc-cli", "--format", "xlsx")).code).toBe(2);
    expect((await cli(db, "export", "--station", "nope")).code).toBe(2);
  });
});

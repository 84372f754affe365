import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { LedgerError, type LedgerErrorCode } from "../../app/domain/ledger";
import { closePeriod } from "../../app/models/ledger/periods.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { dbErrorInfo } from "../../app/models/database/errors.server";
import { toLedgerError } from "../../app/models/ledger/shared.server";
import type { Db } from "../../db/client.server";
import { makeHousehold } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { postTestJournal, rows } from "../factories/ledger";
import { testDb } from "../support/db";

/**
 * The database refuses what the model refuses, whoever asks: each guard of ADR 007 meets raw
 * SQL here, on PGlite and on PostgreSQL.
 */

type Station = Awaited<ReturnType<typeof makeStation>>;

/** Runs raw statements in one transaction (committed unless one fails) and returns the LedgerError code it was refused with. */
async function refusal(db: Db, statements: string[]): Promise<LedgerErrorCode | "ACCEPTED" | string> {
  try {
    await db.transaction(async (tx) => {
      for (const s of statements) await tx.execute(sql.raw(s));
    });
    return "ACCEPTED";
  } catch (error) {
    const mapped = toLedgerError(error);
    if (mapped instanceof LedgerError) return mapped.code;
    throw error;
  }
}

async function head(db: Db, stationId: string): Promise<{ n: number; h: string }> {
  const [row] = await rows<{ n: number; h: string }>(db, sql`select last_number as n, last_hash as h from ledger_chain_heads where station_id = ${stationId}`);
  return row!;
}

/** A raw INSERT of a journal that continues the station's chain (the hash is not checked until `verify`). */
async function journalSql(db: Db, station: Station, options: { date?: string; key?: string; id?: string } = {}) {
  const { n, h } = await head(db, station.id);
  const id = options.id ?? randomUUID();
  const user = await systemUserId(db);
  const date = options.date ?? "2025-06-01";
  return {
    id,
    date,
    sql: `insert into ledger_journals (id, station_id, number, business_date, memo, source_type, source_id, idempotency_key, created_by, prev_hash, hash)
          values ('${id}', '${station.id}', ${n + 1}, '${date}', 'raw', 'opening', 'raw', '${options.key ?? `raw:${id}`}', '${user}', '${h}', '${"e".repeat(64)}')`,
  };
}

function postingSql(journal: { id: string; date: string }, stationId: string, account: string, amount: string) {
  return `insert into ledger_postings (journal_id, station_id, business_date, account_code, amount)
          values ('${journal.id}', '${stationId}', '${journal.date}', '${account}', ${amount})`;
}

describe("database guards on the ledger", () => {
  let db: Db;
  let station: Station;
  beforeEach(async () => {
    db = testDb();
    station = await makeStation(db);
  });

  it("accepts a balanced raw journal (so the refusals below are about their one rule)", async () => {
    const j = await journalSql(db, station);
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "10.00"), postingSql(j, station.id, "31102", "-10.00")])).toBe("ACCEPTED");
    expect((await head(db, station.id)).n).toBe(1);
    const totals = await rows<{ account_code: string; debit: string; credit: string }>(
      db,
      sql`select account_code, debit::text, credit::text from ledger_month_totals where station_id = ${station.id} order by account_code`,
    );
    expect(totals).toEqual([
      { account_code: "101", debit: "10.00", credit: "0.00" },
      { account_code: "31102", debit: "0.00", credit: "10.00" },
    ]);
  });

  it("refuses UPDATE and DELETE of a posting and of a journal", async () => {
    const { journal } = await postTestJournal(db, station.id);
    expect(await refusal(db, [`update ledger_postings set amount = amount * 2 where journal_id = '${journal.id}'`])).toBe("APPEND_ONLY");
    expect(await refusal(db, [`delete from ledger_postings where journal_id = '${journal.id}'`])).toBe("APPEND_ONLY");
    expect(await refusal(db, [`update ledger_journals set memo = 'changed' where id = '${journal.id}'`])).toBe("APPEND_ONLY");
    expect(await refusal(db, [`delete from ledger_journals where id = '${journal.id}'`])).toBe("APPEND_ONLY");
    const [row] = await rows<{ memo: string; n: number }>(
      db,
      sql`select j.memo, (select count(*)::int from ledger_postings p where p.journal_id = j.id) as n from ledger_journals j where j.id = ${journal.id}`,
    );
    expect(row).toEqual({ memo: journal.memo, n: 2 });
  });

  it("refuses, at commit, a journal whose postings do not sum to zero", async () => {
    const j = await journalSql(db, station);
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "10.00"), postingSql(j, station.id, "31102", "-9.99")])).toBe("UNBALANCED");
    expect(await rows(db, sql`select 1 from ledger_journals where id = ${j.id}`)).toHaveLength(0);
    expect((await head(db, station.id)).n).toBe(0);
  });

  it("refuses, at commit, a journal with one posting or none", async () => {
    const one = await journalSql(db, station);
    expect(await refusal(db, [one.sql, postingSql(one, station.id, "101", "10.00")])).toBe("TOO_FEW_LINES");
    const none = await journalSql(db, station);
    expect(await refusal(db, [none.sql])).toBe("TOO_FEW_LINES");
  });

  it("refuses a balancing pair slipped into a posted journal", async () => {
    const { journal } = await postTestJournal(db, station.id);
    const j = { id: journal.id, date: journal.businessDate };
    // Balanced, so the sum check alone would pass it: postings go in only with their journal.
    expect(await refusal(db, [postingSql(j, station.id, "101", "5.00"), postingSql(j, station.id, "31102", "-5.00")])).toBe("APPEND_ONLY");
    expect(await refusal(db, [postingSql(j, station.id, "101", "5.00")])).toBe("APPEND_ONLY");
    // Not even in the same transaction as a later journal of the station.
    const k = await journalSql(db, station);
    expect(await refusal(db, [k.sql, postingSql(k, station.id, "101", "1.00"), postingSql(k, station.id, "31102", "-1.00"), postingSql(j, station.id, "101", "5.00"), postingSql(j, station.id, "31102", "-5.00")])).toBe("APPEND_ONLY");
    const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ledger_postings where journal_id = ${journal.id}`);
    expect(count).toEqual({ n: 2 });
  });

  it("refuses a household posting that names no household of the station", async () => {
    const j = await journalSql(db, station);
    const foreign = await makeHousehold(db, await makeStation(db));
    const household = (id: string) =>
      `insert into ledger_postings (journal_id, station_id, business_date, account_code, amount, subledger_kind, household_id)
          values ('${j.id}', '${station.id}', '${j.date}', '21101', -1.00, 'household', '${id}')`;
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "1.00"), household(foreign.id)])).toBe("BAD_SUBLEDGER_ID");
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "1.00"), household("a0000000-0000-4000-8000-0000000000ff")])).toBe("BAD_SUBLEDGER_ID");
  });

  it("refuses a zero posting", async () => {
    const j = await journalSql(db, station);
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "0"), postingSql(j, station.id, "31102", "0.00")])).toBe("ZERO_LINE");
  });

  it("refuses a second journal with the same idempotency key at the station", async () => {
    await postTestJournal(db, station.id, { key: "sale:42" });
    const j = await journalSql(db, station, { key: "sale:42" });
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "1.00"), postingSql(j, station.id, "31102", "-1.00")])).toBe(
      "IDEMPOTENCY_CONFLICT",
    );
    // The same key at another station is another station's business.
    const other = await makeStation(db);
    const k = await journalSql(db, other, { key: "sale:42" });
    expect(await refusal(db, [k.sql, postingSql(k, other.id, "101", "1.00"), postingSql(k, other.id, "31102", "-1.00")])).toBe("ACCEPTED");
  });

  it("refuses journals and postings dated in a closed month, and never reopens it", async () => {
    await postTestJournal(db, station.id, { date: "2025-03-10" });
    const user = await systemUserId(db);
    const period = await closePeriod(db, { stationId: station.id, month: "2025-03", closedBy: user });
    expect(period).toMatchObject({ status: "closed", closingNumber: 1 });
    const j = await journalSql(db, station, { date: "2025-03-31" });
    expect(await refusal(db, [j.sql, postingSql(j, station.id, "101", "1.00"), postingSql(j, station.id, "31102", "-1.00")])).toBe("PERIOD_CLOSED");
    expect(await refusal(db, [`update ledger_periods set status = 'open', closed_at = null, closed_by = null, closing_number = null, closing_hash = null`])).toBe(
      "PERIOD_CLOSED",
    );
    expect(await refusal(db, [`delete from ledger_periods`])).toBe("PERIOD_CLOSED");
    const april = await journalSql(db, station, { date: "2025-04-01" });
    expect(await refusal(db, [april.sql, postingSql(april, station.id, "101", "1.00"), postingSql(april, station.id, "31102", "-1.00")])).toBe(
      "ACCEPTED",
    );
  });

  it("refuses a posting whose station differs from its journal's, or to a parent or wrong-kind account", async () => {
    const other = await makeStation(db);
    const j = await journalSql(db, station);
    expect(await refusal(db, [j.sql, postingSql(j, other.id, "101", "1.00"), postingSql(j, station.id, "31102", "-1.00")])).toBe("CROSS_STATION");
    const k = await journalSql(db, station);
    expect(await refusal(db, [k.sql, postingSql(k, station.id, "102", "1.00"), postingSql(k, station.id, "31102", "-1.00")])).toBe("NOT_POSTABLE");
    const m = await journalSql(db, station);
    expect(await refusal(db, [m.sql, postingSql(m, station.id, "21101", "-1.00"), postingSql(m, station.id, "101", "1.00")])).toBe(
      "SUBLEDGER_MISMATCH",
    );
    const u = await journalSql(db, station);
    expect(await refusal(db, [u.sql, postingSql(u, station.id, "999", "-1.00"), postingSql(u, station.id, "101", "1.00")])).toBe("UNKNOWN_ACCOUNT");
  });

  it("refuses a journal that does not continue its station's chain, and edits of the head", async () => {
    await postTestJournal(db, station.id);
    const j = await journalSql(db, station);
    const skipped = j.sql.replace(/, 2, '/, ", 3, '");
    expect(skipped).not.toBe(j.sql);
    expect(await refusal(db, [skipped, postingSql(j, station.id, "101", "1.00"), postingSql(j, station.id, "31102", "-1.00")])).toBe("CHAIN_CONFLICT");
    expect(await refusal(db, [`update ledger_chain_heads set last_number = 0`])).toBe("APPEND_ONLY");
    expect(await refusal(db, [`update ledger_month_totals set debit = 0`])).toBe("APPEND_ONLY");
  });

  it("keeps an account's code and kind, and gives no sub-account to an account with postings", async () => {
    await postTestJournal(db, station.id);
    const refusedBy = async (statement: string) => {
      try {
        await db.execute(sql.raw(statement));
        return "ACCEPTED";
      } catch (error) {
        return dbErrorInfo(error)?.constraint;
      }
    };
    const here = `station_id = '${station.id}'`;
    expect(await refusedBy(`update ledger_accounts set subledger_kind = 'household' where code = '101' and ${here}`)).toBe("ledger_accounts_rules");
    expect(await refusedBy(`update ledger_accounts set code = '10199' where code = '101' and ${here}`)).toBe("ledger_accounts_rules");
    expect(await refusedBy(`update ledger_accounts set name_en = 'Cash' where code = '101' and ${here}`)).toBe("ACCEPTED");
    const insertChild = (parent: string, code: string) =>
      `insert into ledger_accounts (station_id, code, parent_code, name_zh, name_en, category, normal_side, postable)
       values ('${station.id}', '${code}', '${parent}', '子科目', 'Sub', 'asset', 'debit', true)`;
    expect(await refusedBy(insertChild("101", "10101"))).toBe("ledger_accounts_rules");
    // A second bank under 102 (no postings on 102 itself): allowed, and 102 stays a parent.
    expect(await refusedBy(insertChild("102", "10203"))).toBe("ACCEPTED");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHART_TEMPLATE } from "../../app/domain/chart-of-accounts";
import { type AccountBalance, balances, type LedgerPosting, subledgerBalances as modelSubledgerBalances, trialBalance } from "../../app/domain/ledger";
import { D, toAmountString } from "../../app/domain/money";
import { loadChart } from "../../app/models/ledger/accounts.server";
import { accountBalances, getTrialBalance, subledgerBalances } from "../../app/models/ledger/read.server";
import { verifyStation } from "../../app/models/ledger/verify.server";
import { type PostJournalInput, postJournal, reverseJournal, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { systemUserId } from "../../app/models/identity/users.server";
import { makeHousehold } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { testDb } from "../support/db";

/**
 * Random sequences of postings, replays and reversals, run through the real database, leave
 * every balance, every sub-ledger balance and the trial balance of any period equal to what the
 * pure model (app/domain/ledger.ts) computes from the same postings, with debits = credits and
 * an intact hash chain.
 */

const PARTIES = {
  partner: ["b0000000-0000-4000-8000-00000000000a", "b0000000-0000-4000-8000-00000000000b"],
};
const POSTABLE = [...CHART_TEMPLATE.accounts.values()].filter((a) => a.postable);

// Three months around a year end, so whole months, partial months and year boundaries all occur.
const day = fc.integer({ min: 0, max: 119 }).map((n) => new Date(Date.UTC(2024, 10, 1 + n)).toISOString().slice(0, 10));

const line = fc.record({
  account: fc.integer({ min: 0, max: POSTABLE.length - 1 }),
  fen: fc.integer({ min: -5_000_000, max: 5_000_000 }).filter((n) => n !== 0),
  party: fc.nat(10),
});

const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("post" as const), date: day, lines: fc.array(line, { minLength: 1, maxLength: 4 }), balancing: line }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat(), date: day }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("replay" as const), pick: fc.nat() }) },
);

const fenToAmount = (fen: number) => toAmountString(new D(fen).div(100));

type Parties = { household: readonly string[]; partner: readonly string[] };

function toLines(draw: { account: number; fen: number; party: number }[], parties: Parties) {
  return draw.map((l) => {
    const account = POSTABLE[l.account]!;
    const kind = account.subledger;
    return { accountCode: account.code, amount: fenToAmount(l.fen), ...(kind ? { subledger: { kind, id: parties[kind][l.party % parties[kind].length]! } } : {}) };
  });
}

const show = (m: Map<string, AccountBalance>) => Object.fromEntries([...m].map(([k, b]) => [k, [b.debit, b.credit, b.net].map((d) => d.toFixed(2))]));

describe("the ledger against its model", () => {
  it("keeps every balance and trial balance equal to the in-memory model's", async () => {
    const db = testDb();
    const system = await systemUserId(db);
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 10 }),
        day,
        fc.tuple(day, day),
        async (ops, asOf, period) => {
          const station = await makeStation(db);
          // Households are real rows of the station (the ledger refuses any other); partners have no table yet.
          const parties: Parties = { household: [(await makeHousehold(db, station)).id, (await makeHousehold(db, station)).id, (await makeHousehold(db, station)).id], partner: PARTIES.partner };
          const model: LedgerPosting[] = [];
          const posted: { id: string; input: PostJournalInput; lines: LedgerPosting[]; reversed: boolean }[] = [];
          let n = 0;
          for (const o of ops) {
            n++;
            if (o.kind === "post") {
              const drawn = [...o.lines];
              const sum = drawn.reduce((s, l) => s + l.fen, 0);
              if (sum === 0) continue; // the balancing line would be zero: nothing to post
              drawn.push({ ...o.balancing, fen: -sum });
              const input: PostJournalInput = {
                stationId: station.id,
                date: o.date,
                memo: `随机凭证 ${n}`,
                source: { type: "sale", id: `s${n}` },
                idempotencyKey: `p:${n}`,
                lines: toLines(drawn, parties),
                createdBy: system,
              };
              const { journal } = await withLedgerRetry(db, (tx) => postJournal(tx, input));
              const lines = journal.lines.map((l) => ({ accountCode: l.accountCode, amount: l.amount, businessDate: o.date, subledger: l.subledger }));
              model.push(...lines);
              posted.push({ id: journal.id, input, lines, reversed: false });
            } else if (o.kind === "reverse") {
              const open = posted.filter((p) => !p.reversed);
              if (!open.length) continue;
              const target = open[o.pick % open.length]!;
              await withLedgerRetry(db, (tx) =>
                reverseJournal(tx, { stationId: station.id, journalId: target.id, date: o.date, memo: "冲销", idempotencyKey: `r:${n}`, createdBy: system }),
              );
              target.reversed = true;
              model.push(...target.lines.map((l) => ({ ...l, amount: l.amount.neg(), businessDate: o.date })));
            } else if (posted.length) {
              const again = posted[o.pick % posted.length]!;
              const replay = await withLedgerRetry(db, (tx) => postJournal(tx, again.input));
              expect(replay).toMatchObject({ replayed: true, journal: { id: again.id } });
            }
          }

          const upTo = (date: string) => model.filter((p) => p.businessDate! <= date);
          expect(show(await accountBalances(db, { stationId: station.id, asOf }))).toEqual(show(balances(upTo(asOf))));
          expect(show(await subledgerBalances(db, { stationId: station.id, asOf }))).toEqual(show(modelSubledgerBalances(upTo(asOf))));

          const [from, to] = period[0] <= period[1] ? period : [period[1], period[0]];
          const chart = await loadChart(db, { stationId: station.id });
          const expected = trialBalance(model, chart, { from, to });
          const actual = await getTrialBalance(db, { stationId: station.id, from, to });
          const rowsOf = (tb: typeof expected) => tb.rows.map((r) => [r.code, r.opening, r.debit, r.credit, r.closing].map(String));
          expect(rowsOf(actual)).toEqual(rowsOf(expected));
          expect(Object.values(actual.totals).map(String)).toEqual(Object.values(expected.totals).map(String));
          expect(actual.balanced).toBe(true);
          expect(actual.totals.debit.eq(actual.totals.credit)).toBe(true);
          expect(await verifyStation(db, { stationId: station.id, code: station.code })).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);
});

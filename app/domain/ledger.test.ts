import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { CHART_TEMPLATE, type ChartAccount, stationChart } from "./chart-of-accounts";
import {
  type ChainEntry,
  GENESIS_HASH,
  type JournalDraft,
  type JournalLine,
  type LedgerErrorCode,
  type LedgerPosting,
  assertSameContent,
  balances,
  canonicalJournal,
  chainHash,
  reversalDraft,
  reverseLines,
  sameContent,
  subledgerBalances,
  trialBalance,
  validateJournal,
  verifyChain,
} from "./ledger";
import { D, type Dec, toAmountString } from "./money";
import { H1, STATION, expectLedgerError, header, line, saleDraft } from "./ledger.fixtures";

const chart = stationChart(STATION);




describe("validateJournal", () => {
  test("accepts a balanced sale", () => {
    expect(() => validateJournal(saleDraft(), chart)).not.toThrow();
  });

  const bad: [string, Partial<JournalDraft>, LedgerErrorCode, number?][] = [
    ["unbalanced", { lines: [line("101", "10.00"), line("504", "-9.99")] }, "UNBALANCED"],
    ["no lines", { lines: [] }, "TOO_FEW_LINES"],
    ["one line", { lines: [line("101", "10.00")] }, "TOO_FEW_LINES"],
    ["a zero line", { lines: [line("101", "10.00"), line("504", "-10.00"), line("515", "0")] }, "ZERO_LINE", 2],
    ["sub-fen amounts", { lines: [line("101", "10.005"), line("504", "-10.005")] }, "TOO_MANY_DECIMALS", 0],
    ["not a number", { lines: [line("101", "NaN"), line("504", "-10")] }, "INVALID_AMOUNT", 0],
    ["beyond NUMERIC(14,2)", { lines: [line("101", "1e12"), line("504", "-1e12")] }, "OUT_OF_RANGE", 0],
    ["an unknown account", { lines: [line("101", "10"), line("999", "-10")] }, "UNKNOWN_ACCOUNT", 1],
    ["a parent account", { lines: [line("102", "10"), line("504", "-10")] }, "NOT_POSTABLE", 0],
    ["a household payable without its household", { lines: [line("101", "10"), line("21101", "-10")] }, "SUBLEDGER_REQUIRED", 1],
    ["a household on a plain account", { lines: [line("101", "10", H1), line("504", "-10")] }, "SUBLEDGER_NOT_ALLOWED", 0],
    ["a household where a partner is kept", { lines: [line("101", "10"), line("21102", "-10", H1)] }, "SUBLEDGER_MISMATCH", 1],
    ["an empty sub-ledger id", { lines: [line("101", "10"), line("21101", "-10", { kind: "household", id: " " })] }, "SUBLEDGER_REQUIRED", 1],
    ["another currency", { currency: "USD" as "CNY" }, "CURRENCY"],
    ["an impossible date", { businessDate: "2024-02-30" }, "BAD_DATE"],
    ["a date in another format", { businessDate: "2024/05/01" }, "BAD_DATE"],
    ["an unknown source type", { source: { type: "gift" as "sale", id: "x" } }, "BAD_SOURCE"],
    ["a source without id", { source: { type: "sale", id: "" } }, "BAD_SOURCE"],
    ["an empty idempotency key", { idempotencyKey: "" }, "BAD_KEY"],
    ["a key with a newline", { idempotencyKey: "a\nb" }, "BAD_KEY"],
    ["an empty memo", { memo: "  " }, "BAD_MEMO"],
    ["another station's accounts", { stationId: "someone-else" }, "CROSS_STATION"],
    ["no station", { stationId: "" }, "CROSS_STATION"],
  ];
  test.each(bad)("refuses %s", (_name, over, code, lineNo) => {
    expectLedgerError(() => validateJournal(saleDraft(over), chart), code, lineNo);
  });

  test("without a station on the chart, only an empty station id is refused", () => {
    expectLedgerError(() => validateJournal(saleDraft({ stationId: "" }), CHART_TEMPLATE), "BAD_STATION");
    expect(() => validateJournal(saleDraft({ stationId: "any" }), CHART_TEMPLATE)).not.toThrow();
  });

  test("the message names the rule in words", () => {
    const unbalanced = saleDraft({ lines: [line("101", "10.00"), line("504", "-9.99")] });
    expect(() => validateJournal(unbalanced, chart)).toThrow(/differ by 0\.01/);
  });
});

describe("reversal", () => {
  test("reverseLines mirrors amounts and keeps accounts and sub-ledgers", () => {
    const r = reverseLines(saleDraft().lines);
    expect(r.map((l) => [l.accountCode, toAmountString(l.amount), l.subledger?.id])).toEqual([
      ["10202", "-100.00", undefined],
      ["21101", "85.00", H1.id],
      ["50101", "15.00", undefined],
    ]);
  });

  test("a reversal is itself a valid journal, and brings every balance back", () => {
    const original = saleDraft();
    const rev = reversalDraft({ id: "j-1", stationId: STATION, lines: original.lines }, {
      businessDate: "2024-05-02",
      memo: "冲销：录错数量",
      idempotencyKey: "reverse-j-1",
    });
    expect(rev.source).toEqual({ type: "reversal", id: "j-1" });
    validateJournal(rev, chart);
    const all = [...original.lines, ...rev.lines];
    for (const b of balances(all).values()) expect(b.net.isZero()).toBe(true);
    for (const b of subledgerBalances(all).values()) expect(b.net.isZero()).toBe(true);
  });
});

describe("sameContent (idempotent replays)", () => {
  test("the same journal with lines reordered and 15 written 15.0 is the same", () => {
    const a = saleDraft();
    const b = saleDraft({ lines: [...a.lines].reverse().map((l) => ({ ...l, amount: new D(l.amount.toFixed(1)) })) });
    expect(sameContent(a, b)).toBe(true);
    expect(() => assertSameContent(a, b)).not.toThrow();
  });

  test.each<[string, Partial<JournalDraft>]>([
    ["an amount", { lines: [line("10202", "100.01"), line("21101", "-85.01", H1), line("50101", "-15.00")] }],
    ["a household", { lines: [line("10202", "100"), line("21101", "-85", { kind: "household", id: "h-2" }), line("50101", "-15")] }],
    ["an extra line", { lines: [...saleDraft().lines, line("101", "1"), line("504", "-1")] }],
    ["the memo", { memo: "别的" }],
    ["the date", { businessDate: "2024-05-02" }],
    ["the source", { source: { type: "order", id: "sale-1" } }],
  ])("a different %s is a conflict", (_name, over) => {
    expect(sameContent(saleDraft(), saleDraft(over))).toBe(false);
    expectLedgerError(() => assertSameContent(saleDraft(), saleDraft(over)), "IDEMPOTENCY_CONFLICT");
  });
});

describe("trialBalance", () => {
  const dated = (date: string, lines: JournalLine[]): LedgerPosting[] => lines.map((l) => ({ ...l, businessDate: date }));
  const postings = [
    ...dated("2024-04-30", [line("101", "500.00"), line("31102", "-500.00")]),
    ...dated("2024-05-01", saleDraft().lines),
    ...dated("2024-05-03", [line("51302", "60.00"), line("101", "-60.00")]),
    ...dated("2024-06-01", [line("10201", "400.00"), line("101", "-400.00")]),
  ];

  test("opening, turnover and closing for a period, with parents summing their children", () => {
    const tb = trialBalance(postings, chart, { from: "2024-05-01", to: "2024-05-31" });
    const row = (code: string) => {
      const r = tb.rows.find((x) => x.code === code);
      if (!r) throw new Error(`no row ${code}`);
      return [r.opening, r.debit, r.credit, r.closing].map(toAmountString);
    };
    expect(row("101")).toEqual(["500.00", "0.00", "60.00", "440.00"]);
    expect(row("102")).toEqual(["0.00", "100.00", "0.00", "100.00"]);
    expect(row("10202")).toEqual(["0.00", "100.00", "0.00", "100.00"]);
    expect(row("513")).toEqual(["0.00", "60.00", "0.00", "60.00"]);
    expect(tb.rows.some((r) => r.code === "10201")).toBe(false); // June is after the period
    expect(tb.balanced).toBe(true);
    expect(toAmountString(tb.totals.openingDebit)).toBe("500.00");
    expect(toAmountString(tb.totals.debit)).toBe("160.00");
    expect(toAmountString(tb.totals.closingCredit)).toBe("600.00");
  });

  test("an unbalanced set of postings is reported, not hidden", () => {
    expect(trialBalance([{ accountCode: "101", amount: new D("1") }], chart).balanced).toBe(false);
  });

  test("refuses postings the chart cannot hold", () => {
    expectLedgerError(() => trialBalance([{ accountCode: "999", amount: new D("1") }], chart), "UNKNOWN_ACCOUNT");
    expectLedgerError(() => trialBalance([{ accountCode: "102", amount: new D("1") }], chart), "NOT_POSTABLE");
  });
});

// ---- Property: random journals and reversals against an independent integer model ----

const POSTABLE: ChartAccount[] = [...chart.accounts.values()].filter((a) => a.postable);
const PARTIES = { household: ["h-1", "h-2", "h-3"], partner: ["p-1", "p-2"] } as const;

/** "-123.45" from integer fen, without decimal.js. */
function fenString(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  const digits = abs.toString().padStart(3, "0");
  return `${fen < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

interface RawLine {
  account: ChartAccount;
  fen: bigint;
  party: number;
}
const rawLineArb: fc.Arbitrary<RawLine> = fc.record({
  account: fc.constantFrom(...POSTABLE),
  fen: fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }).filter((f) => f !== 0n),
  party: fc.nat({ max: 2 }),
});
/** A balanced journal: 1–5 random lines plus one that balances them (when needed). */
const journalArb = fc.tuple(fc.array(rawLineArb, { minLength: 1, maxLength: 5 }), rawLineArb).map(([raw, last]) => {
  const total = raw.reduce((a, l) => a + l.fen, 0n);
  // A single non-zero line never sums to zero, so this always has two lines or more.
  return total === 0n ? raw : [...raw, { ...last, fen: -total }];
});
type Op = { kind: "post"; raw: RawLine[] } | { kind: "reverse"; pick: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: journalArb.map((raw) => ({ kind: "post" as const, raw })) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: "reverse" as const, pick })) },
);

function toLines(raw: RawLine[]): JournalLine[] {
  return raw.map(({ account, fen, party }) => {
    const l: JournalLine = { accountCode: account.code, amount: new D(fenString(fen)) };
    if (account.subledger) l.subledger = { kind: account.subledger, id: PARTIES[account.subledger][party % PARTIES[account.subledger].length] as string };
    return l;
  });
}

const fenOf = (d: Dec): string => toAmountString(d);

describe("property: journals and reversals keep the books balanced and equal to the model", () => {
  test("every step: debits = credits, balances and trial balance equal the model", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const postings: LedgerPosting[] = [];
        const model = new Map<string, bigint>(); // account → fen, summed with bigint only
        const posted: { id: string; lines: JournalLine[]; raw: { code: string; fen: bigint }[]; reversed: boolean }[] = [];
        let n = 0;
        const apply = (draft: JournalDraft, raw: { code: string; fen: bigint }[]) => {
          validateJournal(draft, chart);
          postings.push(...draft.lines);
          for (const r of raw) model.set(r.code, (model.get(r.code) ?? 0n) + r.fen);
        };
        for (const op of ops) {
          n++;
          if (op.kind === "post") {
            const lines = toLines(op.raw);
            const raw = op.raw.map((r) => ({ code: r.account.code, fen: r.fen }));
            apply(saleDraft({ lines, idempotencyKey: `k-${n}` }), raw);
            posted.push({ id: `j-${n}`, lines, raw, reversed: false });
          } else {
            const open = posted.filter((p) => !p.reversed);
            const target = open[op.pick % Math.max(open.length, 1)];
            if (!target) continue;
            const rev = reversalDraft({ id: target.id, stationId: STATION, lines: target.lines }, {
              businessDate: "2024-05-02",
              memo: "冲销",
              idempotencyKey: `rev-${target.id}`,
            });
            apply(rev, target.raw.map((r) => ({ code: r.code, fen: -r.fen })));
            target.reversed = true;
          }
          const tb = trialBalance(postings, chart);
          expect(tb.balanced).toBe(true);
          expect(tb.totals.debit.eq(tb.totals.credit)).toBe(true);
          const got = balances(postings);
          for (const [code, fen] of model) expect(fenOf(got.get(code)?.net ?? new D(0)), code).toBe(fenString(fen));
          for (const r of tb.rows.filter((x) => chart.accounts.get(x.code)?.postable)) {
            expect(fenOf(r.closing)).toBe(fenString(model.get(r.code) ?? 0n));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test("posting a journal and its reversal leaves every balance as it was", () => {
    fc.assert(
      fc.property(fc.array(journalArb, { maxLength: 5 }), journalArb, (history, raw) => {
        const before = history.flatMap(toLines);
        const lines = toLines(raw);
        const after = [...before, ...lines, ...reverseLines(lines)];
        const a = balances(before);
        const b = balances(after);
        for (const [code, bal] of b) expect(fenOf(bal.net), code).toBe(fenOf(a.get(code)?.net ?? new D(0)));
        const sa = subledgerBalances(before);
        for (const [key, bal] of subledgerBalances(after)) expect(fenOf(bal.net), key).toBe(fenOf(sa.get(key)?.net ?? new D(0)));
      }),
    );
  });

  test("a chain over random journals verifies, and changing any one posting is caught at that journal", () => {
    fc.assert(
      fc.property(fc.array(journalArb, { minLength: 1, maxLength: 8 }), fc.nat(), (journals, pick) => {
        let prev = GENESIS_HASH;
        const chain: ChainEntry[] = journals.map((raw, i) => {
          const journal = header(i + 1);
          const postings = toLines(raw);
          const hash = chainHash(prev, canonicalJournal(journal, postings));
          const e = { journal, postings, prevHash: prev, hash };
          prev = hash;
          return e;
        });
        expect(verifyChain(chain).ok).toBe(true);
        const i = pick % chain.length;
        const e = chain[i] as ChainEntry;
        // Move money between the first two postings: still balanced, different content
        // (unless p1 = p0 + x on the same account, which would only swap them; avoid that x).
        const [p0, p1, ...rest] = e.postings as [JournalLine, JournalLine, ...JournalLine[]];
        const x = p1.amount.minus(p0.amount).eq("0.01") ? "0.02" : "0.01";
        const edited = [{ ...p0, amount: p0.amount.plus(x) }, { ...p1, amount: p1.amount.minus(x) }, ...rest];
        chain[i] = { ...e, postings: edited };
        const r = verifyChain(chain);
        expect(r).toMatchObject({ ok: false, number: i + 1, problem: "HASH" });
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { D } from "./money";
import { ageReceivables, assess, csvField, daysBetween, expenseKindOf, incomeSourceOf, monthsBack, monthsIn, onTimeShare, parseReportRange, statementFromTurnover, toCsv } from "./reports";

const m = (party: string, date: string, amount: string) => ({ party, date, amount: new D(amount) });

describe("income sources and expense kinds", () => {
  it("maps accounts by longest prefix, sub-accounts following their parent", () => {
    expect(incomeSourceOf("50101")).toBe("commission_produce");
    expect(incomeSourceOf("5010201")).toBe("commission_partner");
    expect(incomeSourceOf("50104")).toBe("service");
    expect(incomeSourceOf("50103")).toBe("own_sales");
    expect(incomeSourceOf("503")).toBe("other");
    expect(incomeSourceOf("21101")).toBeNull();
    expect(expenseKindOf("51302")).toBe("electricity");
    expect(expenseKindOf("51399")).toBe("admin_other");
    expect(expenseKindOf("521")).toBe("income_tax");
    expect(expenseKindOf("50101")).toBeNull();
  });

  it("builds the statement: income credit − debit, expenses debit − credit, every source present", () => {
    const s = statementFromTurnover([
      { accountCode: "50101", net: new D("-100.00") },
      { accountCode: "50101", net: new D("4.50") },
      { accountCode: "504", net: new D("-3.00") },
      { accountCode: "51302", net: new D("20.00") },
      { accountCode: "101", net: new D("999") },
    ]);
    expect(s.bySource.map((b) => [b.source, b.amount.toFixed(2)])).toEqual([
      ["commission_produce", "95.50"],
      ["commission_partner", "0.00"],
      ["service", "0.00"],
      ["own_sales", "0.00"],
      ["other", "3.00"],
    ]);
    expect(s.totalIncome.toFixed(2)).toBe("98.50");
    expect(s.totalExpenses.toFixed(2)).toBe("20.00");
    expect(s.net.toFixed(2)).toBe("78.50");
  });
});

describe("report ranges", () => {
  const today = "2026-11-26";
  it("defaults to the last twelve months up to today", () => {
    expect(parseReportRange({}, today)).toEqual({ ok: true, from: "2025-12-01", to: today });
    expect(parseReportRange({ from: "", to: "2026-03-31" }, today)).toEqual({ ok: true, from: "2025-04-01", to: "2026-03-31" });
  });
  it("refuses malformed, impossible, inverted and absurdly long ranges, naming the field", () => {
    expect(parseReportRange({ from: "2026-02-30" }, today)).toEqual({ ok: false, errors: { from: "invalid" } });
    expect(parseReportRange({ to: "26/11/2026" }, today)).toEqual({ ok: false, errors: { to: "invalid" } });
    expect(parseReportRange({ from: "1850-01-01" }, today)).toEqual({ ok: false, errors: { from: "invalid" } });
    expect(parseReportRange({ from: "2026-05-02", to: "2026-05-01" }, today)).toEqual({ ok: false, errors: { from: "inverted" } });
    expect(parseReportRange({ from: "2020-01-01", to: "2026-01-01" }, today)).toEqual({ ok: false, errors: { from: "tooLong" } });
    expect(parseReportRange({ from: "2021-01-02", to: "2026-01-01" }, today).ok).toBe(true);
  });
  it("counts months and days", () => {
    expect(monthsBack("2026-01-15", 1)).toBe("2025-12-01");
    expect(monthsBack("2026-01-15", 13)).toBe("2024-12-01");
    expect(monthsIn("2025-11-20", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });
});

describe("first in, first out", () => {
  it("ages what is still owed by the oldest unpaid amounts", () => {
    const rows = ageReceivables([m("p", "2026-01-01", "100"), m("p", "2026-03-01", "50"), m("p", "2026-03-10", "-120"), m("q", "2026-03-25", "10")], "2026-04-01");
    expect(rows.map((r) => [r.party, r.total.toFixed(2), r.oldest])).toEqual([
      ["p", "30.00", "2026-03-01"],
      ["q", "10.00", "2026-03-25"],
    ]);
    expect(rows[0]!.buckets.d31_60.toFixed(2)).toBe("30.00");
    expect(rows[1]!.buckets.d0_30.toFixed(2)).toBe("10.00");
  });
  it("keeps the total equal to increases minus settlements (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -500, max: 500 })), { maxLength: 30 }), (moves) => {
        const ms = moves.filter(([, a]) => a !== 0).map(([d, a]) => m("p", `2026-01-${String((d % 28) + 1).padStart(2, "0")}`, (a / 100).toFixed(2)));
        const net = ms.reduce((s, x) => s.plus(x.amount), new D(0));
        const owed = ageReceivables(ms, "2026-02-01").reduce((s, r) => s.plus(r.total), new D(0));
        // Over-settlement waits as credit for the next increase, so open items and credit never coexist: owed = max(net, 0).
        expect(owed.toFixed(2)).toBe(D.max(net, 0).toFixed(2));
      }),
    );
  });
  it("measures payouts made within the allowed days", () => {
    const r = onTimeShare([m("h", "2026-01-01", "100"), m("h", "2026-01-05", "-60"), m("h", "2026-01-20", "-40"), m("h", "2026-01-30", "50")], { from: "2026-01-01", to: "2026-01-31", asOf: "2026-01-31", days: 7 });
    // 100 fell due (the 50 of the 30th is not yet due); 60 paid in 4 days, 40 after 19.
    expect([r.due.toFixed(2), r.onTime.toFixed(2), r.share.toFixed(2)]).toEqual(["100.00", "60.00", "0.60"]);
  });
});

describe("the assessment", () => {
  it("scores by the published formula", () => {
    const r = assess({ from: "2026-01-01", to: "2026-01-31", sales: new D("10000"), householdsServed: 10, orders: { due: 4, onTime: 3 }, cashTaken: new D("4000"), cashVariance: new D("10"), payoutsOnTimeShare: new D("1") });
    // sales 30×(10000 ÷ 20367.15) ≈ 14.7; households 20×0.5 = 10; orders 15×0.75 = 11.25; cash 15×(1 − 10 ÷ 20) = 7.5; payouts 20.
    expect(r.parts.households.toFixed(1)).toBe("10.0");
    expect(r.parts.cash.toFixed(1)).toBe("7.5");
    expect(r.parts.payouts.toFixed(1)).toBe("20.0");
    expect(r.score.toFixed(1)).toBe("63.5");
    const none = assess({ from: "2026-01-01", to: "2026-01-31", sales: new D("0"), householdsServed: 0, orders: null, cashTaken: new D("0"), cashVariance: new D("0"), payoutsOnTimeShare: new D("1") });
    expect(none.score.toFixed(1)).toBe("50.0");
  });
});

describe("CSV", () => {
  it("quotes, defuses formulas and starts with a byte-order mark", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("-12.50")).toBe("-12.50");
    expect(csvField("-x")).toBe("'-x");
    expect(toCsv([["a", 1], ["b", null]])).toBe("\uFEFFa,1\r\nb,\r\n");
  });
});

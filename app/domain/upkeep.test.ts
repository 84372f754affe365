import { describe, expect, it } from "vitest";
import { D } from "./money";
import { allocationJournalLines, budgetVsActual, expenseJournalLines, keeperPay, overReserve, upkeepAllocation } from "./upkeep";

describe("upkeepAllocation", () => {
  it("is rate × commission rounded half-up to the fen", () => {
    expect(upkeepAllocation(new D("100.00"), new D("0.3000")).toFixed(2)).toBe("30.00");
    expect(upkeepAllocation(new D("0.05"), new D("0.3000")).toFixed(2)).toBe("0.02"); // 0.015 → 0.02
    expect(upkeepAllocation(new D("10.05"), new D("0.5000")).toFixed(2)).toBe("5.03"); // 5.025 → 5.03
    expect(upkeepAllocation(new D("10.03"), new D("0.5000")).toFixed(2)).toBe("5.02"); // 5.015 → 5.02
    expect(upkeepAllocation(new D("10.01"), new D("0.3333")).toFixed(2)).toBe("3.34"); // 3.336333
  });
  it("sets nothing aside for a month without commission", () => {
    expect(upkeepAllocation(new D("0"), new D("0.3")).isZero()).toBe(true);
    expect(upkeepAllocation(new D("-12.00"), new D("0.3")).isZero()).toBe(true);
  });
  it("refuses a rate outside [0, 1]", () => {
    expect(() => upkeepAllocation(new D("1"), new D("1.2"))).toThrow(RangeError);
  });
  it("posts Dr 32201 / Cr 31101, nothing for zero", () => {
    expect(allocationJournalLines(new D("5.00"))).toEqual([
      { accountCode: "32201", amount: "5.00" },
      { accountCode: "31101", amount: "-5.00" },
    ]);
    expect(allocationJournalLines(new D("0"))).toEqual([]);
  });
});

describe("expenses against the reserve", () => {
  it("releases the whole expense when the reserve holds it", () => {
    expect(expenseJournalLines({ kind: "electricity", amount: new D("60"), paidFrom: "cash", reserveBalance: new D("100") })).toEqual([
      { accountCode: "51302", amount: "60.00" },
      { accountCode: "101", amount: "-60.00" },
      { accountCode: "31101", amount: "60.00" },
      { accountCode: "32202", amount: "-60.00" },
    ]);
  });
  it("releases only what the reserve holds", () => {
    expect(overReserve(new D("60"), new D("25.50")).toFixed(2)).toBe("34.50");
    expect(overReserve(new D("60"), new D("-3")).toFixed(2)).toBe("60.00");
    const lines = expenseJournalLines({ kind: "repairs", amount: new D("60"), paidFrom: "bank", reserveBalance: new D("25.50") });
    expect(lines.find((l) => l.accountCode === "31101")?.amount).toBe("25.50");
    expect(expenseJournalLines({ kind: "repairs", amount: new D("60"), paidFrom: "bank", reserveBalance: new D("0") })).toHaveLength(2);
  });
});

describe("keeperPay", () => {
  const formula = { base: new D("300"), perHousehold: new D("5"), commissionShare: new D("0.1"), cap: new D("800") };
  it("adds base, households and a share of commission", () => {
    expect(keeperPay(formula, { households: 12, commission: new D("123.45") }).toFixed(2)).toBe("372.35");
  });
  it("is capped", () => {
    expect(keeperPay(formula, { households: 200, commission: new D("0") }).toFixed(2)).toBe("800.00");
  });
});

describe("budgetVsActual", () => {
  it("lists every kind with what is left and whether it is over", () => {
    const rows = budgetVsActual(new Map([["electricity", new D("100")]]), new Map([["electricity", new D("120")], ["internet", new D("10")]]));
    expect(rows.find((r) => r.kind === "electricity")).toMatchObject({ over: true });
    expect(rows.find((r) => r.kind === "electricity")!.remaining.toFixed(2)).toBe("-20.00");
    expect(rows.find((r) => r.kind === "internet")).toMatchObject({ over: true });
    expect(rows.find((r) => r.kind === "repairs")).toMatchObject({ over: false });
  });
});

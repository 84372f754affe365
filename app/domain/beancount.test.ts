import { describe, expect, it } from "vitest";
import { beancountAccount, beancountHeader, beancountString, beancountTransaction } from "./beancount";

describe("Beancount text", () => {
  it("names accounts by code under the five roots", () => {
    expect(beancountAccount("101", "asset")).toBe("Assets:101");
    expect(beancountAccount("401", "cost")).toBe("Assets:401");
    expect(beancountAccount("21101", "liability")).toBe("Liabilities:21101");
    expect(beancountAccount("31101", "equity")).toBe("Equity:31101");
    expect(beancountAccount("50101", "income-and-expense")).toBe("Income:50101");
    expect(beancountAccount("51302", "income-and-expense")).toBe("Expenses:51302");
  });
  it("escapes strings and writes one transaction with metadata", () => {
    expect(beancountString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c d"');
    expect(beancountTransaction({ date: "2026-01-02", narration: "卖", meta: { journal: 3, source: "sale:x" }, postings: [{ account: "Assets:101", amount: "5.00" }, { account: "Liabilities:21101", amount: "-5.00", meta: { household: "h1" } }] })).toBe(
      '2026-01-02 * "卖"\n  journal: 3\n  source: "sale:x"\n  Assets:101  5.00 CNY\n  Liabilities:21101  -5.00 CNY\n    household: "h1"\n\n',
    );
    expect(beancountHeader({ title: "t", openDate: "2025-12-31", accounts: [{ name: "Assets:101", description: "101 库存现金" }] })).toContain('2025-12-31 open Assets:101 CNY\n  name: "101 库存现金"');
  });
});

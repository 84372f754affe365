import { describe, expect, test } from "vitest";
import { makeTranslate } from "~/utils/i18n";
import { groupAmount, ledgerErrorMessage, sidedBalance, sourceLabel } from "./format";

describe("ledger amounts on screen", () => {
  test("group thousands without ever becoming a JS number", () => {
    expect(groupAmount("1234567890123.45")).toBe("1,234,567,890,123.45");
    expect(groupAmount("-3.20")).toBe("-3.20");
    expect(groupAmount("0.00")).toBe("0.00");
  });

  test("show a balance with its side, as a Chinese ledger does", () => {
    const zh = makeTranslate("zh-CN");
    expect(sidedBalance(zh, "2000.00")).toBe("借 2,000.00");
    expect(sidedBalance(zh, "-20500.00")).toBe("贷 20,500.00");
    expect(sidedBalance(zh, "0.00")).toBe("平 0.00");
    expect(sidedBalance(makeTranslate("en"), "-1.50")).toBe("Cr 1.50");
  });

  test("name every refusal and source in both languages", () => {
    expect(ledgerErrorMessage(makeTranslate("zh-CN"), "PERIOD_CLOSED")).toContain("已经结账");
    expect(ledgerErrorMessage(makeTranslate("en"), "ZERO_LINE", 1)).toBe("Line 2: A line is zero; leave it out.");
    expect(sourceLabel(makeTranslate("en"), "reversal")).toBe("Reversal");
    expect(sourceLabel(makeTranslate("en"), "something-new")).toBe("something-new");
  });
});

import { describe, expect, test } from "vitest";

import {
  ACCOUNTS,
  type AccountDef,
  CHART_TEMPLATE,
  ChartError,
  type ChartErrorCode,
  STANDARD_ACCOUNT_CODES,
  TEMPLATE_ACCOUNTS,
  UPKEEP_EXPENSE_ACCOUNTS,
  buildChart,
  parentCode,
  selfAndAncestors,
  stationChart,
} from "./chart-of-accounts";

function expectChartError(fn: () => unknown, code: ChartErrorCode) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ChartError);
    expect((e as ChartError).code).toBe(code);
    return;
  }
  throw new Error(`expected ChartError ${code}, nothing was thrown`);
}

const account = (code: string) => {
  const a = CHART_TEMPLATE.accounts.get(code);
  if (!a) throw new Error(`no account ${code}`);
  return a;
};

describe("the 财会〔2023〕14号 first-level accounts", () => {
  test("all 42, with the standard's codes and names", () => {
    expect(STANDARD_ACCOUNT_CODES).toHaveLength(42);
    const names = Object.fromEntries(STANDARD_ACCOUNT_CODES.map((c) => [c, account(c).nameZh]));
    expect(names).toMatchObject({
      "101": "库存现金",
      "102": "银行存款",
      "112": "应收款",
      "113": "内部往来",
      "121": "库存物资",
      "181": "待处理财产损溢",
      "211": "应付款",
      "212": "应付工资",
      "213": "应付劳务费",
      "241": "专项应付款",
      "301": "资本",
      "311": "公积公益金",
      "321": "本年收益",
      "322": "收益分配",
      "401": "生产（劳务）成本",
      "501": "经营收入",
      "504": "其他收入",
      "511": "经营支出",
      "513": "管理费用",
      "515": "其他支出",
      "521": "所得税费用",
    });
  });

  test("grouped as the standard groups them: 19 asset, 8 liability, 4 equity, 1 cost, 10 P&L", () => {
    const count = (cat: string) => STANDARD_ACCOUNT_CODES.filter((c) => account(c).category === cat).length;
    expect([count("asset"), count("liability"), count("equity"), count("cost"), count("income-and-expense")]).toEqual([
      19, 8, 4, 1, 10,
    ]);
  });

  test("normal sides: contra-assets and income on the credit side, expenses on the debit side", () => {
    for (const c of ["133", "152", "162", "201", "211", "301", "311", "501", "502", "503", "504"]) {
      expect(account(c).normalSide, c).toBe("credit");
    }
    for (const c of ["101", "102", "151", "181", "401", "511", "512", "513", "514", "515", "521"]) {
      expect(account(c).normalSide, c).toBe("debit");
    }
  });
});

describe("the template", () => {
  test("every name is given in Chinese and English", () => {
    for (const a of TEMPLATE_ACCOUNTS) {
      expect(a.nameZh.trim(), a.code).not.toBe("");
      expect(a.nameEn.trim(), a.code).not.toBe("");
    }
  });

  test("sub-accounts sit under their parent, share its category, and make it non-postable", () => {
    for (const a of CHART_TEMPLATE.accounts.values()) {
      if (a.parent === null) continue;
      expect(a.code.startsWith(a.parent)).toBe(true);
      expect(a.category).toBe(account(a.parent).category);
      expect(account(a.parent).postable).toBe(false);
    }
    expect(account("10201").level).toBe(2);
    expect(account("102").postable).toBe(false);
    expect(account("101").postable).toBe(true);
  });

  test("exactly the household and partner accounts are kept per party", () => {
    const kept = [...CHART_TEMPLATE.accounts.values()].filter((a) => a.subledger !== null).map((a) => [a.code, a.subledger]);
    expect(kept).toEqual([
      ["11201", "partner"],
      ["113", "household"],
      ["21101", "household"],
      ["21102", "partner"],
    ]);
  });

  test("every ACCOUNTS key names a postable account, and no two keys share one", () => {
    const codes = Object.values(ACCOUNTS);
    for (const [key, code] of Object.entries(ACCOUNTS)) expect(account(code).postable, key).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of Object.values(UPKEEP_EXPENSE_ACCOUNTS)) expect(account(code).parent).toBe("513");
  });

  test("product accounts sit where ADR 006 puts them", () => {
    expect(account(ACCOUNTS.paymentClearing).parent).toBe("102");
    expect(account(ACCOUNTS.customerPrepayments).parent).toBe("211");
    expect(account(ACCOUNTS.upkeepReserve).parent).toBe("311");
    expect(account(ACCOUNTS.upkeepReserve).category).toBe("equity");
    expect(account(ACCOUNTS.cashOverShort).parent).toBe("181");
    expect(account(ACCOUNTS.commissionIncomeProduce).parent).toBe("501");
    expect(account(ACCOUNTS.commissionIncomePartner).parent).toBe("501");
    expect(account(ACCOUNTS.serviceIncome).parent).toBe("501");
    expect(account(ACCOUNTS.ownGoodsCost).parent).toBe("511");
  });
});

describe("codes", () => {
  test("parentCode and selfAndAncestors", () => {
    expect(parentCode("101")).toBeNull();
    expect(parentCode("10201")).toBe("102");
    expect(parentCode("1020103")).toBe("10201");
    expect(selfAndAncestors("1020103")).toEqual(["1020103", "10201", "102"]);
  });
});

describe("buildChart refuses a malformed chart", () => {
  const base = TEMPLATE_ACCOUNTS;
  const def = (over: Partial<AccountDef>): AccountDef => ({
    code: "10203",
    nameZh: "银行存款—农商行",
    nameEn: "Bank deposits — rural commercial bank",
    category: "asset",
    normalSide: "debit",
    subledger: null,
    ...over,
  });

  test("a station may add its own sub-accounts", () => {
    const chart = stationChart("st-1", [def({})]);
    expect(chart.stationId).toBe("st-1");
    expect(chart.accounts.get("10203")?.postable).toBe(true);
  });

  test.each<[string, AccountDef[], ChartErrorCode]>([
    ["a code of the wrong shape", [def({ code: "1020" })], "BAD_CODE"],
    ["letters in a code", [def({ code: "102ab" })], "BAD_CODE"],
    ["a duplicate", [def({ code: "10201" })], "DUPLICATE_CODE"],
    ["an orphan", [def({ code: "1029901" })], "MISSING_PARENT"],
    ["a new first-level account", [def({ code: "199" })], "NOT_STANDARD"],
    ["a child in another category", [def({ category: "liability" })], "CATEGORY_MISMATCH"],
    ["a missing English name", [def({ nameEn: " " })], "BAD_NAME"],
  ])("%s", (_name, extra, code) => {
    expectChartError(() => buildChart([...base, ...extra]), code);
  });

  test("a sub-ledger account cannot be given children", () => {
    const child = def({ code: "2110101", category: "liability", normalSide: "credit" });
    expectChartError(() => buildChart([...base, child]), "SUBLEDGER_ON_PARENT");
  });

  test("a first-level account in the wrong category", () => {
    const wrong = base.map((a) => (a.code === "101" ? { ...a, category: "liability" as const } : a));
    expectChartError(() => buildChart(wrong), "CATEGORY_MISMATCH");
  });
});

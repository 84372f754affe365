/**
 * The chart of accounts (会计科目表) every station's collective books start from.
 *
 * First-level accounts are the 42 of 农村集体经济组织会计制度 (财会〔2023〕14号, in force
 * 2024-01-01), with their codes and names. Sub-accounts (明细科目) are the product's own,
 * coded by appending two digits to the parent (102 → 10201), the usual convention of
 * village bookkeeping; the standard names the level-1 codes only. Placement of every
 * product sub-account is argued in docs/decisions/006-chart-of-accounts.md.
 *
 * Feature code posts to `ACCOUNTS.<key>`, never to a literal code.
 */

import { DomainError } from "./errors";

export type AccountCategory = "asset" | "liability" | "equity" | "cost" | "income-and-expense";
export type BalanceSide = "debit" | "credit";
export type SubledgerKind = "household" | "partner";

export const SUBLEDGER_KINDS: readonly SubledgerKind[] = ["household", "partner"];

export interface AccountDef {
  code: string;
  nameZh: string;
  nameEn: string;
  category: AccountCategory;
  /** The side its balance normally sits on (余额方向); contra accounts say "credit". */
  normalSide: BalanceSide;
  /** Postings to this account must name a household / partner; null: they must not. */
  subledger: SubledgerKind | null;
}

export interface ChartAccount extends AccountDef {
  parent: string | null;
  /** 1 for the standard's accounts, 2 for 10201, 3 for 1020101 ... */
  level: number;
  /** Only accounts without children take postings; parents are sums of their children. */
  postable: boolean;
}

export interface Chart {
  /** Set when the chart is one station's copy; journals for another station are refused. */
  readonly stationId?: string;
  /** In code order (byte order of the code string). */
  readonly accounts: ReadonlyMap<string, ChartAccount>;
}

export type ChartErrorCode =
  | "BAD_CODE"
  | "DUPLICATE_CODE"
  | "MISSING_PARENT"
  | "NOT_STANDARD"
  | "CATEGORY_MISMATCH"
  | "SUBLEDGER_ON_PARENT"
  | "BAD_NAME";

/** A chart that breaks the standard's shape: a mistake in the template or a sub-account being added. */
export class ChartError extends DomainError<ChartErrorCode> {
  static override readonly errorName = "ChartError";
  constructor(code: ChartErrorCode, message: string) {
    super({ feature: "chart", code, kind: "rule" }, message);
  }
}

type Row = readonly [code: string, nameZh: string, nameEn: string, side?: BalanceSide, subledger?: SubledgerKind];

const CATEGORY_BY_DIGIT: Record<string, AccountCategory> = {
  "1": "asset",
  "2": "liability",
  "3": "equity",
  "4": "cost",
  "5": "income-and-expense",
};

const DEFAULT_SIDE: Record<AccountCategory, BalanceSide> = {
  asset: "debit",
  liability: "credit",
  equity: "credit",
  cost: "debit",
  // Income accounts (50x) are credit, expense accounts (51x, 52x) debit: set per row below.
  "income-and-expense": "debit",
};

// 财会〔2023〕14号 附录 会计科目表: 19 asset, 8 liability, 4 equity, 1 cost, 10 P&L accounts.
const STANDARD_ROWS: readonly Row[] = [
  ["101", "库存现金", "Cash on hand"],
  ["102", "银行存款", "Bank deposits"],
  ["111", "短期投资", "Short-term investments"],
  ["112", "应收款", "Receivables"],
  ["113", "内部往来", "Internal current accounts (members and affiliated units)", "debit", "household"],
  ["121", "库存物资", "Inventories"],
  ["131", "消耗性生物资产", "Consumable biological assets"],
  ["132", "生产性生物资产", "Productive biological assets"],
  ["133", "生产性生物资产累计折旧", "Accumulated depreciation of productive biological assets", "credit"],
  ["134", "公益性生物资产", "Public-welfare biological assets"],
  ["141", "长期投资", "Long-term investments"],
  ["151", "固定资产", "Fixed assets"],
  ["152", "累计折旧", "Accumulated depreciation", "credit"],
  ["153", "在建工程", "Construction in progress"],
  ["154", "固定资产清理", "Fixed assets in disposal"],
  ["161", "无形资产", "Intangible assets"],
  ["162", "累计摊销", "Accumulated amortisation", "credit"],
  ["171", "长期待摊费用", "Long-term deferred expenses"],
  ["181", "待处理财产损溢", "Unresolved asset gains and losses"],
  ["201", "短期借款", "Short-term borrowings"],
  ["211", "应付款", "Payables"],
  ["212", "应付工资", "Wages payable"],
  ["213", "应付劳务费", "Labour fees payable"],
  ["214", "应交税费", "Taxes payable"],
  ["221", "长期借款及应付款", "Long-term borrowings and payables"],
  ["231", "一事一议资金", "Funds raised case by case (一事一议)"],
  ["241", "专项应付款", "Special-purpose payables"],
  ["301", "资本", "Capital"],
  ["311", "公积公益金", "Reserve and welfare fund"],
  ["321", "本年收益", "Surplus for the year"],
  ["322", "收益分配", "Surplus distribution"],
  ["401", "生产（劳务）成本", "Production (service) costs"],
  ["501", "经营收入", "Operating income", "credit"],
  ["502", "投资收益", "Investment income", "credit"],
  ["503", "补助收入", "Subsidy income", "credit"],
  ["504", "其他收入", "Other income", "credit"],
  ["511", "经营支出", "Operating expenses"],
  ["512", "税金及附加", "Taxes and surcharges"],
  ["513", "管理费用", "Administrative expenses"],
  ["514", "公益支出", "Public-welfare expenditure"],
  ["515", "其他支出", "Other expenditure"],
  ["521", "所得税费用", "Income tax expense"],
];

// The product's sub-accounts; category is inherited from the parent.
const PRODUCT_ROWS: readonly Row[] = [
  ["10201", "银行存款—基本存款账户", "Bank deposits — basic account"],
  ["10202", "银行存款—第三方支付在途", "Bank deposits — payment-provider clearing"],
  ["11201", "应收款—合作企业", "Receivables — partner companies", "debit", "partner"],
  ["11299", "应收款—其他单位和个人", "Receivables — other parties"],
  ["18101", "待处理财产损溢—现金长短款", "Unresolved — cash over/short"],
  ["18102", "待处理财产损溢—物资盘盈盘亏", "Unresolved — stock count differences"],
  ["21101", "应付款—农户代卖款", "Payables — households' consigned-sale proceeds", "credit", "household"],
  ["21102", "应付款—合作企业货款", "Payables — partner companies' goods", "credit", "partner"],
  ["21103", "应付款—预收货款", "Payables — customer prepayments"],
  ["21199", "应付款—其他", "Payables — other"],
  ["31101", "公积公益金—站点运维基金", "Reserve — station upkeep fund"],
  ["31102", "公积公益金—集体公积公益金", "Reserve — collective reserve and welfare fund"],
  ["32201", "收益分配—提取站点运维基金", "Distribution — appropriated to the upkeep fund", "debit"],
  ["32202", "收益分配—站点运维基金使用转回", "Distribution — upkeep fund released on use"],
  ["32299", "收益分配—未分配收益", "Distribution — undistributed surplus"],
  ["50101", "经营收入—代销佣金（农产品）", "Operating income — commission on produce", "credit"],
  ["50102", "经营收入—代销佣金（合作企业商品）", "Operating income — commission on partner goods", "credit"],
  ["50103", "经营收入—自营销售收入", "Operating income — sales of own goods", "credit"],
  ["50104", "经营收入—服务收入", "Operating income — services", "credit"],
  ["51101", "经营支出—自营商品成本", "Operating expenses — cost of own goods sold"],
  ["51199", "经营支出—其他", "Operating expenses — other"],
  ["51301", "管理费用—设备更新", "Administrative — equipment renewal"],
  ["51302", "管理费用—电费", "Administrative — electricity"],
  ["51303", "管理费用—网费", "Administrative — internet"],
  ["51304", "管理费用—维修费", "Administrative — repairs"],
  ["51305", "管理费用—管理员报酬", "Administrative — station keeper's pay"],
  ["51399", "管理费用—其他", "Administrative — other"],
];

export const STANDARD_ACCOUNT_CODES: readonly string[] = STANDARD_ROWS.map(([code]) => code);
const STANDARD_SET = new Set(STANDARD_ACCOUNT_CODES);

function toDef([code, nameZh, nameEn, side, subledger]: Row): AccountDef {
  const category = CATEGORY_BY_DIGIT[code.charAt(0)] ?? "asset";
  return { code, nameZh, nameEn, category, normalSide: side ?? DEFAULT_SIDE[category], subledger: subledger ?? null };
}

/** The template every new station's chart is copied from (财会〔2023〕14号 + product sub-accounts). */
export const TEMPLATE_ACCOUNTS: readonly AccountDef[] = [...STANDARD_ROWS, ...PRODUCT_ROWS].map(toDef);

/** The parent of a sub-account code (10201 → 102), null for a level-1 code. */
export function parentCode(code: string): string | null {
  return code.length > 3 ? code.slice(0, -2) : null;
}

/** Byte order of codes, the order of COLLATE "C" in PostgreSQL. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Validates a chart and derives parents, levels and postability.
 * Invariants of the result: codes are 3 digits plus 2 per level and unique; every
 * sub-account's parent exists and shares its category; level-1 codes are the standard's;
 * level-1 categories follow the first digit; an account with children has no sub-ledger.
 * @throws ChartError naming the first account that breaks a rule
 */
export function buildChart(defs: readonly AccountDef[], opts: { stationId?: string } = {}): Chart {
  const byCode = new Map<string, AccountDef>();
  for (const def of defs) {
    if (!/^\d{3}(\d{2})*$/.test(def.code)) {
      throw new ChartError("BAD_CODE", `account code ${JSON.stringify(def.code)} is not 3 digits plus 2 per level`);
    }
    if (byCode.has(def.code)) throw new ChartError("DUPLICATE_CODE", `account ${def.code} appears twice`);
    if (!def.nameZh.trim() || !def.nameEn.trim()) throw new ChartError("BAD_NAME", `account ${def.code} needs both names`);
    byCode.set(def.code, def);
  }
  const withChildren = new Set<string>();
  for (const def of byCode.values()) {
    const parent = parentCode(def.code);
    if (parent === null) {
      if (!STANDARD_SET.has(def.code)) {
        throw new ChartError("NOT_STANDARD", `${def.code} is not a first-level account of 财会〔2023〕14号; add it as a sub-account`);
      }
      if (CATEGORY_BY_DIGIT[def.code.charAt(0)] !== def.category) {
        throw new ChartError("CATEGORY_MISMATCH", `account ${def.code} must be in category ${CATEGORY_BY_DIGIT[def.code.charAt(0)]}`);
      }
      continue;
    }
    const p = byCode.get(parent);
    if (!p) throw new ChartError("MISSING_PARENT", `account ${def.code} has no parent ${parent}`);
    if (p.category !== def.category) {
      throw new ChartError("CATEGORY_MISMATCH", `account ${def.code} must share category ${p.category} with ${parent}`);
    }
    withChildren.add(parent);
  }
  const accounts = new Map<string, ChartAccount>();
  for (const code of [...byCode.keys()].sort(compareCodes)) {
    const def = byCode.get(code) as AccountDef;
    const postable = !withChildren.has(code);
    if (!postable && def.subledger !== null) {
      throw new ChartError("SUBLEDGER_ON_PARENT", `account ${code} has sub-accounts, so it cannot carry a sub-ledger`);
    }
    accounts.set(code, { ...def, parent: parentCode(code), level: (code.length - 1) / 2, postable });
  }
  return opts.stationId === undefined ? { accounts } : { stationId: opts.stationId, accounts };
}

export const CHART_TEMPLATE: Chart = buildChart(TEMPLATE_ACCOUNTS);

/** A station's chart: the template plus the station's own sub-accounts (e.g. a second bank). */
export function stationChart(stationId: string, extra: readonly AccountDef[] = []): Chart {
  return buildChart([...TEMPLATE_ACCOUNTS, ...extra], { stationId });
}

/**
 * The accounts code posts to, by meaning. Values are codes of postable template accounts
 * (the chart tests hold this), so a renumbering is a change here and nowhere else.
 */
export const ACCOUNTS = {
  cash: "101",
  bank: "10201",
  paymentClearing: "10202",
  partnerReceivable: "11201",
  otherReceivable: "11299",
  memberCurrent: "113",
  inventory: "121",
  cashOverShort: "18101",
  stockCountDifference: "18102",
  householdPayable: "21101",
  partnerPayable: "21102",
  customerPrepayments: "21103",
  otherPayable: "21199",
  wagesPayable: "212",
  labourFeesPayable: "213",
  taxesPayable: "214",
  specialPayable: "241",
  capital: "301",
  upkeepReserve: "31101",
  collectiveFund: "31102",
  yearSurplus: "321",
  upkeepAppropriation: "32201",
  upkeepRelease: "32202",
  undistributedSurplus: "32299",
  commissionIncomeProduce: "50101",
  commissionIncomePartner: "50102",
  ownSalesIncome: "50103",
  serviceIncome: "50104",
  subsidyIncome: "503",
  otherIncome: "504",
  ownGoodsCost: "51101",
  otherOperatingExpense: "51199",
  upkeepEquipment: "51301",
  upkeepElectricity: "51302",
  upkeepInternet: "51303",
  upkeepRepairs: "51304",
  upkeepKeeperPay: "51305",
  upkeepOther: "51399",
  otherExpense: "515",
} as const;

export type AccountKey = keyof typeof ACCOUNTS;

/** Upkeep expense kinds, as an expense form offers them, with the account each posts to. */
export const UPKEEP_EXPENSE_ACCOUNTS = {
  equipment: ACCOUNTS.upkeepEquipment,
  electricity: ACCOUNTS.upkeepElectricity,
  internet: ACCOUNTS.upkeepInternet,
  repairs: ACCOUNTS.upkeepRepairs,
  keeperPay: ACCOUNTS.upkeepKeeperPay,
  other: ACCOUNTS.upkeepOther,
} as const satisfies Record<string, string>;

export type UpkeepExpenseKind = keyof typeof UPKEEP_EXPENSE_ACCOUNTS;

/** The account, or undefined when the chart has no such code. */
export function getAccount(chart: Chart, code: string): ChartAccount | undefined {
  return chart.accounts.get(code);
}

/** Codes of the account and all its ancestors, nearest first: 10201 → [10201, 102]. */
export function selfAndAncestors(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c !== null; c = parentCode(c)) out.push(c);
  return out;
}

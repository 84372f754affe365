import type { AccountCategory } from "./chart-of-accounts";

/**
 * Writing a station's ledger as a Beancount journal (plain-text double entry) that an outside
 * auditor checks with `bean-check` and queries with `bean-query`. Accounts are named by their
 * code under Beancount's five roots (Assets:101, Liabilities:21101, Income:50101 …); a
 * sub-ledger party and the journal's number, source and hash travel as metadata.
 */

/** Beancount's root for an account of the chart: 4xx production costs are work in progress, an asset. */
export function beancountRoot(code: string, category: AccountCategory): "Assets" | "Liabilities" | "Equity" | "Income" | "Expenses" {
  switch (category) {
    case "asset":
    case "cost":
      return "Assets";
    case "liability":
      return "Liabilities";
    case "equity":
      return "Equity";
    case "income-and-expense":
      return code.startsWith("50") ? "Income" : "Expenses";
  }
}

export function beancountAccount(code: string, category: AccountCategory): string {
  return `${beancountRoot(code, category)}:${code}`;
}

/** A Beancount string literal: backslash and quote escaped, line breaks folded to spaces. */
export function beancountString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ")}"`;
}

export interface BeancountPosting {
  account: string;
  /** Signed, two decimals: debit +, credit −. */
  amount: string;
  meta?: Record<string, string>;
}

export interface BeancountTransaction {
  date: string;
  narration: string;
  meta: Record<string, string | number>;
  postings: readonly BeancountPosting[];
}

function metaLines(meta: Record<string, string | number>, indent: string): string[] {
  return Object.entries(meta).map(([k, v]) => `${indent}${k}: ${typeof v === "number" ? String(v) : beancountString(v)}`);
}

export function beancountHeader({ title, openDate, accounts }: { title: string; openDate: string; accounts: readonly { name: string; description: string }[] }): string {
  const lines = [
    `option "title" ${beancountString(title)}`,
    `option "operating_currency" "CNY"`,
    "",
    ...accounts.flatMap((a) => [`${openDate} open ${a.name} CNY`, `  name: ${beancountString(a.description)}`]),
    "",
  ];
  return `${lines.join("\n")}\n`;
}

export function beancountTransaction(t: BeancountTransaction): string {
  const lines = [`${t.date} * ${beancountString(t.narration)}`, ...metaLines(t.meta, "  ")];
  for (const p of t.postings) {
    lines.push(`  ${p.account}  ${p.amount} CNY`);
    if (p.meta) lines.push(...metaLines(p.meta, "    "));
  }
  return `${lines.join("\n")}\n\n`;
}

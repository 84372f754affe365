import { expect, type Page, test } from "@playwright/test";

// Demo accounts from db/seed.ts; 韦寨's seeded year has online orders, a processor's bulk orders
// (delivered and paid), consignment remittances, and closed months with upkeep spending.
const COMMITTEE = { login: "weizhai-committee", password: "committee-demo-2026" };

async function signIn(page: Page) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(COMMITTEE.login);
  await page.getByLabel("密码", { exact: true }).fill(COMMITTEE.password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const range = `from=${Number(today.slice(0, 4)) - 1}-01-01&to=${today}`;

/** From an account's general ledger, the first journal whose memo matches, then its source link. */
const CASES = [
  { account: "21101", memo: "网上订单", link: "订单", testId: "source-order" },
  { account: "11201", memo: "大宗订单发货", link: "交货", testId: "source-delivery" },
  { account: "11201", memo: "合作企业付款", link: "合作企业付款", testId: "source-partner-payment" },
  { account: "21102", memo: "合作企业货款汇出", link: "款项结算", testId: "source-remittance" },
  { account: "31101", memo: "提取站点运维基金", link: "分配", testId: "source-allocation" },
  { account: "31101", memo: "站点运维支出", link: "费用", testId: "source-expense" },
] as const;

test.describe("every journal leads to its source document", () => {
  for (const c of CASES) {
    test(`${c.link}: from account ${c.account} to the document`, async ({ page }) => {
      await signIn(page);
      await page.goto(`/stations/weizhai/ledger/accounts/${c.account}?${range}`);
      const row = page.getByTestId("general-ledger").locator("tbody tr").filter({ hasText: c.memo }).first();
      await row.getByRole("link").first().click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText("记账凭证");
      await page.getByRole("link", { name: c.link, exact: true }).click();
      await expect(page.getByTestId(c.testId)).toBeVisible();
      await expect(page.getByTestId("source-total").first()).toHaveText(/^-?[\d,]+\.\d\d$/);
    });
  }
});

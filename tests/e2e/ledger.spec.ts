import { expect, type Page, test } from "@playwright/test";

// Demo accounts and opening balances seeded by db/seed.ts (weizhai: cash 2,000.00, bank 18,500.00),
// then a year of till history (db/seed-till.ts), so cash is the opening plus what the till took.
const OPERATOR = { login: "13800000101", password: "station-demo-2026", name: "韦兰芬" };
const COMMITTEE = { login: "weizhai-committee", password: "committee-demo-2026", name: "韦国强" };

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test.describe("the books", () => {
  test("an operator reads the trial balance, an account's ledger and a journal, on a phone", async ({ page }) => {
    await signIn(page, OPERATOR.login, OPERATOR.password);
    await page.getByTestId("ledger-link").click();
    await expect(page).toHaveURL(/\/stations\/weizhai\/ledger$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("试算平衡表");
    const cash = page.getByTestId("trial-balance").locator("tr[data-code='101']");
    await expect(cash).toContainText("库存现金");
    await expect(cash).toContainText(/借 [\d,]+\.\d\d/);
    await expect(page.getByTestId("balanced")).toContainText("借贷平衡");

    await cash.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("101 库存现金");
    await expect(page.getByTestId("gl-closing")).toHaveText(/^借 [\d,]+\.\d\d$/);

    await page.goto("/stations/weizhai/ledger/journals/1");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("记账凭证 第 1 号");
    await expect(page.getByTestId("postings")).toContainText("31102");
    await expect(page.getByTestId("hash")).toHaveText(/^[0-9a-f]{64}$/);

    // Another station's books are none of their business.
    expect((await page.goto("/stations/huawu/ledger"))?.status()).toBe(404);
  });

  test("an adjusting journal posts only when a second person approves it, and keeps both names", async ({ page }) => {
    await signIn(page, OPERATOR.login, OPERATOR.password);
    await page.goto("/stations/weizhai/ledger/drafts");
    const form = page.getByTestId("draft-form");
    await form.getByLabel("摘要").fill("现金盘盈");
    await form.getByLabel("原因").fill("月底点钞多出 5 元");
    await form.locator("select[name=account0]").selectOption("101");
    await form.locator("input[name=debit0]").fill("5");
    await form.locator("select[name=account1]").selectOption("18101");
    await form.locator("input[name=credit1]").fill("5.00");
    await form.getByRole("button", { name: "提交审批" }).click();
    await expect(page.getByText("已提交，等待审批。")).toBeVisible();
    await expect(page.getByText("这是您起草的，需要另一个人审批。")).toHaveCount(0); // operators cannot approve at all
    await expect(page.getByRole("button", { name: "批准并记账" })).toHaveCount(0);
    await page.getByRole("button", { name: "退出" }).click();

    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.goto("/stations/weizhai/ledger/drafts");
    await expect(page.getByTestId("draft-form")).toHaveCount(0);
    await page.getByRole("button", { name: "批准并记账" }).click();
    await expect(page.getByText("已批准并记账。")).toBeVisible();
    await page.getByRole("link", { name: /已记为第 \d+ 号凭证/ }).click();
    await expect(page.getByTestId("created-by")).toHaveText(OPERATOR.name);
    await expect(page.getByTestId("approved-by")).toHaveText(COMMITTEE.name);
    await expect(page.getByText("月底点钞多出 5 元")).toBeVisible();
  });
});

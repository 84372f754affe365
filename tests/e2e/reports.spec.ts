import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

// Demo accounts from db/seed.ts; the seeded year of till history (db/seed-till.ts) gives every report content.
const COMMITTEE = { login: "weizhai-committee", password: "committee-demo-2026" };
const ADMIN = { login: "qianxi-admin", password: "county-demo-2026" };

test.describe("the committee's reports", () => {
  test("a committee member drills from the farmer-income figure down to one sale", async ({ page }) => {
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.goto("/stations/weizhai/reports");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("报表");
    await expect(page.getByTestId("bar-chart")).toBeVisible();
    await page.getByTestId("index-farmers").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("农民增收");
    await expect(page.getByTestId("farmers-added")).toHaveText(/^[\d,]+\.\d\d$/);
    await expect(page.getByTestId("farmers-by-household")).toBeVisible();

    await page.getByTestId("farmers-added").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("21101");
    const saleRow = page.getByTestId("general-ledger").locator("tbody tr").filter({ hasText: "零售" }).first();
    await saleRow.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("记账凭证");
    await page.getByRole("link", { name: "销售", exact: true }).click();
    await expect(page.getByTestId("source-sale")).toBeVisible();
    await expect(page.getByTestId("source-total")).toHaveText(/^[\d,]+\.\d\d$/);
  });

  test("a bad range is refused with a message beside the field; the CSV downloads", async ({ page }) => {
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    const response = await page.goto("/stations/weizhai/reports/income?from=2026-05-02&to=2026-05-01");
    expect(response?.status()).toBe(400);
    await expect(page.getByRole("alert")).toHaveText("起始日期不能晚于截至日期");
    await page.goto("/stations/weizhai/reports/income");
    await expect(page.getByTestId("line-chart")).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "下载 CSV" }).click();
    expect((await download).suggestedFilename()).toMatch(/^income-weizhai-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  });

  test("the county admin sees every station side by side and exports a station's ledger as Beancount", async ({ page }) => {
    await signIn(page, ADMIN.login, ADMIN.password);
    await page.goto("/admin");
    await page.getByRole("link", { name: "全县汇总报表" }).click();
    await expect(page.getByTestId("county-rollup").locator("tbody tr")).toHaveCount(6); // five stations and the total
    await expect(page.getByTestId("county-added-weizhai")).toHaveText(/^[\d,]+\.\d\d$/);

    await page.goto("/stations/weizhai/reports/exports");
    await page.getByLabel("Beancount 复式记账文本").check();
    await page.getByRole("button", { name: "开始导出" }).click();
    // The export's own page, refreshing itself (meta refresh) until the file is ready.
    await page.waitForURL(/\/stations\/weizhai\/reports\/exports\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("export-status")).toHaveText("已完成", { timeout: 20_000 });
    const download = page.waitForEvent("download");
    await page.getByTestId("export-download").click();
    expect((await download).suggestedFilename()).toMatch(/\.beancount$/);
  });
});

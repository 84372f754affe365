import { expect, type Page, test } from "@playwright/test";

// Demo accounts and partner companies seeded by db/seed.ts and db/seed-partners.ts.
const ADMIN = { login: "qianxi-admin", password: "county-demo-2026" };
const BAJIAO = { login: "13800000103", password: "station-demo-2026" };
const SUPPLIER = "黔西丰农农资有限公司";
const CHAIN = "惠民超市连锁（黔西）有限公司";

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test.describe.configure({ mode: "serial" });

test.describe("partners at a station and at the county", () => {
  test("the operator sees the overdue chain, receives the supplier's fertiliser on a printable note, and reads the statement", async ({ page }) => {
    await signIn(page, BAJIAO.login, BAJIAO.password);
    await expect(page).toHaveURL(/\/stations\/bajiao\/manage$/);
    await page.goto("/stations/bajiao/manage/partners");
    const partners = page.getByTestId("station-partners");
    await expect(partners.getByRole("listitem").filter({ hasText: CHAIN })).toContainText("已逾期");
    await partners.getByRole("link", { name: SUPPLIER }).click();

    const stock = page.getByTestId("consigned-stock");
    await expect(stock).toContainText("丰农复合肥（50公斤）");
    const receive = page.getByTestId("receive-form");
    await receive.getByLabel(/丰农复合肥/).fill("5");
    await receive.getByRole("button", { name: "收货并打印收货单" }).click();
    await expect(page).toHaveURL(/\/stations\/bajiao\/manage\/partners\/notes\/\d+$/);
    const note = page.getByTestId("consignment-note");
    await expect(note).toContainText("寄售收货单");
    await expect(note).toContainText("5 袋");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation").first()).toBeHidden();
    await expect(note).toBeVisible();
    await page.emulateMedia({ media: "screen" });

    // Remitting more than owed is refused with a plain message.
    await page.goBack();
    await page.reload();
    const remit = page.getByTestId("remit-form");
    await remit.getByLabel("汇款金额（元）").fill("999999");
    await remit.getByLabel("银行转账流水号").fill("ZZ-E2E");
    await remit.getByRole("button", { name: "记录汇款" }).click();
    await expect(page.getByRole("alert")).toHaveText("汇款不能超过欠企业的货款。");

    await page.getByRole("link", { name: "对账单" }).click();
    const year = new Date().getFullYear();
    await page.getByLabel("从").fill(`${year}-01-01`);
    await page.getByRole("button", { name: "查看" }).click();
    const statement = page.getByTestId("partner-statement");
    await expect(statement).toContainText("与总账一致");
    await expect(statement).toContainText("收货单");
    const csv = await page.request.get((await page.getByTestId("statement-csv").getAttribute("href"))!);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(SUPPLIER);
  });

  test("the county admin lists the three partners and their terms per station", async ({ page }) => {
    await signIn(page, ADMIN.login, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByRole("link", { name: /合作企业/ }).first().click();
    await expect(page).toHaveURL(/\/admin\/partners$/);
    await expect(page.getByTestId("admin-partners").getByRole("listitem")).toHaveCount(3);
    await page.getByRole("link", { name: SUPPLIER }).click();
    await expect(page.getByTestId("partner-terms").getByRole("listitem")).toHaveCount(3);
    await expect(page.getByTestId("partner-terms")).toContainText("佣金 8%");
  });
});

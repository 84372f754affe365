import { expect, type Page, test } from "@playwright/test";
import { makeStationWithGoods } from "./support/factories";
import type { StationWithGoods } from "./support/factory-server";

// A station of this spec's own (tests/e2e/support/factories.ts): 金银花 consigned by 杨正芬 at
// ¥40.00/斤, 12 % commission, 50 斤 in stock — no other spec sells from it.
let made: StationWithGoods;
let TILL: string;

test.beforeAll(async () => {
  made = await makeStationWithGoods();
  TILL = `/stations/${made.station.code}/manage/till`;
});

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(made.operator.login);
  await page.getByLabel("密码", { exact: true }).fill(made.operator.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(new RegExp(`/stations/${made.station.code}/manage$`));
}

test.describe.configure({ mode: "serial" });

test.describe("a day at the till, on a phone", () => {
  test("open a session, sell 2.5 斤 of 金银花 for cash with change, print, close 1 yuan short, pay the household", async ({ page }) => {
    await signIn(page);
    await page.goto(TILL);
    await page.getByRole("link", { name: "开班（清点备用金）" }).click();
    await page.getByLabel("备用金").fill("200");
    await page.getByRole("button", { name: "开班" }).click();
    await expect(page).toHaveURL(new RegExp(`${TILL}\\?entry=[0-9a-f-]{36}$`));
    await page.waitForLoadState("networkidle"); // hydrated: totals follow the typing

    const item = page.getByTestId("till-product-金银花");
    await item.getByRole("textbox").fill("2.5");
    await expect(item).toContainText("小计 ¥100.00");
    await expect(page.getByTestId("running-total")).toContainText("¥100.00");
    await page.getByLabel("现金", { exact: true }).check();
    await page.getByLabel("收款（现金）").fill("150");
    await expect(page.getByTestId("live-change")).toContainText("¥50.00");
    await page.getByRole("button", { name: "完成收款" }).click();

    await expect(page).toHaveURL(new RegExp(`/stations/${made.station.code}/manage/sales/\\d+\\?new=1$`));
    const receipt = page.getByTestId("sale-receipt");
    await expect(receipt.getByTestId("receipt-total")).toHaveText("¥100.00");
    await expect(receipt.getByTestId("receipt-change")).toHaveText("¥50.00");
    await expect(receipt).toContainText("2.5 斤");
    await expect(receipt.locator("svg")).toBeVisible();
    // Print on the 58 mm roll: the receipt alone.
    await page.getByRole("link", { name: "58毫米小票" }).click();
    await expect(page.locator(".paper-58")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("link", { name: "下一单" })).toBeHidden();
    await expect(page.getByTestId("sale-receipt")).toBeVisible();
    await page.emulateMedia({ media: "screen" });
    // The QR code's page shows the same receipt to anyone, without the operator's name.
    const publicUrl = await page.getByRole("link", { name: "公开核对页面" }).getAttribute("href");
    const anon = await page.context().browser()!.newPage();
    await anon.goto(publicUrl!);
    await expect(anon.getByTestId("receipt-total")).toHaveText("¥100.00");
    await expect(anon.getByTestId("sale-receipt")).not.toContainText("经办人");
    await anon.close();

    // Close the session: expected 200 + 100 = 300, counted 299.
    await page.goto(`${TILL}/session`);
    await expect(page.getByTestId("session-expected")).toHaveText("¥300.00");
    const close = page.getByTestId("close-session");
    await close.locator('input[name="d100"]').fill("2");
    await close.locator('input[name="d50"]').fill("1");
    await close.locator('input[name="d20"]').fill("2");
    await close.locator('input[name="d5"]').fill("1");
    await close.locator('input[name="d1"]').fill("4");
    await close.getByRole("button", { name: "清点完毕，交班" }).click();
    await expect(page.getByRole("alert")).toContainText("请写明原因");
    await page.getByLabel("说明").fill("找零时多给了一元");
    await page.getByTestId("close-session").locator('input[name="d1"]').fill("4");
    await page.getByTestId("close-session").locator('input[name="d100"]').fill("2");
    await page.getByTestId("close-session").locator('input[name="d50"]').fill("1");
    await page.getByTestId("close-session").locator('input[name="d20"]').fill("2");
    await page.getByTestId("close-session").locator('input[name="d5"]').fill("1");
    await page.getByRole("button", { name: "清点完毕，交班" }).click();
    await expect(page.getByTestId("report-counted")).toHaveText("¥299.00");
    await expect(page.getByTestId("report-difference")).toHaveText("-¥1.00");

    // Pay 杨正芬 what she is owed, by WeChat.
    await page.goto(`/stations/${made.station.code}/manage/households`);
    await page.getByRole("link", { name: /杨正芬/ }).first().click();
    await page.getByTestId("statement-link").click();
    const owed = (await page.getByTestId("household-owed").textContent())!;
    expect(owed).toMatch(/^¥[\d,]+\.\d\d$/);
    const form = page.getByTestId("payout-form");
    await form.getByLabel("付款金额").fill("100000");
    await form.getByLabel("微信/支付宝").check();
    await form.getByLabel("交易单号").fill("4200009999");
    await form.getByRole("button", { name: "付款并打印付款单" }).click();
    await expect(page.getByRole("alert")).toContainText("不能超过应付");
    await page.getByTestId("payout-form").getByLabel("微信/支付宝").check();
    await page.getByTestId("payout-form").getByLabel("交易单号").fill("4200009999");
    await page.getByTestId("payout-form").getByLabel("付款金额").fill(owed.replace(/[¥,]/g, ""));
    await page.getByTestId("payout-form").getByRole("button", { name: "付款并打印付款单" }).click();
    await expect(page.getByTestId("payout-slip")).toContainText("农户签字");
    await expect(page.getByTestId("payout-amount")).toHaveText(owed);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sale still completes: work out the total, then pay by mobile", async ({ page }) => {
    await signIn(page);
    await page.goto(TILL);
    const item = page.getByTestId("till-product-金银花");
    await item.getByRole("textbox").fill("1.25");
    await page.getByRole("button", { name: "算一下合计" }).click();
    await expect(page.getByTestId("running-total")).toContainText("¥50.00");
    await page.getByLabel("微信/支付宝").check();
    await page.getByLabel("交易单号").fill("4200001111");
    await page.getByRole("button", { name: "完成收款" }).click();
    await expect(page).toHaveURL(new RegExp(`/stations/${made.station.code}/manage/sales/\\d+\\?new=1$`));
    await expect(page.getByTestId("receipt-total")).toHaveText("¥50.00");
  });
});

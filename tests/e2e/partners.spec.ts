import { type Browser, expect, type Page, test } from "@playwright/test";

// Demo accounts and the honeysuckle processor seeded by db/seed.ts and db/seed-partners.ts.
const ADMIN = { login: "qianxi-admin", password: "county-demo-2026" };
const OPERATOR = { login: "13800000101", password: "station-demo-2026" }; // 韦寨
const PROCESSOR = "黔西花语金银花茶业有限公司";
const PARTNER_PASSWORD = "honeysuckle-tea-2026";

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 360, height: 740 } });
  return context.newPage();
}

test.describe.configure({ mode: "serial" });

test.describe("a partner company orders in bulk", () => {
  test("the admin makes a partner user; they order 金银花; the operator fills it from two households and prints the 发货单; the partner sees it delivered and invoiced", async ({ page, browser }) => {
    test.setTimeout(90_000);
    // The county admin creates the partner's account, with the partner company as its place.
    await signIn(page, ADMIN.login, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/admin/accounts");
    await page.getByLabel("姓名").fill("周海涛");
    await page.getByLabel("用户名").fill(`huayu-${Date.now().toString(36)}`);
    await page.getByLabel("角色").selectOption({ label: "合作企业用户" });
    await page.getByLabel("合作企业", { exact: true }).selectOption({ label: PROCESSOR });
    await page.getByRole("button", { name: "新建员工账号" }).click();
    await expect(page).toHaveURL(/\/admin\/accounts\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`合作企业用户 · ${PROCESSOR}`)).toBeVisible();
    const link = await page.getByTestId("issued-code").getByRole("link").getAttribute("href");

    // The partner user sets a password with the code and lands in the portal.
    const partner = await freshPage(browser);
    await partner.goto(new URL(link!).pathname + new URL(link!).search);
    await partner.getByLabel("新密码", { exact: true }).fill(PARTNER_PASSWORD);
    await partner.getByLabel("再输一次新密码").fill(PARTNER_PASSWORD);
    await partner.getByRole("button", { name: "设置密码并登录" }).click();
    await expect(partner).toHaveURL(/\/partner$/);
    await expect(partner.getByText(PROCESSOR).first()).toBeVisible();

    // They place a bulk order at 韦寨: 10 斤 of 金银花 at ¥38.00.
    await partner.getByRole("link", { name: "下大宗订单" }).first().click();
    await partner.getByLabel("服务站").selectOption("weizhai");
    await partner.getByRole("button", { name: "选这个服务站" }).click();
    await partner.getByLabel("交货日期").fill("2026-12-20");
    await partner.locator('select[name="lines.0.productKey"]').selectOption("金银花");
    await partner.locator('input[name="lines.0.quantity"]').fill("10");
    await partner.locator('input[name="lines.0.unitPrice"]').fill("38.00");
    await partner.getByRole("button", { name: "提交订单" }).click();
    await expect(partner).toHaveURL(/\/partner\/orders\/[0-9a-f-]{36}$/);
    const orderUrl = partner.url();
    await expect(partner.getByTestId("order-status")).toHaveText("已下单，待服务站确认");
    const title = await partner.getByRole("heading", { level: 1 }).textContent();
    const number = /weizhai-(\d+)/.exec(title ?? "")?.[1];
    expect(number).toBeTruthy();

    // The operator confirms it and fills it from two households.
    const operator = await freshPage(browser);
    await signIn(operator, OPERATOR.login, OPERATOR.password);
    await expect(operator).toHaveURL(/\/stations\/weizhai\/manage$/);
    await operator.goto(`/stations/weizhai/manage/partners/orders/${number}`);
    await operator.getByTestId("confirm-order").click();
    const fill = operator.getByTestId("deliver-form");
    await expect(fill).toBeVisible();
    const households = fill.locator('input[name^="q_"]');
    expect(await households.count()).toBeGreaterThanOrEqual(2);
    await households.nth(0).fill("6");
    await households.nth(1).fill("4");
    await operator.getByTestId("deliver").click();
    await expect(operator).toHaveURL(/\/stations\/weizhai\/manage\/partners\/deliveries\/\d+$/);
    const note = operator.getByTestId("delivery-note");
    await expect(note.getByTestId("delivery-line")).toHaveCount(2);
    await expect(note.getByTestId("delivery-total")).toContainText("¥380.00");
    await expect(note).toContainText(PROCESSOR);
    // Printed, the note stands alone: the navigation is left off the paper.
    await operator.emulateMedia({ media: "print" });
    await expect(operator.getByRole("navigation").first()).toBeHidden();
    await expect(note).toBeVisible();
    await operator.emulateMedia({ media: "screen" });

    // The partner sees the order delivered in full and invoiced, with the delivery note.
    await partner.goto(orderUrl);
    await expect(partner.getByTestId("order-status")).toHaveText("已全部发货");
    await expect(partner.getByTestId("order-invoiced")).toHaveText("¥380.00");
    await expect(partner.getByTestId("line-delivered")).toHaveText("10 斤");
    await partner.getByTestId("order-deliveries").getByRole("link").first().click();
    await expect(partner.getByTestId("delivery-lines").locator("tbody tr")).toHaveCount(2);
    await partner.goto("/partner/invoices");
    await expect(partner.getByTestId("partner-invoices")).toContainText("¥380.00");

    // The portal is theirs alone: a station's desk is not.
    const desk = await partner.goto("/stations/weizhai/manage");
    expect(desk?.status()).toBe(404);
  });
});

import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

// Demo accounts from db/seed.ts; the seeded year is closed month by month (db/seed-committee.ts).
const ADMIN = { login: "qianxi-admin", password: "county-demo-2026" };
const OPERATOR = { login: "13800000101", password: "station-demo-2026", name: "韦兰芬" };
const COMMITTEE = { login: "weizhai-committee", password: "committee-demo-2026", name: "韦国强" };

/** The last month that has ended, China time (the seed closed it). */
function lastEndedMonth(): string {
  const china = new Date(Date.now() + 8 * 3600_000);
  const d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

test.describe("the committee's month-end close", () => {
  test("an operator prepares a close, a committee member signs it and prints the notice, whose QR link verifies the books", async ({ page }) => {
    const month = lastEndedMonth();

    // The seeded year is closed; the county admin reopens the last month, with a reason, so it can be closed again.
    await signIn(page, ADMIN.login, ADMIN.password);
    await page.goto("/admin/periods");
    await page.getByLabel("站点").selectOption({ label: "林泉镇韦寨村电商服务站" });
    await page.getByLabel("月份（如 2026-03）").fill(month);
    await page.getByLabel("原因").fill("补录一张纸质收据，重新结账");
    await page.getByRole("button", { name: "重新打开" }).click();
    await expect(page.getByText("已重新打开，该月可重新结账。")).toBeVisible();

    // The operator checks the month and signs first.
    await signIn(page, OPERATOR.login, OPERATOR.password);
    await page.getByTestId("close-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("月度结账");
    await page.getByTestId(`close-${month}`).click();
    await expect(page.getByTestId("close-status")).toHaveText("未结账");
    await expect(page.getByTestId("figures")).toContainText("农民增收");
    await page.getByTestId("prepare-close").click();
    await expect(page.getByTestId("close-status")).toHaveText("待第二人签字");
    await expect(page.getByTestId("signatures")).toContainText(OPERATOR.name);
    await expect(page.getByTestId("sign-close")).toHaveCount(0);

    // The committee member signs second: the month is locked and sealed.
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.goto(`/stations/weizhai/close/${month}`);
    await page.getByTestId("sign-close").click();
    await expect(page.getByTestId("close-status")).toHaveText("已结账");
    await expect(page.getByTestId("signatures")).toContainText(COMMITTEE.name);
    const seal = (await page.getByTestId("seal").textContent())!.trim();
    expect(seal).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
    await expect(page.getByText("补录一张纸质收据，重新结账").first()).toBeVisible();

    // The printable notice: Chinese, masked names, the seal, a QR code to the verification page.
    await page.getByTestId("print-notice").click();
    const notice = page.getByTestId("notice");
    await expect(notice.getByRole("heading", { level: 1 })).toContainText(`${month} 收支情况`);
    await expect(notice.getByTestId("seal")).toHaveText(seal);
    await expect(notice.getByTestId("qr").locator("svg")).toBeVisible();
    const names = await notice.getByTestId("household-names").textContent();
    expect(names).toMatch(/\*/);
    const href = (await notice.getByTestId("verify-link").getAttribute("href"))!;
    // The QR code carries this notice's own seal, so the page knows which printed notice is held.
    expect(href).toMatch(new RegExp(`/verify/weizhai/${month}\\?seal=${seal.replace(/ /g, "")}$`));

    // English on request.
    await page.goto(`/stations/weizhai/notice/${month}?lng=en`);
    await expect(page.getByTestId("notice").getByRole("heading", { level: 1 })).toContainText("Public notice");

    // The QR link opens the public verification page, signed out, without JavaScript.
    await page.context().clearCookies();
    await page.goto(`${new URL(href).pathname}${new URL(href).search}`);
    await expect(page.getByTestId("held-message")).toHaveText("您手中的公示是当前版本。");
    // The month was reopened once: the page says the books are unchanged since the last close, not since "the" close.
    await expect(page.getByTestId("verify-result")).toContainText("最后一次结账后没有被改动");
    await expect(page.getByTestId("current-notice").getByTestId("seal")).toHaveText(seal);
    await expect(page.locator("script[src]")).toHaveCount(0);
  });

  test("a committee member reads the upkeep fund and the audit trail", async ({ page }) => {
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.goto("/stations/weizhai/upkeep");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("站点运维基金");
    await expect(page.getByTestId("reserve-balance")).toHaveText(/^[\d,]+\.\d\d$/);
    await expect(page.getByTestId("expense").first()).toContainText("已入账");
    await expect(page.getByTestId("pay-formula")).toContainText("300.00");
    await page.goto("/stations/weizhai/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("操作记录");
    await page.getByLabel("操作类别").selectOption("period");
    await page.getByRole("button", { name: "筛选" }).click();
    // Worded from the dictionary, never the stored code ("period.seal").
    await expect(page.getByTestId("audit-action").first()).toHaveText(/^(签字封账|重新打开月份|准备结账)$/);
  });
});

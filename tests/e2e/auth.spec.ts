import { expect, type Page, test } from "@playwright/test";

// Demo accounts seeded by db/seed.ts (DEMO_ACCOUNTS), listed in the README.
const OPERATOR = { login: "13800000101", password: "station-demo-2026", station: "林泉镇韦寨村电商服务站" };
const COMMITTEE = { login: "huawu-committee", password: "committee-demo-2026", station: "新仁乡化屋村电商服务站" };

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

test.describe("signing in", () => {
  test("an operator lands on their own station's desk and can edit it", async ({ page }) => {
    await signIn(page, OPERATOR.login, OPERATOR.password);
    await expect(page).toHaveURL(/\/stations\/weizhai\/manage$/);
    await expect(page.getByTestId("manage-station-name")).toHaveText(OPERATOR.station);
    await expect(page.getByTestId("manage-mode")).toContainText("站点管理员");
    await expect(page.getByTestId("nav-account")).toHaveText("韦兰芬");

    const form = page.getByTestId("edit-station-form");
    await expect(form).toBeVisible();
    await form.getByLabel("营业时间（中文）").fill("每天 8:00–18:30");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("已保存。")).toBeVisible();

    // Another station's desk is none of their business.
    const other = await page.goto("/stations/huawu/manage");
    expect(other?.status()).toBe(404);
  });

  test("a committee member sees their station read-only, with no way to edit", async ({ page }) => {
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await expect(page).toHaveURL(/\/stations\/huawu\/manage$/);
    await expect(page.getByTestId("manage-station-name")).toHaveText(COMMITTEE.station);
    await expect(page.getByTestId("manage-mode")).toContainText("只读");
    await expect(page.getByTestId("edit-station-form")).toHaveCount(0);
    // The only forms on the page are the header's sign-out and language switch: nothing edits the station.
    const main = page.locator("main");
    await expect(main.locator("form")).toHaveCount(0);
    await expect(main.locator("input, textarea, select")).toHaveCount(0);
    await expect(main.getByRole("button")).toHaveCount(0);
  });

  test("a wrong password is refused in words, keeping the login typed", async ({ page }) => {
    await signIn(page, OPERATOR.login, "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("手机号/用户名或密码不对，请再试一次。");
    await expect(page.getByLabel("手机号或用户名")).toHaveValue(OPERATOR.login);
    await expect(page.getByLabel("密码", { exact: true })).toHaveValue("");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("nav-sign-in")).toBeVisible();
    await page.goto("/stations/huawu/manage");
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
  });
});

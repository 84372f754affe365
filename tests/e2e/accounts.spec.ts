import { expect, test } from "@playwright/test";

// A buyer registers; a new staff member sets a password with the code the admin handed over.
// Both forms answer a refusal beside the field at fault, in Chinese, and keep what was typed.

for (const javaScriptEnabled of [true, false]) {
  test.describe(`registering and setting a password (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("a phone already registered is refused beside the phone; a new one registers and lands on the account", async ({ page }) => {
      await page.goto("/register");
      await page.getByLabel("姓名").fill("王小丽");
      await page.getByLabel("手机号", { exact: true }).fill("13900000001"); // the demo buyer 张丽's
      await page.getByLabel("新密码", { exact: true }).fill("stone-bridge-river-7");
      await page.getByLabel("再输一次新密码").fill("stone-bridge-river-7");
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "注册" }).click()]);
      expect(refused.status()).toBe(409);
      await expect(page.getByText("这个手机号已经注册过了")).toBeVisible();
      await expect(page.getByLabel("姓名")).toHaveValue("王小丽");
      await expect(page.getByLabel("新密码", { exact: true })).toHaveValue("");

      const phone = `137${String(Date.now()).slice(-8)}`;
      await page.getByLabel("手机号", { exact: true }).fill(phone);
      await page.getByLabel("新密码", { exact: true }).fill("stone-bridge-river-7");
      await page.getByLabel("再输一次新密码").fill("stone-bridge-river-7");
      await page.getByRole("button", { name: "注册" }).click();
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByTestId("nav-account")).toHaveText("王小丽");
    });

    test("a wrong set-password code is refused beside the code, in words", async ({ page }) => {
      await page.goto("/set-password");
      await page.getByLabel("设置密码码").fill("AAAA-BBBB-CCCC-DDDD");
      await page.getByLabel("新密码", { exact: true }).fill("stone-bridge-river-7");
      await page.getByLabel("再输一次新密码").fill("stone-bridge-river-7");
      await page.getByRole("button", { name: "设置密码并登录" }).click();
      await expect(page.getByText("这个设置密码码不对、已经用过或已过期。请找管理员重新发一个。")).toBeVisible();
      await expect(page.getByLabel("设置密码码")).toHaveValue("AAAA-BBBB-CCCC-DDDD");
      await expect(page).toHaveURL(/\/set-password$/);
    });
  });
}

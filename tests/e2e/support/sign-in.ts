import type { Page } from "@playwright/test";

/**
 * Signs in through the login form as a demo account (db/seed.ts, listed in the README), from a
 * clean slate: any earlier session's cookies go first. Resolves once the app has left /login,
 * i.e. on the account's landing page.
 */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(login);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

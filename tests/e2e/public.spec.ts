import { expect, test } from "@playwright/test";

const STATIONS = ["林泉镇韦寨村电商服务站", "林泉镇高锦村电商服务站", "太来乡芭蕉村电商服务站", "素朴镇古胜村电商服务站", "新仁乡化屋村电商服务站"];

test.describe("the public pages", () => {
  test("home page in Chinese lists the five stations of 黔西县", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("黔西县村级电商服务站");
    const list = page.getByTestId("station-list");
    for (const name of STATIONS) await expect(list.getByText(name)).toBeVisible();
    await expect(page).toHaveTitle(/黔西县/);
  });

  test("switching to English stays on the page and is remembered", async ({ page }) => {
    await page.goto("/stations/huawu");
    await page.getByRole("button", { name: "切换到英文" }).click();
    await expect(page).toHaveURL(/\/stations\/huawu$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Huawu Village E-commerce Service Station");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Village service stations of Qianxi County");
    await page.getByRole("button", { name: "Switch to Chinese" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("a station page shows where it is and how to reach it", async ({ page }) => {
    await page.goto("/");
    await page.getByText("新仁乡化屋村电商服务站").click();
    await expect(page).toHaveURL(/\/stations\/huawu$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("新仁乡化屋村电商服务站");
    await expect(page.getByText("黔西县新仁乡化屋村游客服务中心")).toBeVisible();
    await expect(page.getByText("每天 8:00–19:00（旅游旺季延长）")).toBeVisible();
  });

  test("an unknown station is a friendly 404 in Chinese", async ({ page }) => {
    const response = await page.goto("/stations/nowhere");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有找到这个页面");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("home, station page and the language switch all work", async ({ page }) => {
    await page.goto("/");
    for (const name of STATIONS) await expect(page.getByText(name)).toBeVisible();
    await expect(page.locator("script")).toHaveCount(0);
    await page.getByText("太来乡芭蕉村电商服务站").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("太来乡芭蕉村电商服务站");
    await page.getByRole("button", { name: "切换到英文" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bajiao Village E-commerce Service Station");
  });
});

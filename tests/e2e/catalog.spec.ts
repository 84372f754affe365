import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";

// Demo accounts seeded by db/seed.ts (DEMO_ACCOUNTS); 韦德富 is a demo household of 韦寨 (db/seed-catalog.ts).
const OPERATOR = { login: "13800000101", password: "station-demo-2026" };
const PRODUCT = { nameZh: "韦寨野生金银花", nameEn: "Wild honeysuckle from Weizhai", price: "45.80" };

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(OPERATOR.login);
  await page.getByLabel("密码", { exact: true }).fill(OPERATOR.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/stations\/weizhai\/manage$/);
}

/** A real photo-sized picture, made here so the test needs no binary fixture. */
async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 236, g: 226, b: 160 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

test.describe.configure({ mode: "serial" });

test.describe("goods from a household reach the market", () => {
  test("an operator lists a new product with a photo and receives 30 斤 from a household", async ({ page }) => {
    await signIn(page);
    await page.getByTestId("goods-links").getByRole("link", { name: "商品" }).click();
    await page.getByRole("link", { name: "新增商品" }).click();
    const form = page.getByTestId("product-form");
    await form.getByLabel("名称（中文）").fill(PRODUCT.nameZh);
    await form.getByLabel("名称（英文）").fill(PRODUCT.nameEn);
    await form.getByLabel("单价（元）").fill("45.805");
    await form.getByLabel("货主").selectOption("household");
    await form.getByLabel("农户", { exact: true }).selectOption({ label: "韦德富（3组）" });
    await form.getByLabel("介绍（中文）：产地、种法、故事").fill("山上野生的金银花，清早采摘，当天烘干。");
    await form.getByLabel("照片").setInputFiles({ name: "jinyinhua.jpg", mimeType: "image/jpeg", buffer: await photo() });
    await form.getByRole("button", { name: "保存商品" }).click();
    // A price with three decimals is refused beside the field; nothing is saved.
    await expect(page.getByText("价格只能精确到分（最多两位小数）")).toBeVisible();
    await form.getByLabel("单价（元）").fill(PRODUCT.price);
    await form.getByLabel("照片").setInputFiles({ name: "jinyinhua.jpg", mimeType: "image/jpeg", buffer: await photo() });
    await form.getByRole("button", { name: "保存商品" }).click();

    await expect(page).toHaveURL(/\/stations\/weizhai\/manage\/products\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(PRODUCT.nameZh);
    await expect(page.getByTestId("operator-price")).toHaveText("¥45.80/斤");
    await expect(page.locator("img[srcset*='/media/']").first()).toBeVisible();

    await page.getByTestId("receive-this").click();
    const receive = page.getByTestId("receive-form");
    await receive.getByLabel("数量").fill("30");
    await receive.getByRole("button", { name: "确认收货" }).click();
    const slip = page.getByTestId("receipt-slip");
    await expect(slip.getByRole("heading", { name: "代卖收货单" })).toBeVisible();
    await expect(slip.getByTestId("receipt-quantity")).toHaveText("30 斤");
    await expect(slip).toContainText("韦德富");
    await expect(slip).toContainText("农户签字");

    await page.getByRole("link", { name: PRODUCT.nameZh }).click();
    await expect(page.getByTestId("operator-on-hand")).toHaveText("30 斤");
    await expect(page.getByTestId("movement-history")).toContainText("收货");
  });

  test("an anonymous visitor finds it through search and sees it", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("home-search").getByRole("searchbox").fill("野生金银花");
    await page.getByTestId("home-search").getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    const results = page.getByTestId("search-results");
    await expect(results.getByText(PRODUCT.nameZh)).toBeVisible();
    await results.getByText(PRODUCT.nameZh).click();

    await expect(page.getByTestId("product-name")).toHaveText(PRODUCT.nameZh);
    await expect(page.getByTestId("product-price")).toHaveText("¥45.80/斤");
    await expect(page.getByTestId("product-stock")).toHaveText("现有 30 斤");
    await expect(page.getByTestId("product-origin")).toContainText("德富");
    await expect(page.getByTestId("product-origin")).not.toContainText("韦德富");
    await expect(page.locator("picture img")).toHaveAttribute("width", "960");

    // The English name finds it too, and anonymous pages carry cache headers.
    const response = await page.goto("/search?q=wild+honeysuckle");
    expect(response?.headers()["etag"]).toBeTruthy();
    expect(response?.headers()["cache-control"]).toContain("stale-while-revalidate");
    await expect(page.getByTestId("search-results").getByText(PRODUCT.nameZh)).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the visitor searches, filters and opens the product", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("script")).toHaveCount(0);
    await page.getByTestId("home-search").getByRole("searchbox").fill("野生金银花");
    await page.getByTestId("home-search").getByRole("button", { name: "搜索" }).click();
    await expect(page.getByTestId("search-results").getByText(PRODUCT.nameZh)).toBeVisible();
    const form = page.getByTestId("search-form");
    await form.getByLabel("服务站").selectOption({ label: "新仁乡化屋村电商服务站" });
    await form.getByRole("button", { name: "搜索" }).click();
    await expect(page.getByTestId("result-count")).toHaveText("0 件商品");
    await form.getByLabel("服务站").selectOption({ label: "林泉镇韦寨村电商服务站" });
    await form.getByRole("button", { name: "搜索" }).click();
    await page.getByTestId("search-results").getByText(PRODUCT.nameZh).click();
    await expect(page.getByTestId("product-name")).toHaveText(PRODUCT.nameZh);
    await expect(page.getByTestId("product-stock")).toHaveText("现有 30 斤");
    await expect(page.locator("script")).toHaveCount(0);
  });
});

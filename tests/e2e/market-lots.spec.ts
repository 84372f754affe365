import { expect, type Page, test } from "@playwright/test";

/**
 * What a buyer sees of 韦寨's 金银花 (issue 14, point 6): four households' lots as one card that
 * says so, the product page listing the lots apart, stock as a person reads it, and a refused
 * add-to-cart that says why beside the quantity and leaves the buyer where they can try again.
 * The demo county's data; other specs may sell some 金银花, so stock figures are read by shape.
 */

const READABLE_JIN = /^现有 (约 )?\d+(\.\d)? 斤$/;

async function openWeizhaiHoneysuckle(page: Page) {
  await page.goto("/stations/weizhai");
  const goods = page.getByTestId("station-goods");
  const cards = goods.getByRole("link", { name: /金银花/ });
  // One card for the four households' lots, saying how many and their price range.
  await expect(cards).toHaveCount(1);
  await expect(cards).toContainText("4 批");
  await expect(cards).toContainText("¥36.00–¥38.00/斤");
  await cards.click();
  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("product-name")).toHaveText("金银花");
}

for (const width of [360, 1280]) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`the market's lots at ${width} px, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ viewport: { width, height: 900 }, javaScriptEnabled });

      test("weizhai's 金银花 is one card; its page tells the lots apart, with stock a person reads", async ({ page }) => {
        await openWeizhaiHoneysuckle(page);
        const lots = page.getByTestId("lot");
        await expect(lots).toHaveCount(4);
        // Each lot names its household (given name and group), its own price and its stock.
        const owners = await page.getByTestId("lot-owner").allTextContents();
        expect(owners.sort()).toEqual(["韦寨村2组 · 农户秀兰家", "韦寨村3组 · 农户德富家", "韦寨村5组 · 农户兴国家", "韦寨村6组 · 农户朝军家"]);
        await expect(lots.filter({ hasText: "德富" }).getByTestId("lot-price")).toHaveText("¥38.00/斤");
        await expect(lots.filter({ hasText: "德富" }).getByTestId("lot-harvested")).toHaveText(/^\d{4}-\d{2}-\d{2} 采收$/);
        for (const stock of await page.getByTestId("lot-stock").allTextContents()) expect(stock).toMatch(READABLE_JIN);
        await expect(page.getByTestId("product-stock")).toHaveText(READABLE_JIN);
        // Nothing on the page shows the books' thousandths.
        expect(await page.locator("main").innerText()).not.toMatch(/\d+\.\d{2,} ?斤/);
        await expect(page.getByTestId("lots-note")).toBeVisible();
        // Each lot has its own add-to-cart, in reach on a phone.
        await expect(page.getByTestId("lot-add-to-cart")).toHaveCount(4);
        const button = lots.first().getByRole("button", { name: "加入购物车" });
        await button.scrollIntoViewIfNeeded();
        await expect(button).toBeInViewport();
      });

      test("a refused add-to-cart says why beside the quantity and keeps the buyer on the product", async ({ page }) => {
        await openWeizhaiHoneysuckle(page);
        const productUrl = page.url();
        const lot = page.getByTestId("lot").filter({ hasText: "兴国" });
        // More than is left: the page again, the reason and how much is left beside this lot's quantity.
        await lot.getByLabel("数量（斤）").fill("9999");
        await lot.getByRole("button", { name: "加入购物车" }).click();
        await expect(page).toHaveURL(productUrl);
        const again = page.getByTestId("lot").filter({ hasText: "兴国" });
        await expect(again.getByTestId("add-error")).toHaveText(/^库存不够：这一批只剩 (约 )?\d+(\.\d)? 斤。请改小数量再加入。$/);
        await expect(again.getByLabel("数量（斤）")).toHaveValue("9999");
        await expect(again.getByLabel("数量（斤）")).toHaveAttribute("aria-invalid", "true");
        // The other lots are untouched and still there to choose from.
        await expect(page.getByTestId("add-error")).toHaveCount(1);
        await expect(page.getByTestId("lot")).toHaveCount(4);
        // Not a quantity at all: said in the product's unit.
        await again.getByLabel("数量（斤）").fill("两斤");
        await again.getByRole("button", { name: "加入购物车" }).click();
        await expect(page.getByTestId("lot").filter({ hasText: "兴国" }).getByTestId("add-error")).toHaveText("请填写正确的数量（斤）。");
        // Corrected, it goes to the cart.
        await page.getByTestId("lot").filter({ hasText: "兴国" }).getByLabel("数量（斤）").fill("1");
        await page.getByTestId("lot").filter({ hasText: "兴国" }).getByRole("button", { name: "加入购物车" }).click();
        await expect(page).toHaveURL(/\/cart\?added=1$/);
        // In the cart, the line says whose lot it is.
        const line = page.getByTestId("cart-line").filter({ hasText: "金银花" });
        await expect(line.getByTestId("cart-line-lot")).toHaveText("5组 · 农户兴国家");
      });
    });
  }
}

test.describe("the same in English, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });

  test("the card counts lots, stock reads 'about', and a refusal is in English", async ({ page, baseURL }) => {
    // The language a visitor chose is remembered by its cookie (the language switch sets it).
    await page.context().addCookies([{ name: "lng", value: "en", url: baseURL! }]);
    await page.goto("/search?q=%E9%87%91%E9%93%B6%E8%8A%B1");
    const weizhai = page.getByRole("link", { name: /Weizhai/ }).filter({ hasText: "Honeysuckle" });
    await expect(weizhai).toHaveCount(1);
    await expect(weizhai).toContainText("4 lots");
    await weizhai.click();
    const lot = page.getByTestId("lot").first();
    await expect(lot.getByTestId("lot-stock")).toHaveText(/^(about )?\d+(\.\d)? jin in stock$/);
    await lot.getByLabel("Quantity (jin)").fill("9999");
    await lot.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("lot").first().getByTestId("add-error")).toHaveText(/^Not enough in stock: only (about )?\d+(\.\d)? jin of this lot is left\. Please enter a smaller quantity\.$/);
  });
});

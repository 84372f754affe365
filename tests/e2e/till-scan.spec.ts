import { expect, type Page, test } from "@playwright/test";
import { makeStationWithGoods } from "./support/factories";
import type { StationWithGoods } from "./support/factory-server";
import { signIn } from "./support/sign-in";

// A station of this spec's own, run by its operator (no other spec sells from it): 鸡蛋 by the
// piece at ¥1.20 and 金银花 by the 斤 at ¥40.00. A scanner is a keyboard that types the code and
// presses Enter, so the spec does exactly that.
let made: StationWithGoods;

test.beforeAll(async () => {
  made = await makeStationWithGoods({
    products: [
      { nameZh: "鸡蛋", nameEn: "Eggs", unit: "piece", price: "1.20", stock: "60" },
      { nameZh: "金银花", nameEn: "Honeysuckle", unit: "jin", price: "40.00", stock: "50" },
    ],
  });
});

const till = () => `/stations/${made.station.code}/manage/till`;
const eggs = () => made.products.find((p) => p.nameZh === "鸡蛋")!;
const honeysuckle = () => made.products.find((p) => p.nameZh === "金银花")!;

async function scan(page: Page, code: string) {
  const field = page.getByLabel("扫码或输入商品码");
  await field.click();
  await field.pressSequentially(code, { delay: 5 });
  await field.press("Enter");
}

async function sellScanned(page: Page, javaScript: boolean) {
  await signIn(page, made.operator.login, made.operator.password);
  await page.goto(till());
  if (javaScript) await page.waitForLoadState("networkidle"); // hydrated: the scan is handled on the page
  const eggsLine = page.getByTestId("till-product-鸡蛋");

  await scan(page, eggs().code);
  await expect(page.getByTestId("scan-message")).toContainText("已加入：鸡蛋，数量 1");
  await expect(eggsLine.getByRole("textbox")).toHaveValue("1");
  await expect(eggsLine).toContainText("小计 ¥1.20");
  // With JavaScript the page adds it itself: no post, the address stays the till's.
  // The page keeps its entry key (ADR 023): the sale being entered is the same one after the scan.
  if (javaScript) await expect(page).toHaveURL(new RegExp(`${till()}\\?entry=[\\w-]+$`));
  else await expect(page).toHaveURL(new RegExp(`${till()}\\?index&entry=[\\w-]+$`));
  await scan(page, eggs().code);
  await expect(eggsLine.getByRole("textbox")).toHaveValue("2");
  await expect(eggsLine).toContainText("小计 ¥2.40");

  // Weighed goods: the scan asks for the weight and puts the cursor there.
  await scan(page, honeysuckle().code);
  await expect(page.getByTestId("scan-message")).toContainText("金银花按重量卖");
  const honeyQty = page.getByTestId("till-product-金银花").getByRole("textbox");
  await expect(honeyQty).toBeFocused();
  await honeyQty.fill("0.5");

  // A code the station does not have: said beside the field, nothing added.
  await scan(page, "2000000009999");
  await expect(page.getByTestId("scan-message")).toHaveText("没有商品码为 2000000009999 的商品。");
  await expect(eggsLine.getByRole("textbox")).toHaveValue("2");

  await page.getByLabel("微信/支付宝").check();
  await page.getByLabel("交易单号").fill(javaScript ? "wx-scan-js" : "wx-scan-nojs");
  await page.getByRole("button", { name: "完成收款" }).click();
  await expect(page).toHaveURL(new RegExp(`/stations/${made.station.code}/manage/sales/\\d+\\?new=1$`));
  const receipt = page.getByTestId("sale-receipt");
  await expect(receipt).toContainText("鸡蛋");
  await expect(receipt).toContainText("0.5 斤");
  await expect(receipt.getByTestId("receipt-total")).toHaveText("¥22.40");
}

test.describe("scanning at the till and printing shelf labels, on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("with JavaScript: a scanned code adds the line at once, and the sale completes", async ({ page }) => {
    await sellScanned(page, true);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("Enter in the code field posts it and the form comes back with the line", async ({ page }) => {
      await sellScanned(page, false);
    });

    test("the labels page shows each product's barcode, name and price, on the roll and on A4", async ({ page }) => {
      await signIn(page, made.operator.login, made.operator.password);
      await page.goto(`/stations/${made.station.code}/manage/products`);
      await page.getByRole("link", { name: "打印货架标签" }).click();
      const label = page.getByTestId("shelf-label").filter({ hasText: "鸡蛋" });
      await expect(label).toContainText("¥1.20/个");
      await expect(label.getByRole("img", { name: `商品码 ${eggs().code}` }).locator("svg")).toBeVisible();
      await page.getByRole("link", { name: "58毫米标签纸" }).click();
      await expect(page.locator(".label-strip")).toBeVisible();
      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("link", { name: "A4不干胶标签纸（每页24张）" })).toBeHidden();
      await expect(page.getByTestId("shelf-label").filter({ hasText: "金银花" })).toContainText("¥40.00/斤");
    });
  });

  test("the product page shows its code and links to its own label", async ({ page }) => {
    await signIn(page, made.operator.login, made.operator.password);
    await page.goto(`/stations/${made.station.code}/manage/products/${honeysuckle().id}`);
    await expect(page.getByTestId("product-code")).toHaveText(honeysuckle().code);
    await page.getByRole("link", { name: "打印这个商品的标签" }).click();
    await expect(page.getByTestId("shelf-label")).toHaveCount(1);
    await expect(page.getByTestId("shelf-label")).toContainText("金银花");
    await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
  });
});

test.describe("on a desk computer", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the A4 labels sit side by side and print as a sheet, the till's code field beside its button", async ({ page }) => {
    await signIn(page, made.operator.login, made.operator.password);
    await page.goto(`/stations/${made.station.code}/manage/products/labels`);
    const labels = page.getByTestId("shelf-label");
    await expect(labels).toHaveCount(2);
    const [a, b] = [await labels.nth(0).boundingBox(), await labels.nth(1).boundingBox()];
    expect(a!.y).toBe(b!.y);
    if (process.env.SCAN_SHOTS) await page.screenshot({ path: `${process.env.SCAN_SHOTS}/labels-a4.png`, fullPage: true });
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
    await expect(labels.first().locator("svg").first()).toBeVisible();
    if (process.env.SCAN_SHOTS) await page.screenshot({ path: `${process.env.SCAN_SHOTS}/labels-a4-print.png`, fullPage: true });
    await page.emulateMedia({ media: "screen" });
    await page.goto(till());
    await expect(page.getByLabel("扫码或输入商品码")).toBeVisible();
    await expect(page.getByRole("button", { name: "加入" })).toBeVisible();
    if (process.env.SCAN_SHOTS) await page.screenshot({ path: `${process.env.SCAN_SHOTS}/till.png` });
  });
});

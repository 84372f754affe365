import { expect, type Locator, type Page, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

// The demo operator of 韦寨 (README) and one of its households (db/seed-catalog.ts).
const OPERATOR = { login: "13800000101", password: "station-demo-2026" };
const HOUSEHOLD = "韦德富";

/** True when the element's text sits on one line box (it did not wrap). */
async function onOneLine(cell: Locator): Promise<boolean> {
  return cell.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    // Line boxes of one line share their top within a pixel; a wrapped text starts a line lower.
    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
    return tops.length > 0 && Math.max(...tops) - Math.min(...tops) < 1;
  });
}

async function openStatement(page: Page) {
  await signIn(page, OPERATOR.login, OPERATOR.password);
  await page.goto("/stations/weizhai/manage/households");
  await expect(page.getByTestId("household-products").first()).not.toHaveText(/^代卖 0 种货$/);
  await page.getByRole("link", { name: new RegExp(HOUSEHOLD) }).click();
  await expect(page.getByRole("heading", { name: HOUSEHOLD })).toBeVisible();
  await page.getByTestId("statement-link").click();
  // The payout form's entry key is in the URL (ADR 023).
  await expect(page).toHaveURL(/\/statement\?entry=[\w-]+$/);
  await expect(page.getByRole("heading", { name: "对账单" })).toBeVisible();
}

for (const width of [360, 1280]) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`at ${width} px, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      test.use({ viewport: { width, height: 800 }, javaScriptEnabled });

      test("the household's statement reads like a bank book and ends at what is owed; a reversed period is refused beside the field", async ({ page }) => {
        await openStatement(page);
        const owed = (await page.getByTestId("household-owed").innerText()).trim();
        // The whole history, so that the lines run from nothing to what is owed now.
        await page.getByLabel("起始日期").fill("2020-01-01");
        await page.getByRole("button", { name: "查看" }).click();
        await expect(page).toHaveURL(/from=2020-01-01/);
        await expect(page.getByTestId("statement-opening")).toContainText("¥0.00");
        const balances = page.getByTestId("statement-balance");
        expect(await balances.count()).toBeGreaterThan(3);
        await expect(balances.last()).toHaveText(owed);
        await expect(page.getByTestId("statement-closing-amount")).toHaveText(owed);

        // Dates and signed amounts never wrap, whatever the width; the table scrolls inside its card.
        const lines = page.getByTestId("statement-line");
        for (const i of [0, (await lines.count()) - 1]) {
          const line = lines.nth(i);
          expect(await onOneLine(line.locator("td").first())).toBe(true);
          for (const amount of await line.locator("td span.whitespace-nowrap").all()) expect(await onOneLine(amount)).toBe(true);
        }
        const payout = lines.filter({ hasText: "付款单" }).first();
        await expect(payout.locator("td").nth(2)).toHaveText(/^-¥[\d,]+\.\d\d$/);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

        await page.getByLabel("起始日期").fill("2026-02-01");
        await page.getByLabel("截止日期").fill("2026-01-01");
        await page.getByRole("button", { name: "查看" }).click();
        await expect(page.getByText("截止日期不能早于起始日期")).toBeVisible();
        await expect(page.getByLabel("截止日期")).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByTestId("statement")).toHaveCount(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      });
    });
  }
}

test.describe("in English", () => {
  test.use({ viewport: { width: 360, height: 800 } });

  test("the statement's lines and the period's message are in English", async ({ page }) => {
    await openStatement(page);
    await page.goto(`${new URL(page.url()).pathname}?lng=en&from=2020-01-01`);
    await expect(page.getByRole("heading", { name: "Statement" })).toBeVisible();
    await expect(page.getByTestId("statement-line").first()).toContainText(/Walk-in sale, receipt \d+|Payout \d+|Bulk delivery \d+/);
    await expect(page.getByTestId("statement-opening")).toContainText("Opening balance");
    await page.goto(`${new URL(page.url()).pathname}?lng=en&from=2026-13-01`);
    await expect(page.getByText("Write the date as year-month-day, e.g. 2026-03-01")).toBeVisible();
  });
});

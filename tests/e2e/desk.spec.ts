import { expect, test } from "@playwright/test";
import { signIn } from "./support/sign-in";

/**
 * The operator's desk (issue 15, point 1): the landing page is the day's work, each piece one tap
 * away, with counts read live; the header is one row on a phone and staff see no cart.
 */
const OPERATOR = { login: "13800000105", password: "station-demo-2026" };

for (const javaScriptEnabled of [true, false]) {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    test.describe(`the desk (JS ${javaScriptEnabled ? "on" : "off"}, ${viewport.width} px)`, () => {
      test.use({ javaScriptEnabled, viewport });

      test("lands on the day's work; each tile leads where the work is done", async ({ page }) => {
        await signIn(page, OPERATOR.login, OPERATOR.password);
        await expect(page).toHaveURL(/\/stations\/huawu\/manage$/);
        const desk = page.getByTestId("desk");
        await expect(desk.getByRole("heading", { name: "今天的工作" })).toBeVisible();
        await expect(desk.getByTestId("desk-till")).toContainText(/开班收银|继续收银/);
        await expect(desk.getByTestId("desk-households")).toContainText(/\d+ 户，共 ¥[\d,]+\.\d\d/);
        await expect(desk.getByTestId("desk-partners")).toContainText(/\d+ 单进行中，\d+ 单 3 天内交货/);
        await expect(desk.getByTestId("desk-close")).toContainText(/\d{4}-\d{2} 结账/);
        // Staff buy nothing here: no cart; the header stays one row on a phone.
        await expect(page.getByTestId("nav-cart")).toHaveCount(0);
        const header = await page.locator("header").first().boundingBox();
        // One row: the height of one button and its padding (two rows would be over 90 px).
        expect(header!.height).toBeLessThan(72);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

        for (const [tile, url] of [
          ["desk-till", /\/manage\/till/],
          ["desk-households", /\/manage\/households$/],
          ["desk-partners", /\/manage\/partners$/],
          ["desk-close", /\/close\/\d{4}-\d{2}$/],
        ] as const) {
          await page.goto("/stations/huawu/manage");
          await page.getByTestId(tile).click();
          await expect(page).toHaveURL(url);
        }
      });
    });
  }
}

test("a buyer still has the cart", async ({ page }) => {
  await signIn(page, "13900000001", "buyer-demo-2026");
  await expect(page.getByTestId("nav-cart")).toBeVisible();
});

import { expect, type Page, test } from "@playwright/test";
import { makeStationWithGoods } from "./support/factories";
import type { StationWithGoods } from "./support/factory-server";

/**
 * A till that cannot be fooled (issue 15), as the operator meets it on a phone and on a desk,
 * with JavaScript and without: a completed sale is recorded once whatever the browser does next
 * (Back then 完成收款 again, reload, the same page opened again), cash paid out cannot take the
 * drawer below zero, and a number too large is said to be too large, beside its box and at the
 * top. Each combination sells from a station of its own (金银花 at ¥40.00/斤, 50 斤).
 */

async function signIn(page: Page, made: StationWithGoods) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(made.operator.login);
  await page.getByLabel("密码", { exact: true }).fill(made.operator.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(new RegExp(`/stations/${made.station.code}/manage$`));
}

/** Sells `qty` 斤 of 金银花 by WeChat from a fresh till page; returns the receipt's number and the till page's address. */
async function sellByPhone(page: Page, till: string, qty: string, js: boolean): Promise<{ number: number; entryUrl: string }> {
  await page.goto(till);
  await expect(page).toHaveURL(/\?entry=[0-9a-f-]{36}$/);
  const entryUrl = page.url();
  if (js) await page.waitForLoadState("networkidle");
  await page.getByTestId("till-product-金银花").getByRole("textbox").fill(qty);
  await page.getByLabel("微信/支付宝").check();
  await page.getByLabel("交易单号").fill("4200001111");
  await page.getByRole("button", { name: "完成收款" }).click();
  await expect(page).toHaveURL(/\/manage\/sales\/\d+\?new=1$/);
  return { number: Number(/sales\/(\d+)/.exec(page.url())![1]), entryUrl };
}

/** Today's sales as the till's glance counts them ("1 · ¥40.00"), from a fresh till page. */
async function glance(page: Page, till: string) {
  await page.goto(till);
  return page.getByTestId("till-glance");
}

for (const width of [360, 1280]) {
  for (const js of [true, false]) {
    test.describe(`${width} px, JavaScript ${js ? "on" : "off"}`, () => {
      test.use({ viewport: { width, height: 800 }, javaScriptEnabled: js });
      test.describe.configure({ mode: "serial" });
      let made: StationWithGoods;
      let TILL: string;

      test.beforeAll(async () => {
        made = await makeStationWithGoods();
        TILL = `/stations/${made.station.code}/manage/till`;
      });

      test("a completed sale is recorded once: Back then 完成收款 again, the same page again, and reload all show its receipt", async ({ page }) => {
        await signIn(page, made);
        const { number, entryUrl } = await sellByPhone(page, TILL, "1", js);
        await expect(page.getByTestId("receipt-total")).toHaveText("¥40.00");
        const receiptAlready = new RegExp(`/manage/sales/${number}\\?already=1$`);

        // Back: the browser may show the kept page (its form filled in) or ask the server again,
        // which sends it to the receipt. Either way 完成收款 must not sell a second time.
        await page.goBack();
        const complete = page.getByRole("button", { name: "完成收款" });
        const kept = await complete.isVisible();
        test.info().annotations.push({ type: "back", description: kept ? "the kept page, sent again" : "asked the server: sent to the receipt" });
        if (kept) {
          await expect(page).toHaveURL(/\/manage\/till\?entry=/);
          await complete.click();
        }
        await expect(page).toHaveURL(receiptAlready);
        await expect(page.getByText("这笔已收款")).toBeVisible();
        await expect(page.getByTestId("receipt-total")).toHaveText("¥40.00");

        // Reload the receipt, and open the sale's own till page again (a restored tab).
        await page.reload();
        await expect(page.getByTestId("receipt-total")).toHaveText("¥40.00");
        await page.goBack();
        await page.goForward();
        await expect(page.getByTestId("receipt-total")).toHaveText("¥40.00");
        await page.goto(entryUrl);
        await expect(page).toHaveURL(receiptAlready);
        await expect(page.getByText("这笔已收款")).toBeVisible();

        // A page kept with its form filled in (a second tab, a page the browser kept in memory):
        // Chromium asked the server again on Back above, so send the kept form here, as it would.
        const keptTab = await page.context().newPage();
        await keptTab.goto(TILL);
        const keptUrl = keptTab.url();
        if (js) await keptTab.waitForLoadState("networkidle");
        await keptTab.getByTestId("till-product-金银花").getByRole("textbox").fill("3");
        await keptTab.getByLabel("微信/支付宝").check();
        await keptTab.getByLabel("交易单号").fill("4200003333");
        await page.goto(keptUrl); // the same entry, completed in the first tab
        await page.getByTestId("till-product-金银花").getByRole("textbox").fill("3");
        await page.getByLabel("微信/支付宝").check();
        await page.getByLabel("交易单号").fill("4200003333");
        await page.getByRole("button", { name: "完成收款" }).click();
        await expect(page).toHaveURL(/\/manage\/sales\/\d+\?new=1$/);
        const keptNumber = Number(/sales\/(\d+)/.exec(page.url())![1]);
        expect(keptNumber).toBe(number + 1);
        await keptTab.getByRole("button", { name: "完成收款" }).click();
        await expect(keptTab).toHaveURL(new RegExp(`/manage/sales/${keptNumber}\\?already=1$`));
        await expect(keptTab.getByText("这笔已收款")).toBeVisible();
        await expect(keptTab.getByTestId("receipt-total")).toHaveText("¥120.00");
        await keptTab.close();

        // The till says two sales today, not three; the next sale (下一单) is a new entry and sells.
        const figures = await glance(page, TILL);
        await expect(figures).toContainText("2 · ¥160.00");
        await page.getByRole("link", { name: `#${number} · ¥40.00 · 微信/支付宝` }).click();
        await page.getByRole("link", { name: "下一单" }).click();
        await expect(page).toHaveURL(/\/manage\/till\?entry=[0-9a-f-]{36}$/);
        const next = await sellByPhone(page, TILL, "0.5", js);
        expect(next.number).toBe(number + 2);
        expect(next.entryUrl).not.toBe(entryUrl);
        await expect(await glance(page, TILL)).toContainText("3 · ¥180.00");
      });

      test("cash paid out above what the drawer holds is refused, saying what it holds, and the drawer is unchanged", async ({ page }) => {
        await signIn(page, made);
        await page.goto(`${TILL}/session`);
        await page.getByLabel("备用金").fill("10");
        await page.getByRole("button", { name: "开班" }).click();
        await expect(page.getByTestId("glance-expected")).toHaveText("¥10.00");
        // The household is owed 88 % of the phone sales, well above the ¥10 in the drawer.
        await page.goto(`/stations/${made.station.code}/manage/households/${made.household.id}/statement`);
        const form = page.getByTestId("payout-form");
        await form.getByLabel("付款金额").fill("30");
        await form.getByLabel("现金（从钱箱）").check();
        await form.getByRole("button", { name: "付款并打印付款单" }).click();
        const alert = page.getByRole("alert").filter({ hasText: "钱箱里的现金不够" });
        await expect(alert).toBeVisible();
        await expect(alert).toContainText("¥10.00");
        await expect(page.getByTestId("payout-slip")).toHaveCount(0);
        await expect((await glance(page, TILL)).getByTestId("glance-expected")).toHaveText("¥10.00");
      });

      test("a weight too large is called too large beside its box and in the focused summary at the top, which links to the box", async ({ page }) => {
        await signIn(page, made);
        await page.goto(TILL);
        if (js) await page.waitForLoadState("networkidle");
        const item = page.getByTestId("till-product-金银花");
        await item.getByRole("textbox").fill("99999999");
        await page.getByLabel("微信/支付宝").check();
        await page.getByLabel("交易单号").fill("4200002222");
        await page.getByRole("button", { name: "完成收款" }).click();
        const message = "数量太大了：一笔最多 100000 斤，请检查是不是多输了数字。";
        await expect(item.getByTestId("field-error")).toHaveText(message);
        const summary = page.getByTestId("error-summary");
        await expect(summary).toHaveAttribute("role", "alert");
        await expect(summary).toBeFocused();
        await expect(summary).toContainText(message);
        await summary.getByRole("link", { name: new RegExp(message) }).click();
        await expect(item.getByRole("textbox")).toBeFocused();
        await expect(item.getByRole("textbox")).toHaveAttribute("aria-invalid", "true");
        // Nothing sold: still the three sales of the first test.
        await expect(await glance(page, TILL)).toContainText("3 · ¥180.00");
      });

      test("closing the till: each denomination box says what is wrong with it, and English names the coins ¥0.50", async ({ page }) => {
        await signIn(page, made);
        await page.goto(`${TILL}/session?lng=en`);
        const close = page.getByTestId("close-session");
        await expect(close).toContainText("¥0.50 ×");
        await expect(close).not.toContainText("5角");
        await close.getByLabel("¥100 ×").fill("999999");
        await close.getByLabel("¥0.50 ×").fill("1.5");
        await close.getByRole("button", { name: "Close with this count" }).click();
        const summary = page.getByTestId("error-summary");
        await expect(summary).toBeFocused();
        await expect(summary).toContainText("That count is too large");
        await expect(page.getByTestId("close-session").locator("#field-d100-error")).toContainText("That count is too large: at most 99999");
        await expect(page.getByTestId("close-session").locator("#field-d0\\.5-error")).toHaveText("Counts are whole numbers.");
        await expect(page.getByTestId("close-session").locator("#field-d50-error")).toHaveCount(0);
      });
    });
  }
}

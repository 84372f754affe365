import { type Browser, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { signIn } from "./support/sign-in";

// Issue 14, point 4: a villager holding a printed notice scans its QR code. The demo closed
// 化屋's last ended month once; here the county admin reopens it with a reason, the operator
// records the receipt it was reopened for, and the month is closed again — two seals, two
// printed notices. Each holder, signed out, on a phone and a desktop, with and without
// JavaScript, must read which notice is current, and for the old one when, by whom and why.

const ADMIN = { login: "qianxi-admin", password: "county-demo-2026", name: "王静" };
const OPERATOR = { login: "13800000105", password: "station-demo-2026", name: "杨秀英" };
const COMMITTEE = { login: "huawu-committee", password: "committee-demo-2026", name: "杨光荣" };
const STATION = "新仁乡化屋村电商服务站";
const REASON = "补录一张11月的电费收据";

const VIEWS = [
  { width: 360, height: 740, javaScriptEnabled: false },
  { width: 360, height: 740, javaScriptEnabled: true },
  { width: 1280, height: 800, javaScriptEnabled: false },
  { width: 1280, height: 800, javaScriptEnabled: true },
] as const;

/** The last month that has ended, China time (the demo closed it). */
function lastEndedMonth(): string {
  const china = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The printed notice as the committee prints it: its seal and the address its QR code opens. */
async function printedNotice(page: Page, month: string): Promise<{ seal: string; path: string }> {
  await signIn(page, COMMITTEE.login, COMMITTEE.password);
  await page.goto(`/stations/huawu/notice/${month}`);
  const notice = page.getByTestId("notice");
  const seal = (await notice.getByTestId("seal").textContent())!.trim();
  const href = (await notice.getByTestId("verify-link").getAttribute("href"))!;
  const url = new URL(href);
  // The QR code carries this notice's own seal.
  expect(url.pathname).toBe(`/verify/huawu/${month}`);
  expect(url.searchParams.get("seal")).toBe(seal.replace(/ /g, ""));
  return { seal, path: `${url.pathname}${url.search}` };
}

/** Opens a page as an anonymous visitor in each of the four views, and checks what a person sees there. */
async function inEveryView(browser: Browser, path: string, check: (page: Page) => Promise<void>) {
  for (const view of VIEWS) {
    const context = await browser.newContext({ viewport: { width: view.width, height: view.height }, javaScriptEnabled: view.javaScriptEnabled, locale: "zh-CN" });
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await check(page);
    // Nothing wider than the screen on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(view.width);
    await expect(page.locator("script[src]")).toHaveCount(0);
    await context.close();
  }
}

test.describe.configure({ mode: "serial" });

test.describe("the verification page a notice's QR code opens", () => {
  const month = lastEndedMonth();
  let first: { seal: string; path: string };
  let second: { seal: string; path: string };

  test("before any reopening, the printed notice is the current one and the books are unchanged since the close", async ({ page, browser }) => {
    first = await printedNotice(page, month);
    await inEveryView(browser, first.path, async (p) => {
      await expect(p.getByRole("heading", { level: 1 })).toHaveText(`${STATION} ${month} 账目校验`);
      await expect(p.getByTestId("held-message")).toHaveText("您手中的公示是当前版本。");
      await expect(p.getByTestId("verify-result")).toHaveText("账目与公示一致：结账后没有被改动。");
      await expect(p.getByTestId("seal-entry")).toHaveCount(1);
      await expect(p.getByTestId("current-notice").getByTestId("seal")).toHaveText(first.seal);
    });
  });

  test("after the month is reopened and closed again, the old notice says it was superseded, when, by whom and why", async ({ page, browser }) => {
    // Five pages in four views each, and a close through the pages: more than the default 30 s.
    test.setTimeout(120_000);
    // The county admin reopens the month, with a reason.
    await signIn(page, ADMIN.login, ADMIN.password);
    await page.goto("/admin/periods");
    await page.getByLabel("站点").selectOption({ label: STATION });
    await page.getByLabel("月份（如 2026-03）").fill(month);
    await page.getByLabel("原因").fill(REASON);
    await page.getByRole("button", { name: "重新打开" }).click();
    await expect(page.getByText("已重新打开，该月可重新结账。")).toBeVisible();

    // While the month is open, the old notice is void and there is no current one.
    await inEveryView(browser, first.path, async (p) => {
      await expect(p.getByTestId("held-notice")).toHaveAttribute("data-held", "superseded");
      await expect(p.getByTestId("held-message")).toContainText("您手中的公示已作废");
      await expect(p.getByTestId("held-message")).toContainText(REASON);
      await expect(p.getByTestId("verify-result")).toContainText("正在重新结账");
      await expect(p.getByTestId("current-notice")).toHaveCount(0);
    });

    // The operator records the receipt, prepares and signs; the committee member signs second.
    await signIn(page, OPERATOR.login, OPERATOR.password);
    await page.goto("/stations/huawu/upkeep/new");
    await page.getByLabel("类别").selectOption({ label: "电费" });
    await page.getByLabel("金额（元）").fill("6.50");
    await page.getByLabel("付款日期").fill(`${month}-28`);
    await page.getByLabel("收款方").fill("供电所");
    const receipt = await sharp({ create: { width: 240, height: 320, channels: 3, background: "#fbf8ef" } }).jpeg().toBuffer();
    await page.getByLabel("收据照片").setInputFiles({ name: "receipt.jpg", mimeType: "image/jpeg", buffer: receipt });
    await page.getByRole("button", { name: "登记" }).click();
    await expect(page).toHaveURL(/\/stations\/huawu\/upkeep/);
    await page.goto(`/stations/huawu/close/${month}`);
    await page.getByTestId("prepare-close").click();
    await expect(page.getByTestId("close-status")).toHaveText("待第二人签字");
    await signIn(page, COMMITTEE.login, COMMITTEE.password);
    await page.goto(`/stations/huawu/close/${month}`);
    await page.getByTestId("sign-close").click();
    await expect(page.getByTestId("close-status")).toHaveText("已结账");
    second = await printedNotice(page, month);
    expect(second.seal).not.toBe(first.seal);

    // The holder of the old notice.
    await inEveryView(browser, first.path, async (p) => {
      await expect(p.getByTestId("held-notice")).toHaveAttribute("data-held", "superseded");
      const message = p.getByTestId("held-message");
      await expect(message).toContainText(`您手中的公示已被 ${chinaToday()} 的重新结账取代`);
      await expect(message).toContainText(ADMIN.name);
      await expect(message).toContainText(REASON);
      await expect(p.getByTestId("verify-result")).not.toHaveText("账目与公示一致：结账后没有被改动。");
      await expect(p.getByTestId("verify-result")).toContainText("最后一次结账后没有被改动");
      // Every seal, in order: the old one void with its reopening, the new one current.
      const entries = p.getByTestId("seal-entry");
      await expect(entries).toHaveCount(2);
      await expect(entries.nth(0).getByTestId("history-seal")).toHaveText(first.seal);
      await expect(entries.nth(0)).toContainText("已作废");
      await expect(entries.nth(0)).toContainText("您手中的公示");
      await expect(entries.nth(0).getByTestId("history-reopened")).toContainText(`由 ${ADMIN.name} 重新打开，原因：${REASON}`);
      await expect(entries.nth(0)).toContainText(`${OPERATOR.name}`);
      await expect(entries.nth(1).getByTestId("history-seal")).toHaveText(second.seal);
      await expect(entries.nth(1)).toContainText("当前有效");
      await expect(entries.nth(1)).toContainText(COMMITTEE.name);
      await expect(p.getByTestId("current-notice").getByTestId("seal")).toHaveText(second.seal);
    });

    // The holder of the new notice.
    await inEveryView(browser, second.path, async (p) => {
      await expect(p.getByTestId("held-message")).toHaveText("您手中的公示是当前版本。");
      await expect(p.getByTestId("seal-entry").nth(1)).toHaveAttribute("data-yours", "true");
    });

    // A seal this month never had.
    await inEveryView(browser, `/verify/huawu/${month}?seal=${"0".repeat(64)}`, async (p) => {
      await expect(p.getByTestId("held-notice")).toHaveAttribute("data-held", "unknown");
      await expect(p.getByTestId("held-message")).toContainText("这个校验码不是本月任何一次结账的校验码");
    });

    // No seal in the link: the history and the current seal; a seal typed off the paper checks the same.
    await inEveryView(browser, `/verify/huawu/${month}`, async (p) => {
      await expect(p.getByTestId("held-notice")).toHaveCount(0);
      await expect(p.getByTestId("seal-entry")).toHaveCount(2);
      await p.getByLabel("核对您手中的公示：输入公示上的校验码").fill(first.seal.toUpperCase());
      await p.getByRole("button", { name: "核对" }).click();
      await expect(p.getByTestId("held-message")).toContainText("已被");
      await expect(p.getByTestId("held-message")).toContainText(REASON);
    });

    // English on request.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const english = await context.newPage();
    await english.goto(`${first.path}&lng=en`);
    await expect(english.getByTestId("held-message")).toContainText("The notice you hold was superseded");
    await context.close();
  });
});

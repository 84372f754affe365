import { type Browser, expect, type Page, test } from "@playwright/test";
import { makeStationWithGoods } from "./support/factories";
import type { StationWithGoods } from "./support/factory-server";

// A station of this spec's own (tests/e2e/support/factories.ts), set up like the demo's 化屋: 金银花
// at ¥40.00/斤 and 苗绣香包 at ¥128.00 each, delivery ¥10.00 (free from ¥150.00) in distance bands.
// The e2e server pays online through the local Stripe-compatible server (tests/e2e/serve.ts).
let made: StationWithGoods;
let DESK: string;

test.beforeAll(async () => {
  made = await makeStationWithGoods({
    products: [
      { nameZh: "金银花", nameEn: "Honeysuckle", price: "40.00", stock: "50", unit: "jin" },
      { nameZh: "苗绣香包", nameEn: "Miao embroidered sachet", price: "128.00", stock: "5", unit: "piece" },
    ],
    delivery: { offered: true, flatFee: "10.00", freeAbove: "150.00", bands: [{ upToKm: "3", fee: "0.00" }, { upToKm: "15", fee: "5.00" }] },
  });
  DESK = `/stations/${made.station.code}/manage`;
});

async function signInOperator(page: Page) {
  await page.goto("/login");
  await page.getByLabel("手机号或用户名").fill(made.operator.login);
  await page.getByLabel("密码", { exact: true }).fill(made.operator.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(new RegExp(`${DESK}$`));
}

/** From the station's shop window to the cart: `quantity` of the product whose link matches `name`. */
async function addToCart(page: Page, name: RegExp, quantity: string, unit: string) {
  await page.goto(`/stations/${made.station.code}`);
  await page.getByRole("link", { name }).first().click();
  await expect(page).toHaveURL(/\/products\//);
  await page.getByLabel(`数量（${unit}）`).fill(quantity);
  await page.getByRole("button", { name: "加入购物车" }).click();
  await expect(page).toHaveURL(/\/cart\?added=1$/);
  await expect(page.getByTestId("cart-line").first()).toContainText(`${quantity} ${unit}`);
}

async function fillContact(page: Page, name: string, phone: string) {
  await page.getByLabel("姓名").fill(name);
  await page.getByLabel("手机号", { exact: true }).fill(phone);
}

/** The operator moves one order on from its desk page. */
async function orderDesk(browser: Browser, number: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInOperator(page);
  await page.goto(`${DESK}/orders`);
  await page.getByRole("link", { name: `订单 ${number}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${DESK}/orders/${number}$`));
  return { page, close: () => context.close() };
}

test.describe.configure({ mode: "serial" });

test("a guest buys 5 斤 of 金银花 for delivery, pays online; the station packs and ships it; the guest sees it shipped", async ({ page, browser }) => {
  await addToCart(page, /金银花/, "5", "斤");
  await expect(page.getByTestId("cart-total")).toContainText("¥200.00");
  await page.getByRole("link", { name: "去结算" }).click();

  // Bad input first: the form comes back with the field's error and keeps what was typed.
  await fillContact(page, "李娜", "12345");
  await page.getByLabel("送货上门").check();
  await page.getByLabel("收货地址").fill("贵阳市云岩区中华北路 8 号");
  // The station charges by distance band: each band lists its fee for this cart.
  const band = page.getByLabel(/到你家的路程/);
  await expect(band.locator("option")).toContainText(["请选择路程", "≤3 公里 免费", "≤15 公里 免费", "更远（超过 15 公里） 免费"]);
  await band.selectOption("15");
  await page.getByLabel("在线支付").check();
  await page.getByRole("button", { name: "提交订单" }).click();
  await expect(page.getByText("请填写 11 位手机号")).toBeVisible();
  await expect(page.getByLabel("收货地址")).toHaveValue("贵阳市云岩区中华北路 8 号");
  await expect(band).toHaveValue("15");
  await expect(page.getByTestId("checkout-delivery-fee")).toHaveText("送货上门配送费 免费（≤15 公里）");

  await page.getByLabel("手机号", { exact: true }).fill("13912345678");
  await page.getByRole("button", { name: "提交订单" }).click();

  // The local Stripe-compatible hosted page, then back to the order.
  await page.getByRole("button", { name: /支付 Pay/ }).click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22,}$/, { timeout: 15_000 });
  const order = page.getByTestId("buyer-order");
  await expect(order.getByTestId("order-status")).toHaveText("已付款");
  // The delivery rule: ¥10.00, free from ¥150.00 of goods — so ¥200.00 of 金银花 travels free.
  await expect(order.getByTestId("order-total")).toHaveText("¥200.00");
  const heading = (await order.getByRole("heading", { level: 2 }).textContent())!;
  const number = /订单 (\d+)/.exec(heading)![1]!;
  const orderUrl = page.url();

  const desk = await orderDesk(browser, number);
  await expect(desk.page.getByText("贵阳市云岩区中华北路 8 号")).toBeVisible();
  await desk.page.getByRole("button", { name: "标记已打包" }).click();
  await expect(desk.page.getByTestId("order-status")).toHaveText("已打包");
  // Printable packing list, with the order's line.
  await desk.page.goto(`${DESK}/orders/packing-list?status=packed`);
  await expect(desk.page.getByTestId("packing-list")).toContainText("5 斤");
  await desk.page.goto(`${DESK}/orders/${number}`);
  await desk.page.getByLabel("快递单号").fill("SF1234567890");
  await desk.page.getByRole("button", { name: "发货" }).click();
  await expect(desk.page.getByTestId("order-status")).toHaveText("已发货");
  // A partial refund (a bruised bag, say) goes back through the gateway and is posted once confirmed.
  await desk.page.getByLabel(/退款金额/).fill("20.00");
  await desk.page.getByRole("button", { name: "退款" }).click();
  await expect(desk.page.getByText("退款已提交")).toBeVisible();
  await expect(async () => {
    await desk.page.reload();
    await expect(desk.page.getByText("已退款 ¥20.00")).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await desk.close();

  const response = await page.goto(orderUrl);
  // The page carries the buyer's pickup code and address: no cache keeps it, no Referer carries its link.
  expect(response!.headers()["cache-control"]).toContain("no-store");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "same-origin");
  await expect(order.getByTestId("order-status")).toHaveText("已发货");
  await expect(order.getByTestId("tracking-number")).toContainText("SF1234567890");
  await expect(order.getByTestId("order-notifications")).toContainText(`订单 ${number} 已发货。`);
  await expect(order).toContainText("已退款 ¥20.00");
  // The goods arrived: the buyer confirms it from the same page.
  await page.getByRole("button", { name: "我已收到货" }).click();
  await expect(order.getByTestId("order-status")).toHaveText("已完成");
  await expect(page.getByRole("button", { name: "我已收到货" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a second buyer chooses pickup and pays cash at the station with the pickup code", async ({ page, browser }) => {
    await addToCart(page, /苗绣香包/, "1", "个");
    await page.getByRole("link", { name: "去结算" }).click();
    await fillContact(page, "杨红", "13698765432");
    await page.getByLabel("到服务站自提").check();
    await page.getByLabel("当面付款：自提到站付或货到付款（现金或手机支付）").check();
    await page.getByRole("button", { name: "提交订单" }).click();
    await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22,}\?placed=1$/);
    await expect(page.getByText("下单成功")).toBeVisible();
    const order = page.getByTestId("buyer-order");
    await expect(order.getByTestId("order-status")).toHaveText("已下单（当面付款）");
    const code = (await order.getByTestId("pickup-code").textContent())!.trim();
    expect(code).toMatch(/^\d{6}$/);
    const number = /订单 (\d+)/.exec((await order.getByRole("heading", { level: 2 }).textContent())!)![1]!;
    const orderUrl = page.url().replace(/\?.*$/, "");

    const desk = await orderDesk(browser, number);
    // Cash goes into the till's drawer: the operator opens a session first.
    await desk.page.goto(`${DESK}/till`);
    await desk.page.getByRole("link", { name: "开班（清点备用金）" }).click();
    await desk.page.getByLabel("备用金").fill("100");
    await desk.page.getByRole("button", { name: "开班" }).click();
    await desk.page.goto(`${DESK}/orders/${number}`);
    await desk.page.getByRole("button", { name: "标记已打包" }).click();
    await desk.page.getByRole("button", { name: "通知买家取货" }).click();
    await expect(desk.page.getByTestId("order-status")).toHaveText("待取货");
    const wrong = code === "000000" ? "111111" : "000000";
    await desk.page.getByLabel("买家的取货码").fill(wrong);
    await desk.page.getByLabel("现金", { exact: true }).check();
    await desk.page.getByRole("button", { name: "交货" }).click();
    await expect(desk.page.getByText("取货码不对")).toBeVisible();
    await desk.page.getByLabel("买家的取货码").fill(code);
    await desk.page.getByLabel("现金", { exact: true }).check();
    await desk.page.getByRole("button", { name: "交货" }).click();
    await expect(desk.page.getByTestId("order-status")).toHaveText("已完成");

    // Close the session again, counted exactly to the fen.
    await desk.page.goto(`${DESK}/till/session`);
    const expected = (await desk.page.getByTestId("session-expected").textContent())!;
    let fen = Number(expected.replace(/[^\d]/g, "")); // "¥228.00" → 22800 fen, exactly
    const close = desk.page.getByTestId("close-session");
    for (const [name, value] of [["d100", 10000], ["d50", 5000], ["d20", 2000], ["d10", 1000], ["d5", 500], ["d1", 100], ["d0.5", 50], ["d0.1", 10]] as const) {
      const count = Math.floor(fen / value);
      fen -= count * value;
      if (count > 0) await close.locator(`input[name="${name}"]`).fill(String(count));
    }
    await close.getByRole("button", { name: "清点完毕，交班" }).click();
    await expect(desk.page.getByTestId("report-counted")).toHaveText(expected);
    await desk.close();

    await page.goto(orderUrl);
    await expect(order.getByTestId("order-status")).toHaveText("已完成");
  });
});

// The order page keeps its link out of other sites' Referers without making Chromium send
// `Origin: null` with its own forms (which the cross-site guard refused: a bare 403 to 取消订单).
for (const javaScriptEnabled of [true, false]) {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    test.describe(`a guest cancels an order (JS ${javaScriptEnabled ? "on" : "off"}, ${viewport.width} px)`, () => {
      test.use({ javaScriptEnabled, viewport });

      test("取消订单 cancels it and the page says so", async ({ page }) => {
        await addToCart(page, /金银花/, "1", "斤");
        await page.getByRole("link", { name: "去结算" }).click();
        await fillContact(page, "龙梅", "13612345678");
        await page.getByLabel("到服务站自提").check();
        await page.getByLabel("当面付款：自提到站付或货到付款（现金或手机支付）").check();
        await page.getByRole("button", { name: "提交订单" }).click();
        await expect(page.getByText("下单成功")).toBeVisible();
        await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "same-origin");
        // The order link wraps inside the page: nothing overflows a phone's width.
        await expect(page.getByTestId("order-link")).toBeVisible();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.getByTestId("buyer-cancel").click();
        await expect(page.getByText("跨站请求")).toHaveCount(0);
        await expect(page.getByTestId("order-status")).toHaveText("已取消");
        await expect(page.getByTestId("buyer-cancel")).toHaveCount(0);
      });
    });
  }
}

// Back from a declined payment, the buyer reads what happened and pays again from the same order.
for (const javaScriptEnabled of [true, false]) {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    test.describe(`a declined payment, then paid (JS ${javaScriptEnabled ? "on" : "off"}, ${viewport.width} px)`, () => {
      test.use({ javaScriptEnabled, viewport });

      test("拒绝 on the payment page comes back with a message; 去付款 again pays the same order", async ({ page }) => {
        await addToCart(page, /金银花/, "1", "斤");
        await page.getByRole("link", { name: "去结算" }).click();
        await fillContact(page, "吴敏", "13712345678");
        await page.getByLabel("到服务站自提").check();
        await page.getByLabel("在线支付").check();
        await page.getByRole("button", { name: "提交订单" }).click();
        await page.getByRole("button", { name: "拒绝 Decline" }).click();
        await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22,}\?payment=cancelled$/);
        await expect(page.getByRole("alert").filter({ hasText: "付款没有完成" })).toBeVisible();
        await expect(page.getByTestId("order-status")).toHaveText("待付款");
        await page.getByTestId("pay-now").click();
        await expect(page.getByText("跨站请求")).toHaveCount(0);
        await page.getByRole("button", { name: /支付 Pay ¥40\.00/ }).click();
        await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22,}$/, { timeout: 15_000 });
        await expect(page.getByTestId("order-status")).toHaveText("已付款");
        await expect(page.getByText("付款没有完成")).toHaveCount(0);
        await expect(page.getByTestId("pay-now")).toHaveCount(0);
      });
    });
  }
}

// Delivery on any install: paid to the courier (货到付款), who checks the buyer's pickup code.
for (const { javaScriptEnabled, viewport } of [
  { javaScriptEnabled: false, viewport: { width: 360, height: 740 } },
  { javaScriptEnabled: true, viewport: { width: 1280, height: 800 } },
]) {
  test.describe(`pay on delivery (JS ${javaScriptEnabled ? "on" : "off"}, ${viewport.width} px)`, () => {
    test.use({ javaScriptEnabled, viewport });

    test("the total shows the chosen fee before placing; the courier's hand-over checks the code and records the mobile payment", async ({ page, browser }) => {
      await addToCart(page, /金银花/, "1", "斤");
      await page.getByRole("link", { name: "去结算" }).click();
      await expect(page.getByTestId("checkout-total")).toHaveText("应付合计 ¥40.00");
      await fillContact(page, "罗兰", "13512345678");
      await page.getByLabel("送货上门").check();
      await page.getByLabel("收货地址").fill("化屋村三组 12 号");
      await page.getByLabel(/到你家的路程/).selectOption("15");
      await page.getByTestId("update-total").click();
      // Nothing is placed; the form comes back as typed, its total with the ¥5.00 band fee.
      await expect(page).toHaveURL(/\/checkout$/);
      await expect(page.getByTestId("checkout-total")).toHaveText("应付合计 ¥45.00（含配送费 ¥5.00）");
      await expect(page.getByLabel("收货地址")).toHaveValue("化屋村三组 12 号");
      await expect(page.getByLabel("姓名")).toHaveValue("罗兰");
      await page.getByLabel("当面付款：自提到站付或货到付款（现金或手机支付）").check();
      await page.getByRole("button", { name: "提交订单" }).click();
      await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]{22,}\?placed=1$/);
      const order = page.getByTestId("buyer-order");
      await expect(order.getByTestId("order-total")).toHaveText("¥45.00");
      await expect(order.getByTestId("pay-on-hand-over")).toHaveText("货到付款：收货时付给送货员 ¥45.00（现金或手机支付）。");
      const code = (await order.getByTestId("pickup-code").textContent())!.trim();
      await expect(order).toContainText("送货上门时，把这 6 位数字告诉送货员核对。");
      const number = /订单 (\d+)/.exec((await order.getByRole("heading", { level: 2 }).textContent())!)![1]!;
      const orderUrl = page.url().replace(/\?.*$/, "");

      const desk = await orderDesk(browser, number);
      await expect(desk.page.getByTestId("order-pay-on-delivery")).toHaveText("货到付款：送达时收 ¥45.00");
      await desk.page.getByRole("button", { name: "标记已打包" }).click();
      await desk.page.getByLabel("快递单号").fill("送货员 王师傅");
      await desk.page.getByRole("button", { name: "发货" }).click();
      await expect(desk.page.getByTestId("order-status")).toHaveText("已发货");
      // The buyer's page offers no "received" button: the station records the money.
      await page.goto(orderUrl);
      await expect(order.getByTestId("order-status")).toHaveText("已发货");
      await expect(page.getByRole("button", { name: "我已收到货" })).toHaveCount(0);

      const form = desk.page.getByTestId("order-complete");
      const wrong = code === "000000" ? "111111" : "000000";
      await form.getByLabel("买家的取货码（送货员当面核对）").fill(wrong);
      await form.getByLabel("手机支付", { exact: true }).check();
      await form.getByRole("button", { name: "已送达并收款" }).click();
      await expect(desk.page.getByText("取货码不对")).toBeVisible();
      await form.getByLabel("买家的取货码（送货员当面核对）").fill(code);
      await form.getByLabel("手机支付", { exact: true }).check();
      await form.getByRole("button", { name: "已送达并收款" }).click();
      await expect(desk.page.getByText("请填写手机支付的交易单号（4–64 位）。")).toBeVisible();
      await form.getByLabel("买家的取货码（送货员当面核对）").fill(code);
      await form.getByLabel("手机支付", { exact: true }).check();
      await form.getByLabel("手机支付交易单号").fill("4200001234567890");
      await form.getByRole("button", { name: "已送达并收款" }).click();
      await expect(desk.page.getByTestId("order-status")).toHaveText("已完成");
      await desk.close();

      await page.goto(orderUrl);
      await expect(order.getByTestId("order-status")).toHaveText("已完成");
      await expect(order.getByTestId("pay-on-hand-over")).toHaveCount(0);
    });
  });
}

import { sql } from "drizzle-orm";
import { DELIVERY_DATE } from "../factories/partners";
import { describe, expect, it } from "vitest";
import { confirmBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { planProRata, recordDelivery } from "../../app/models/partners/deliveries.server";
import { D } from "../../app/domain/money";
import { loader as accountLoader } from "../../app/routes/admin.accounts.$id";
import { action as accountsAction } from "../../app/routes/admin.accounts._index";
import { action as keysAction, loader as keysLoader } from "../../app/routes/admin.partner-keys";
import { loader as homeLoader } from "../../app/routes/partner._index";
import { loader as deliveryLoader } from "../../app/routes/partner.deliveries.$id";
import { loader as deliveriesLoader } from "../../app/routes/partner.deliveries._index";
import { loader as invoicesLoader } from "../../app/routes/partner.invoices";
import { loader as orderLoader } from "../../app/routes/partner.orders.$id";
import { action as newOrderAction, loader as newOrderLoader } from "../../app/routes/partner.orders.new";
import { loader as statementsLoader } from "../../app/routes/partner.statements";
import { loader as stockLoader } from "../../app/routes/partner.stock";
import { action as setPasswordAction } from "../../app/routes/set-password";
import * as produceRoute from "../../app/routes/api.v1.produce";
import { makeStation } from "../factories/geography";
import { makeCountyAdmin, makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeApiWorld, makePartnerAt, makePartnerUser } from "../factories/partner-portal";
import { testContext, testDb } from "../support/db";
import { BASE, cookiePair, dataResult, get, openEntry, outcome, post, sessionCookieFor } from "../support/http";

const args = (request: Request, context = testContext(), params: Record<string, string> = {}) => ({ request, params, context });

describe("partner users", () => {
  it("are created by the county admin on the accounts screen, for a partner of their county, and land at /partner", async () => {
    const db = testDb();
    const context = testContext();
    const { partner } = await makeApiWorld(db);
    const admin = await makeCountyAdmin(db, partner.countyId);
    const cookie = await sessionCookieFor(context, admin.id);
    const form = { displayName: "周海涛", username: "huayu-buyer", phone: "", role: "partner_user" };

    const noPartner = dataResult<{ errors: Record<string, string> }>(await accountsAction(args(post("/admin/accounts", form, cookie), context)));
    expect(noPartner.status).toBe(400);
    expect(noPartner.data.errors.partnerId).toBe("请选择合作企业");

    const elsewhere = await makePartnerAt(db, await makeStation(db));
    const foreign = dataResult<{ errors: Record<string, string> }>(await accountsAction(args(post("/admin/accounts", { ...form, partnerId: elsewhere.id }, cookie), context)));
    expect(foreign.status).toBe(400);
    expect(foreign.data.errors.partnerId).toBe("请选择合作企业");

    const created = (await accountsAction(args(post("/admin/accounts", { ...form, partnerId: partner.id }, cookie), context))) as Response;
    expect(created.status).toBe(302);
    const userId = created.headers.get("Location")!.split("/").at(-1)!;
    const [grant] = await rows<{ role: string; scope: string; partner_id: string }>(db, sql`select role, scope, partner_id from role_assignments where user_id = ${userId}`);
    expect(grant).toEqual({ role: "partner_user", scope: "partner", partner_id: partner.id });
    const [codeRow] = await rows<{ n: number }>(db, sql`select count(*)::int as n from set_password_codes where user_id = ${userId}`);
    expect(codeRow!.n).toBe(1);

    // The code travels in the flash cookie; redeeming it lands the partner user in the portal.
    const flash = cookiePair(created.headers.get("Set-Cookie"));
    const page = dataResult<{ issued: { code: string } }>(await accountLoader(args(get(`/admin/accounts/${userId}`, `${cookie}; ${flash}`), context, { id: userId })));
    const set = (await setPasswordAction(args(post("/set-password", { code: page.data.issued.code, password: "honeysuckle-2026", confirmPassword: "honeysuckle-2026" }), context))) as Response;
    expect(set.headers.get("Location")).toBe("/partner");
  });
});

describe("the partner portal", () => {
  it("places a bulk order from the form once per submission, shows field errors by row, and shows the order with its delivery and invoice", async () => {
    const db = testDb();
    const context = testContext();
    const { station, partner } = await makeApiWorld(db);
    const user = await makePartnerUser(db, partner);
    const cookie = await sessionCookieFor(context, user.id);

    const page = (await openEntry((request) => newOrderLoader(args(request, context)), `/partner/orders/new?station=${station.code}`, cookie)) as { produce: { key: string; label: string }[]; idempotencyKey: string; station: { code: string } };
    expect(page.station.code).toBe(station.code);
    expect(page.produce).toEqual([{ key: "金银花", label: "金银花：现有 1000 斤（2 户）" }]);

    const fields = {
      stationCode: station.code,
      idempotencyKey: page.idempotencyKey,
      deliveryDate: DELIVERY_DATE,
      "lines.0.productKey": "",
      "lines.0.quantity": "",
      "lines.0.unitPrice": "",
      "lines.1.productKey": "金银花",
      "lines.1.quantity": "500",
      "lines.1.unitPrice": "32.00",
    };
    const bad = dataResult<{ errors: Record<string, string> }>(await newOrderAction(args(post("/partner/orders/new", { ...fields, "lines.1.quantity": "五百" }, cookie), context)));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ "lines.1.quantity": "请填大于 0 的数量，最多 3 位小数" });
    const none = dataResult<{ errors: Record<string, string> }>(await newOrderAction(args(post("/partner/orders/new", { ...fields, "lines.1.productKey": "", "lines.1.quantity": "", "lines.1.unitPrice": "" }, cookie), context)));
    expect(none.data.errors.lines).toBe("至少填一行货品");

    const placed = (await newOrderAction(args(post("/partner/orders/new", fields, cookie), context))) as Response;
    expect(placed.status).toBe(302);
    const orderId = placed.headers.get("Location")!.split("/").at(-1)!;
    // A double submit (same form, same request key) is the same order, and says so.
    const again = (await newOrderAction(args(post("/partner/orders/new", fields, cookie), context))) as Response;
    expect(again.headers.get("Location")).toBe(`/partner/orders/${orderId}?already=1`);
    // Back or reload of the form's page (its entry key in the URL) opens the order it placed.
    const reopened = await newOrderLoader(args(get(`/partner/orders/new?station=${station.code}&entry=${page.idempotencyKey}`, cookie), context)).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe(`/partner/orders/${orderId}?already=1`);
    const [count] = await rows<{ n: number; placed_by: string }>(db, sql`select count(*)::int as n, max(placed_by::text) as placed_by from bulk_orders where partner_id = ${partner.id}`);
    expect(count).toEqual({ n: 1, placed_by: user.id });

    // The station confirms and delivers 300 斤 pro rata across the two households.
    const operator = await makeOperator(db, station);
    await confirmBulkOrder(db, { stationId: station.id, orderId, actorUserId: operator.id });
    const orderView = (await orderLoader(args(get(`/partner/orders/${orderId}`, cookie), context, { id: orderId }))) as { order: { status: string } };
    expect(orderView.order.status).toBe("服务站已确认");
    const [line] = await rows<{ id: string }>(db, sql`select id from bulk_order_lines where order_id = ${orderId}`);
    const plan = await planProRata(db, { stationId: station.id, orderId, orderLineId: line!.id, quantity: new D("300") });
    expect(plan).toHaveLength(2);
    const delivery = await recordDelivery(db, {
      stationId: station.id,
      orderId,
      lines: plan.map((p) => ({ orderLineId: line!.id, productId: p.productId, quantity: p.quantity })),
      actorUserId: operator.id,
      idempotencyKey: "delivery-0001",
    });

    const after = (await orderLoader(args(get(`/partner/orders/${orderId}`, cookie), context, { id: orderId }))) as {
      order: { total: string; invoiced: string; paid: string; outstanding: string; lines: { delivered: string }[] };
      deliveries: { id: string }[];
    };
    expect(after.order).toMatchObject({ total: "16000.00", invoiced: "9600.00", paid: "0.00", outstanding: "9600.00" });
    expect(after.order.lines[0]!.delivered).toBe("300 斤");
    expect(after.deliveries.map((d) => d.id)).toEqual([delivery.id]);
    const note = (await deliveryLoader(args(get(`/partner/deliveries/${delivery.id}`, cookie), context, { id: delivery.id }))) as { lines: { household: string }[]; amount: string };
    expect(note.lines).toHaveLength(2);
    expect(note.amount).toBe("9600.00");
    const invoices = (await invoicesLoader(args(get("/partner/invoices", cookie), context))) as { invoices: { amount: string; paid: string; unpaid: string }[] };
    expect(invoices.invoices).toEqual([expect.objectContaining({ amount: "9600.00", paid: "0.00", unpaid: "9600.00" })]);
    const list = (await deliveriesLoader(args(get("/partner/deliveries", cookie), context))) as { deliveries: unknown[] };
    expect(list.deliveries).toHaveLength(1);
    const home = (await homeLoader(args(get("/partner", cookie), context))) as { outstanding: string };
    expect(home.outstanding).toBe("9600.00");
    const statement = (await statementsLoader(args(get("/partner/statements", cookie), context))) as { orders: string[][] };
    expect(statement.orders).toContainEqual(["已开票", "9600.00"]);
    expect(await outcome(() => stockLoader(args(get("/partner/stock", cookie), context)))).toBe("ok");

    // Another company's user sees none of it.
    const rivalCookie = await sessionCookieFor(context, (await makePartnerUser(db, await makePartnerAt(db, station))).id);
    expect(await outcome(() => orderLoader(args(get(`/partner/orders/${orderId}`, rivalCookie), context, { id: orderId })))).toBe(404);
    expect(await outcome(() => deliveryLoader(args(get(`/partner/deliveries/${delivery.id}`, rivalCookie), context, { id: delivery.id })))).toBe(404);
  });
});

describe("the admin's API key screen", () => {
  it("creates a key shown exactly once, lists it by prefix only, and revokes it", async () => {
    const db = testDb();
    const context = testContext();
    const { partner } = await makeApiWorld(db);
    const admin = await makeCountyAdmin(db, partner.countyId);
    const cookie = await sessionCookieFor(context, admin.id);

    const bad = dataResult<{ errors: Record<string, string> }>(await keysAction(args(post("/admin/partner-keys", { intent: "create", partnerId: partner.id, label: "", ratePerMinute: "60" }, cookie), context)));
    expect(bad.status).toBe(400);
    expect(bad.data.errors.label).toBe("请填写此项");

    const created = (await keysAction(args(post("/admin/partner-keys", { intent: "create", partnerId: partner.id, label: "ERP 系统", ratePerMinute: "60" }, cookie), context))) as Response;
    expect(created.status).toBe(302);
    const flash = cookiePair(created.headers.get("Set-Cookie"));
    const first = dataResult<{ created: string | null; keys: { id: string; prefix: string; label: string; revokedAt: string | null }[] }>(
      await keysLoader(args(get("/admin/partner-keys", `${cookie}; ${flash}`), context)),
    );
    const key = first.data.created!;
    expect(key).toMatch(/^czk_/);
    const mine = first.data.keys.find((k) => k.label === "ERP 系统")!;
    expect(key.startsWith(mine.prefix)).toBe(true);
    expect(JSON.stringify(first.data.keys)).not.toContain(key);
    expect(first.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    const reload = dataResult<{ created: string | null }>(await keysLoader(args(get("/admin/partner-keys", cookie), context)));
    expect(reload.data.created).toBeNull();

    const works = await produceRoute.loader(args(new Request(`${BASE}/api/v1/produce`, { headers: { Authorization: `Bearer ${key}` } }), context));
    expect((works as Response).status).toBe(200);

    const revoked = (await keysAction(args(post("/admin/partner-keys", { intent: "revoke", keyId: mine.id }, cookie), context))) as Response;
    expect(revoked.status).toBe(302);
    expect(await outcome(() => produceRoute.loader(args(new Request(`${BASE}/api/v1/produce`, { headers: { Authorization: `Bearer ${key}` } }), context)))).toBe(401);
    const listed = dataResult<{ keys: { id: string; revokedAt: string | null }[] }>(await keysLoader(args(get("/admin/partner-keys", cookie), context)));
    expect(listed.data.keys.find((k) => k.id === mine.id)!.revokedAt).not.toBeNull();
  });
});

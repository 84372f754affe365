import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import type { Station } from "../../app/models/stations/geography.server";
import type { Partner } from "../../app/models/partners/partners.server";
import { action as adminCreate } from "../../app/routes/admin.partners._index";
import { action as adminPartner } from "../../app/routes/admin.partners.$id";
import { loader as adminStatement } from "../../app/routes/admin.partners.$id_.statement";
import { loader as deliveryNote } from "../../app/routes/stations.$code.manage_.partners.deliveries.$number";
import { action as partnerAction, loader as partnerLoader } from "../../app/routes/stations.$code.manage_.partners.$id";
import { loader as stationStatementCsv } from "../../app/routes/stations.$code.manage_.partners.$id_.statement[.]csv";
import { action as stationCreate } from "../../app/routes/stations.$code.manage_.partners._index";
import { action as orderAction, loader as orderLoader } from "../../app/routes/stations.$code.manage_.partners.orders.$number";
import { makeCountyAdmin } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeConsignedProduct, makeHoldings, makePartner, DELIVERY_DATE } from "../factories/partners";
import { testContext, testDb } from "../support/db";
import { dataResult, get, outcome, post, sessionCookieFor } from "../support/http";
import { staffSessions } from "../support/sessions";
import { countRows } from "../support/queries";

let context: AppLoadContext;
let station: Station;
let partner: Partner;
let operator: string;
let committee: string;
const params = { code: "alpha" };

beforeEach(async () => {
  const db = testDb();
  context = testContext();
  ({ station, operator, committee } = await staffSessions(context));
  partner = await makePartner(db, station, { commissionRate: "0.1000", paymentTermsDays: 15 });
});

describe("operator's bulk order screens", () => {
  it("confirm, share out pro rata without writing, deliver, print the delivery note naming households, take a payment", async () => {
    const db = testDb();
    const holders = await makeHoldings(db, station, ["60", "40"]);
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: station.id, lines: [{ productKey: "金银花", quantity: "50", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey: "req-route-1" });
    const url = `/stations/alpha/manage/partners/orders/${order.number}`;
    const p = { ...params, number: String(order.number) };
    expect(await outcome(() => orderLoader({ request: get(url, committee), params: p, context }))).toBe(403);

    const confirmed = (await orderAction({ request: post(url, { intent: "confirm" }, operator), params: p, context })) as Response;
    expect(confirmed.status).toBe(302);
    const loaded = (await orderLoader({ request: get(url, operator), params: p, context })) as { idempotencyKey: string; lines: { id: string; holdings: { productId: string }[] }[] };
    const lineId = loaded.lines[0]!.id;
    expect(loaded.lines[0]!.holdings).toHaveLength(2);

    const planned = dataResult<{ values: Record<string, string>; planned: boolean }>(await orderAction({ request: post(url, { intent: "plan", [`total_${lineId}`]: "50" }, operator), params: p, context }));
    expect(planned.data.planned).toBe(true);
    expect(planned.data.values[`q_${lineId}_${holders[0]!.product.id}`]).toBe("30");
    expect(planned.data.values[`q_${lineId}_${holders[1]!.product.id}`]).toBe("20");
    expect(await countRows("bulk_deliveries")).toBe(0);

    const tooMuch = dataResult<{ errors: Record<string, string> }>(
      await orderAction({ request: post(url, { intent: "deliver", idempotencyKey: loaded.idempotencyKey, [`q_${lineId}_${holders[1]!.product.id}`]: "41" }, operator), params: p, context }),
    );
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.data.errors.form).toBe("有农户的货不够这么多。");
    const badQty = dataResult<{ errors: Record<string, string> }>(await orderAction({ request: post(url, { intent: "deliver", idempotencyKey: loaded.idempotencyKey, [`q_${lineId}_${holders[1]!.product.id}`]: "abc" }, operator), params: p, context }));
    expect(badQty.status).toBe(400);
    expect(await countRows("bulk_deliveries")).toBe(0);

    const form = { intent: "deliver", idempotencyKey: loaded.idempotencyKey, [`q_${lineId}_${holders[0]!.product.id}`]: "12", [`q_${lineId}_${holders[1]!.product.id}`]: "8" };
    const delivered = (await orderAction({ request: post(url, form, operator), params: p, context })) as Response;
    const again = (await orderAction({ request: post(url, form, operator), params: p, context })) as Response;
    expect(delivered.headers.get("Location")).toBe("/stations/alpha/manage/partners/deliveries/1");
    expect(again.headers.get("Location")).toBe(delivered.headers.get("Location"));
    expect(await countRows("bulk_deliveries")).toBe(1);

    const note = (await deliveryNote({ request: get("/stations/alpha/manage/partners/deliveries/1", operator), params: { ...params, number: "1" }, context })) as { lines: { household: string; quantity: string }[]; delivery: { total: string } };
    expect(note.lines.map((l) => l.household)).toEqual([`${holders[0]!.household.headName}（3组）`, `${holders[1]!.household.headName}（3组）`].sort());
    expect(note.delivery.total).toBe("600.00");

    const key = ((await orderLoader({ request: get(url, operator), params: p, context })) as { idempotencyKey: string }).idempotencyKey;
    const over = dataResult<{ errors: Record<string, string> }>(await orderAction({ request: post(url, { intent: "pay", idempotencyKey: key, amount: "600.01", reference: "HX1" }, operator), params: p, context }));
    expect(over.status).toBe(409);
    const paid = (await orderAction({ request: post(url, { intent: "pay", idempotencyKey: key, amount: "600.00", reference: "HX1" }, operator), params: p, context })) as Response;
    expect(paid.status).toBe(302);
    expect(await countRows("partner_payments")).toBe(1);
  });
});

describe("operator's consignment screens", () => {
  it("receive with a note, refuse a remittance above what is owed, and show the statement as CSV", async () => {
    const db = testDb();
    const { product } = await makeConsignedProduct(db, station, partner.id, { stock: "10", price: "50.00" });
    const url = `/stations/alpha/manage/partners/${partner.id}`;
    const p = { ...params, id: partner.id };
    const loaded = (await partnerLoader({ request: get(url, operator), params: p, context })) as { idempotencyKey: string; owedPlain: string };
    expect(loaded.owedPlain).toBe("0.00");
    const received = (await partnerAction({ request: post(url, { intent: "receive", idempotencyKey: loaded.idempotencyKey, [`receive_${product.id}`]: "5" }, operator), params: p, context })) as Response;
    expect(received.headers.get("Location")).toBe("/stations/alpha/manage/partners/notes/2");
    const remit = dataResult<{ errors: Record<string, string> }>(await partnerAction({ request: post(url, { intent: "remit", idempotencyKey: loaded.idempotencyKey, amount: "1.00", reference: "ZZ1" }, operator), params: p, context }));
    expect(remit.status).toBe(409);
    expect(remit.data.errors.form).toBe("汇款不能超过欠企业的货款。");
    expect(await countRows("partner_remittances")).toBe(0);

    const csv = (await stationStatementCsv({ request: get(`${url}/statement.csv?from=2000-01-01&to=2999-12-31`, committee), params: p, context })) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("对账单");
    expect(text).toContain("收货单 1");
  });
});

describe("county admin's partner screens", () => {
  it("register a partner, refuse a duplicate name, set terms with agreed prices, read the statement", async () => {
    const db = testDb();
    const admin = await sessionCookieFor(context, (await makeCountyAdmin(db, partner.countyId)).id);
    const form = { nameZh: "黔西县新农合作社", nameEn: "", kind: "cooperative", mode: "village_cooperative", contactName: "", contactPhone: "", addressZh: "", bankAccount: "", bankName: "" };
    const created = (await adminCreate({ request: post("/admin/partners", form, admin), params: {}, context })) as Response;
    expect(created.status).toBe(302);
    const dup = dataResult<{ errors: Record<string, string> }>(await adminCreate({ request: post("/admin/partners", form, admin), params: {}, context }));
    expect(dup.status).toBe(409);
    const id = created.headers.get("Location")!.split("/").pop()!;
    const badPrices = dataResult<{ errors: Record<string, string> }>(
      await adminPartner({ request: post(`/admin/partners/${id}`, { intent: "terms", stationId: station.id, ratePercent: "6", days: "30", schedule: "monthly", prices: "金银花 斤 32.00\n什么" }, admin), params: { id }, context }),
    );
    expect(badPrices.status).toBe(400);
    expect(badPrices.data.errors.prices).toContain("2");
    const set = (await adminPartner({ request: post(`/admin/partners/${id}`, { intent: "terms", stationId: station.id, ratePercent: "6", days: "30", schedule: "monthly", prices: "金银花 斤 32.00" }, admin), params: { id }, context })) as Response;
    expect(set.status).toBe(302);
    const [terms] = await rows<{ rate: string; price: string }>(db, sql`select t.commission_rate::text as rate, p.unit_price::text as price from partner_station_terms t join partner_agreed_prices p on p.terms_id = t.id where t.partner_id = ${id}`);
    expect(terms).toEqual({ rate: "0.0600", price: "32.00" });
    expect(await outcome(() => adminStatement({ request: get(`/admin/partners/${id}/statement`, operator), params: { id }, context }))).toBe(403);
    const statement = (await adminStatement({ request: get(`/admin/partners/${id}/statement`, admin), params: { id }, context })) as { view: { reconciled: boolean } };
    expect(statement.view.reconciled).toBe(true);
  });
});

describe("an operator registers a partner", () => {
  it("creates it in the station's county with this station's terms, and refuses bad terms with field errors", async () => {
    const form = { nameZh: "韦寨金银花合作社", nameEn: "", kind: "cooperative", mode: "village_cooperative", contactName: "", contactPhone: "", addressZh: "", bankAccount: "", bankName: "", ratePercent: "5", days: "20", schedule: "weekly" };
    const bad = dataResult<{ errors: Record<string, string> }>(await stationCreate({ request: post("/stations/alpha/manage/partners", { ...form, ratePercent: "150" }, operator), params, context }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors.ratePercent).toBeTruthy();
    expect(await countRows("partner_companies")).toBe(1);
    const made = (await stationCreate({ request: post("/stations/alpha/manage/partners", form, operator), params, context })) as Response;
    expect(made.status).toBe(302);
    const [row] = await rows<{ county: boolean; rate: string; days: number }>(
      testDb(),
      sql`select p.county_id = ${partner.countyId} as county, t.commission_rate::text as rate, t.payment_terms_days as days from partner_companies p join partner_station_terms t on t.partner_id = p.id where p.name_zh = '韦寨金银花合作社'`,
    );
    expect(row).toEqual({ county: true, rate: "0.0500", days: 20 });
    expect(await outcome(() => stationCreate({ request: post("/stations/alpha/manage/partners", form, committee), params, context }))).toBe(403);
  });
});

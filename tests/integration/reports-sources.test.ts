import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { D } from "../../app/domain/money";
import { confirmBulkOrder, createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { planProRata, recordDelivery } from "../../app/models/partners/deliveries.server";
import type { Station } from "../../app/models/stations/geography.server";
import { approveDraft, createDraft } from "../../app/models/ledger/drafts.server";
import { reverseJournal, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { recordPartnerPayment, recordRemittance } from "../../app/models/partners/money.server";
import { prepareClose, signClose } from "../../app/models/committee/close.server";
import { setUpkeepRate } from "../../app/models/committee/upkeep-rules.server";
import { recordExpense } from "../../app/models/committee/upkeep.server";
import { systemUserId } from "../../app/models/identity/users.server";
import * as draftsRoute from "../../app/routes/stations.$code.ledger.drafts";
import * as journalRoute from "../../app/routes/stations.$code.ledger.journals.$number";
import * as sourceRoute from "../../app/routes/stations.$code.reports.sources.$number";
import type { Db } from "../../db/client.server";
import { MONTH, preparedReceipt, sellInMonth } from "../factories/committee";
import { makeStation } from "../factories/geography";
import { makeCommitteeMember, makeOperator, type MadeUser } from "../factories/identity";
import { postTestJournal, rows } from "../factories/ledger";
import { payOnline, placeOrder, refundOnline } from "../factories/orders";
import { makeConsignedProduct, makeHoldings, makePartner, DELIVERY_DATE } from "../factories/partners";
import { makeStockedProduct, sell } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { get, openEntry, outcome, sessionCookieFor } from "../support/http";

type Args = Parameters<typeof sourceRoute.loader>[0];
const args = (request: Request, params: Record<string, string>, context: AppLoadContext) => ({ request, params, context }) as unknown as Args;
type SourcePage = Awaited<ReturnType<typeof sourceRoute.loader>>;
type JournalPage = Awaited<ReturnType<typeof journalRoute.loader>>;
const key = () => `req-${randomUUID()}`;

let db: Db;
let context: AppLoadContext;
let a: Station;
let b: Station;
let operator: MadeUser;
let member: MadeUser;
let memberCookie: string;
let otherCookie: string;

beforeEach(async () => {
  db = testDb();
  context = testContext();
  a = await makeStation(db, { code: "src-a" });
  b = await makeStation(db, { code: "src-b" });
  operator = await makeOperator(db, a);
  member = await makeCommitteeMember(db, a);
  memberCookie = await sessionCookieFor(context, member.id);
  otherCookie = await sessionCookieFor(context, (await makeCommitteeMember(db, b)).id);
});

async function journalNumber(type: string, id: string): Promise<number> {
  const [j] = await rows<{ number: number }>(db, sql`select number from ledger_journals where station_id = ${a.id}::uuid and source_type = ${type} and source_id = ${id}`);
  expect(j, `${type} ${id}`).toBeDefined();
  return j!.number;
}

/**
 * From the journal page, as a committee member of station a: follows the source link and returns
 * the document page. The same number at station b (whose member asks there) is not found.
 */
async function drill(number: number, typeLabel: string): Promise<SourcePage["document"]> {
  const journal = (await journalRoute.loader(args(get(`/stations/${a.code}/ledger/journals/${number}`, memberCookie), { code: a.code, number: String(number) }, context))) as JournalPage;
  expect(journal.source.href).toBe(`/stations/${a.code}/reports/sources/${number}`);
  expect(journal.source.label).toBe(typeLabel);
  const page = (await sourceRoute.loader(args(get(journal.source.href!, memberCookie), { code: a.code, number: String(number) }, context))) as SourcePage;
  expect(page.journal.number).toBe(number);
  expect(page.typeLabel).toBe(typeLabel);
  expect(await outcome(() => sourceRoute.loader(args(get(`/stations/${b.code}/reports/sources/${number}`, otherCookie), { code: b.code, number: String(number) }, context)))).toBe(404);
  return page.document;
}

describe("every journal leads to its source document", () => {
  it("an online order: lines with households, masked buyer, status history, payment", async () => {
    const { product, household } = await makeStockedProduct(db, a, { stock: "10", price: "20.00", commissionRate: "0.1000" });
    const checkout = await placeOrder(db, [{ product, quantity: "2" }]);
    await payOnline(db, checkout);
    const order = checkout.orders[0]!;
    await refundOnline(db, order.id, "10.00");
    // Two journals name the order (payment, refund); the refund's leads to the same order, refund included.
    const journals = await rows<{ number: number }>(db, sql`select number from ledger_journals where station_id = ${a.id}::uuid and source_type = 'order' and source_id = ${order.id} order by number`);
    expect(journals).toHaveLength(2);
    const doc = await drill(journals[1]!.number, "订单");
    expect(doc).toMatchObject({ kind: "order", number: order.number, status: "paid", buyerName: "张*", buyerPhone: "139****0001", goodsTotal: "40.00", total: "40.00", refunded: "10.00" });
    if (doc.kind !== "order") throw new Error("not an order");
    expect(doc.lines).toEqual([expect.objectContaining({ quantity: "2.000", unitPrice: "20.00", amount: "40.00", commission: "4.00", owner: household!.headName })]);
    expect(doc.history.map((h) => [h.event, h.to])).toEqual([
      ["place", "pending_payment"],
      ["pay", "paid"],
      ["refund", "paid"],
    ]);
    // Paid through the webhook with no provider session row in this test: the order's own stamp shows it.
    expect(doc.paidAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(doc.payments).toEqual([]);
    // No phone or full name of the buyer anywhere on the page.
    expect(JSON.stringify(doc)).not.toContain("13900000001");
    expect(JSON.stringify(doc)).not.toContain("张丽");
  });

  it("a bulk delivery (发货单): partner and each household's share; the partner's payment with its bulk order", async () => {
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, a, { commissionRate: "0.0800" });
    const holders = await makeHoldings(db, a, ["300", "100"]);
    const order = await createBulkOrder(db, { partnerId: partner.id, stationId: a.id, lines: [{ productKey: "金银花", quantity: "150", unitPrice: "30.00" }], deliveryDate: DELIVERY_DATE, placedByUserId: null, idempotencyKey: key() });
    await confirmBulkOrder(db, { stationId: a.id, orderId: order.id, actorUserId });
    const line = order.lines[0]!;
    const plan = await planProRata(db, { stationId: a.id, orderId: order.id, orderLineId: line.id, quantity: new D("100") });
    const delivery = await recordDelivery(db, { stationId: a.id, orderId: order.id, lines: plan.map((p) => ({ orderLineId: line.id, productId: p.productId, quantity: p.quantity })), idempotencyKey: key(), actorUserId });
    const doc = await drill(await journalNumber("delivery", delivery.id), "交货");
    expect(doc).toMatchObject({ kind: "delivery", number: 1, partner: partner.nameZh, orderNumber: order.number, amount: "3000.00", commission: "240.00" });
    if (doc.kind !== "delivery") throw new Error("not a delivery");
    expect(doc.lines.map((l) => [l.household, l.quantity, l.amount, l.commission, l.share])).toEqual([
      [holders[0]!.household.headName, "75.000", "2250.00", "180.00", "2070.00"],
      [holders[1]!.household.headName, "25.000", "750.00", "60.00", "690.00"],
    ]);

    await recordPartnerPayment(db, { stationId: a.id, orderId: order.id, amount: new D("1000.00"), reference: "HX-1", idempotencyKey: key(), actorUserId });
    const payment = await recordPartnerPayment(db, { stationId: a.id, orderId: order.id, amount: new D("500.00"), reference: "HX-2", idempotencyKey: key(), actorUserId });
    // The journal names the payment itself, not the bulk order (which is no online order).
    expect(await rows(db, sql`select 1 from ledger_journals where source_type = 'order'`)).toHaveLength(0);
    const paid = await drill(await journalNumber("partner_payment", payment.id), "合作企业付款");
    expect(paid).toMatchObject({
      kind: "partner_payment",
      number: 2,
      amount: "500.00",
      reference: "HX-2",
      order: { number: order.number, status: "confirmed", delivered: "3000.00", paid: "1500.00", outstanding: "1500.00", lines: [{ quantity: "150.000", delivered: "100.000", unitPrice: "30.00" }] },
    });
  });

  it("a remittance to a consignment partner", async () => {
    const actorUserId = await systemUserId(db);
    const partner = await makePartner(db, a, { kind: "input_supplier", commissionRate: "0.0800" });
    const { product } = await makeConsignedProduct(db, a, partner.id, { stock: "20", price: "85.00" });
    await sell(db, a, [{ product, quantity: "3" }]);
    const remittance = await recordRemittance(db, { stationId: a.id, partnerId: partner.id, amount: new D("200.00"), reference: "BANK-1", idempotencyKey: key(), actorUserId });
    const doc = await drill(await journalNumber("remittance", remittance.id), "款项结算");
    expect(doc).toMatchObject({ kind: "remittance", number: 1, partner: partner.nameZh, amount: "200.00", method: "bank", reference: "BANK-1" });
  });

  it("the period close (allocation) and an upkeep expense with its receipt", async () => {
    await setUpkeepRate(db, { stationId: a.id, rate: new D("0.3"), userId: operator.id });
    await sellInMonth(db, a);
    const prepared = await prepareClose(db, { stationId: a.id, period: MONTH, userId: operator.id });
    await signClose(db, { stationId: a.id, period: MONTH, userId: member.id });
    const close = await drill(await journalNumber("allocation", prepared.id), "分配");
    expect(close).toMatchObject({ kind: "allocation", period: MONTH, revision: 1, status: "sealed", rate: "0.3000", commission: "26.40", allocation: "7.92" });
    if (close.kind !== "allocation") throw new Error("not a close");
    expect(close.signatures.map((s) => s.role)).toEqual(["operator", "overseer"]);
    expect(close.seal).toMatch(/^[0-9a-f]{64}$/);

    const expense = await recordExpense(db, { kind: "electricity", date: "2025-07-05", paidFrom: "cash", payee: "供电所", note: "七月电费", stationId: a.id, userId: operator.id, amount: new D("5.00"), receipt: await preparedReceipt(), idempotencyKey: key() });
    const doc = await drill(await journalNumber("expense", expense.id), "费用");
    expect(doc).toMatchObject({ kind: "expense", expenseKind: "electricity", amount: "5.00", payee: "供电所", status: "posted", receiptHash: expense.receiptHash, note: "七月电费" });
  });

  it("an opening journal, an approved adjustment (→ drafts) and a reversal (→ the original and its document)", async () => {
    const opening = await postTestJournal(db, a.id, { amount: "300.00" });
    const doc = await drill(opening.journal.number, "期初余额");
    expect(doc).toMatchObject({ kind: "opening", station: a.code, date: "2025-06-15" });

    const draft = await createDraft(db, {
      stationId: a.id,
      draftedBy: operator.id,
      date: "2025-06-20",
      memo: "现金盘盈",
      reason: "点钞多出",
      lines: [
        { accountCode: ACCOUNTS.cash, amount: new D("3.00") },
        { accountCode: ACCOUNTS.collectiveFund, amount: new D("-3.00") },
      ],
    });
    const adjusted = await approveDraft(db, { stationId: a.id, draftId: draft.id, approverId: member.id });
    const journal = (await journalRoute.loader(args(get("/x", memberCookie), { code: a.code, number: String(adjusted.journal.number) }, context))) as JournalPage;
    expect(journal.source.href).toBe(`/stations/${a.code}/ledger/drafts#draft-${draft.id}`);
    const drafts = (await openEntry((request) => draftsRoute.loader(args(request, { code: a.code }, context)), `/stations/${a.code}/ledger/drafts`, memberCookie)) as Awaited<ReturnType<typeof draftsRoute.loader>>;
    expect(drafts.drafts.find((d) => d.id === draft.id)).toMatchObject({ reason: "点钞多出" });
    const page = (await sourceRoute.loader(args(get("/x", memberCookie), { code: a.code, number: String(adjusted.journal.number) }, context))) as SourcePage;
    expect(page.document).toMatchObject({ kind: "adjustment", reason: "点钞多出", draftedBy: operator.displayName, decidedBy: member.displayName });

    const { product } = await makeStockedProduct(db, a, { stock: "10", price: "20.00" });
    const sale = await sell(db, a, [{ product, quantity: "1" }]);
    const saleNumber = await journalNumber("sale", sale.sale.id);
    const [saleJournal] = await rows<{ id: string }>(db, sql`select id::text as id from ledger_journals where station_id = ${a.id}::uuid and number = ${saleNumber}`);
    const reversal = await withLedgerRetry(db, (tx) => reverseJournal(tx, { stationId: a.id, journalId: saleJournal!.id, date: "2025-06-21", memo: "冲销", idempotencyKey: key(), createdBy: operator.id }));
    const reversalPage = (await journalRoute.loader(args(get("/x", memberCookie), { code: a.code, number: String(reversal.journal.number) }, context))) as JournalPage;
    expect(reversalPage.source.href).toBe(`/stations/${a.code}/ledger/journals/${saleNumber}`);
    const reversed = (await sourceRoute.loader(args(get("/x", memberCookie), { code: a.code, number: String(reversal.journal.number) }, context))) as SourcePage;
    expect(reversed.document).toMatchObject({ kind: "sale", total: "20.00" });
    expect(await outcome(() => sourceRoute.loader(args(get("/x", otherCookie), { code: b.code, number: String(reversal.journal.number) }, context)))).toBe(404);
  });
});

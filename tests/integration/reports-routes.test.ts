import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { D } from "../../app/domain/money";
import { getStationSummary } from "../../app/models/stations/geography.server";
import { recordPayout } from "../../app/models/households/payouts.server";
import { farmerIncome } from "../../app/models/reports/reports.server";
import { createSale } from "../../app/models/till/sales.server";
import { systemUserId } from "../../app/models/identity/users.server";
import * as countyRoute from "../../app/routes/admin.reports._index";
import * as countyCsvRoute from "../../app/routes/admin.reports.csv";
import * as accountRoute from "../../app/routes/stations.$code.ledger.accounts.$account";
import * as journalRoute from "../../app/routes/stations.$code.ledger.journals.$number";
import * as indexRoute from "../../app/routes/stations.$code.reports._index";
import * as assessmentRoute from "../../app/routes/stations.$code.reports.assessment";
import * as csvRoute from "../../app/routes/stations.$code.reports.csv.$report";
import * as exportRoute from "../../app/routes/stations.$code.reports.exports.$id";
import * as downloadRoute from "../../app/routes/stations.$code.reports.exports.$id.download";
import * as exportsRoute from "../../app/routes/stations.$code.reports.exports._index";
import * as farmersRoute from "../../app/routes/stations.$code.reports.farmers";
import * as incomeRoute from "../../app/routes/stations.$code.reports.income";
import * as partnersRoute from "../../app/routes/stations.$code.reports.partners";
import * as salesRoute from "../../app/routes/stations.$code.reports.sales";
import * as sourceRoute from "../../app/routes/stations.$code.reports.sources.$number";
import { makeStation } from "../factories/geography";
import { makeBuyer, makeCommitteeMember, makeCountyAdmin, makeOperator } from "../factories/identity";
import { makeStockedProduct } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { dataResult, get, outcome, post, sessionCookieFor } from "../support/http";

type Station = Awaited<ReturnType<typeof makeStation>>;
type Args = Parameters<typeof incomeRoute.loader>[0];
const args = (request: Request, params: Record<string, string>, context: AppLoadContext) => ({ request, params, context }) as unknown as Args;
type LoaderRoute = { loader: (a: Args) => Promise<unknown> };

describe("the report screens", () => {
  let context: AppLoadContext;
  let a: Station;
  let b: Station;
  let cookies: Record<"operatorA" | "operatorB" | "committeeA" | "admin" | "buyer", string>;

  beforeEach(async () => {
    const db = testDb();
    context = testContext();
    a = await makeStation(db, { code: "report-a" });
    b = await makeStation(db, { code: "report-b" });
    const people = {
      operatorA: await makeOperator(db, a),
      operatorB: await makeOperator(db, b),
      committeeA: await makeCommitteeMember(db, a),
      admin: await makeCountyAdmin(db, (await getStationSummary(db, { code: a.code }))!.county.id),
      buyer: await makeBuyer(db),
    };
    cookies = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, u]) => [k, await sessionCookieFor(context, u.id)]))) as typeof cookies;
    const operatorId = await systemUserId(db);
    const { product, household } = await makeStockedProduct(db, a, { stock: "100", price: "20.00", commissionRate: "0.1000" });
    await createSale(db, { stationId: a.id, operatorId, idempotencyKey: randomUUID(), lines: [{ productId: product.id, quantity: new D("5") }], payment: { kind: "mobile", reference: "wx" }, date: "2025-06-10" });
    await recordPayout(db, { stationId: a.id, householdId: household!.id, operatorId, amount: new D("40.00"), method: "bank", reference: "6217", idempotencyKey: randomUUID(), date: "2025-06-20" });
  });

  const q = "?from=2025-06-01&to=2025-06-30";
  const pages = (): { route: LoaderRoute; url: string; params: Record<string, string> }[] => [
    { route: indexRoute, url: `/stations/${a.code}/reports${q}`, params: { code: a.code } },
    { route: incomeRoute, url: `/stations/${a.code}/reports/income${q}`, params: { code: a.code } },
    { route: farmersRoute, url: `/stations/${a.code}/reports/farmers${q}`, params: { code: a.code } },
    { route: salesRoute, url: `/stations/${a.code}/reports/sales${q}`, params: { code: a.code } },
    { route: partnersRoute, url: `/stations/${a.code}/reports/partners${q}`, params: { code: a.code } },
    { route: assessmentRoute, url: `/stations/${a.code}/reports/assessment${q}`, params: { code: a.code } },
    { route: exportsRoute, url: `/stations/${a.code}/reports/exports`, params: { code: a.code } },
    { route: csvRoute, url: `/stations/${a.code}/reports/csv/farmers${q}`, params: { code: a.code, report: "farmers" } },
  ];

  it("open to the station's operator, committee member and county admin; 404 to others; sign-in for the signed-out", async () => {
    for (const p of pages()) {
      for (const who of ["operatorA", "committeeA", "admin"] as const) expect(await outcome(() => p.route.loader(args(get(p.url, cookies[who]), p.params, context))), `${who} ${p.url}`).toBe("ok");
      expect(await outcome(() => p.route.loader(args(get(p.url, cookies.operatorB), p.params, context))), p.url).toBe(404);
      expect(await outcome(() => p.route.loader(args(get(p.url, cookies.buyer), p.params, context))), p.url).toBe(404);
      expect(await outcome(() => p.route.loader(args(get(p.url), p.params, context))), p.url).toBe("login");
    }
    expect(await outcome(() => countyRoute.loader(args(get(`/admin/reports${q}`, cookies.committeeA), {}, context)))).toBe(403);
  });

  it("answer 400 with a message per field for a malformed, inverted or absurd range", async () => {
    for (const [query, field, message] of [
      ["?from=2025-02-30", "from", "请用 年-月-日 格式填写一个真实的日期"],
      ["?from=2025-07-01&to=2025-06-01", "from", "起始日期不能晚于截至日期"],
      ["?from=2015-01-01&to=2025-06-01", "from", "时间范围最长 5 年，请缩短"],
      ["?to=yesterday", "to", "请用 年-月-日 格式填写一个真实的日期"],
    ] as const) {
      for (const p of pages().filter((x) => x.route !== exportsRoute)) {
        const result = await p.route.loader(args(get(`${p.url.split("?")[0]}${query}`, cookies.committeeA), p.params, context));
        const { status, data } = dataResult<{ errors: Record<string, string> }>(result);
        expect(status, `${p.url} ${query}`).toBe(400);
        expect(data.errors[field]).toBe(message);
      }
    }
    const english = dataResult<{ errors: Record<string, string> }>(await incomeRoute.loader(args(get(`/stations/${a.code}/reports/income?from=2025-07-01&to=2025-06-01&lng=en`, cookies.committeeA), { code: a.code }, context)));
    expect(english.data.errors.from).toBe("The start date cannot be after the end date");
    const county = dataResult<{ errors: Record<string, string> }>(await countyRoute.loader(args(get("/admin/reports?from=2000-01-01&to=2025-01-01", cookies.admin), {}, context)));
    expect(county.status).toBe(400);
    const exportForm = post(`/stations/${a.code}/reports/exports`, { kind: "beancount", from: "2025-07-01", to: "2025-06-01", idempotencyKey: "range-key-1" }, cookies.committeeA);
    expect(dataResult<{ errors: Record<string, string> }>(await exportsRoute.action(args(exportForm, { code: a.code }, context))).data.errors.from).toBe("起始日期不能晚于截至日期");
    const badKind = post(`/stations/${a.code}/reports/exports`, { kind: "xls", from: "2025-06-01", to: "2025-06-30", idempotencyKey: "kind-key-2" }, cookies.committeeA);
    expect(dataResult<{ errors: Record<string, string> }>(await exportsRoute.action(args(badKind, { code: a.code }, context))).data.errors.kind).toBe("请选择一种格式");
  });

  it("lets a committee member drill from the farmer-income figure down to the sale", async () => {
    const farmers = (await farmersRoute.loader(args(get(`/stations/${a.code}/reports/farmers${q}`, cookies.committeeA), { code: a.code }, context))) as Extract<Awaited<ReturnType<typeof farmersRoute.loader>>, { ok: true }>;
    expect(farmers.report).toMatchObject({ added: "90.00", paid: "40.00", owed: "50.00", households: 1 });
    expect(farmers.report).toEqual({ ...(await farmerIncome(testDb(), { stationId: a.id, from: "2025-06-01", to: "2025-06-30" })), byProduct: farmers.report.byProduct });
    // The figure links to 21101's general ledger over the range: its rows are the sale's and the payout's journals.
    const gl = (await accountRoute.loader(args(get(`/stations/${a.code}/ledger/accounts/${ACCOUNTS.householdPayable}${q}`, cookies.committeeA), { code: a.code, account: ACCOUNTS.householdPayable }, context))) as Awaited<ReturnType<typeof accountRoute.loader>>;
    expect(gl.rows.map((r) => r.credit || `-${r.debit}`)).toEqual(["90.00", "-40.00"]);
    const saleJournal = gl.rows[0]!.number;
    const journal = (await journalRoute.loader(args(get(`/stations/${a.code}/ledger/journals/${saleJournal}`, cookies.committeeA), { code: a.code, number: String(saleJournal) }, context))) as Awaited<ReturnType<typeof journalRoute.loader>>;
    expect(journal.source.href).toBe(`/stations/${a.code}/reports/sources/${saleJournal}`);
    const source = (await sourceRoute.loader(args(get(journal.source.href!, cookies.committeeA), { code: a.code, number: String(saleJournal) }, context))) as Awaited<ReturnType<typeof sourceRoute.loader>>;
    expect(source.document).toMatchObject({ kind: "sale", number: 1, date: "2025-06-10", total: "100.00" });
    const payout = (await sourceRoute.loader(args(get("/x", cookies.committeeA), { code: a.code, number: String(gl.rows[1]!.number) }, context))) as Awaited<ReturnType<typeof sourceRoute.loader>>;
    expect(payout.document).toMatchObject({ kind: "payout", amount: "40.00" });
    expect(await outcome(() => sourceRoute.loader(args(get("/x", cookies.committeeA), { code: a.code, number: "999" }, context)))).toBe(404);
  });

  it("shows the income statement, assessment and county roll-up with the same figures, and CSV for each", async () => {
    const income = (await incomeRoute.loader(args(get(`/stations/${a.code}/reports/income${q}`, cookies.committeeA), { code: a.code }, context))) as Extract<Awaited<ReturnType<typeof incomeRoute.loader>>, { ok: true }>;
    expect(income.statement.bySource[0]).toMatchObject({ source: "commission_produce", amount: "10.00", accountCodes: ["50101"] });
    const assessment = (await assessmentRoute.loader(args(get(`/stations/${a.code}/reports/assessment${q}`, cookies.committeeA), { code: a.code }, context))) as Extract<Awaited<ReturnType<typeof assessmentRoute.loader>>, { ok: true }>;
    expect(assessment.report).toMatchObject({ sales: "100.00", householdsServed: 1 });
    const county = (await countyRoute.loader(args(get(`/admin/reports${q}`, cookies.admin), {}, context))) as Extract<Awaited<ReturnType<typeof countyRoute.loader>>, { ok: true }>;
    const row = county.rows.find((r) => r.code === a.code)!;
    expect(row).toMatchObject({ totalIncome: "10.00", farmerAdded: "90.00", farmerPaid: "40.00", farmerOwed: "50.00" });
    // Station b belongs to another county (the factory makes one per station): not this admin's roll-up.
    expect(county.rows.map((r) => r.code)).not.toContain(b.code);
    expect(county.totals.farmerAdded).toBe("90.00");
    const csv = (await csvRoute.loader(args(get(`/stations/${a.code}/reports/csv/income${q}`, cookies.committeeA), { code: a.code, report: "income" }, context))) as Response;
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect([...new Uint8Array(await csv.clone().arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: spreadsheets read UTF-8
    const text = await csv.text();
    expect(text.startsWith("收支表")).toBe(true);
    expect(text).toContain("代销佣金（农产品）,10.00,50101");
    expect(await outcome(() => csvRoute.loader(args(get(`/stations/${a.code}/reports/csv/nope${q}`, cookies.committeeA), { code: a.code, report: "nope" }, context)))).toBe(404);
    const countyCsv = (await countyCsvRoute.loader(args(get(`/admin/reports/csv${q}`, cookies.admin), {}, context))) as Response;
    expect(await countyCsv.text()).toContain(",90.00,40.00,50.00,");
  });

  it("starts an export, redirects to its progress page, and serves the file when done", async () => {
    const form = post(`/stations/${a.code}/reports/exports`, { kind: "beancount", from: "2025-06-01", to: "2025-06-30", idempotencyKey: "export-key-1" }, cookies.committeeA);
    const redirect = (await exportsRoute.action(args(form, { code: a.code }, context))) as Response;
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get("Location")!;
    const id = location.split("/").pop()!;
    expect(location).toBe(`/stations/${a.code}/reports/exports/${id}`);
    // The job runs in this process; poll the page as the meta refresh would.
    let page = (await exportRoute.loader(args(get(location, cookies.committeeA), { code: a.code, id }, context))) as Awaited<ReturnType<typeof exportRoute.loader>>;
    for (let i = 0; i < 50 && page.export.status !== "done"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      page = (await exportRoute.loader(args(get(location, cookies.committeeA), { code: a.code, id }, context))) as typeof page;
    }
    expect(page.export).toMatchObject({ status: "done", progress: 100, done: 2, total: 2 });
    const again = (await exportsRoute.action(args(post(`/stations/${a.code}/reports/exports`, { kind: "beancount", from: "2025-06-01", to: "2025-06-30", idempotencyKey: "export-key-1" }, cookies.committeeA), { code: a.code }, context))) as Response;
    expect(again.headers.get("Location")).toBe(location);
    const file = (await downloadRoute.loader(args(get(`${location}/download`, cookies.committeeA), { code: a.code, id }, context))) as Response;
    expect(file.headers.get("Content-Disposition")).toContain(`ledger-${a.code}-2025-06-01-2025-06-30.beancount`);
    expect(await file.text()).toContain("Liabilities:21101");
    expect(await outcome(() => downloadRoute.loader(args(get("/x", cookies.operatorB), { code: b.code, id }, context)))).toBe(404);
    expect(await outcome(() => exportRoute.loader(args(get("/x", cookies.committeeA), { code: a.code, id: "not-a-uuid" }, context)))).toBe(404);
  });
});

import type { AppLoadContext } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { getStationSummary } from "../../app/models/stations/geography.server";
import { listJournals } from "../../app/models/ledger/read.server";
import * as accountRoute from "../../app/routes/stations.$code.ledger.accounts.$account";
import * as draftsRoute from "../../app/routes/stations.$code.ledger.drafts";
import * as trialBalanceRoute from "../../app/routes/stations.$code.ledger._index";
import * as journalRoute from "../../app/routes/stations.$code.ledger.journals.$number";
import * as manageRoute from "../../app/routes/stations.$code.manage";
import { makeStation } from "../factories/geography";
import { makeAccountant, makeBuyer, makeCommitteeMember, makeCountyAdmin, makeOperator } from "../factories/identity";
import { sql } from "drizzle-orm";
import { postTestJournal, rows } from "../factories/ledger";
import { testContext, testDb } from "../support/db";
import { dataResult, get, openEntry, outcome, post, sessionCookieFor } from "../support/http";

type Station = Awaited<ReturnType<typeof makeStation>>;
type Args = Parameters<typeof trialBalanceRoute.loader>[0];

const args = (request: Request, params: Record<string, string>, context: AppLoadContext) => ({ request, params, context }) as unknown as Args;

describe("the ledger screens", () => {
  let context: AppLoadContext;
  let a: Station;
  let b: Station;
  let cookies: Record<"operatorA" | "operatorB" | "committeeA" | "accountant" | "admin" | "buyer", string>;
  let journalNumber: number;

  beforeEach(async () => {
    const db = testDb();
    context = testContext();
    a = await makeStation(db, { code: "ledger-a" });
    b = await makeStation(db, { code: "ledger-b" });
    const people = {
      operatorA: await makeOperator(db, a),
      operatorB: await makeOperator(db, b),
      committeeA: await makeCommitteeMember(db, a),
      accountant: await makeAccountant(db, a),
      admin: await makeCountyAdmin(db, (await getStationSummary(db, { code: a.code }))!.county.id),
      buyer: await makeBuyer(db),
    };
    cookies = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([k, u]) => [k, await sessionCookieFor(context, u.id)]))) as typeof cookies;
    journalNumber = (await postTestJournal(db, a.id, { date: "2025-06-10", amount: "88.00", memo: "期初现金" })).journal.number;
  });

  type LoaderRoute = { loader: (a: Args) => Promise<unknown> };
  const paths = (): { route: LoaderRoute; url: string; params: Record<string, string> }[] => [
    { route: trialBalanceRoute, url: `/stations/${a.code}/ledger?from=2025-06-01&to=2025-06-30`, params: { code: a.code } },
    { route: accountRoute, url: `/stations/${a.code}/ledger/accounts/101?from=2025-06-01&to=2025-06-30`, params: { code: a.code, account: "101" } },
    { route: journalRoute, url: `/stations/${a.code}/ledger/journals/${journalNumber}`, params: { code: a.code, number: String(journalNumber) } },
    { route: draftsRoute, url: `/stations/${a.code}/ledger/drafts`, params: { code: a.code } },
  ];

  it("open to the station's operator, committee member, township accountant and county admin", async () => {
    for (const who of ["operatorA", "committeeA", "accountant", "admin"] as const) {
      for (const p of paths()) expect(await outcome(() => p.route.loader(args(get(p.url, cookies[who]), p.params, context))), `${who} ${p.url}`).toBe("ok");
    }
  });

  it("answer 404 to another station's operator and to a buyer, and send the signed-out to sign in", async () => {
    for (const p of paths()) {
      expect(await outcome(() => p.route.loader(args(get(p.url, cookies.operatorB), p.params, context))), p.url).toBe(404);
      expect(await outcome(() => p.route.loader(args(get(p.url, cookies.buyer), p.params, context))), p.url).toBe(404);
      expect(await outcome(() => p.route.loader(args(get(p.url), p.params, context))), p.url).toBe("login");
    }
    const draft = post(`/stations/${a.code}/ledger/drafts`, { intent: "approve", draftId: "a0000000-0000-4000-8000-000000000001" }, cookies.operatorB);
    expect(await outcome(() => draftsRoute.action(args(draft, { code: a.code }, context)))).toBe(404);
  });

  it("show the trial balance, the account's ledger and the journal with the same figures", async () => {
    const tb = (await trialBalanceRoute.loader(args(get(paths()[0]!.url, cookies.committeeA), { code: a.code }, context))) as Awaited<ReturnType<typeof trialBalanceRoute.loader>>;
    expect(tb.rows.find((r) => r.code === "101")).toMatchObject({ name: "库存现金", debit: "88.00", closing: "88.00" });
    expect(tb.balanced).toBe(true);
    expect(tb.journals[0]).toMatchObject({ number: journalNumber, memo: "期初现金", total: "88.00" });
    const english = (await trialBalanceRoute.loader(args(get(`${paths()[0]!.url}&lng=en`, cookies.committeeA), { code: a.code }, context))) as typeof tb;
    expect(english.rows.find((r) => r.code === "101")?.name).toBe("Cash on hand");
    const gl = (await accountRoute.loader(args(get(paths()[1]!.url, cookies.operatorA), { code: a.code, account: "101" }, context))) as Awaited<ReturnType<typeof accountRoute.loader>>;
    expect(gl.rows.map((r) => [r.number, r.debit, r.balance])).toEqual([[journalNumber, "88.00", "88.00"]]);
    const journal = (await journalRoute.loader(args(get(paths()[2]!.url, cookies.operatorA), paths()[2]!.params, context))) as Awaited<ReturnType<typeof journalRoute.loader>>;
    expect(journal).toMatchObject({ number: journalNumber, createdBy: "系统 (System)" });
    expect(journal.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const [route, params] of [
      [accountRoute, { code: a.code, account: "999" }],
      [accountRoute, { code: a.code, account: "1x" }],
      [journalRoute, { code: a.code, number: "999" }],
      [journalRoute, { code: a.code, number: "0" }],
    ] as const) {
      expect(await outcome(() => route.loader(args(get("/x", cookies.operatorA), params, context)))).toBe(404);
    }
    // A malformed range falls back to this month and says so; it is never a 500.
    const bad = (await trialBalanceRoute.loader(args(get(`/stations/${a.code}/ledger?from=2025-13-01`, cookies.operatorA), { code: a.code }, context))) as typeof tb;
    expect(bad.invalidRange).toBe(true);
  });

  it("let the operator draft and the committee member approve, and nobody else", async () => {
    const url = `/stations/${a.code}/ledger/drafts`;
    const params = { code: a.code };
    const form = {
      intent: "create",
      date: "2025-06-30",
      memo: "现金盘盈",
      reason: "月底点钞多出 5 元",
      account0: ACCOUNTS.cash,
      debit0: "5",
      account1: ACCOUNTS.cashOverShort,
      credit1: "5.00",
    };
    expect(await outcome(() => draftsRoute.action(args(post(url, form, cookies.committeeA), params, context)))).toBe(403);
    const created = (await draftsRoute.action(args(post(url, form, cookies.operatorA), params, context))) as Response;
    expect(created.headers.get("Location")).toBe(`${url}?done=created`);
    const list = (await openEntry((request) => draftsRoute.loader(args(request, params, context)), url, cookies.committeeA)) as Awaited<ReturnType<typeof draftsRoute.loader>>;
    expect(list).toMatchObject({ canApprove: true, canDraft: false });
    const draft = list.drafts[0]!;
    expect(draft).toMatchObject({ status: "pending", reason: "月底点钞多出 5 元", mine: false });
    const operatorView = (await openEntry((request) => draftsRoute.loader(args(request, params, context)), url, cookies.operatorA)) as typeof list;
    expect(operatorView).toMatchObject({ canApprove: false, canDraft: true, drafts: [{ mine: true }] });

    const approve = { intent: "approve", draftId: draft.id };
    expect(await outcome(() => draftsRoute.action(args(post(url, approve, cookies.operatorA), params, context)))).toBe(403);
    const approved = (await draftsRoute.action(args(post(url, approve, cookies.accountant), params, context))) as Response;
    expect(approved.headers.get("Location")).toBe(`${url}?done=approved`);
    const [latest] = await listJournals(testDb(), { stationId: a.id, limit: 1 });
    expect(latest).toMatchObject({ memo: "现金盘盈", sourceType: "adjustment" });
    const again = dataResult<{ errors: Record<string, string> }>(await draftsRoute.action(args(post(url, approve, cookies.committeeA), params, context)));
    expect(again.status).toBe(409);
    expect(Object.values(again.data.errors)[0]).toBe("这张调账凭证已经处理过了。");
  });

  it("save one draft for an entry sent twice, and answer the used entry with the drafts list, saying so", async () => {
    const url = `/stations/${a.code}/ledger/drafts`;
    const params = { code: a.code };
    const page = (await openEntry((request) => draftsRoute.loader(args(request, params, context)), url, cookies.operatorA)) as Awaited<ReturnType<typeof draftsRoute.loader>>;
    expect(page.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const form = { intent: "create", date: "2025-06-30", memo: "现金盘盈", reason: "点钞多出", account0: ACCOUNTS.cash, debit0: "5", account1: ACCOUNTS.cashOverShort, credit1: "5", idempotencyKey: page.idempotencyKey! };
    const send = async () => ((await draftsRoute.action(args(post(`${url}?entry=${page.idempotencyKey}`, form, cookies.operatorA), params, context))) as Response).headers.get("Location");
    const [first, second] = await Promise.all([send(), send()]);
    expect([first, second]).toContain(`${url}?done=created`);
    const again = await send();
    expect(again).toMatch(new RegExp(`^${url}\\?already=1#draft-[0-9a-f-]{36}$`));
    const [n] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from ledger_journal_drafts`);
    expect(n!.n).toBe(1);
    const reopened = await draftsRoute.loader(args(get(`${url}?entry=${page.idempotencyKey}`, cookies.operatorA), params, context)).then(
      () => null,
      (r: unknown) => r as Response,
    );
    expect(reopened?.headers.get("Location")).toBe(again);
  });

  it("put a refused draft's reason beside the row, in the reader's language", async () => {
    const url = `/stations/${a.code}/ledger/drafts`;
    const unbalanced = { intent: "create", date: "2025-06-30", memo: "调账", reason: "原因", account0: "101", debit0: "5", account2: "504", credit2: "4" };
    const zh = dataResult<{ errors: Record<string, string> }>(await draftsRoute.action(args(post(url, unbalanced, cookies.operatorA), { code: a.code }, context)));
    expect(zh.status).toBe(422);
    expect(zh.data.errors.form).toBe("借方合计和贷方合计不相等。");
    const both = { ...unbalanced, credit0: "5" };
    const en = dataResult<{ errors: Record<string, string> }>(await draftsRoute.action(args(post(`${url}?lng=en`, both, cookies.operatorA), { code: a.code }, context)));
    expect(en.status).toBe(400);
    expect(en.data.errors.line0).toBe("Fill in a debit or a credit, not both");
    const parent = { ...unbalanced, account0: "102", credit2: "5" };
    const row = dataResult<{ errors: Record<string, string> }>(await draftsRoute.action(args(post(url, parent, cookies.operatorA), { code: a.code }, context)));
    expect(row.data.errors.line0).toBe("这个科目有明细科目，请记到明细科目上。");
  });

  it("are linked from the station's dashboard", async () => {
    const page = (await manageRoute.loader(args(get(`/stations/${a.code}/manage`, cookies.committeeA), { code: a.code }, context))) as Awaited<ReturnType<typeof manageRoute.loader>>;
    expect(page.canReadLedger).toBe(true);
  });
});

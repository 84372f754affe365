import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { type LedgerError } from "../../app/domain/ledger";
import { D } from "../../app/domain/money";
import { approveDraft, createDraft, listDrafts, rejectDraft } from "../../app/models/ledger/drafts.server";
import { closePeriod, listPeriods } from "../../app/models/ledger/periods.server";
import { accountBalances, getGeneralLedger, getJournalDetail, getTrialBalance, listJournals, subledgerBalances } from "../../app/models/ledger/read.server";
import { reverseJournal, withLedgerRetry } from "../../app/models/ledger/journals.server";
import { systemUserId } from "../../app/models/identity/users.server";
import type { Db } from "../../db/client.server";
import { makeHousehold, makeHouseholdsWithIds } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeAccountant, makeCommitteeMember, makeOperator } from "../factories/identity";
import { postTestJournal } from "../factories/ledger";
import { testDb } from "../support/db";

type Station = Awaited<ReturnType<typeof makeStation>>;
const H1 = "a0000000-0000-4000-8000-000000000001";
const H2 = "a0000000-0000-4000-8000-000000000002";
const money = (d: { toFixed(n: number): string } | undefined) => d?.toFixed(2);

/** Opening balance in January, two produce sales in March (one in each of two households), electricity in April. */
async function history(db: Db, station: Station) {
  await postTestJournal(db, station.id, {
    date: "2025-01-01",
    lines: [
      { accountCode: ACCOUNTS.cash, amount: "2000.00" },
      { accountCode: ACCOUNTS.bank, amount: "18000.00" },
      { accountCode: ACCOUNTS.collectiveFund, amount: "-20000.00" },
    ],
  });
  for (const [date, household, amount] of [
    ["2025-03-05", H1, "100.00"],
    ["2025-03-20", H2, "40.00"],
  ] as const) {
    const commission = new D(amount).times("0.15").toFixed(2);
    await postTestJournal(db, station.id, {
      date,
      memo: `代卖 ${household.slice(-1)}`,
      lines: [
        { accountCode: ACCOUNTS.paymentClearing, amount },
        { accountCode: ACCOUNTS.householdPayable, amount: `-${new D(amount).minus(commission).toFixed(2)}`, subledger: { kind: "household", id: household } },
        { accountCode: ACCOUNTS.commissionIncomeProduce, amount: `-${commission}` },
      ],
    });
  }
  await postTestJournal(db, station.id, {
    date: "2025-04-02",
    memo: "三月电费",
    lines: [
      { accountCode: ACCOUNTS.upkeepElectricity, amount: "60.00" },
      { accountCode: ACCOUNTS.cash, amount: "-60.00" },
    ],
  });
}

describe("reading the books", () => {
  let db: Db;
  let station: Station;
  beforeEach(async () => {
    db = testDb();
    station = await makeStation(db);
    await makeHouseholdsWithIds(db, station.id, [H1, H2]);
    await history(db, station);
  });

  it("gives balances as of any date", async () => {
    const feb = await accountBalances(db, { stationId: station.id, asOf: "2025-02-28" });
    expect([...feb.keys()]).toEqual(["101", "10201", "31102"]);
    const mar10 = await accountBalances(db, { stationId: station.id, asOf: "2025-03-10" });
    expect(money(mar10.get("10202")?.net)).toBe("100.00");
    const end = await accountBalances(db, { stationId: station.id, asOf: "2025-12-31" });
    expect(money(end.get("101")?.net)).toBe("1940.00");
    expect(money(end.get("101")?.credit)).toBe("60.00");
    expect(money(end.get("21101")?.net)).toBe("-119.00");
    const parties = await subledgerBalances(db, { stationId: station.id, asOf: "2025-12-31" });
    expect(money(parties.get(`21101|household|${H1}`)?.net)).toBe("-85.00");
    expect(money(parties.get(`21101|household|${H2}`)?.net)).toBe("-34.00");
  });

  it("makes a trial balance for a period, parents summing their children, debits equal to credits", async () => {
    const tb = await getTrialBalance(db, { stationId: station.id, from: "2025-03-01", to: "2025-03-31" });
    expect(tb.balanced).toBe(true);
    const row = (code: string) => tb.rows.find((r) => r.code === code);
    expect(money(row("102")?.opening)).toBe("18000.00");
    expect(money(row("102")?.debit)).toBe("140.00");
    expect(money(row("102")?.closing)).toBe("18140.00");
    expect(money(row("501")?.credit)).toBe("21.00");
    expect(money(tb.totals.debit)).toBe("140.00");
    expect(money(tb.totals.credit)).toBe("140.00");
    expect(money(tb.totals.closingDebit)).toBe("20140.00");
    expect(row("51302")).toBeUndefined();
    // Defaults to the month of `to`.
    const april = await getTrialBalance(db, { stationId: station.id, to: "2025-04-30" });
    expect(april.from).toBe("2025-04-01");
    expect(money(april.rows.find((r) => r.code === "513")?.debit)).toBe("60.00");
  });

  it("lists an account's postings with a running balance from the opening balance", async () => {
    const gl = await getGeneralLedger(db, { stationId: station.id, accountCode: "101", from: "2025-04-01", to: "2025-04-30" });
    expect(money(gl?.opening)).toBe("2000.00");
    expect(gl?.rows.map((r) => [r.number, money(r.amount), money(r.balance)])).toEqual([[4, "-60.00", "1940.00"]]);
    expect(money(gl?.closing)).toBe("1940.00");
    // A parent account's ledger is its children's, in posting order.
    const bank = await getGeneralLedger(db, { stationId: station.id, accountCode: "102", from: "2025-01-01", to: "2025-12-31", limit: 2 });
    expect(bank?.rows.map((r) => [r.accountCode, money(r.balance)])).toEqual([
      ["10201", "18000.00"],
      ["10202", "18100.00"],
    ]);
    expect(bank?.truncated).toBe(true);
    expect(money(bank?.closing)).toBe("18140.00");
    expect(await getGeneralLedger(db, { stationId: station.id, accountCode: "999", from: "2025-01-01", to: "2025-12-31" })).toBeNull();
  });

  it("shows a journal with who caused it, what reversed it, and its hash", async () => {
    const system = await systemUserId(db);
    const [latest] = await listJournals(db, { stationId: station.id, limit: 1 });
    expect(latest).toMatchObject({ number: 4, memo: "三月电费" });
    expect(money(latest?.total)).toBe("60.00");
    await withLedgerRetry(db, (tx) =>
      reverseJournal(tx, { stationId: station.id, journalId: latest!.id, date: "2025-04-03", memo: "冲销：电费记错", idempotencyKey: "rev:4", createdBy: system }),
    );
    const original = await getJournalDetail(db, { stationId: station.id, number: 4 });
    expect(original).toMatchObject({ createdByName: "系统 (System)", reversedBy: { number: 5 }, reverses: null });
    expect(original?.hash).toMatch(/^[0-9a-f]{64}$/);
    const reversal = await getJournalDetail(db, { stationId: station.id, number: 5 });
    expect(reversal).toMatchObject({ reverses: { number: 4 }, prevHash: original!.hash, source: { type: "reversal" } });
    const other = await makeStation(db);
    expect(await getJournalDetail(db, { stationId: other.id, number: 4 })).toBeNull();
  });
});

describe("manual journals need two people", () => {
  let db: Db;
  let station: Station;
  const lines = [
    { accountCode: ACCOUNTS.cashOverShort, amount: new D("-5.00") },
    { accountCode: ACCOUNTS.cash, amount: new D("5.00") },
  ];
  beforeEach(async () => {
    db = testDb();
    station = await makeStation(db);
  });

  it("posts a draft when a committee member approves it, with both names on the journal", async () => {
    const operator = await makeOperator(db, station);
    const committee = await makeCommitteeMember(db, station);
    const draft = await createDraft(db, { stationId: station.id, draftedBy: operator.id, date: "2025-06-30", memo: "现金盘盈", reason: "月底点钞多出 5 元", lines });
    expect(draft.status).toBe("pending");
    await expect(approveDraft(db, { stationId: station.id, draftId: draft.id, approverId: operator.id })).rejects.toMatchObject({ code: "SELF_APPROVAL" });
    const posted = await approveDraft(db, { stationId: station.id, draftId: draft.id, approverId: committee.id });
    expect(posted.journal).toMatchObject({ createdBy: operator.id, approvedBy: committee.id, source: { type: "adjustment", id: draft.id }, idempotencyKey: `draft:${draft.id}` });
    const detail = await getJournalDetail(db, { stationId: station.id, number: 1 });
    expect(detail).toMatchObject({ createdByName: operator.displayName, approvedByName: committee.displayName, draft: { reason: "月底点钞多出 5 元" } });
    const [listed] = await listDrafts(db, { stationId: station.id });
    expect(listed).toMatchObject({ status: "approved", decidedByName: committee.displayName, journalNumber: 1 });
    await expect(approveDraft(db, { stationId: station.id, draftId: draft.id, approverId: committee.id })).rejects.toMatchObject({ code: "DRAFT_DECIDED" });
  });

  it("lets the township accountant reject a draft, which posts nothing", async () => {
    const operator = await makeOperator(db, station);
    const accountant = await makeAccountant(db, station);
    const draft = await createDraft(db, { stationId: station.id, draftedBy: operator.id, date: "2025-06-30", memo: "现金盘盈", reason: "点钞", lines });
    await rejectDraft(db, { stationId: station.id, draftId: draft.id, deciderId: accountant.id, note: "请先复点一次" });
    const [listed] = await listDrafts(db, { stationId: station.id });
    expect(listed).toMatchObject({ status: "rejected", decisionNote: "请先复点一次", journalNumber: null });
    expect(await listJournals(db, { stationId: station.id })).toHaveLength(0);
  });

  it("refuses a draft that could never post, and keeps one pending when its month closes first", async () => {
    const operator = await makeOperator(db, station);
    const committee = await makeCommitteeMember(db, station);
    const bad = (over: Partial<Parameters<typeof createDraft>[1]>) =>
      createDraft(db, { stationId: station.id, draftedBy: operator.id, date: "2025-06-30", memo: "调账", reason: "原因", lines, ...over }).then(
        () => null,
        (e: LedgerError) => e.code,
      );
    expect(await bad({ reason: "  " })).toBe("BAD_REASON");
    expect(await bad({ lines: [lines[0]!] })).toBe("TOO_FEW_LINES");
    expect(await bad({ lines: [lines[0]!, { accountCode: "101", amount: new D("4.00") }] })).toBe("UNBALANCED");
    // A household payable must name one of this station's households, not another's or a made-up one.
    const own = await makeHousehold(db, station);
    const foreign = await makeHousehold(db, await makeStation(db));
    const payable = (id: string) => [
      { accountCode: ACCOUNTS.householdPayable, amount: new D("-1.00"), subledger: { kind: "household" as const, id } },
      { accountCode: ACCOUNTS.cash, amount: new D("1.00") },
    ];
    expect(await bad({ lines: payable(foreign.id) })).toBe("BAD_SUBLEDGER_ID");
    expect(await bad({ lines: payable(H1) })).toBe("BAD_SUBLEDGER_ID");
    expect(await bad({ lines: payable(own.id) })).toBeNull();
    const draft = await createDraft(db, { stationId: station.id, draftedBy: operator.id, date: "2025-06-30", memo: "调账", reason: "原因", lines });
    await closePeriod(db, { stationId: station.id, month: "2025-06", closedBy: committee.id });
    await expect(approveDraft(db, { stationId: station.id, draftId: draft.id, approverId: committee.id })).rejects.toMatchObject({ code: "PERIOD_CLOSED" });
    expect((await listDrafts(db, { stationId: station.id }))[0]?.status).toBe("pending");
    expect(await bad({})).toBe("PERIOD_CLOSED");
  });
});

describe("accounting periods", () => {
  it("close a month that has ended, once, recording the chain head", async () => {
    const db = testDb();
    const station = await makeStation(db);
    const user = await systemUserId(db);
    const { journal } = await postTestJournal(db, station.id, { date: "2025-02-10" });
    await expect(closePeriod(db, { stationId: station.id, month: "2025-07", closedBy: user, today: "2025-07-15" })).rejects.toMatchObject({ code: "BAD_DATE" });
    await expect(closePeriod(db, { stationId: station.id, month: "2025-13", closedBy: user })).rejects.toMatchObject({ code: "BAD_DATE" });
    const closed = await closePeriod(db, { stationId: station.id, month: "2025-02", closedBy: user, today: "2025-07-15" });
    expect(closed).toMatchObject({ month: "2025-02-01", status: "closed", closingNumber: 1, closingHash: journal.hash });
    const again = await closePeriod(db, { stationId: station.id, month: "2025-02", closedBy: user, today: "2025-07-15" });
    expect(again.id).toBe(closed.id);
    expect(await listPeriods(db, { stationId: station.id })).toHaveLength(1);
  });
});

import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { D } from "../../app/domain/money";
import { CloseError } from "../../app/domain/period-close";
import { upkeepAllocation } from "../../app/domain/upkeep";
import { openSession } from "../../app/models/till/cash-sessions.server";
import type { Station } from "../../app/models/stations/geography.server";
import { isPeriodClosed } from "../../app/models/ledger/periods.server";
import { closeBlockers, getClose, prepareClose, reopenPeriod, signClose } from "../../app/models/committee/close.server";
import { incomeStatement } from "../../app/models/reports/reports.server";
import { setUpkeepRate } from "../../app/models/committee/upkeep-rules.server";
import type { Db } from "../../db/client.server";
import { MONTH, sellInMonth } from "../factories/committee";
import { type MadeUser, makeCountyAdmin, makeStaffedStation } from "../factories/identity";
import { postTestJournal, rows } from "../factories/ledger";
import { testDb } from "../support/db";
import { countRows } from "../support/queries";

let db: Db;
let station: Station;
let operator: MadeUser;
let member: MadeUser;

beforeEach(async () => {
  db = testDb();
  ({ station, operator, member } = await makeStaffedStation(db));
  await setUpkeepRate(db, { stationId: station.id, rate: new D("0.3"), userId: operator.id });
  await sellInMonth(db, station);
});

describe("closing a month", () => {
  it("locks the period with two sign-offs, and the locked period refuses postings", async () => {
    const prepared = await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    expect(prepared.status).toBe("prepared");
    expect(prepared.signatures.map((s) => [s.role, s.signerName])).toEqual([["operator", operator.displayName]]);
    expect(await isPeriodClosed(db, { stationId: station.id, date: `${MONTH}-15` })).toBe(false);

    const sealed = await signClose(db, { stationId: station.id, period: MONTH, userId: member.id });
    expect(sealed.status).toBe("sealed");
    expect(sealed.seal).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.signatures.map((s) => s.role)).toEqual(["operator", "overseer"]);
    expect(sealed.signatures[1]!.signerName).toBe(member.displayName);
    expect(await isPeriodClosed(db, { stationId: station.id, date: `${MONTH}-15` })).toBe(true);

    await expect(postTestJournal(db, station.id, { date: `${MONTH}-20` })).rejects.toMatchObject({ code: "PERIOD_CLOSED" });
    // the next month stays open
    await postTestJournal(db, station.id, { date: "2025-07-02" });
  });

  it("posts an allocation journal equal to the rule applied to the month's commission", async () => {
    await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    const sealed = await signClose(db, { stationId: station.id, period: MONTH, userId: member.id });
    const statement = await incomeStatement(db, { stationId: station.id, from: `${MONTH}-01`, to: `${MONTH}-30` });
    const commission = statement.bySource.filter((s) => s.source.startsWith("commission_")).reduce((t, s) => t.plus(s.amount), new D(0));
    // 12% of 40.00 × 5.5 = 26.40; 30% of it = 7.92
    expect(commission.toFixed(2)).toBe("26.40");
    const expected = upkeepAllocation(commission, new D("0.3"));
    expect(expected.toFixed(2)).toBe("7.92");
    const lines = await rows<{ account_code: string; amount: string; business_date: string }>(
      db,
      sql`select account_code, amount::text, business_date::text from ledger_postings where journal_id = ${sealed.allocationJournalId} order by account_code`,
    );
    expect(lines).toEqual([
      { account_code: ACCOUNTS.upkeepReserve, amount: "-7.92", business_date: `${MONTH}-30` },
      { account_code: ACCOUNTS.upkeepAppropriation, amount: "7.92", business_date: `${MONTH}-30` },
    ]);
    expect(sealed.figures.upkeep.setAside).toBe("7.92");
  });

  it("refuses a month with blockers and writes nothing", async () => {
    await openSession(db, { stationId: station.id, operatorId: operator.id, openingFloat: new D("100"), date: `${MONTH}-28` });
    expect(await closeBlockers(db, { stationId: station.id, period: MONTH })).toEqual([{ kind: "till_open", count: 1 }]);
    const before = await countRows("audit_log");
    const error = await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloseError);
    expect(error).toMatchObject({ code: "BLOCKED", blockers: [{ kind: "till_open", count: 1 }] });
    expect(await countRows("period_closes")).toBe(0);
    expect(await countRows("period_signatures")).toBe(0);
    expect(await countRows("audit_log")).toBe(before);
  });

  it("refuses signing twice and the preparer as second signer", async () => {
    await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    await expect(signClose(db, { stationId: station.id, period: MONTH, userId: operator.id })).rejects.toMatchObject({ code: "ALREADY_SIGNED" });
    await expect(prepareClose(db, { stationId: station.id, period: MONTH, userId: member.id })).rejects.toMatchObject({ code: "ALREADY_SIGNED" });
    expect(await countRows("period_signatures")).toBe(1);
    // the database holds the same rule against a direct insert
    const close = await getClose(db, { stationId: station.id, period: MONTH });
    await expect(
      db.execute(sql`insert into period_signatures (close_id, role, user_id, signer_name) values (${close!.id}, 'overseer', ${operator.id}, 'x')`),
    ).rejects.toThrow();
    await signClose(db, { stationId: station.id, period: MONTH, userId: member.id });
    await expect(signClose(db, { stationId: station.id, period: MONTH, userId: member.id })).rejects.toMatchObject({ code: "ALREADY_CLOSED" });
    expect(await countRows("period_signatures")).toBe(2);
  });

  it("refuses the second signature when the books changed after the close was prepared", async () => {
    await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    await sellInMonth(db, station, { quantities: ["1"] });
    await expect(signClose(db, { stationId: station.id, period: MONTH, userId: member.id })).rejects.toMatchObject({ code: "STALE" });
    expect(await isPeriodClosed(db, { stationId: station.id, date: `${MONTH}-01` })).toBe(false);
    // preparing again supersedes the stale close
    const again = await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    expect(again.revision).toBe(2);
    expect((await signClose(db, { stationId: station.id, period: MONTH, userId: member.id })).status).toBe("sealed");
  });

  it("reopens only with a reason, keeps the trail, and sets aside only the difference when closed again", async () => {
    const admin = await makeCountyAdmin(db);
    await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    const first = await signClose(db, { stationId: station.id, period: MONTH, userId: member.id });
    await expect(reopenPeriod(db, { stationId: station.id, period: MONTH, userId: admin.id, reason: " " })).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    await expect(reopenPeriod(db, { stationId: station.id, period: "2025-05", userId: admin.id, reason: "录错了价格" })).rejects.toMatchObject({ code: "NOT_SEALED" });
    const reopened = await reopenPeriod(db, { stationId: station.id, period: MONTH, userId: admin.id, reason: "漏记一笔销售" });
    expect(reopened).toMatchObject({ status: "reopened", reopenedBy: admin.id, reopenReason: "漏记一笔销售", seal: first.seal });
    expect(await isPeriodClosed(db, { stationId: station.id, date: `${MONTH}-15` })).toBe(false);
    // a sale dated in the reopened month is accepted now
    await sellInMonth(db, station, { quantities: ["1"] });
    await prepareClose(db, { stationId: station.id, period: MONTH, userId: operator.id });
    const second = await signClose(db, { stationId: station.id, period: MONTH, userId: member.id });
    expect(second.revision).toBe(2);
    // commission 26.40 + 4.80 = 31.20 → 9.36 in all; 7.92 was set aside already
    expect(second.figures.upkeep.setAside).toBe("9.36");
    expect(second.allocation).toBe("1.44");
    const trail = await rows<{ action: string }>(db, sql`select action from audit_log where record_type = 'period_close' order by id`);
    expect(trail.map((r) => r.action)).toEqual(["period.prepare", "period.seal", "period.reopen", "period.prepare", "period.seal"]);
    // a reopened close cannot be changed back by hand
    await expect(db.execute(sql`update period_closes set status = 'sealed' where id = ${first.id}`)).rejects.toThrow();
    await expect(db.execute(sql`update ledger_periods set status = 'open', closed_at = null, closed_by = null, closing_number = null, closing_hash = null where station_id = ${station.id}`)).rejects.toThrow();
  });

  it("refuses a month that has not ended", async () => {
    await expect(prepareClose(db, { stationId: station.id, period: "2025-06", userId: operator.id, today: "2025-06-30" })).rejects.toMatchObject({ code: "NOT_ENDED" });
  });
});

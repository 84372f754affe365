import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chinaToday } from "../../app/domain/dates";
import { getNotice, verifyNotice } from "../../app/models/committee/notice.server";
import { rows } from "../factories/ledger";
import { demoSeedResult, testDb, useDemoDatabase } from "../support/db";

describe("the committee's seeded year", () => {
  useDemoDatabase();

  it("closes every ended month of every station with two sign-offs, allocations, upkeep spending and a verifying seal", async () => {
    const db = testDb();
    const today = chinaToday();
    const ended = Number(today.slice(5, 7)) - 1;
    const closes = await rows<{ code: string; sealed: number; signatures: number; open_periods: number }>(
      db,
      sql`select s.code,
            (select count(*)::int from period_closes c where c.station_id = s.id and c.status = 'sealed') as sealed,
            (select count(*)::int from period_signatures g join period_closes c on c.id = g.close_id where c.station_id = s.id) as signatures,
            (select count(*)::int from ledger_periods p where p.station_id = s.id and p.status = 'closed' and p.month >= date_trunc('month', ${today}::date)) as open_periods
          from stations s order by s.code`,
    );
    expect(closes).toHaveLength(5);
    for (const c of closes) expect(c).toMatchObject({ sealed: ended, signatures: 2 * ended, open_periods: 0 });
    const [money] = await rows<{ allocations: number; expenses: number; approved: number; receipts: number }>(
      db,
      sql`select (select count(*)::int from ledger_journals where source_type = 'allocation') as allocations,
                 (select count(*)::int from upkeep_expenses where status = 'posted') as expenses,
                 (select count(*)::int from upkeep_expenses where over_reserve > 0 and decided_by is not null) as approved,
                 (select count(*)::int from upkeep_receipts) as receipts`,
    );
    if (ended >= 2) {
      expect(money!.allocations).toBeGreaterThanOrEqual(5);
      expect(money!.expenses).toBeGreaterThanOrEqual(5);
      expect(money!.receipts).toBe(money!.expenses);
    }
    if (ended >= 6) expect(money!.approved).toBe(3);
    if (ended >= 1) {
      const month = `${today.slice(0, 4)}-${String(ended).padStart(2, "0")}`;
      const notice = (await getNotice(db, { stationCode: "weizhai", period: month }))!;
      expect(notice.close.signatures.map((s) => s.signerName)).toEqual(["韦兰芬", "韦国强"]);
      expect((await verifyNotice(db, { close: notice.close, stationCode: "weizhai" })).ok).toBe(true);
    }
    // Seeded once for the whole run, alongside other test files (tests/setup/demo-seed.ts).
    console.info(`seedDemo with the committee's year: ${(await demoSeedResult()).seconds.toFixed(1)} s`);
  });
});

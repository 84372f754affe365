import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { chinaToday } from "../../app/domain/dates";
import { monthsBack } from "../../app/domain/reports";
import { listPublicStations } from "../../app/models/stations/geography.server";
import { countyRollup } from "../../app/models/reports/county.server";
import { farmerIncome, incomeStatement } from "../../app/models/reports/reports.server";
import { operatorAssessment, salesReport } from "../../app/models/reports/sales.server";
import { rows } from "../factories/ledger";
import { testDb, useDemoDatabase } from "../support/db";

describe("the reports over the demo county's year", () => {
  useDemoDatabase();

  it("have content, agree with each other and with the county roll-up", async () => {
    const db = testDb();
    const to = chinaToday();
    const from = monthsBack(to, 11);
    const stations = await listPublicStations(db);
    let online = 0;
    const rollup = await countyRollup(db, { countyIds: [stations[0]!.county.id], from, to });
    for (const s of stations) {
      const args = { stationId: s.station.id, from, to };
      const [income, farmers, sales, assessment] = await Promise.all([incomeStatement(db, args), farmerIncome(db, args), salesReport(db, args), operatorAssessment(db, args)]);
      const row = rollup.rows.find((r) => r.stationId === s.station.id)!;
      expect(row, s.station.code).toMatchObject({ totalIncome: income.totalIncome, net: income.net, farmerAdded: farmers.added, farmerPaid: farmers.paid, farmerOwed: farmers.owed });
      // What the product breakdown does not explain is exactly what reached households through other documents
      // (partner bulk deliveries, adjustments): sale and order journals are all accounted for by product.
      const [other] = await rows<{ amount: string }>(
        db,
        sql`select coalesce(-sum(p.amount), 0)::numeric(14,2)::text as amount
              from ledger_postings p join ledger_journals j on j.id = p.journal_id left join ledger_journals o on o.id = j.reverses_journal_id
             where p.station_id = ${s.station.id} and p.account_code = '21101' and p.business_date between ${from}::date and ${to}::date
               and coalesce(o.source_type, j.source_type) not in ('sale', 'order', 'payout')`,
      );
      expect(farmers.notFromSales, s.station.code).toBe(other!.amount);
      expect(sales.onlineAvailable).toBe(true);
      if (sales.online !== "0.00") online++;
      expect(assessment.result.score).toMatch(/^\d{1,3}\.\d$/);
      expect(assessment.orders).not.toBeNull();
    }
    // The demo's completed online orders show in the sales report's online channel.
    expect(online).toBeGreaterThan(0);
    const weizhai = rollup.rows.find((r) => r.code === "weizhai")!;
    expect(weizhai.farmerAdded).not.toBe("0.00");
  });
});

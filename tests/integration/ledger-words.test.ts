import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "../../app/domain/chart-of-accounts";
import { chinaToday } from "../../app/domain/dates";
import * as accountRoute from "../../app/routes/stations.$code.ledger.accounts.$account";
import * as trialBalanceRoute from "../../app/routes/stations.$code.ledger._index";
import * as journalRoute from "../../app/routes/stations.$code.ledger.journals.$number";
import { makeHousehold } from "../factories/catalog";
import { makeStation } from "../factories/geography";
import { makeOperator } from "../factories/identity";
import { rows } from "../factories/ledger";
import { makeStockedProduct, sell } from "../factories/till";
import { testContext, testDb } from "../support/db";
import { get, sessionCookieFor } from "../support/http";

/**
 * One language per page (issue 14, ADR 022): what a journal the system posted says is stored as a
 * kind and its values and worded in the reader's language — the receipt's number and the
 * household's name, never a fragment of an id — while its memo keeps the Chinese the chain hashes.
 */
type Args = Parameters<typeof trialBalanceRoute.loader>[0];

describe("journal descriptions", () => {
  it("a till sale's journal reads 零售 小票 N in Chinese and Walk-in sale, receipt N in English; the household owed is named", async () => {
    const db = testDb();
    const context = testContext();
    const station = await makeStation(db);
    const cookie = await sessionCookieFor(context, (await makeOperator(db, station)).id);
    const household = await makeHousehold(db, station, { headName: "杨正芬" });
    const { product } = await makeStockedProduct(db, station, { stock: "10", price: "20.00" });
    await db.execute(sql`update products set owner_kind = 'household', household_id = ${household.id} where id = ${product.id}`);
    const { sale } = await sell(db, station, [{ product, quantity: "2" }]);

    const [stored] = await rows<{ memo: string; memo_kind: string; memo_vars: Record<string, string>; number: number }>(
      db,
      sql`select memo, memo_kind, memo_vars, number from ledger_journals where source_type = 'sale' and source_id = ${sale.id}`,
    );
    expect(stored).toMatchObject({ memo: `零售 小票 ${sale.number}`, memo_kind: "sale", memo_vars: { receipt: String(sale.number) } });
    // The database refuses a kind it does not know, and values without a kind.
    await expect(db.execute(sql`update ledger_journals set memo_kind = 'bogus' where number = ${stored!.number}`)).rejects.toThrow();

    const month = chinaToday().slice(0, 7);
    const range = `from=${month}-01&to=${chinaToday()}`;
    const load = async (route: { loader: (a: Args) => Promise<unknown> }, url: string, params: Record<string, string>) =>
      (await route.loader({ request: get(url, cookie), params, context } as unknown as Args)) as Record<string, unknown>;
    for (const [lng, words] of [
      ["zh-CN", `零售 小票 ${sale.number}`],
      ["en", `Walk-in sale, receipt ${sale.number}`],
    ] as const) {
      const tb = await load(trialBalanceRoute, `/stations/${station.code}/ledger?${range}&lng=${lng}`, { code: station.code });
      expect((tb.journals as { memo: string }[]).map((j) => j.memo)).toContain(words);
      const journal = await load(journalRoute, `/stations/${station.code}/ledger/journals/${stored!.number}?lng=${lng}`, { code: station.code, number: String(stored!.number) });
      expect(journal.memo).toBe(words);
      const account = await load(accountRoute, `/stations/${station.code}/ledger/accounts/${ACCOUNTS.householdPayable}?${range}&lng=${lng}`, {
        code: station.code,
        account: ACCOUNTS.householdPayable,
      });
      const row = (account.rows as { memo: string; party: string }[]).find((r) => r.memo === words);
      expect(row?.party).toBe(lng === "en" ? "Household 杨正芬" : "农户 杨正芬");
    }
  });
});

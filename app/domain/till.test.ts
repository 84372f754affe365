import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "./chart-of-accounts";
import { D, ZERO, sum } from "./money";
import { DomainError } from "./errors";
import { type PricedLine, TillError, assertVoidable, changeDue, countTotal, isVoidable, priceLine, returnPart, saleJournalLines, storedLines, voidRefusal } from "./till";

const HOUSEHOLD = "11111111-1111-4111-8111-111111111111";
const product = (price: string, rate: string, ownerKind: "household" | "collective" = "household") => ({
  id: `p-${price}-${rate}`,
  price,
  ownerKind,
  householdId: ownerKind === "household" ? HOUSEHOLD : null,
  partnerId: null,
  commissionRate: new D(rate),
});

const price = fc.integer({ min: 1, max: 100_000 }).map((fen) => new D(fen).div(100).toFixed(2));
const rate = fc.integer({ min: 0, max: 10_000 }).map((r) => new D(r).div(10_000).toFixed(4));
const grams = fc.integer({ min: 1, max: 200_000 }).map((g) => new D(g).div(1000));

describe("the till's arithmetic", () => {
  it("prices 2.5 斤 of 金银花 at ¥38.00 with 15 % commission", () => {
    const line = priceLine(product("38.00", "0.15"), new D("2.5"));
    expect([line.amount.toFixed(2), line.commission.toFixed(2), line.ownerShare.toFixed(2)]).toEqual(["95.00", "14.25", "80.75"]);
  });

  it("splits every line exactly and every sale's journal balances", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(price, rate, grams, fc.boolean()), { minLength: 1, maxLength: 6 }), fc.constantFrom("cash" as const, "mobile" as const), (specs, payment) => {
        const lines = specs.map(([p, r, q, own]) => priceLine(product(p, r, own ? "collective" : "household"), q));
        for (const l of lines) expect(l.commission.plus(l.ownerShare).eq(l.amount)).toBe(true);
        const journal = saleJournalLines(lines, payment);
        expect(sum(journal.map((j) => new D(j.amount))).isZero()).toBe(true);
        expect(journal.every((j) => !new D(j.amount).isZero())).toBe(true);
        const money = journal.find((j) => j.accountCode === (payment === "cash" ? ACCOUNTS.cash : ACCOUNTS.paymentClearing));
        expect(money ? new D(money.amount).eq(sum(lines.map((l) => l.amount))) : sum(lines.map((l) => l.amount)).isZero()).toBe(true);
      }),
    );
  });

  it("gives back a line returned in steps exactly: amount and commission to the fen", () => {
    fc.assert(
      fc.property(price, rate, fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 1, max: 4 }), (p, r, thousandths, steps) => {
        const qty = new D(thousandths).div(1000);
        const line: PricedLine = priceLine(product(p, r), qty);
        let done = { quantity: ZERO, amount: ZERO, commission: ZERO };
        const step = qty.div(steps).toDecimalPlaces(3, D.ROUND_DOWN);
        for (let i = 0; i < steps; i++) {
          const want = i === steps - 1 ? qty.minus(done.quantity) : step;
          if (want.lte(0)) break;
          let part: PricedLine;
          try {
            part = returnPart(line, done, want);
          } catch (error) {
            expect((error as TillError).code).toBe("NOTHING_TO_RETURN");
            return;
          }
          done = { quantity: done.quantity.plus(part.quantity), amount: done.amount.plus(part.amount), commission: done.commission.plus(part.commission) };
        }
        if (done.quantity.eq(qty)) {
          expect(done.amount.toFixed(2)).toBe(line.amount.toFixed(2));
          expect(done.commission.toFixed(2)).toBe(line.commission.toFixed(2));
        }
        expect(done.amount.lte(line.amount)).toBe(true);
      }),
    );
  });

  it("refuses to return more than is left, and a tender below the total", () => {
    const line = priceLine(product("10.00", "0.1"), new D("2"));
    expect(() => returnPart(line, { quantity: new D("1.5"), amount: new D("15"), commission: new D("1.5") }, new D("1"))).toThrow(TillError);
    expect(() => changeDue(new D("95"), new D("90"))).toThrow(TillError);
    expect(changeDue(new D("95"), new D("100")).toFixed(2)).toBe("5.00");
  });

  it("stores priced lines at the columns' scales, numbered from 1, the partner only on a partner's goods", () => {
    const own = priceLine(product("12.50", "0.1", "collective"), new D("1"));
    const consigned = { ...priceLine(product("38.00", "0.15"), new D("2.5")), partnerId: "p-1" };
    const [first, second] = storedLines([own, consigned]);
    expect(first).toMatchObject({ lineNo: 1, quantity: "1.000", unitPrice: "12.50", amount: "12.50", commission: "0.00", commissionRate: "0.0000", ownerKind: "collective" });
    expect(second).toMatchObject({ lineNo: 2, quantity: "2.500", unitPrice: "38.00", amount: "95.00", commission: "14.25", commissionRate: "0.1500", ownerKind: "household", partnerId: null });
  });

  it("adds up a count by denomination", () => {
    expect(countTotal({ "100": 2, "50": 1, "20": 2, "5": 1, "1": 4, "0.5": 1, "0.1": 3 }).toFixed(2)).toBe("299.80");
  });

  it("voids a sale only on its own day and only while nothing of it was returned: one rule for the receipt and the model", () => {
    const today = "2026-03-05";
    expect(voidRefusal({ businessDate: today, returned: false }, today)).toBeNull();
    expect(isVoidable({ businessDate: today, returned: false }, today)).toBe(true);
    expect(voidRefusal({ businessDate: "2026-03-04", returned: false }, today)).toBe("VOID_SAME_DAY");
    // The day is asked first: yesterday's refunded sale is refused as yesterday's.
    expect(voidRefusal({ businessDate: "2026-03-04", returned: true }, today)).toBe("VOID_SAME_DAY");
    expect(voidRefusal({ businessDate: today, returned: true }, today)).toBe("NOTHING_TO_RETURN");
    expect(isVoidable({ businessDate: today, returned: true }, today)).toBe(false);
    expect(() => assertVoidable({ businessDate: today, returned: true }, today)).toThrow(expect.objectContaining({ code: "NOTHING_TO_RETURN", kind: "conflict" }));
  });

  it("refuses as a domain error of the till, branded across module copies", () => {
    const error = new TillError("SESSION_REQUIRED");
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(TillError);
    expect([error.feature, error.code, error.kind, error.name]).toEqual(["till", "SESSION_REQUIRED", "conflict", "TillError"]);
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { HouseholdError, maskPaymentAccount, maskPhone, normalizePaymentAccount, runningBalances } from "./households";
import { D, fromFen, sum } from "./money";

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(HouseholdError);
    return (e as HouseholdError).code;
  }
}

describe("payment accounts", () => {
  test("are normalised per method", () => {
    expect(normalizePaymentAccount("cash", "")).toBe("");
    expect(normalizePaymentAccount("bank", "6217 0028 7000 1234 567")).toBe("6217002870001234567");
    expect(normalizePaymentAccount("mobile", "139 0857 0512")).toBe("13908570512");
    expect(normalizePaymentAccount("mobile", "wgy_1968")).toBe("wgy_1968");
  });

  test("are refused when they do not fit the method", () => {
    expect(code(() => normalizePaymentAccount("cash", "123"))).toBe("ACCOUNT_NOT_ALLOWED");
    expect(code(() => normalizePaymentAccount("bank", ""))).toBe("ACCOUNT_REQUIRED");
    expect(code(() => normalizePaymentAccount("bank", "1234"))).toBe("BANK_ACCOUNT_INVALID");
    expect(code(() => normalizePaymentAccount("mobile", "a b"))).toBe("MOBILE_ACCOUNT_INVALID");
  });

  test("are shown masked", () => {
    expect(maskPaymentAccount("bank", "6217002870001234567")).toBe("**** 4567");
    expect(maskPaymentAccount("mobile", "13908570512")).toBe("139****0512");
    expect(maskPaymentAccount("mobile", "wgy_1968")).toBe("wg****68");
    expect(maskPaymentAccount("cash", "")).toBe("");
    expect(maskPhone("13908570512")).toBe("139****0512");
    expect(maskPhone("")).toBe("");
  });
});

describe("runningBalances", () => {
  test("each balance is the one before plus the line; the closing is opening + Σ lines, the last balance", () => {
    const { balances, closing } = runningBalances(new D("10.70"), [new D("-7.00"), new D("2.70"), new D("-1.00")]);
    expect(balances.map((b) => b.toFixed(2))).toEqual(["3.70", "6.40", "5.40"]);
    expect(closing.toFixed(2)).toBe("5.40");
    expect(runningBalances(new D("3.00"), []).closing.toFixed(2)).toBe("3.00");
  });

  test("for any lines, to the fen", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e8, max: 1e8 }), { maxLength: 50 }), (openingFen, fens) => {
        const opening = fromFen(openingFen);
        const changes = fens.map(fromFen);
        const { balances, closing } = runningBalances(opening, changes);
        expect(closing.eq(opening.plus(sum(changes)))).toBe(true);
        expect((balances.at(-1) ?? opening).eq(closing)).toBe(true);
        balances.forEach((b, i) => expect(b.minus(i === 0 ? opening : balances[i - 1]!).eq(changes[i]!)).toBe(true));
      }),
    );
  });
});

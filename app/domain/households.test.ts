import { describe, expect, test } from "vitest";
import { HouseholdError, maskPaymentAccount, maskPhone, normalizePaymentAccount } from "./households";

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

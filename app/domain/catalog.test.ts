import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  bestBefore,
  CatalogError,
  type CatalogErrorCode,
  chinaDateTime,
  effectiveCommissionRate,
  isInSeason,
  parseCommissionPercent,
  parsePastDate,
  parsePrice,
  parseShelfLifeDays,
  publicHouseholdName,
  quantityStep,
  rateToPercent,
  toRateString,
} from "./catalog";
import { addDays, chinaToday } from "./dates";
import { D } from "./money";

function expectCode(fn: () => unknown, code: CatalogErrorCode) {
  expect(fn).toThrowError(CatalogError);
  try {
    fn();
  } catch (e) {
    expect((e as CatalogError).code).toBe(code);
  }
}

describe("prices", () => {
  test("are read to the fen and never rounded", () => {
    expect(parsePrice("38").toFixed(2)).toBe("38.00");
    expect(parsePrice("３８．５０").toFixed(2)).toBe("38.50");
    expectCode(() => parsePrice("12.345"), "PRICE_TOO_MANY_DECIMALS");
    expectCode(() => parsePrice("0"), "PRICE_NOT_POSITIVE");
    expectCode(() => parsePrice("-3"), "PRICE_NOT_POSITIVE");
    expectCode(() => parsePrice("100000.01"), "PRICE_TOO_HIGH");
    expectCode(() => parsePrice("abc"), "PRICE_INVALID");
  });

  test("round-trip through their stored text for every valid price", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (fen) => {
        const text = new D(fen).div(100).toFixed(2);
        expect(parsePrice(text).toFixed(2)).toBe(text);
      }),
    );
  });
});

describe("commission rates", () => {
  test("are typed as percentages and stored as NUMERIC(6,4) fractions", () => {
    expect(toRateString(parseCommissionPercent("15"))).toBe("0.1500");
    expect(toRateString(parseCommissionPercent("12.5%"))).toBe("0.1250");
    expect(toRateString(parseCommissionPercent("0"))).toBe("0.0000");
    expect(toRateString(parseCommissionPercent("100"))).toBe("1.0000");
    expectCode(() => parseCommissionPercent("100.01"), "RATE_OUT_OF_RANGE");
    expectCode(() => parseCommissionPercent("12.345"), "RATE_TOO_MANY_DECIMALS");
    expectCode(() => parseCommissionPercent("-1"), "RATE_INVALID");
    expect(rateToPercent("0.1250")).toBe("12.5");
    expect(rateToPercent("0.1000")).toBe("10");
  });

  test("a product's own rate wins over the station's default", () => {
    expect(effectiveCommissionRate(null, "0.1000").toFixed(4)).toBe("0.1000");
    expect(effectiveCommissionRate("0.0800", "0.1000").toFixed(4)).toBe("0.0800");
  });

  test("every percentage with two decimals round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const percent = new D(hundredths).div(100);
        const rate = parseCommissionPercent(percent.toFixed(2));
        expect(new D(rateToPercent(toRateString(rate))).eq(percent)).toBe(true);
      }),
    );
  });
});

describe("dates", () => {
  test("a harvest date exists and is not in the future", () => {
    expect(parsePastDate("2026-06-15", "2026-11-26")).toBe("2026-06-15");
    expectCode(() => parsePastDate("2026-02-30", "2026-11-26"), "DATE_INVALID");
    expectCode(() => parsePastDate("15/06/2026", "2026-11-26"), "DATE_INVALID");
    expectCode(() => parsePastDate("2026-11-27", "2026-11-26"), "DATE_IN_FUTURE");
  });

  test("shelf life, best before and the season", () => {
    expect(parseShelfLifeDays("")).toBeNull();
    expect(parseShelfLifeDays("30")).toBe(30);
    expectCode(() => parseShelfLifeDays("0"), "SHELF_LIFE_INVALID");
    expectCode(() => parseShelfLifeDays("2.5"), "SHELF_LIFE_INVALID");
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(bestBefore("2026-11-01", 30)).toBe("2026-12-01");
    expect(bestBefore(null, 30)).toBeNull();
    expect(isInSeason("2026-11-20", 10, "2026-11-26")).toBe(true);
    expect(isInSeason("2026-11-10", 10, "2026-11-26")).toBe(false);
    expect(isInSeason("2026-05-01", null, "2026-11-26")).toBe(false);
    expect(isInSeason(null, null, "2026-11-26")).toBe(false);
  });

  test("the station's day is China's day", () => {
    expect(chinaToday(new Date("2026-11-26T17:00:00Z"))).toBe("2026-11-27");
    expect(chinaDateTime(new Date("2026-11-26T06:30:00Z"))).toBe("2026-11-26 14:30");
  });
});

describe("what the storefront says of a household", () => {
  test("the given name only; the family when the given name is one character", () => {
    expect(publicHouseholdName("韦兰芬")).toBe("兰芬");
    expect(publicHouseholdName("欧阳小明")).toBe("小明");
    expect(publicHouseholdName("李明")).toBe("李家");
    expect(publicHouseholdName("Wei Lanfen")).toBe("Wei");
    expect(publicHouseholdName("")).toBe("");
  });

  test("never contains the whole name", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."韦杨李王张陈兰芬秀梅德富光荣"), minLength: 2, maxLength: 4 }), (name) => {
        expect(publicHouseholdName(name)).not.toBe(name);
      }),
    );
  });
});

test("quantity steps follow the unit", () => {
  expect(quantityStep("jin")).toBe("0.001");
  expect(quantityStep("piece")).toBe("1");
});

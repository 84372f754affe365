import fc from "fast-check";
import { describe, expect, test } from "vitest";

import { D, lineTotal, toAmountString, type Dec } from "./money";
import {
  UNITS,
  UNIT_CODES,
  UnitError,
  checkQuantity,
  convertWeight,
  formatQuantity,
  isUnitCode,
  isWeightUnit,
  jinToKg,
  kgToJin,
  parseQuantity,
  unitLabel,
  type UnitCode,
  type UnitErrorCode,
} from "./units";

function expectCode(fn: () => unknown, code: UnitErrorCode) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UnitError);
    expect((e as UnitError).code).toBe(code);
    return;
  }
  throw new Error(`expected UnitError ${code}, nothing was thrown`);
}

const WEIGHTS = UNIT_CODES.filter(isWeightUnit);
const COUNTS = UNIT_CODES.filter((u) => !isWeightUnit(u));

/** Any valid quantity in `unit`: a positive integer of its smallest step, below 10^11. */
function quantityArb(unit: UnitCode): fc.Arbitrary<Dec> {
  const places = UNITS[unit].decimals;
  const max = 10n ** BigInt(11 + places) - 1n;
  return fc.bigInt({ min: 1n, max }).map((n) => new D(`${n}e-${places}`));
}

const unitArb = fc.constantFrom(...UNIT_CODES);
const weightUnitArb = fc.constantFrom(...WEIGHTS);

describe("unit table", () => {
  test("codes are unique lower-case ASCII, usable as enum values", () => {
    expect(new Set(UNIT_CODES).size).toBe(UNIT_CODES.length);
    for (const code of UNIT_CODES) expect(code).toMatch(/^[a-z]+$/);
  });

  test("weights are jin, kg, g; everything else is counted in whole numbers", () => {
    expect(WEIGHTS).toEqual(["jin", "kg", "g"]);
    for (const u of COUNTS) expect(UNITS[u].decimals).toBe(0);
    expect([UNITS.jin.decimals, UNITS.kg.decimals, UNITS.g.decimals]).toEqual([3, 3, 0]);
  });

  test("isUnitCode", () => {
    expect(isUnitCode("jin")).toBe(true);
    expect(isUnitCode("斤")).toBe(false);
    expect(isUnitCode("toString")).toBe(false);
  });
});

describe("convertWeight", () => {
  test.each([
    ["1", "jin", "g", "500"],
    ["2.5", "jin", "g", "1250"],
    ["1", "kg", "jin", "2"],
    ["1", "jin", "kg", "0.5"],
    ["0.001", "jin", "kg", "0.0005"], // exact, even past kg's 3 decimals
    ["1", "g", "jin", "0.002"],
    ["1", "g", "kg", "0.001"],
    ["3.7", "kg", "kg", "3.7"],
  ] as const)("%s %s = %s %s", (qty, from, to, out) => {
    expect(convertWeight(new D(qty), from, to).toFixed()).toBe(out);
  });

  test("jinToKg and kgToJin", () => {
    expect(jinToKg(new D("3")).toFixed()).toBe("1.5");
    expect(kgToJin(new D("1.5")).toFixed()).toBe("3");
  });

  test("refuses count units", () => {
    expectCode(() => convertWeight(new D(1), "piece", "kg"), "NOT_A_WEIGHT_UNIT");
    expectCode(() => convertWeight(new D(1), "jin", "bag"), "NOT_A_WEIGHT_UNIT");
  });

  test("refuses rather than rounds when the digits would not fit", () => {
    expectCode(() => jinToKg(new D("1234567890.123456789012345678901234")), "OUT_OF_RANGE");
  });

  test("jin → kg → jin round-trips exactly", () => {
    fc.assert(fc.property(quantityArb("jin"), (q) => kgToJin(jinToKg(q)).eq(q)));
    fc.assert(fc.property(quantityArb("kg"), (q) => jinToKg(kgToJin(q)).eq(q)));
  });

  test("any weight round-trips through any other, and grams agree", () => {
    const arb = fc
      .tuple(weightUnitArb, weightUnitArb)
      .chain(([from, to]) => fc.tuple(fc.constant(from), fc.constant(to), quantityArb(from)));
    fc.assert(
      fc.property(arb, ([from, to, q]) => {
        const there = convertWeight(q, from, to);
        return convertWeight(there, to, from).eq(q) && convertWeight(there, to, "g").eq(convertWeight(q, from, "g"));
      }),
    );
  });

  test("kg → jin always fits jin's decimals (but jin → kg may not)", () => {
    const kgArb = quantityArb("kg").filter((q) => q.lt("5e10"));
    fc.assert(fc.property(kgArb, (q) => checkQuantity(kgToJin(q), "jin").eq(q.times(2))));
    expectCode(() => checkQuantity(jinToKg(new D("0.001")), "kg"), "TOO_MANY_DECIMALS");
  });
});

describe("parseQuantity", () => {
  test.each([
    ["2.5", "jin", "2.5"],
    [" 3 ", "piece", "3"],
    ["1.234", "kg", "1.234"],
    ["0.001", "jin", "0.001"],
    ["２.５", "jin", "2.5"],
    ["250", "g", "250"],
    ["99999999999.999", "kg", "99999999999.999"],
  ] as const)("%j %s → %s", (input, unit, out) => {
    expect(parseQuantity(input, unit).toFixed()).toBe(out);
  });

  test.each([
    ["2.5", "piece", "TOO_MANY_DECIMALS"],
    ["2.0", "head", "TOO_MANY_DECIMALS"],
    ["1.2345", "kg", "TOO_MANY_DECIMALS"],
    ["1.5", "g", "TOO_MANY_DECIMALS"],
    ["0", "jin", "NOT_POSITIVE"],
    ["0.000", "kg", "NOT_POSITIVE"],
    ["-1", "jin", "NOT_POSITIVE"],
    ["-2.5", "piece", "NOT_POSITIVE"],
    ["", "jin", "INVALID_QUANTITY"],
    ["abc", "bag", "INVALID_QUANTITY"],
    ["1e3", "g", "INVALID_QUANTITY"],
    ["Infinity", "kg", "INVALID_QUANTITY"],
    [".5", "jin", "INVALID_QUANTITY"],
    ["2 斤", "jin", "INVALID_QUANTITY"],
    ["100000000000", "piece", "OUT_OF_RANGE"],
  ] as const)("refuses %j %s with %s", (input, unit, code) => {
    expectCode(() => parseQuantity(input, unit), code);
  });

  test("every valid quantity parses back from its formatted digits", () => {
    fc.assert(
      fc.property(unitArb.chain((u) => fc.tuple(fc.constant(u), quantityArb(u))), ([unit, q]) =>
        parseQuantity(q.toFixed(), unit).eq(q),
      ),
    );
  });

  test("count units refuse every fraction", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNTS),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 9 }),
        (unit, whole, tenth) => {
          try {
            parseQuantity(`${whole}.${tenth}`, unit);
            return false;
          } catch (e) {
            return e instanceof UnitError && e.code === "TOO_MANY_DECIMALS";
          }
        },
      ),
    );
  });
});

describe("checkQuantity", () => {
  test("applies the same rules to decimals", () => {
    expect(checkQuantity(new D("2.50"), "jin").toFixed()).toBe("2.5");
    expect(checkQuantity(new D("2.0"), "piece").toFixed()).toBe("2"); // the value is whole
    expectCode(() => checkQuantity(new D("2.5"), "piece"), "TOO_MANY_DECIMALS");
    expectCode(() => checkQuantity(new D(NaN), "piece"), "INVALID_QUANTITY");
    expectCode(() => checkQuantity(new D("-0"), "piece"), "NOT_POSITIVE");
    expectCode(() => checkQuantity(new D("1e11"), "kg"), "OUT_OF_RANGE");
  });
});

describe("labels and formatting", () => {
  test.each([
    ["2.50", "jin", "zh-CN", "2.5 斤"],
    ["2.50", "jin", "en", "2.5 jin"],
    ["1", "piece", "en", "1 piece"],
    ["3", "piece", "en", "3 pieces"],
    ["3", "piece", "zh-CN", "3 个"],
    ["12", "head", "zh-CN", "12 只"],
    ["12", "head", "en", "12 head"],
    ["2", "box", "en", "2 boxes"],
    ["1.000", "kg", "zh-CN", "1 公斤"],
    ["0.0005", "kg", "en", "0.0005 kg"],
    ["100000000000", "g", "en", "100000000000 g"],
  ] as const)("%s %s in %s → %s", (qty, unit, locale, out) => {
    expect(formatQuantity(new D(qty), unit, locale)).toBe(out);
  });

  test("unitLabel", () => {
    expect(unitLabel("bundle", "zh-CN")).toBe("把");
    expect(unitLabel("bunch", "zh-CN")).toBe("束");
    expect(unitLabel("bunch", "en")).toBe("bunch");
    expect(unitLabel("bunch", "en", new D(2))).toBe("bunches");
    expect(unitLabel("bag", "en", new D("1.0"))).toBe("bag");
  });

  test("formatting keeps every digit", () => {
    fc.assert(
      fc.property(unitArb.chain((u) => fc.tuple(fc.constant(u), quantityArb(u))), ([unit, q]) => {
        const [digits = ""] = formatQuantity(q, unit, "zh-CN").split(" ");
        return new D(digits).eq(q) && !/e/i.test(digits);
      }),
    );
  });
});

describe("with money", () => {
  test("a weighed line: 2.5 斤 at ¥3.33/斤 is ¥8.33, the same as 1.25 公斤 at ¥6.66/公斤", () => {
    expect(toAmountString(lineTotal(parseQuantity("2.5", "jin"), new D("3.33")))).toBe("8.33");
    expect(toAmountString(lineTotal(jinToKg(new D("2.5")), new D("6.66")))).toBe("8.33");
  });
});

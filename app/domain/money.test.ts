import fc from "fast-check";
import { describe, expect, test } from "vitest";

import {
  D,
  MoneyError,
  allocate,
  applyRate,
  formatCNY,
  fromFen,
  isZero,
  lineTotal,
  parseAmount,
  roundFen,
  splitByRate,
  sum,
  toAmountString,
  toFen,
  type Dec,
  type MoneyErrorCode,
} from "./money";

function expectCode(fn: () => unknown, code: MoneyErrorCode) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MoneyError);
    expect((e as MoneyError).code).toBe(code);
    return;
  }
  throw new Error(`expected MoneyError ${code}, nothing was thrown`);
}

const strs = (ds: Dec[]) => ds.map(toAmountString);

/** Canonical "-123.45" from integer fen, written without decimal.js so it checks it. */
function fenString(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  const digits = abs.toString().padStart(3, "0");
  return `${fen < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

const MAX_FEN = 10n ** 14n - 1n; // NUMERIC(14,2)
const fenArb = fc.bigInt({ min: -MAX_FEN, max: MAX_FEN });
const amountArb = fenArb.map((f) => new D(fenString(f)));

describe("parseAmount", () => {
  test.each([
    ["12", "12.00"],
    ["12.5", "12.50"],
    ["12.50", "12.50"],
    ["  0.3 ", "0.30"],
    ["¥1,234.50", "1234.50"],
    ["￥ 99", "99.00"],
    ["１２．５", "12.50"],
    ["007", "7.00"],
    ["999999999999.99", "999999999999.99"],
  ])("%j → %s", (input, wire) => {
    expect(toAmountString(parseAmount(input))).toBe(wire);
  });

  test("negative amounts only when allowed, in either sign position", () => {
    expect(toAmountString(parseAmount("-3.20", { allowNegative: true }))).toBe("-3.20");
    expect(toAmountString(parseAmount("-¥3.20", { allowNegative: true }))).toBe("-3.20");
    expect(toAmountString(parseAmount("¥-3.20", { allowNegative: true }))).toBe("-3.20");
    expectCode(() => parseAmount("-3.20"), "NEGATIVE");
    expect(toAmountString(parseAmount("-0.00"))).toBe("0.00");
  });

  const malformed = ["", "  ", "abc", "NaN", "Infinity", "-Infinity", "1e5", "0x10", "12.", ".5", "1,2,3", "12,34"];
  test.each([...malformed, "+5", "--1", "-¥-1", "1 000"])(
    "refuses %j",
    (input) => expectCode(() => parseAmount(input, { allowNegative: true }), "INVALID_AMOUNT"),
  );

  test("refuses a third decimal instead of rounding it", () => {
    expectCode(() => parseAmount("12.345"), "TOO_MANY_DECIMALS");
    expectCode(() => parseAmount("0.005"), "TOO_MANY_DECIMALS");
    expectCode(() => parseAmount("12.500"), "TOO_MANY_DECIMALS");
  });

  test("refuses 10^12 and beyond (NUMERIC(14,2))", () => {
    expectCode(() => parseAmount("1000000000000"), "OUT_OF_RANGE");
    expectCode(() => parseAmount("-1,000,000,000,000.00", { allowNegative: true }), "OUT_OF_RANGE");
  });

  test("round-trips every 2-decimal amount in range", () => {
    fc.assert(
      fc.property(fenArb, (fen) => {
        const s = fenString(fen);
        expect(toAmountString(parseAmount(s, { allowNegative: true }))).toBe(s);
      }),
    );
  });
});

describe("toAmountString", () => {
  test("never prints -0.00", () => {
    expect(toAmountString(new D("-0"))).toBe("0.00");
    expect(toAmountString(new D(0).neg())).toBe("0.00");
  });
  test("refuses unrounded values", () => {
    expectCode(() => toAmountString(new D("1.005")), "TOO_MANY_DECIMALS");
    expectCode(() => toAmountString(new D(NaN)), "INVALID_AMOUNT");
  });
});

describe("rounding", () => {
  test.each([
    ["0.005", "0.01"],
    ["0.015", "0.02"], // 0.01 with binary floats
    ["2.675", "2.68"], // 2.67 with binary floats
    ["1.004999", "1.00"],
    ["-0.005", "-0.01"], // half away from zero
    ["-2.675", "-2.68"],
    ["-0.004", "0.00"],
  ])("roundFen(%s) = %s", (input, out) => {
    expect(toAmountString(roundFen(new D(input)))).toBe(out);
  });

  test("lineTotal rounds the product once", () => {
    expect(toAmountString(lineTotal(new D("2.5"), new D("3.33")))).toBe("8.33"); // 8.325
    expect(toAmountString(lineTotal(new D("0.333"), new D("3.00")))).toBe("1.00"); // 0.999
    expect(toAmountString(lineTotal(new D("99999999999.999"), new D("999999999999.99")))).toBe(
      "99999999999998000000000.00", // exact product ends in .00001
    );
  });

  test("applyRate rounds the commission", () => {
    expect(toAmountString(applyRate(new D("12.50"), new D("0.1500")))).toBe("1.88"); // 1.875
    expect(toAmountString(applyRate(new D("-12.50"), new D("0.1500")))).toBe("-1.88");
  });
});

describe("splitByRate", () => {
  test("commission and household share add up to the line", () => {
    const { rateShare, remainder } = splitByRate(new D("12.50"), new D("0.1500"));
    expect(strs([rateShare, remainder])).toEqual(["1.88", "10.62"]);
  });

  test("refuses rates outside [0, 1] and unrounded amounts", () => {
    expectCode(() => splitByRate(new D("1"), new D("1.01")), "INVALID_RATE");
    expectCode(() => splitByRate(new D("1"), new D("-0.01")), "INVALID_RATE");
    expectCode(() => splitByRate(new D("1.001"), new D("0.1")), "TOO_MANY_DECIMALS");
  });

  test("always sums exactly and keeps the sign of the amount", () => {
    const rateArb = fc.integer({ min: 0, max: 10_000 }).map((n) => new D(n).div(10_000));
    fc.assert(
      fc.property(amountArb, rateArb, (amount, rate) => {
        const { rateShare, remainder } = splitByRate(amount, rate);
        expect(rateShare.plus(remainder).eq(amount)).toBe(true);
        for (const part of [rateShare, remainder]) {
          expect(part.isZero() || part.isNeg() === amount.isNeg()).toBe(true);
        }
      }),
    );
  });
});

describe("sum / isZero", () => {
  test("exact where floats are not", () => {
    expect(toAmountString(sum([new D("0.1"), new D("0.2")]))).toBe("0.30");
    expect(isZero(sum([]))).toBe(true);
  });
});

describe("toFen / fromFen", () => {
  test("examples", () => {
    expect(toFen(new D("12.34"))).toBe(1234);
    expect(toFen(new D("-0.01"))).toBe(-1);
    expect(Object.is(toFen(new D("-0")), 0)).toBe(true);
    expect(toAmountString(fromFen(1))).toBe("0.01");
    expectCode(() => toFen(new D("0.001")), "NOT_WHOLE_FEN");
    expectCode(() => toFen(new D("1e15")), "NOT_WHOLE_FEN"); // 10^17 fen is not a safe integer
    expectCode(() => fromFen(1.5), "NOT_WHOLE_FEN");
    expectCode(() => fromFen(Number.MAX_SAFE_INTEGER + 1), "NOT_WHOLE_FEN");
  });

  test("round-trip over every safe integer and every amount", () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (fen) => toFen(fromFen(fen)) === fen));
    fc.assert(fc.property(amountArb, (d) => fromFen(toFen(d)).eq(d)));
  });
});

describe("formatCNY", () => {
  test.each([
    ["1234.5", "zh-CN", "¥1,234.50"],
    ["1234.5", "en", "CN¥1,234.50"],
    ["-3.2", "zh-CN", "-¥3.20"],
    ["0", "en", "CN¥0.00"],
    ["-0", "zh-CN", "¥0.00"],
    ["999", "zh-CN", "¥999.00"],
    ["1000", "zh-CN", "¥1,000.00"],
    ["123456789012345678901.23", "zh-CN", "¥123,456,789,012,345,678,901.23"],
  ] as const)("%s in %s → %s", (input, locale, out) => {
    expect(formatCNY(new D(input), locale)).toBe(out);
  });

  test("refuses unrounded values", () => expectCode(() => formatCNY(new D("0.125"), "en"), "TOO_MANY_DECIMALS"));

  test("never loses a digit: parses back to the same amount", () => {
    fc.assert(
      fc.property(amountArb, (d) => {
        expect(parseAmount(formatCNY(d, "zh-CN"), { allowNegative: true }).eq(d)).toBe(true);
        expect(formatCNY(d, "en").replace(/CN¥|,/g, "")).toBe(toAmountString(d));
      }),
    );
  });

  test("agrees with Intl (given the exact decimal string)", () => {
    fc.assert(
      fc.property(amountArb, fc.constantFrom("zh-CN" as const, "en" as const), (d, locale) => {
        const intl = new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" });
        // Intl keeps "-0.00"; we do not, so zero is left out of this comparison.
        fc.pre(!d.isZero());
        expect(formatCNY(d, locale)).toBe(intl.format(toAmountString(d) as unknown as number));
      }),
    );
  });
});

describe("allocate", () => {
  test("largest remainder, ties to the lower index", () => {
    expect(strs(allocate(new D("1.00"), ["1", "1", "1"]))).toEqual(["0.34", "0.33", "0.33"]);
    expect(strs(allocate(new D("0.02"), ["1", "1", "1"]))).toEqual(["0.01", "0.01", "0.00"]);
    expect(strs(allocate(new D("10.00"), ["1", "2", "3"]))).toEqual(["1.67", "3.33", "5.00"]);
    expect(strs(allocate(new D("0.05"), ["0.1", "0.3", "0.6"]))).toEqual(["0.01", "0.01", "0.03"]);
    expect(strs(allocate(new D("100"), [new D("0.15"), new D("0.80"), new D("0.05")]))).toEqual([
      "15.00",
      "80.00",
      "5.00",
    ]);
  });

  test("a negative total mirrors the positive one", () => {
    expect(strs(allocate(new D("-1.00"), ["1", "1", "1"]))).toEqual(["-0.34", "-0.33", "-0.33"]);
    expect(strs(allocate(new D("-0.01"), ["1", "1"]))).toEqual(["-0.01", "0.00"]);
  });

  test("zero weights", () => {
    expect(strs(allocate(new D("5"), ["0", "1"]))).toEqual(["0.00", "5.00"]);
    expect(strs(allocate(new D("0"), ["0", "0"]))).toEqual(["0.00", "0.00"]);
    expectCode(() => allocate(new D("0.01"), ["0", "0"]), "INVALID_WEIGHTS");
  });

  test("refuses bad input", () => {
    expectCode(() => allocate(new D("1"), []), "INVALID_WEIGHTS");
    expectCode(() => allocate(new D("1"), ["1", "-1"]), "INVALID_WEIGHTS");
    expectCode(() => allocate(new D("1"), [new D("1"), new D("-0.5")]), "INVALID_WEIGHTS");
    expectCode(() => allocate(new D("1"), ["1e3"]), "INVALID_WEIGHTS");
    expectCode(() => allocate(new D("1"), [new D(Infinity)]), "INVALID_WEIGHTS");
    expectCode(() => allocate(new D("1.001"), ["1"]), "TOO_MANY_DECIMALS");
  });

  // Weights with up to 4 decimals, like rates; at least one positive.
  const weightsArb = fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 })).map(([n, places]) =>
        new D(n).div(10 ** places),
      ),
      { minLength: 1, maxLength: 12 },
    )
    .filter((ws) => ws.some((w) => !w.isZero()));

  const toFenBig = (d: Dec) => BigInt(d.times(100).toFixed(0));

  test("properties: exact sum, sign, within one fen of the exact share, deterministic", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (total, weights) => {
        const parts = allocate(total, weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts).eq(total)).toBe(true);

        // |part − total·w/Σw| < 1 fen  ⇔  |part_fen·Σw − total_fen·w| < Σw, in integers.
        const scale = new D(10_000);
        const w = weights.map((x) => BigInt(x.times(scale).toFixed(0)));
        const wSum = w.reduce((a, b) => a + b, 0n);
        const totalFen = toFenBig(total);
        parts.forEach((part, i) => {
          expect(part.decimalPlaces()).toBeLessThanOrEqual(2);
          if (!total.isNeg()) expect(part.isNeg()).toBe(false);
          const diff = toFenBig(part) * wSum - totalFen * (w[i] ?? 0n);
          expect(diff < 0n ? -diff : diff).toBeLessThan(wSum);
        });

        expect(strs(allocate(total, weights))).toEqual(strs(parts));
      }),
    );
  });

  test("string and decimal weights give the same split", () => {
    fc.assert(
      fc.property(amountArb, weightsArb, (total, weights) => {
        expect(strs(allocate(total, weights.map((w) => w.toFixed())))).toEqual(strs(allocate(total, weights)));
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { D } from "~/domain/money";
import { readableStock, UNIT_CODES, UNITS } from "~/domain/units";
import { formatPriceRange, formatStock } from "./format";

describe("formatStock: stock as a buyer reads it", () => {
  test("a weighed stock reads to a tenth, rounded down, with 约 / about", () => {
    expect(formatStock("23.789", "jin", "zh-CN")).toBe("约 23.7 斤");
    expect(formatStock("23.789", "jin", "en")).toBe("about 23.7 jin");
    expect(formatStock("2.05", "kg", "zh-CN")).toBe("约 2 公斤");
  });

  test("a figure that needs no rounding reads exactly, without 约", () => {
    expect(formatStock("24.000", "jin", "zh-CN")).toBe("24 斤");
    expect(formatStock("23.500", "jin", "en")).toBe("23.5 jin");
    expect(formatStock("118.000", "piece", "zh-CN")).toBe("118 个");
    expect(formatStock("1.000", "bag", "en")).toBe("1 bag");
    expect(formatStock("30.000", "bag", "en")).toBe("30 bags");
  });

  test("a sliver above zero is 'less than 0.1', never 0", () => {
    expect(formatStock("0.040", "jin", "zh-CN")).toBe("不足 0.1 斤");
    expect(formatStock("0.040", "jin", "en")).toBe("less than 0.1 jin");
    expect(formatStock("0.000", "jin", "zh-CN")).toBe("0 斤");
  });

  test("counts are whole numbers", () => {
    expect(formatStock("7.000", "bottle", "zh-CN")).toBe("7 瓶");
    expect(formatStock("500", "g", "zh-CN")).toBe("500 克");
  });
});

describe("readableStock", () => {
  test("never shows more than there is, never drops more than one step, exact only when nothing was dropped", () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNIT_CODES), fc.bigInt({ min: 1n, max: 10n ** 14n - 1n }), (unit, n) => {
        const qty = new D(`${n}e-${UNITS[unit].decimals}`);
        const r = readableStock(qty, unit);
        const step = UNITS[unit].decimals === 0 ? new D(1) : new D("0.1");
        if (r.kind === "under") {
          expect(qty.lt(step)).toBe(true);
          expect(r.qty.eq(step)).toBe(true);
          return;
        }
        expect(r.qty.lte(qty)).toBe(true);
        expect(qty.minus(r.qty).lt(step)).toBe(true);
        expect(r.qty.div(step).isInteger()).toBe(true);
        expect(r.kind === "exact").toBe(r.qty.eq(qty));
      }),
    );
  });
});

describe("formatPriceRange", () => {
  test("one price when the lots agree, both ends when they differ", () => {
    expect(formatPriceRange("36.00", "36.00", "jin", "zh-CN")).toBe("¥36.00/斤");
    expect(formatPriceRange("36.00", "38.00", "jin", "zh-CN")).toBe("¥36.00–¥38.00/斤");
  });
});

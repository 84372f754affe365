import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CartError, cartLineQuantity, groupByStation, mergeCartLine } from "./carts";
import { D, lineTotal, sum } from "./money";
import { UnitError } from "./units";

const code = (run: () => unknown) => {
  try {
    run();
    return "ok";
  } catch (error) {
    if (error instanceof CartError || error instanceof UnitError) return error.code;
    throw error;
  }
};

describe("cartLineQuantity", () => {
  it("adds to what the line had, within the unit's decimals and what the station can sell", () => {
    expect(cartLineQuantity(new D("2.5"), new D("2.5"), "jin", new D("20")).toString()).toBe("5");
    expect(cartLineQuantity(null, new D("3"), "piece", new D("3")).toString()).toBe("3");
    expect(code(() => cartLineQuantity(new D("2"), new D("1.5"), "piece", new D("10")))).toBe("TOO_MANY_DECIMALS");
    expect(code(() => cartLineQuantity(new D("19"), new D("1.001"), "jin", new D("20")))).toBe("INSUFFICIENT_STOCK");
    expect(code(() => cartLineQuantity(null, new D("10001"), "jin", new D("1e6")))).toBe("QUANTITY_TOO_LARGE");
    expect(code(() => cartLineQuantity(null, new D("0"), "jin", new D("10")))).toBe("NOT_POSITIVE");
  });

  it("says how much is left and already in the cart when stock refuses, and SOLD_OUT when nothing is", () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof CartError) return { code: error.code, details: error.details };
        throw error;
      }
      throw new Error("expected a CartError");
    };
    expect(refused(() => cartLineQuantity(new D("19"), new D("5"), "jin", new D("23.789")))).toEqual({
      code: "INSUFFICIENT_STOCK",
      details: { unit: "jin", available: "23.789", inCart: "19" },
    });
    expect(refused(() => cartLineQuantity(null, new D("1"), "piece", new D("0")))).toEqual({
      code: "SOLD_OUT",
      details: { unit: "piece", available: "0", inCart: "0" },
    });
  });
});

describe("mergeCartLine", () => {
  it("adds quantities and keeps the price seen later", () => {
    const early = { quantity: new D("1"), seenUnitPrice: new D("40.00"), updatedAt: new Date("2026-11-01T00:00:00Z") };
    const late = { quantity: new D("2.5"), seenUnitPrice: new D("42.00"), updatedAt: new Date("2026-11-02T00:00:00Z") };
    expect(mergeCartLine(early, late)).toEqual({ quantity: new D("3.5"), seenUnitPrice: new D("42.00") });
    expect(mergeCartLine(late, early)).toEqual({ quantity: new D("3.5"), seenUnitPrice: new D("42.00") });
  });
});

describe("groupByStation", () => {
  it("keeps every line once, in its station's group, and subtotals add up to the sum of rounded lines", () => {
    const line = fc.record({
      stationId: fc.constantFrom("a", "b", "c"),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((g) => new D(g).div(1000)),
      unitPrice: fc.integer({ min: 1, max: 100_000 }).map((fen) => new D(fen).div(100)),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const groups = groupByStation(lines);
        expect(groups.flatMap((g) => g.lines)).toHaveLength(lines.length);
        for (const g of groups) expect(g.lines.every((l) => l.stationId === g.stationId)).toBe(true);
        expect(new Set(groups.map((g) => g.stationId)).size).toBe(groups.length);
        const total = sum(groups.map((g) => g.subtotal));
        expect(total.eq(sum(lines.map((l) => lineTotal(l.quantity, l.unitPrice))))).toBe(true);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ean13CheckDigit, isEan13, MAX_PRODUCT_SEQUENCE, normalizeScannedCode, productCode, quantityAfterScan } from "./product-codes";

describe("EAN-13 check digit", () => {
  it("matches published codes", () => {
    // GS1's own examples and two codes off real packets.
    expect(ean13CheckDigit("400638133393")).toBe(1);
    expect(ean13CheckDigit("978030640615")).toBe(7);
    expect(ean13CheckDigit("690123456789")).toBe(2);
    expect(ean13CheckDigit("000000000000")).toBe(0);
  });

  it("refuses a body that is not twelve digits", () => {
    expect(() => ean13CheckDigit("12345")).toThrow(RangeError);
    expect(() => ean13CheckDigit("４００６３８１３３３９３")).toThrow(RangeError);
  });

  it("catches every single wrong digit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_PRODUCT_SEQUENCE }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (seq, at, shift) => {
        const code = productCode(seq);
        const wrong = code.slice(0, at) + String((Number(code[at]) + shift) % 10) + code.slice(at + 1);
        expect(isEan13(wrong)).toBe(false);
      }),
    );
  });
});

describe("product codes", () => {
  it("are 13 digits in the in-store range 20, with a valid check digit", () => {
    expect(productCode(1)).toBe("2000000000015");
    expect(productCode(1234)).toBe("2000000012346");
    expect(productCode(MAX_PRODUCT_SEQUENCE)).toBe("2099999999998");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_PRODUCT_SEQUENCE }), (seq) => {
        const code = productCode(seq);
        expect(code).toMatch(/^20\d{11}$/);
        expect(isEan13(code)).toBe(true);
        expect(Number(code.slice(2, 12))).toBe(seq);
      }),
    );
  });

  it("differ for different sequences", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_PRODUCT_SEQUENCE }), fc.integer({ min: 1, max: MAX_PRODUCT_SEQUENCE }), (a, b) => a === b || productCode(a) !== productCode(b)));
  });

  it("have a sequence of 1 to ten digits", () => {
    for (const bad of [0, -1, 1.5, MAX_PRODUCT_SEQUENCE + 1, Number.NaN]) expect(() => productCode(bad)).toThrow(RangeError);
  });
});

describe("a scanned code", () => {
  it("loses spaces and dashes and folds full-width digits, and nothing else", () => {
    expect(normalizeScannedCode(" 20000 00012346\r\n")).toBe("2000000012346");
    expect(normalizeScannedCode("２０００-０００-０１２３４６")).toBe("2000000012346");
    expect(normalizeScannedCode("20000000x2347")).toBe("20000000x2347");
    expect(isEan13(normalizeScannedCode("２０００００００１２３４６"))).toBe(true);
  });
});

describe("the quantity after a scan", () => {
  it("adds one to counted goods and leaves weighed goods to the scale", () => {
    expect(quantityAfterScan("", "piece")).toBe("1");
    expect(quantityAfterScan("2", "bag")).toBe("3");
    expect(quantityAfterScan("２", "bottle")).toBe("3");
    expect(quantityAfterScan("abc", "piece")).toBe("1");
    expect(quantityAfterScan("", "jin")).toBeNull();
    expect(quantityAfterScan("2.5", "kg")).toBeNull();
  });
});

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { D, ZERO } from "./money";
import { applyDelta, checkMovementQuantity, countedDelta, deltaFor, type MovementInput, parseCountedQuantity, replay, type StockDelta, StockError, type StockLevel } from "./stock";
import { UnitError } from "./units";

const level = (onHand: string, reserved = "0"): StockLevel => ({ onHand: new D(onHand), reserved: new D(reserved) });

describe("movements", () => {
  test("each kind moves on-hand and reserved its own way", () => {
    const q = new D("2.5");
    const show = (d: StockDelta) => [d.onHand.toString(), d.reserved.toString()];
    expect(show(deltaFor({ kind: "received", quantity: q }))).toEqual(["2.5", "0"]);
    expect(show(deltaFor({ kind: "sold", quantity: q }))).toEqual(["-2.5", "0"]);
    expect(show(deltaFor({ kind: "sold", quantity: q, fromReservation: true }))).toEqual(["-2.5", "-2.5"]);
    expect(show(deltaFor({ kind: "reserved", quantity: q }))).toEqual(["0", "2.5"]);
    expect(show(deltaFor({ kind: "released", quantity: q }))).toEqual(["0", "-2.5"]);
    expect(show(deltaFor({ kind: "returned", quantity: q, direction: "in" }))).toEqual(["2.5", "0"]);
    expect(show(deltaFor({ kind: "returned", quantity: q, direction: "out" }))).toEqual(["-2.5", "0"]);
    expect(show(deltaFor({ kind: "spoiled", quantity: q }))).toEqual(["-2.5", "0"]);
  });

  test("never take stock below zero or reserved beyond on-hand", () => {
    expect(() => applyDelta(level("3"), deltaFor({ kind: "sold", quantity: new D(4) }))).toThrowError(StockError);
    expect(() => applyDelta(level("3", "2"), deltaFor({ kind: "sold", quantity: new D(2) }))).toThrowError(/available/);
    expect(() => applyDelta(level("3", "1"), deltaFor({ kind: "released", quantity: new D(2) }))).toThrowError(StockError);
    expect(() => countedDelta(level("5", "3"), new D(2))).toThrowError(StockError);
    expect(countedDelta(level("5", "3"), new D("4.5")).onHand.toString()).toBe("-0.5");
  });

  test("any sequence replays to a level that satisfies 0 ≤ reserved ≤ on-hand", () => {
    const input = fc.oneof(
      fc.record({ kind: fc.constantFrom("received", "sold", "reserved", "released", "spoiled"), n: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ kind: fc.constant("returned"), n: fc.integer({ min: 1, max: 50 }) }),
    );
    fc.assert(
      fc.property(fc.array(input, { maxLength: 40 }), fc.boolean(), (steps, inward) => {
        let current: StockLevel = { onHand: ZERO, reserved: ZERO };
        const applied: StockDelta[] = [];
        for (const s of steps) {
          const movement = (s.kind === "returned" ? { kind: "returned", quantity: new D(s.n), direction: inward ? "in" : "out" } : { kind: s.kind, quantity: new D(s.n) }) as MovementInput;
          const delta = deltaFor(movement);
          try {
            current = applyDelta(current, delta);
            applied.push(delta);
          } catch (e) {
            expect(e).toBeInstanceOf(StockError);
          }
          expect(current.reserved.gte(0) && current.reserved.lte(current.onHand)).toBe(true);
        }
        const replayed = replay(applied);
        expect(replayed.onHand.eq(current.onHand) && replayed.reserved.eq(current.reserved)).toBe(true);
      }),
    );
  });
});

describe("quantities", () => {
  test("follow the unit and stay sensible", () => {
    expect(checkMovementQuantity(new D("30.5"), "jin").toString()).toBe("30.5");
    expect(() => checkMovementQuantity(new D("2.5"), "piece")).toThrowError(UnitError);
    expect(() => checkMovementQuantity(new D("100001"), "jin")).toThrowError(StockError);
    expect(parseCountedQuantity("0", "piece").isZero()).toBe(true);
    expect(parseCountedQuantity("０", "jin").isZero()).toBe(true);
    expect(parseCountedQuantity("12", "piece").toString()).toBe("12");
    expect(() => parseCountedQuantity("-1", "piece")).toThrowError(UnitError);
  });
});

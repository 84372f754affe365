import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNTS } from "./chart-of-accounts";
import { D, type Dec, sum, ZERO } from "./money";
import {
  afterWrongPickupCode,
  bandForDistance,
  checkDeliveryRule,
  completionJournalLines,
  deliveryFee,
  type FulfilmentKind,
  type MachineOrder,
  ORDER_STATUSES,
  OrderError,
  type OrderPayment,
  paymentJournalLines,
  PICKUP_CODE_LOCK_MINUTES,
  PICKUP_CODE_MAX_ATTEMPTS,
  pickupAttemptsLeft,
  pickupCodeFrom,
  pickupCodeMatches,
  pickupLocked,
  canTransition,
  recognisedParts,
  refundJournalLines,
  transition,
} from "./orders";
import { priceLine } from "./till";

const HOUSEHOLDS = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];

const lineArb = fc
  .record({
    fen: fc.integer({ min: 1, max: 100_000 }),
    rate: fc.integer({ min: 0, max: 10_000 }),
    grams: fc.integer({ min: 1, max: 50_000 }),
    owner: fc.constantFrom<"household" | "collective">("household", "collective"),
    household: fc.constantFrom(...HOUSEHOLDS),
  })
  .map((l) =>
    priceLine(
      {
        id: `p-${l.fen}-${l.grams}`,
        price: new D(l.fen).div(100).toFixed(2),
        ownerKind: l.owner,
        householdId: l.owner === "household" ? l.household : null,
        partnerId: null,
        commissionRate: new D(l.rate).div(10_000),
      },
      new D(l.grams).div(1000)
    )
  )
  .filter((l) => l.amount.gt(0));
const feeArb = fc.integer({ min: 0, max: 5_000 }).map((f) => new D(f).div(100));

const net = (lines: { amount: string }[]) => sum(lines.map((l) => new D(l.amount)));
const byAccount = (lines: { accountCode: string; amount: string; subledger?: { id: string } }[]) => {
  const m = new Map<string, Dec>();
  for (const l of lines) {
    const k = `${l.accountCode}|${l.subledger?.id ?? ""}`;
    m.set(k, (m.get(k) ?? ZERO).plus(l.amount));
  }
  return m;
};

describe("the order state machine", () => {
  const order = (status: MachineOrder["status"], payment: OrderPayment = "online", fulfilment: FulfilmentKind = "pickup"): MachineOrder => ({ status, payment, fulfilment });

  it("walks the happy paths", () => {
    const station = { kind: "station" } as const;
    expect(transition(order("pending_payment"), "pay", { kind: "system" })).toBe("paid");
    expect(transition(order("paid"), "pack", station)).toBe("packed");
    expect(transition(order("packed"), "ready", station)).toBe("ready_for_pickup");
    expect(transition(order("ready_for_pickup"), "handover", station)).toBe("completed");
    expect(transition(order("packed", "online", "delivery"), "ship", station)).toBe("shipped");
    expect(transition(order("shipped", "online", "delivery"), "complete", { kind: "buyer" })).toBe("completed");
    expect(transition(order("placed", "at_pickup"), "pack", station)).toBe("packed");
  });

  it("lets only the station complete an order paid on delivery (货到付款): it records the money", () => {
    const station = { kind: "station" } as const;
    const cod = (status: MachineOrder["status"]) => order(status, "at_pickup", "delivery");
    expect(transition(cod("packed"), "ship", station)).toBe("shipped");
    expect(transition(cod("shipped"), "complete", station)).toBe("completed");
    expect(() => transition(cod("shipped"), "complete", { kind: "buyer" })).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(canTransition(cod("shipped"), "complete", { kind: "buyer" })).toBe(false);
    expect(canTransition(order("shipped", "online", "delivery"), "complete", { kind: "buyer" })).toBe(true);
  });

  it("says who may not and what is not allowed", () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return (e as OrderError).code;
      }
    };
    expect(code(() => transition(order("pending_payment"), "pack", { kind: "station" }))).toBe("TRANSITION_NOT_ALLOWED");
    expect(code(() => transition(order("paid"), "pack", { kind: "buyer" }))).toBe("FORBIDDEN");
    expect(code(() => transition(order("pending_payment"), "pay", { kind: "buyer" }))).toBe("FORBIDDEN");
    expect(code(() => transition(order("packed"), "cancel", { kind: "buyer" }))).toBe("FORBIDDEN");
    expect(code(() => transition(order("packed", "online", "delivery"), "ready", { kind: "station" }))).toBe("TRANSITION_NOT_ALLOWED");
    expect(code(() => transition(order("packed"), "ship", { kind: "station" }))).toBe("TRANSITION_NOT_ALLOWED");
    expect(code(() => transition(order("shipped"), "cancel", { kind: "station" }))).toBe("TRANSITION_NOT_ALLOWED");
  });

  it("never leaves a final status by an event, and every allowed move goes somewhere else", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDER_STATUSES),
        fc.constantFrom("pay", "expire", "pack", "ready", "ship", "handover", "complete", "cancel" as const),
        fc.constantFrom({ kind: "buyer" as const }, { kind: "station" as const }, { kind: "system" as const }),
        fc.constantFrom<OrderPayment>("online", "at_pickup"),
        fc.constantFrom<FulfilmentKind>("pickup", "delivery"),
        (status, event, actor, payment, fulfilment) => {
          let to: string | null = null;
          try {
            to = transition({ status, payment, fulfilment }, event, actor);
          } catch (e) {
            expect(e).toBeInstanceOf(OrderError);
          }
          if (["completed", "cancelled", "refunded"].includes(status)) expect(to).toBeNull();
          if (to !== null) expect(to).not.toBe(status);
        }
      )
    );
  });
});

describe("the pickup code", () => {
  it("is always six digits and matches what the operator types, spaces and full-width digits included", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (r) => {
        const code = pickupCodeFrom(r);
        expect(code).toMatch(/^\d{6}$/);
        expect(pickupCodeMatches(code, ` ${code.slice(0, 3)} ${code.slice(3)} `)).toBe(true);
        const other = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
        expect(pickupCodeMatches(code, other)).toBe(false);
      })
    );
    expect(pickupCodeMatches("012345", "０１２３４５")).toBe(true);
    expect(pickupCodeMatches("012345", "12345")).toBe(false);
  });
});

describe("the delivery fee", () => {
  it("is the flat fee below the threshold and nothing from it on; no rule, no delivery", () => {
    const rule = { offered: true as const, flatFee: "8.00", freeAbove: "99.00" };
    expect(deliveryFee(rule, new D("98.99")).toFixed(2)).toBe("8.00");
    expect(deliveryFee(rule, new D("99.00")).toFixed(2)).toBe("0.00");
    expect(deliveryFee({ ...rule, freeAbove: null }, new D("1000")).toFixed(2)).toBe("8.00");
    expect(() => deliveryFee({ offered: false }, new D(1))).toThrow(OrderError);
  });

  const banded = {
    offered: true as const,
    flatFee: "20.00",
    freeAbove: "150.00",
    bands: [
      { upToKm: "3", fee: "0.00" },
      { upToKm: "10", fee: "5.00" },
      { upToKm: "25", fee: "12.00" },
    ],
  };

  it("by distance band: a distance on a band's limit belongs to that band, just past it to the next, beyond all to the flat fee", () => {
    const fee = (km: string | null, goods = "50.00") => deliveryFee(banded, new D(goods), km).toFixed(2);
    expect(fee("0.5")).toBe("0.00");
    expect(fee("3")).toBe("0.00");
    expect(fee("3.00")).toBe("0.00");
    expect(fee("3.01")).toBe("5.00");
    expect(fee("10")).toBe("5.00");
    expect(fee("10.01")).toBe("12.00");
    expect(fee("25")).toBe("12.00");
    expect(fee("25.01")).toBe("20.00");
    // No band named: the flat fee, as before bands existed.
    expect(fee(null)).toBe("20.00");
    expect(fee("")).toBe("20.00");
    expect(deliveryFee(banded, new D("50"))).toEqual(new D("20.00"));
    expect(bandForDistance(banded.bands, new D("10"))).toEqual({ upToKm: "10", fee: "5.00" });
    expect(bandForDistance(banded.bands, new D("26"))).toBeNull();
  });

  it("free above an amount still waives a banded fee, at exactly the amount", () => {
    expect(deliveryFee(banded, new D("149.99"), "25").toFixed(2)).toBe("12.00");
    expect(deliveryFee(banded, new D("150.00"), "25").toFixed(2)).toBe("0.00");
    expect(deliveryFee(banded, new D("150.00"), "99").toFixed(2)).toBe("0.00");
    expect(deliveryFee({ ...banded, freeAbove: null }, new D("100000"), "10").toFixed(2)).toBe("5.00");
  });

  it("refuses a band that is not a distance, even when delivery would be free", () => {
    for (const bad of ["-1", "0", "abc", "3km", "1.234", "12345"]) {
      expect(() => deliveryFee(banded, new D("500"), bad)).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_BAND" }));
    }
    expect(() => deliveryFee({ offered: false }, new D(1), "3")).toThrow(expect.objectContaining({ code: "DELIVERY_NOT_OFFERED" }));
  });

  it("a rule's bands are stored ascending and normalised; repeated, zero, malformed or too many bands are refused", () => {
    expect(
      checkDeliveryRule({
        offered: true,
        flatFee: "8",
        freeAbove: null,
        bands: [
          { upToKm: "10.0", fee: "5" },
          { upToKm: "3", fee: "0" },
        ],
      })
    ).toEqual({
      offered: true,
      flatFee: "8.00",
      freeAbove: null,
      bands: [
        { upToKm: "3", fee: "0.00" },
        { upToKm: "10", fee: "5.00" },
      ],
    });
    const bad = (bands: { upToKm: string; fee: string }[]) => () => checkDeliveryRule({ offered: true, flatFee: "8", freeAbove: null, bands });
    expect(
      bad([
        { upToKm: "3", fee: "1" },
        { upToKm: "3.0", fee: "2" },
      ])
    ).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_RULE" }));
    expect(bad([{ upToKm: "0", fee: "1" }])).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_RULE" }));
    expect(bad([{ upToKm: "5", fee: "-1" }])).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_RULE" }));
    expect(bad([{ upToKm: "5", fee: "1.001" }])).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_RULE" }));
    expect(bad(Array.from({ length: 9 }, (_, i) => ({ upToKm: String(i + 1), fee: "1" })))).toThrow(expect.objectContaining({ code: "BAD_DELIVERY_RULE" }));
    expect(checkDeliveryRule({ offered: true, flatFee: "8", freeAbove: "99" })).toEqual({ offered: true, flatFee: "8.00", freeAbove: "99.00", bands: [] });
  });
});

describe("wrong pickup codes", () => {
  const t0 = new Date("2026-05-01T02:00:00Z");
  const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it("five wrong codes in a row lock the handover for 15 minutes, then five more are allowed", () => {
    let guard = null as ReturnType<typeof afterWrongPickupCode> | null;
    expect(pickupAttemptsLeft(guard, t0)).toBe(PICKUP_CODE_MAX_ATTEMPTS);
    for (let i = 1; i < PICKUP_CODE_MAX_ATTEMPTS; i++) {
      guard = afterWrongPickupCode(guard, plus(i));
      expect(guard.locked).toBe(false);
      expect(pickupAttemptsLeft(guard, plus(i))).toBe(PICKUP_CODE_MAX_ATTEMPTS - i);
    }
    guard = afterWrongPickupCode(guard, plus(5));
    expect(guard.locked).toBe(true);
    expect(guard.lockedUntil).toEqual(plus(5 + PICKUP_CODE_LOCK_MINUTES));
    expect(pickupLocked(guard, plus(5 + PICKUP_CODE_LOCK_MINUTES))).toBe(false);
    expect(pickupLocked(guard, new Date(plus(5 + PICKUP_CODE_LOCK_MINUTES).getTime() - 1))).toBe(true);
    expect(pickupAttemptsLeft(guard, plus(10))).toBe(0);
    expect(pickupAttemptsLeft(guard, plus(5 + PICKUP_CODE_LOCK_MINUTES))).toBe(PICKUP_CODE_MAX_ATTEMPTS);
    const after = afterWrongPickupCode(guard, plus(30));
    expect(after).toMatchObject({ failedAttempts: 1, locked: false });
    expect(pickupLocked(after, plus(30))).toBe(false);
    expect(pickupAttemptsLeft(after, plus(30))).toBe(PICKUP_CODE_MAX_ATTEMPTS - 1);
  });
});

describe("an order's journals", () => {
  it("payment: clearing against prepayments, balanced", () => {
    expect(paymentJournalLines(new D("48.00"))).toEqual([
      { accountCode: ACCOUNTS.paymentClearing, amount: "48.00" },
      { accountCode: ACCOUNTS.customerPrepayments, amount: "-48.00" },
    ]);
  });

  it("completion balances, and refunds in any steps before and after it give back every part exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 4 }),
        feeArb,
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 5 }),
        (lines, fee, steps, beforeCount) => {
          const parts = recognisedParts(lines, fee);
          const total = sum(parts.map((p) => new D(p.amount)));
          // Cut the total into refund steps by weight; some happen before completion.
          const weights = steps.map((s) => new D(s));
          const wsum = sum(weights);
          const amounts = weights.map((w) => w.times(total).div(wsum).toDecimalPlaces(2, D.ROUND_DOWN));
          amounts[amounts.length - 1] = total.minus(sum(amounts.slice(0, -1)));
          const nonZero = amounts.filter((a) => a.gt(0));
          const k = Math.min(beforeCount, nonZero.length - 1);
          const all: { accountCode: string; amount: string; subledger?: { kind: string; id: string } }[] = [];
          all.push(...paymentJournalLines(total));
          let refunded = ZERO;
          for (const a of nonZero.slice(0, k)) {
            const j = refundJournalLines({ completed: false, amount: a });
            expect(net(j).isZero()).toBe(true);
            all.push(...j);
            refunded = refunded.plus(a);
          }
          const completion = completionJournalLines(lines, fee, ACCOUNTS.customerPrepayments, refunded);
          expect(net(completion).isZero()).toBe(true);
          all.push(...completion);
          for (const a of nonZero.slice(k)) {
            const j = refundJournalLines({ completed: true, amount: a, parts, refundedBefore: refunded });
            expect(net(j).isZero()).toBe(true);
            all.push(...j);
            refunded = refunded.plus(a);
          }
          // Wholly refunded: every account, every household, back to zero.
          for (const [k2, v] of byAccount(all)) expect(v.isZero(), k2).toBe(true);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("completion of an online order is the till sale with customer prepayments as its money side", () => {
    const line = priceLine({ id: "p", price: "38.00", ownerKind: "household", householdId: HOUSEHOLDS[0]!, partnerId: null, commissionRate: new D("0.15") }, new D(5));
    expect(completionJournalLines([line], ZERO, ACCOUNTS.customerPrepayments)).toEqual([
      { accountCode: ACCOUNTS.customerPrepayments, amount: "190.00" },
      { accountCode: ACCOUNTS.householdPayable, amount: "-161.50", subledger: { kind: "household", id: HOUSEHOLDS[0] } },
      { accountCode: ACCOUNTS.commissionIncomeProduce, amount: "-28.50" },
    ]);
  });
});

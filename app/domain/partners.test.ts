import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { D, sum } from "./money";
import { PartnerApiError } from "./partner-api";
import { allocateProRata, checkSettlement, dueDate, invoiceStatuses, PartnerError, priceDeliveryParts, produceKey, statementTotals } from "./partners";

const h = (id: string, available: string) => ({ productId: `p${id}`, householdId: `h${id}`, available: new D(available) });

describe("allocateProRata", () => {
  it("splits by what each household has available, largest remainder to the 0.001 斤", () => {
    const parts = allocateProRata(new D("100"), [h("1", "300"), h("2", "200"), h("3", "100")], "jin");
    expect(parts.map((p) => p.quantity.toFixed(3))).toEqual(["50.000", "33.333", "16.667"]);
    expect(sum(parts.map((p) => p.quantity)).toFixed(3)).toBe("100.000");
  });

  it("splits counted goods in whole units", () => {
    const parts = allocateProRata(new D("7"), [h("1", "5"), h("2", "5"), h("3", "5")], "piece");
    expect(parts.map((p) => p.quantity.toString())).toEqual(["3", "2", "2"]);
  });

  it("takes everything when asked for all that is available, and leaves out empty holdings", () => {
    const parts = allocateProRata(new D("12.5"), [h("1", "10"), h("2", "0"), h("3", "2.5")], "jin");
    expect(parts.map((p) => [p.householdId, p.quantity.toString()])).toEqual([["h1", "10"], ["h3", "2.5"]]);
  });

  it("refuses more than the households hold, and quantities finer than the unit", () => {
    expect(() => allocateProRata(new D("10.001"), [h("1", "10")], "jin")).toThrow(expect.objectContaining({ code: "NOT_ENOUGH_AVAILABLE" }));
    expect(() => allocateProRata(new D("1.5"), [h("1", "10")], "piece")).toThrow(expect.objectContaining({ code: "BAD_QUANTITY" }));
    expect(() => allocateProRata(new D("0"), [h("1", "10")], "jin")).toThrow(expect.objectContaining({ code: "BAD_QUANTITY" }));
  });

  it("always adds up exactly and never gives a household more than it has", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 8 }), fc.double({ min: 0.0001, max: 1, noNaN: true }), (grains, share) => {
        const holdings = grains.map((g, i) => h(String(i), new D(g).div(1000).toString()));
        const total = sum(holdings.map((x) => x.available));
        const quantity = total.times(share).toDecimalPlaces(3, D.ROUND_DOWN);
        if (quantity.lte(0)) return;
        const parts = allocateProRata(quantity, holdings, "jin");
        expect(sum(parts.map((p) => p.quantity)).eq(quantity)).toBe(true);
        for (const p of parts) {
          expect(p.quantity.decimalPlaces()).toBeLessThanOrEqual(3);
          expect(p.quantity.lte(holdings.find((x) => x.productId === p.productId)!.available)).toBe(true);
        }
      }),
    );
  });
});

describe("delivery pricing and payment terms", () => {
  it("splits a household's line into commission and share that add up to the line", () => {
    const [p] = priceDeliveryParts([new D("33.333")], new D("28.50"), new D("0.0800"));
    expect([p!.amount.toFixed(2), p!.commission.toFixed(2), p!.householdShare.toFixed(2)]).toEqual(["949.99", "76.00", "873.99"]);
  });

  it("invoices 200 斤 at ¥32 as exactly ¥6,400.00 however the households split it", () => {
    // Priced per household, 66.667 + 66.667 + 66.666 斤 would come to 2,133.34 × 2 + 2,133.31 = 6,399.99 or 6,400.01.
    const parts = priceDeliveryParts([new D("66.667"), new D("66.667"), new D("66.666")], new D("32.00"), new D("0.0600"));
    expect(sum(parts.map((p) => p.amount)).toFixed(2)).toBe("6400.00");
  });

  it("always invoices lineTotal(total quantity) and splits it exactly (property)", () => {
    const qty = fc.integer({ min: 1, max: 5_000_000 }).map((n) => new D(n).div(1000));
    fc.assert(
      fc.property(fc.array(qty, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 3000 }), (qs, priceFen, rateBp) => {
        const price = new D(priceFen).div(100);
        const parts = priceDeliveryParts(qs, price, new D(rateBp).div(10_000));
        const total = sum(qs).times(price).toDecimalPlaces(2, D.ROUND_HALF_UP);
        expect(sum(parts.map((p) => p.amount)).eq(total)).toBe(true);
        for (const p of parts) expect(p.commission.plus(p.householdShare).eq(p.amount)).toBe(true);
      }),
    );
  });

  it("falls due after the payment terms and is overdue only the day after", () => {
    expect(dueDate("2026-01-25", 30)).toBe("2026-02-24");
    const invoices = [
      { id: "a", amount: new D("100.00"), dueOn: "2026-02-24" },
      { id: "b", amount: new D("50.00"), dueOn: "2026-03-10" },
    ];
    expect(invoiceStatuses(invoices, new D("0"), "2026-02-24").map((s) => s.overdue)).toEqual([false, false]);
    expect(invoiceStatuses(invoices, new D("0"), "2026-02-25").map((s) => s.overdue)).toEqual([true, false]);
  });

  it("settles the oldest invoice first", () => {
    const invoices = [
      { id: "b", amount: new D("50.00"), dueOn: "2026-03-10" },
      { id: "a", amount: new D("100.00"), dueOn: "2026-02-24" },
    ];
    const s = invoiceStatuses(invoices, new D("120.00"), "2026-04-01");
    expect(s.map((x) => [x.id, x.paid.toFixed(2), x.unpaid.toFixed(2), x.overdue])).toEqual([
      ["a", "100.00", "0.00", false],
      ["b", "20.00", "30.00", true],
    ]);
  });

  it("refuses a remittance above what is owed and a payment above what is outstanding", () => {
    expect(() => checkSettlement(new D("100.01"), new D("100.00"), "remittance")).toThrow(expect.objectContaining({ code: "ABOVE_OWED" }));
    expect(() => checkSettlement(new D("1"), new D("0"), "payment")).toThrow(expect.objectContaining({ code: "ABOVE_OUTSTANDING" }));
    expect(() => checkSettlement(new D("100.00"), new D("100.00"), "remittance")).not.toThrow();
  });
});

describe("statement arithmetic", () => {
  it("closes each side from its opening and the period's movements", () => {
    const t = statementTotals({
      consignmentOpening: new D("200.00"),
      consignmentSold: new D("1000.00"),
      consignmentCommission: new D("80.00"),
      remitted: new D("700.00"),
      ordersOpening: new D("50.00"),
      delivered: new D("3000.00"),
      paid: new D("2500.00"),
    });
    expect([t.partnerShare, t.owed, t.outstanding, t.net].map((d) => d.toFixed(2))).toEqual(["920.00", "420.00", "550.00", "130.00"]);
  });
});

describe("produceKey", () => {
  it("treats spacing and full-width forms as the same produce", () => {
    expect(produceKey(" 金银 花 ")).toBe("金银花");
    expect(produceKey("ＡＢ Honey")).toBe("abhoney");
  });
});

describe("the partner errors", () => {
  it("are domain errors whose kind decides the status: state that changed is a conflict, a missing thing not found, the rest a rule", () => {
    const error = new PartnerError("ABOVE_OWED");
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ name: "PartnerError", feature: "partners", code: "ABOVE_OWED", kind: "conflict" });
    expect(new PartnerError("ORDER_NOT_FOUND").kind).toBe("not_found");
    expect(new PartnerError("UNKNOWN_PRODUCE").kind).toBe("rule");
    expect(() => checkSettlement(new D("5.00"), new D("4.50"), "payment")).toThrow("at most 4.50");
  });

  it("name the API's own refusals under their feature, the admin's wrong partner at its field", () => {
    expect(new PartnerApiError("PARTNER_NOT_FOUND")).toMatchObject({ feature: "partner-api", kind: "invalid", field: "partnerId" });
    expect(new PartnerApiError("KEY_NOT_FOUND").kind).toBe("not_found");
    expect(new PartnerApiError("IDEMPOTENCY_CONFLICT").kind).toBe("conflict");
    expect(new PartnerApiError("IDEMPOTENCY_CONFLICT")).not.toBeInstanceOf(PartnerError);
  });
});

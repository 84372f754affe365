import { describe, expect, it } from "vitest";
import { canonicalJson, checkSignature, CloseError, closablePeriod, formatSeal, sealOf } from "./period-close";

const HEAD = "a".repeat(64);

describe("canonicalJson", () => {
  it("sorts keys at every level and drops whitespace", () => {
    expect(canonicalJson({ b: "1.00", a: [{ z: 1, y: null }], c: true })).toBe('{"a":[{"y":null,"z":1}],"b":"1.00","c":true}');
  });
  it("gives the same text whatever order the figures were built in", () => {
    const one = { income: [{ source: "service", amount: "3.00" }], period: "2026-03", farmer: { added: "10.00", paid: "5.00" } };
    const two = { farmer: { paid: "5.00", added: "10.00" }, period: "2026-03", income: [{ amount: "3.00", source: "service" }] };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });
  it("refuses fractional numbers (money travels as strings)", () => {
    expect(() => canonicalJson({ amount: 1.5 })).toThrow(TypeError);
  });
  it("escapes strings as JSON does", () => {
    expect(canonicalJson({ name: '王*华"\n' })).toBe('{"name":"王*华\\"\\n"}');
  });
});

describe("sealOf", () => {
  it("is a SHA-256 over the head and the canonical figures", () => {
    const seal = sealOf(HEAD, { a: "1.00" });
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    expect(sealOf(HEAD, { a: "1.00" })).toBe(seal);
  });
  it("changes when a figure or the head changes", () => {
    const seal = sealOf(HEAD, { a: "1.00" });
    expect(sealOf(HEAD, { a: "1.01" })).not.toBe(seal);
    expect(sealOf("b".repeat(64), { a: "1.00" })).not.toBe(seal);
  });
  it("matches sha256sum of the same text", () => {
    // printf '%s\n{}' 000…0 | sha256sum
    expect(sealOf("0".repeat(64), {})).toBe("5649d09ed68c17156095d175eef152856c5b1a81c117c409c1e00f096aa6838e");
  });
  it("formats in groups of eight", () => {
    expect(formatSeal("0123456789abcdef")).toBe("01234567 89abcdef");
  });
});

describe("checkSignature", () => {
  const base = { preparedBy: "op", signatures: [] as { role: "operator" | "overseer"; userId: string }[] };
  it("lets the operator sign first, then a second person", () => {
    expect(() => checkSignature({ ...base, role: "operator", userId: "op" })).not.toThrow();
    expect(() => checkSignature({ ...base, role: "overseer", userId: "cm", signatures: [{ role: "operator", userId: "op" }] })).not.toThrow();
  });
  it("refuses the second signer before the operator", () => {
    expect(() => checkSignature({ ...base, role: "overseer", userId: "cm" })).toThrow(expect.objectContaining({ code: "OPERATOR_FIRST" }));
  });
  it("refuses signing twice and one role twice", () => {
    const signatures = [{ role: "operator" as const, userId: "op" }];
    expect(() => checkSignature({ ...base, role: "overseer", userId: "op", signatures })).toThrow(expect.objectContaining({ code: "ALREADY_SIGNED" }));
    expect(() => checkSignature({ ...base, role: "operator", userId: "op2", signatures })).toThrow(expect.objectContaining({ code: "ALREADY_SIGNED" }));
  });
  it("refuses the preparer as the second signer", () => {
    const signatures = [{ role: "operator" as const, userId: "op2" }];
    expect(() => checkSignature({ ...base, role: "overseer", userId: "op", signatures })).toThrow(CloseError);
    expect(() => checkSignature({ ...base, role: "overseer", userId: "op", signatures })).toThrow(expect.objectContaining({ code: "OWN_CLOSE" }));
  });
});

describe("closablePeriod", () => {
  it("takes a month that has ended", () => {
    expect(closablePeriod("2026-02", "2026-03-01")).toEqual({ month: "2026-02", first: "2026-02-01", next: "2026-03-01" });
    expect(closablePeriod("2025-12", "2026-03-01").next).toBe("2026-01-01");
  });
  it("refuses the current month and malformed ones", () => {
    expect(() => closablePeriod("2026-03", "2026-03-31")).toThrow(expect.objectContaining({ code: "NOT_ENDED" }));
    expect(() => closablePeriod("2026-13", "2026-03-31")).toThrow(expect.objectContaining({ code: "BAD_PERIOD" }));
  });
});

import { describe, expect, it } from "vitest";
import { heldNotice, maskName, normalizeSeal, verifyPath } from "./notice";

describe("maskName", () => {
  it("keeps the first and last character of a name", () => {
    expect(maskName("王小华")).toBe("王*华");
    expect(maskName("欧阳小华")).toBe("欧**华");
  });
  it("masks short names", () => {
    expect(maskName("李华")).toBe("李*");
    expect(maskName("华")).toBe("*");
    expect(maskName("  ")).toBe("");
  });
  it("counts characters, not UTF-16 units", () => {
    expect(maskName("𠮷野家")).toBe("𠮷*家");
  });
});

describe("verifyPath", () => {
  it("names the station and the month", () => {
    expect(verifyPath("weizhai", "2026-03")).toBe("/verify/weizhai/2026-03");
  });
  it("carries the notice's own seal", () => {
    expect(verifyPath("weizhai", "2026-03", "ab".repeat(32))).toBe(`/verify/weizhai/2026-03?seal=${"ab".repeat(32)}`);
  });
});

describe("normalizeSeal", () => {
  const seal = "0123456789abcdef".repeat(4);
  it("reads a seal typed in groups and in capitals", () => {
    expect(normalizeSeal(seal.match(/.{8}/g)!.join(" ").toUpperCase())).toBe(seal);
  });
  it("keeps anything else as typed, so it matches no seal", () => {
    expect(normalizeSeal(" 0123 ")).toBe("0123");
    expect(normalizeSeal(`${seal}0`)).toBe(`${seal}0`);
  });
});

describe("heldNotice", () => {
  const reopened = (reason: string) => ({ at: new Date("2026-12-02T02:00:00Z"), by: "王静", reason });
  const a = { seal: "a".repeat(64), reopened: reopened("漏记一笔") };
  const b = { seal: "b".repeat(64), reopened: reopened("再补一笔") };
  const c = { seal: "c".repeat(64), reopened: null };
  it("says the last seal not reopened is the current notice", () => {
    expect(heldNotice([a, b, c], c.seal)).toEqual({ kind: "current", index: 2 });
    expect(heldNotice([c], c.seal)).toEqual({ kind: "current", index: 0 });
  });
  it("names the reopening of an older seal and the seal that replaced it", () => {
    expect(heldNotice([a, b, c], a.seal)).toEqual({ kind: "superseded", index: 0, reopened: a.reopened, next: b });
    expect(heldNotice([a, b, c], b.seal)).toEqual({ kind: "superseded", index: 1, reopened: b.reopened, next: c });
  });
  it("has no replacement while the month is still reopened", () => {
    expect(heldNotice([a], a.seal)).toEqual({ kind: "superseded", index: 0, reopened: a.reopened, next: null });
  });
  it("takes the latest close when a re-close sealed the same again", () => {
    expect(heldNotice([{ ...c, reopened: a.reopened }, c], c.seal)).toEqual({ kind: "current", index: 1 });
  });
  it("knows no seal the month never had", () => {
    expect(heldNotice([a, c], "d".repeat(64))).toEqual({ kind: "unknown" });
    expect(heldNotice([], c.seal)).toEqual({ kind: "unknown" });
  });
});

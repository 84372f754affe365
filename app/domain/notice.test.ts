import { describe, expect, it } from "vitest";
import { maskName, verifyPath } from "./notice";

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
});

import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps same-site paths and refuses everything else", () => {
    expect(safeRedirectPath("/stations/huawu?x=1")).toBe("/stations/huawu?x=1");
    const bad = [
      "//evil.example",
      "https://evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "javascript:alert(1)",
      "",
      null,
      undefined,
    ];
    for (const to of bad) {
      expect(safeRedirectPath(to)).toBe("/");
    }
  });
});

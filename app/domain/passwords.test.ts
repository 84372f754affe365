import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { passwordProblem } from "./passwords";

describe("passwordProblem", () => {
  it("accepts a decent password", () => {
    expect(passwordProblem("lotus-pond-88")).toBeNull();
    expect(passwordProblem("金银花开满山坡啦")).toBeNull(); // eight Chinese characters count as eight
  });

  it("refuses short and absurdly long ones", () => {
    expect(passwordProblem("abc123!")).toBe("too_short");
    expect(passwordProblem("x".repeat(129))).toBe("too_long");
  });

  it("refuses the commonest passwords, Chinese favourites included, in any case", () => {
    for (const p of ["woaini1314", "5201314520", "qq123456", "Password1", "1qaz2wsx", "WOAINI520", "88888888"]) {
      expect(passwordProblem(p)).toBe("too_common");
    }
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(300);
  });

  it("refuses birthdays, repetitions and runs", () => {
    for (const p of ["19900101", "20010930", "aaaaaaaaa", "23456789", "87654321", "abcdefghij"]) expect(passwordProblem(p)).toBe("too_common");
  });

  it("refuses a password containing the person's own phone or username", () => {
    expect(passwordProblem("wo13800000101", ["13800000101"])).toBe("contains_login");
    expect(passwordProblem("Weizhai-Committee!", ["weizhai-committee"])).toBe("contains_login");
    expect(passwordProblem("lotus-pond-88", ["13800000101", null])).toBeNull();
  });
});

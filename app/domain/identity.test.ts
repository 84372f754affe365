import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { CODE_ALPHABET, formatSetPasswordCode, IdentityError, loginKey, normalizePhone, normalizeSetPasswordCode, normalizeUsername, parseLoginName } from "./identity";

describe("phone numbers", () => {
  it("accept mainland mobiles as people type them", () => {
    for (const typed of ["13800000101", "138 0000 0101", "138-0000-0101", "+86 138 0000 0101", "8613800000101", "0086 13800000101"]) {
      expect(normalizePhone(typed)).toBe("13800000101");
    }
  });

  it("refuse what is not a mainland mobile", () => {
    for (const typed of ["12800000101", "1380000010", "138000001011", "0857-5212345", "abc", ""]) expect(normalizePhone(typed)).toBeNull();
  });
});

describe("sign-in names", () => {
  it("tell phones from usernames, and every spelling of one login shares a throttle key", () => {
    expect(parseLoginName("13800000101")).toEqual({ kind: "phone", phone: "13800000101" });
    expect(parseLoginName(" Weizhai-Committee ")).toEqual({ kind: "username", username: "weizhai-committee" });
    expect(parseLoginName("1abc")).toBeNull();
    expect(normalizeUsername("ab")).toBeNull();
    expect(loginKey("+86 138 0000 0101")).toBe(loginKey("13800000101"));
    expect(loginKey("QIANXI-ADMIN")).toBe(loginKey("qianxi-admin"));
  });
});

describe("set-password codes", () => {
  it("survive being typed in lower case, with spaces, O for 0 and I or L for 1", () => {
    expect(normalizeSetPasswordCode("7k2m 9qxd-4hbt-Owra")).toBe("7K2M9QXD4HBT0WRA");
    expect(normalizeSetPasswordCode("1I1L-0000-0000-0000")).toBe("1111000000000000");
    expect(normalizeSetPasswordCode("7K2M-9QXD-4HBT")).toBeNull();
    expect(normalizeSetPasswordCode("7K2M-9QXD-4HBT-0WRU")).toBeNull(); // U is not in the alphabet
  });

  it("round-trip through formatting", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: 16, maxLength: 16 }), (chars) => {
        const code = chars.join("");
        expect(normalizeSetPasswordCode(formatSetPasswordCode(code))).toBe(code);
      }),
    );
  });
});

describe("identity errors", () => {
  it("are domain errors of the identity feature, each code with its kind", () => {
    const taken = new IdentityError("PHONE_TAKEN");
    expect(taken).toBeInstanceOf(DomainError);
    expect(taken).toBeInstanceOf(IdentityError);
    expect(taken).toMatchObject({ name: "IdentityError", feature: "identity", code: "PHONE_TAKEN", kind: "conflict" });
    expect(new IdentityError("PLACE_NOT_FOUND").kind).toBe("not_found");
    expect(new IdentityError("CODE_INVALID").kind).toBe("invalid");
    expect(new IdentityError("ACCOUNT_INACTIVE").kind).toBe("conflict");
  });
});

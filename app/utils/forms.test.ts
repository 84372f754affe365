import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newPasswordField, optionalPhoneField, parseForm, phoneField, refineNewPassword, requiredText } from "./forms";
import { makeTranslate } from "./i18n";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

describe("parseForm", () => {
  const Schema = z
    .object({ name: requiredText(10), phone: phoneField(), backup: optionalPhoneField(), password: newPasswordField(), confirmPassword: z.string() })
    .superRefine((v, ctx) => refineNewPassword(v, ctx, [v.phone]));

  it("returns clean data", () => {
    const result = parseForm(Schema, form({ name: " 张丽 ", phone: "139 0000 1234", backup: "", password: "lotus-pond-88", confirmPassword: "lotus-pond-88" }), makeTranslate("zh-CN"));
    expect(result).toEqual({ ok: true, data: { name: "张丽", phone: "13900001234", backup: null, password: "lotus-pond-88", confirmPassword: "lotus-pond-88" } });
  });

  it("translates one error per field and never echoes a password", () => {
    const result = parseForm(Schema, form({ name: "", phone: "12", password: "short", confirmPassword: "short" }), makeTranslate("en"));
    expect(result).toEqual({
      ok: false,
      errors: { name: "This field is required", phone: "Enter an 11-digit mainland mobile number, e.g. 13800000000", password: "At least 8 characters" },
      values: { name: "", phone: "12" },
    });
  });

  it("runs the whole-form checks once the fields are fine", () => {
    const result = parseForm(Schema, form({ name: "a", phone: "13900001234", password: "x13900001234", confirmPassword: "y" }), makeTranslate("zh-CN"));
    expect(result).toMatchObject({ ok: false, errors: { password: "密码不要包含自己的手机号或用户名", confirmPassword: "两次输入的密码不一样" } });
  });

  it("reports a field missing from the form as required, an unknown message as invalid", () => {
    const result = parseForm(z.object({ a: requiredText(), b: z.number() }), form({}), makeTranslate("zh-CN"));
    expect(result).toMatchObject({ ok: false, errors: { a: "请填写此项", b: "格式不正确" } });
  });
});

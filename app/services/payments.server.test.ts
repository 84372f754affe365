import { describe, expect, it } from "vitest";
import { D } from "~/domain/money";
import { EnvError, loadEnv } from "~/utils/env.server";
import { createPaymentsGateway, fenForStripe, hostedPageOrigins, PaymentsRefusedError, PaymentsSignatureError, PaymentsUnavailableError, yuanFromStripe } from "./payments.server";

const base = { NODE_ENV: "test", SESSION_SECRET: "test-secret-test-secret-test-secret-0123" };

describe("amounts for Stripe", () => {
  it("converts yuan to integer fen in one place, refusing sub-fen amounts", () => {
    expect(fenForStripe("12.50")).toBe(1250);
    expect(fenForStripe(new D("0.01"))).toBe(1);
    expect(fenForStripe("1,234.56")).toBe(123456);
    expect(() => fenForStripe("1.005")).toThrow();
    expect(() => fenForStripe(new D("0.001"))).toThrow();
    expect(yuanFromStripe(123456)).toBe("1234.56");
    expect(yuanFromStripe(0)).toBe("0.00");
  });
});

describe("the Stripe configuration", () => {
  it("is off without a key: no gateway, no extra form-action origin", () => {
    const env = loadEnv(base);
    expect(createPaymentsGateway(env)).toBeNull();
    expect(hostedPageOrigins(env)).toEqual([]);
  });

  it("needs the webhook secret with the key, and names bad values", () => {
    expect(() => loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(EnvError);
    expect(() => loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_PORT: "99999" })).toThrow(/STRIPE_API_PORT/);
    expect(() => loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_PROTOCOL: "ftp" })).toThrow(/STRIPE_API_PROTOCOL/);
    expect(() => loadEnv({ ...base, STRIPE_API_HOST: "http://x/" })).toThrow(/STRIPE_API_HOST/);
  });

  it("points at Stripe's hosted Checkout, or at the configured compatible gateway", () => {
    const real = loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" });
    expect(hostedPageOrigins(real)).toEqual(["https://checkout.stripe.com"]);
    const local = loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_HOST: "127.0.0.1", STRIPE_API_PORT: "12111", STRIPE_API_PROTOCOL: "http" });
    expect(local.STRIPE_API_PORT).toBe(12111);
    expect(hostedPageOrigins(local)).toEqual(["http://127.0.0.1:12111"]);
    expect(createPaymentsGateway(local)).not.toBeNull();
  });

  it("refuses a webhook without a valid signature", () => {
    const gateway = createPaymentsGateway(loadEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }))!;
    expect(() => gateway.constructEvent("{}", null)).toThrow(PaymentsSignatureError);
    expect(() => gateway.constructEvent("{}", "t=1,v1=00")).toThrow(PaymentsSignatureError);
  });
});

describe("the pay form's redirect to the hosted page", () => {
  it("is allowed by the pages' form-action, and only to the configured gateway", async () => {
    const { contentSecurityPolicy } = await import("~/utils/http-security");
    expect(contentSecurityPolicy("n", ["http://127.0.0.1:12111"])).toContain("form-action 'self' http://127.0.0.1:12111;");
    expect(contentSecurityPolicy("n")).toContain("form-action 'self';");
  });
});

describe("the adapter's errors", () => {
  it("are recognised across module copies (the gateway is built outside the Remix build) by their brand", () => {
    // What another copy of app/domain/errors.ts makes: the same global brand and class name.
    const fromOtherCopy = Object.assign(new Error("down"), { [Symbol.for("cunzhan.domain-error")]: true, name: "PaymentsUnavailableError" });
    expect(fromOtherCopy instanceof PaymentsUnavailableError).toBe(true);
    expect(fromOtherCopy instanceof PaymentsRefusedError).toBe(false);
    expect(new PaymentsRefusedError("no", "amount_too_large") instanceof PaymentsRefusedError).toBe(true);
    expect(new Error("PaymentsSignatureError") instanceof PaymentsSignatureError).toBe(false);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiKeyPrefix, canonicalJson, CreateOrderRequest, IDEMPOTENCY_KEY_MAX, IdempotencyKeyHeader, issuePath } from "./partner-api";
import { buildOpenApiDocument } from "./partner-openapi";

describe("canonicalJson", () => {
  it("is the same for the same meaning, whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [{ y: "2", x: null }] })).toBe(canonicalJson({ a: [{ x: null, y: "2" }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("parses back to the same value, for any JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe("CreateOrderRequest", () => {
  const ok = { stationCode: "weizhai", deliveryDate: "2026-12-20", lines: [{ productKey: "金银花", quantity: "2000", unitPrice: "36.50" }] };

  it("takes decimal strings and refuses numbers, zero, negatives and extra fields, naming the path", () => {
    expect(CreateOrderRequest.safeParse(ok).success).toBe(true);
    const paths = (body: unknown) => {
      const r = CreateOrderRequest.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => issuePath(i.path));
    };
    expect(paths({ ...ok, lines: [{ ...ok.lines[0], quantity: 2000 }] })).toEqual(["lines.0.quantity"]);
    expect(paths({ ...ok, lines: [{ ...ok.lines[0], quantity: "0" }] })).toEqual(["lines.0.quantity"]);
    expect(paths({ ...ok, lines: [{ ...ok.lines[0], unitPrice: "-1" }] })).toEqual(["lines.0.unitPrice"]);
    expect(paths({ ...ok, deliveryDate: "2026-02-30" })).toEqual(["deliveryDate"]);
    expect(paths({ ...ok, lines: [] })).toEqual(["lines"]);
    expect(paths({ ...ok, extra: true })).toEqual(["(body)"]);
  });
});

describe("API keys", () => {
  it("show a fixed prefix, and only for well-formed keys", () => {
    expect(apiKeyPrefix("czk_ab12cd34_0123456789abcdefghijklmnopqrstuv")).toBe("czk_ab12cd34");
    expect(apiKeyPrefix("czk_ab12cd34_short")).toBeNull();
    expect(apiKeyPrefix("Bearer czk_ab12cd34_0123456789abcdefghijklmnopqrstuv")).toBeNull();
  });
});

describe("the OpenAPI document", () => {
  it("describes every route from the shared schemas, with its server", () => {
    const doc = buildOpenApiDocument("https://cunzhan.example/") as { servers: { url: string }[]; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.servers).toEqual([{ url: "https://cunzhan.example/api/v1" }]);
    expect(Object.keys(doc.paths).sort()).toEqual(["/orders", "/orders/{id}", "/produce"]);
    expect(doc.components.schemas.CreateOrderRequest).toMatchObject({ type: "object", additionalProperties: false, required: ["stationCode", "deliveryDate", "lines"] });
    expect(JSON.stringify(doc)).not.toContain("__shared");
  });
});

describe("the Idempotency-Key has one length everywhere", () => {
  it("the OpenAPI document's pattern accepts exactly what the check accepts", () => {
    const doc = buildOpenApiDocument("http://localhost") as { paths: Record<string, { post?: { parameters?: { name: string; schema: { pattern: string } }[] } }> };
    const header = Object.values(doc.paths)
      .flatMap((path) => path.post?.parameters ?? [])
      .find((parameter) => parameter.name === "Idempotency-Key")!;
    const documented = new RegExp(header.schema.pattern);
    for (const key of ["a", "k".repeat(IDEMPOTENCY_KEY_MAX), "k".repeat(IDEMPOTENCY_KEY_MAX + 1), "k".repeat(200), "", "两个字", "a b"]) {
      expect(documented.test(key), key.slice(0, 12)).toBe(IdempotencyKeyHeader.safeParse(key).success);
    }
    expect(IdempotencyKeyHeader.safeParse("k".repeat(IDEMPOTENCY_KEY_MAX)).success).toBe(true);
    expect(IdempotencyKeyHeader.safeParse("k".repeat(IDEMPOTENCY_KEY_MAX + 1)).success).toBe(false);
  });
});

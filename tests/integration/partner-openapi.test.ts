import type { AppLoadContext } from "@remix-run/node";
import { DELIVERY_DATE } from "../factories/partners";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as openapiRoute from "../../app/routes/api.v1.openapi[.]json";
import * as ordersRoute from "../../app/routes/api.v1.orders";
import * as orderRoute from "../../app/routes/api.v1.orders_.$id";
import * as produceRoute from "../../app/routes/api.v1.produce";
import { createApiKey } from "../../app/models/partners/api-keys.server";
import { makeStation } from "../factories/geography";
import { makeApiWorld } from "../factories/partner-portal";
import { testContext, testDb } from "../support/db";
import { BASE } from "../support/http";

type Json = Record<string, unknown>;
type Args = { request: Request; params: Record<string, string>; context: AppLoadContext };

async function call(fn: (args: Args) => Promise<unknown>, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    return (await fn({ request, params, context: testContext() })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const req = (path: string, key: string | null, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
  new Request(`${BASE}${path}`, { method: init.method ?? "GET", body: init.body, headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...init.headers } });

async function loadDocument(): Promise<Json> {
  const res = await call(openapiRoute.loader, req("/api/v1/openapi.json", null));
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("application/json");
  return (await res.json()) as Json;
}

// JSON Schema 2020-12 keywords (core, applicator, validation, meta-data, format, unevaluated).
const KEYWORDS = new Set(
  (
    "$schema $id $ref $defs $anchor $dynamicRef $dynamicAnchor $comment $vocabulary allOf anyOf oneOf not if then else dependentSchemas " +
    "prefixItems items contains properties patternProperties additionalProperties propertyNames unevaluatedItems unevaluatedProperties " +
    "type enum const multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern maxItems minItems uniqueItems " +
    "maxContains minContains maxProperties minProperties required dependentRequired title description default deprecated readOnly writeOnly examples format " +
    "contentEncoding contentMediaType contentSchema"
  ).split(" "),
);
const SUBSCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SUBSCHEMA_ONE = new Set(["items", "contains", "additionalProperties", "propertyNames", "not", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties"]);

/** Problems with a schema as JSON Schema 2020-12: unknown keywords, bad types, dangling refs, bad patterns. */
function schemaProblems(schema: unknown, where: string, components: Json): string[] {
  if (typeof schema === "boolean") return [];
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [`${where}: not a schema`];
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema as Json)) {
    if (!KEYWORDS.has(keyword)) problems.push(`${where}: unknown keyword ${keyword}`);
    if (keyword === "$ref") {
      const name = String(value).replace("#/components/schemas/", "");
      if (!String(value).startsWith("#/components/schemas/") || !(name in components)) problems.push(`${where}: dangling $ref ${String(value)}`);
    }
    if (keyword === "type" && !["string", "number", "integer", "boolean", "object", "array", "null"].includes(String(value))) problems.push(`${where}: bad type`);
    if (keyword === "pattern") {
      try {
        new RegExp(String(value), "u");
      } catch {
        problems.push(`${where}: bad pattern`);
      }
    }
    if (keyword === "required" && !(Array.isArray(value) && value.every((v) => typeof v === "string"))) problems.push(`${where}: bad required`);
    if (SUBSCHEMA_MAPS.has(keyword)) for (const [k, sub] of Object.entries(value as Json)) problems.push(...schemaProblems(sub, `${where}.${keyword}.${k}`, components));
    if (SUBSCHEMA_LISTS.has(keyword)) (value as unknown[]).forEach((sub, i) => problems.push(...schemaProblems(sub, `${where}.${keyword}.${i}`, components)));
    if (SUBSCHEMA_ONE.has(keyword)) problems.push(...schemaProblems(value, `${where}.${keyword}`, components));
  }
  return problems;
}

/** A zod validator built from the document's own JSON Schema (z.fromJSONSchema), refs resolved within the document. */
function validatorFor(document: Json, schema: Json): z.ZodType {
  const components = (document.components as { schemas: Json }).schemas;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "$ref" ? String(x).replace("#/components/schemas/", "#/$defs/") : rewrite(x)]))
        : v;
  return z.fromJSONSchema({ ...(rewrite(schema) as Json), $defs: rewrite(components) } as Parameters<typeof z.fromJSONSchema>[0]);
}

function responseSchema(document: Json, path: string, method: string, status: number): Json {
  const operation = (document.paths as Record<string, Record<string, Json>>)[path]![method]!;
  const response = (operation.responses as Record<string, Json>)[String(status)];
  expect(response, `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
  return (response!.content as Record<string, { schema: Json }>)["application/json"]!.schema;
}

async function expectDocumented(document: Json, path: string, method: string, res: Response): Promise<unknown> {
  const body = await res.json();
  const check = validatorFor(document, responseSchema(document, path, method, res.status)).safeParse(body);
  expect(check.success ? [] : check.error.issues, `${method.toUpperCase()} ${path} → ${res.status} matches the document`).toEqual([]);
  return body;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 whose every schema is valid JSON Schema 2020-12 and whose every operation documents its JSON answers", async () => {
    const document = await loadDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    const components = (document.components as { schemas: Json }).schemas;
    const problems = Object.entries(components).flatMap(([name, schema]) => schemaProblems(schema, name, components));
    expect(problems).toEqual([]);
    const operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(["get /orders", "get /orders/{id}", "get /produce", "post /orders"]);
    for (const { path, method, op } of operations) {
      expect(op.operationId, `${method} ${path}`).toEqual(expect.any(String));
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        expect(response.description, `${method} ${path} ${status}`).toEqual(expect.any(String));
        const schema = (response.content as Record<string, { schema: Json }>)["application/json"]!.schema;
        expect(schemaProblems(schema, `${method} ${path} ${status}`, components)).toEqual([]);
        expect(() => validatorFor(document, schema)).not.toThrow();
      }
    }
    // The validator built from the document can refuse: it is not a test that cannot fail.
    const order = validatorFor(document, { $ref: "#/components/schemas/Order" });
    expect(order.safeParse({ id: "x" }).success).toBe(false);
    const request = validatorFor(document, { $ref: "#/components/schemas/CreateOrderRequest" });
    expect(request.safeParse({ stationCode: "huawu", deliveryDate: "2026-12-20", lines: [{ productKey: "金银花", quantity: "10", unitPrice: "3.00" }] }).success).toBe(true);
    expect(request.safeParse({ stationCode: "huawu", deliveryDate: "2026-12-20", lines: [{ productKey: "金银花", quantity: 10, unitPrice: "3.00" }] }).success).toBe(false);
    expect(request.safeParse({ stationCode: "huawu", deliveryDate: "2026-12-20", lines: [], extra: 1 }).success).toBe(false);
  });

  it("matches what the API actually answers, for every documented success and error", async () => {
    const db = testDb();
    const document = await loadDocument();
    const { station, key } = await makeApiWorld(db, { ratePerMinute: 30 });
    const body = JSON.stringify({ stationCode: station.code, deliveryDate: DELIVERY_DATE, lines: [{ productKey: "金银花", quantity: "250.5", unitPrice: "31.80" }] });
    const post = (k: string, b = body) => req("/api/v1/orders", key.key, { method: "POST", body: b, headers: { "Idempotency-Key": k, "Content-Type": "application/json" } });

    await expectDocumented(document, "/produce", "get", await call(produceRoute.loader, req("/api/v1/produce", key.key)));
    await expectDocumented(document, "/produce", "get", await call(produceRoute.loader, req(`/api/v1/produce?station=${station.code}`, key.key)));
    await expectDocumented(document, "/produce", "get", await call(produceRoute.loader, req("/api/v1/produce?station=NOT%20A%20CODE", key.key)));
    const created = (await expectDocumented(document, "/orders", "post", await call(ordersRoute.action, post("doc-1")))) as { id: string; total: { amount: string } };
    expect(created.total.amount).toBe("7965.90");
    await expectDocumented(document, "/orders", "post", await call(ordersRoute.action, post("doc-1")));
    await expectDocumented(document, "/orders", "post", await call(ordersRoute.action, post("doc-1", body.replace("250.5", "250.6"))));
    await expectDocumented(document, "/orders", "post", await call(ordersRoute.action, post("doc-2", "{nope")));
    await expectDocumented(document, "/orders", "post", await call(ordersRoute.action, post("doc-3", body.replace("金银花", "天麻"))));
    await expectDocumented(document, "/orders", "get", await call(ordersRoute.loader, req("/api/v1/orders", key.key)));
    await expectDocumented(document, "/orders/{id}", "get", await call(orderRoute.loader, req(`/api/v1/orders/${created.id}`, key.key), { id: created.id }));
    const rival = await createApiKey(db, { partnerId: (await makeApiWorld(db, { station: await makeStation(db) })).partner.id, label: "r", actorUserId: null, countyIds: "any" });
    await expectDocumented(document, "/orders/{id}", "get", await call(orderRoute.loader, req(`/api/v1/orders/${created.id}`, rival.key), { id: created.id }));
    await expectDocumented(document, "/orders", "get", await call(ordersRoute.loader, req("/api/v1/orders", null)));
    const limited = await createApiKey(db, { partnerId: (await makeApiWorld(db)).partner.id, label: "l", ratePerMinute: 1, actorUserId: null, countyIds: "any" });
    await call(ordersRoute.loader, req("/api/v1/orders", limited.key));
    const tooMany = await call(ordersRoute.loader, req("/api/v1/orders", limited.key));
    expect(tooMany.status).toBe(429);
    await expectDocumented(document, "/orders", "get", tooMany);
  });
});

import { z } from "zod";
import { ApiError, CreateOrderRequest, IDEMPOTENCY_KEY_PATTERN, Money, Order, OrderLine, OrderLineInput, OrderList, ProduceItem, ProduceList, StationProduce } from "./partner-api";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse
 * and answer with (ADR 013). Components are produced by one z.toJSONSchema call over a
 * registry, so shared pieces become `#/components/schemas/…` references.
 */

const COMPONENTS = {
  Money,
  OrderLineInput,
  CreateOrderRequest,
  OrderLine,
  Order,
  OrderList,
  ProduceItem,
  StationProduce,
  ProduceList,
  Error: ApiError,
} as const;

export type ComponentName = keyof typeof COMPONENTS;

type JsonSchema = Record<string, unknown>;

function componentSchemas(io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: "throw" });
  // Inside an OpenAPI document the dialect is declared once (jsonSchemaDialect), and a
  // component's location is its identity: drop the per-schema $schema and $id.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName, description: string) => ({ description, content: { "application/json": { schema: ref(name) } } });
const errorResponse = (description: string) => json("Error", description);

const COMMON_ERRORS = {
  "401": errorResponse("Missing, unknown or revoked API key"),
  "429": { ...errorResponse("Too many requests for this key; see Retry-After"), headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds" } } },
};

const LANGUAGE_PARAMS = [
  { name: "Accept-Language", in: "header", required: false, schema: { type: "string" }, description: "zh-CN (default) or en; error messages only" },
  { name: "lng", in: "query", required: false, schema: { type: "string", enum: ["zh-CN", "en"] }, description: "Overrides Accept-Language" },
];

/** The whole document, as served at /api/v1/openapi.json. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  // Requests are described as they are accepted (input), responses as they are sent (output);
  // every component here reads the same both ways, so one set of components serves both.
  const schemas = componentSchemas("output");
  const input = componentSchemas("input");
  schemas.CreateOrderRequest = input.CreateOrderRequest!;
  schemas.OrderLineInput = input.OrderLineInput!;
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Cunzhan partner API",
      version: "1.0.0",
      description:
        "For partner companies' own systems: available produce by station, bulk orders and their status. " +
        "Authenticate with `Authorization: Bearer <key>` (issued by the county centre, shown once). " +
        "Money and quantities are decimal strings.",
    },
    servers: [{ url: `${serverUrl.replace(/\/$/, "")}/api/v1` }],
    security: [{ bearerAuth: [] }],
    paths: {
      "/produce": {
        get: {
          operationId: "listProduce",
          summary: "Available produce and stock by station",
          parameters: [
            { name: "station", in: "query", required: false, schema: { type: "string", pattern: "^[a-z0-9-]{2,40}$" }, description: "Only this station" },
            ...LANGUAGE_PARAMS,
          ],
          responses: { "200": json("ProduceList", "Produce by station"), "400": errorResponse("Bad query"), ...COMMON_ERRORS },
        },
      },
      "/orders": {
        get: {
          operationId: "listOrders",
          summary: "This partner's bulk orders, newest first",
          parameters: LANGUAGE_PARAMS,
          responses: { "200": json("OrderList", "Orders"), ...COMMON_ERRORS },
        },
        post: {
          operationId: "createOrder",
          summary: "Place a bulk order (idempotent)",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: true,
              schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
              description: "Same key and same body: the same order and response. Same key, different body: 409.",
            },
            ...LANGUAGE_PARAMS,
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("CreateOrderRequest") } } },
          responses: {
            "201": json("Order", "Order placed (a replay of the same request answers the same)"),
            "400": errorResponse("Malformed JSON or invalid fields (issues name the field path)"),
            "409": errorResponse("Idempotency-Key reused with a different body"),
            "413": errorResponse("Body larger than 64 KiB"),
            "422": errorResponse("A rule the order breaks (unknown produce, inactive partner, …)"),
            ...COMMON_ERRORS,
          },
        },
      },
      "/orders/{id}": {
        get: {
          operationId: "getOrder",
          summary: "One order and its delivery status",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }, ...LANGUAGE_PARAMS],
          responses: { "200": json("Order", "The order"), "404": errorResponse("No such order for this partner"), ...COMMON_ERRORS },
        },
      },
    },
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "czk_… key" } },
    },
  };
}

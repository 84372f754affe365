import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { DELIVERY_DATE } from "../factories/partners";
import { addDays, chinaToday } from "../../app/domain/dates";
import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../app/models/partners/api-keys.server";
import * as ordersRoute from "../../app/routes/api.v1.orders";
import * as orderRoute from "../../app/routes/api.v1.orders_.$id";
import * as produceRoute from "../../app/routes/api.v1.produce";
import { makeStation, makeVillage } from "../factories/geography";
import { makeCountyAdmin } from "../factories/identity";
import { rows } from "../factories/ledger";
import { countyOfStation, makeApiWorld, makePartnerAt } from "../factories/partner-portal";
import { testContext, testDb } from "../support/db";
import { BASE } from "../support/http";

type Args = { request: Request; params: Record<string, string>; context: AppLoadContext };

/** Runs a loader/action the way Remix would and returns the Response, thrown or returned. */
async function call(fn: (args: Args) => Promise<unknown>, request: Request, params: Record<string, string> = {}, context = testContext()): Promise<Response> {
  try {
    const result = await fn({ request, params, context });
    if (!(result instanceof Response)) throw new Error("API routes answer with a Response");
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function apiGet(path: string, key: string | null, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } });
}

function apiPost(path: string, key: string | null, body: string | object, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
  });
}

const orderBody = (stationCode: string, quantity = "300") => ({
  stationCode,
  deliveryDate: DELIVERY_DATE,
  lines: [{ productKey: "金银花", quantity, unitPrice: "32.00" }],
});

async function countOrders(partnerId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(testDb(), sql`select count(*)::int as n from bulk_orders where partner_id = ${partnerId}`);
  return row!.n;
}

describe("API keys", () => {
  it("live from creation to revocation: a key works, then answers 401 once revoked; unknown and missing keys are 401 too", async () => {
    const db = testDb();
    const { station, partner, key } = await makeApiWorld(db);
    expect(key.key).toMatch(/^czk_[a-z0-9]{8}_[a-z0-9]{32}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const [stored] = await rows<{ secret_hash: string }>(db, sql`select secret_hash from partner_api_keys where id = ${key.id}`);
    expect(stored!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.secret_hash).not.toContain(key.key.slice(13));

    const ok = await call(produceRoute.loader, apiGet("/api/v1/produce", key.key));
    expect(ok.status).toBe(200);
    const produce = await ok.json();
    expect(produce.stations).toEqual([
      expect.objectContaining({ stationCode: station.code, produce: [expect.objectContaining({ productKey: "金银花", available: "1000.000", households: 2 })] }),
    ]);

    for (const bad of [null, "czk_nothere0_0123456789abcdefghijklmnopqrstuv", "not-a-key"]) {
      const res = await call(produceRoute.loader, apiGet("/api/v1/produce", bad));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHORIZED");
    }

    const admin = await makeCountyAdmin(db, partner.countyId);
    await revokeApiKey(db, { keyId: key.id, actorUserId: admin.id, countyIds: [partner.countyId] });
    const revoked = await call(produceRoute.loader, apiGet("/api/v1/produce", key.key));
    expect(revoked.status).toBe(401);
    expect(await countOrders(partner.id)).toBe(0);
    const refused = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, orderBody(station.code), { "Idempotency-Key": "after-revoke" }));
    expect(refused.status).toBe(401);
    expect(await countOrders(partner.id)).toBe(0);
  });

  it("cannot be made or revoked by an admin of another county", async () => {
    const db = testDb();
    const { partner, key } = await makeApiWorld(db);
    const stranger = await makeCountyAdmin(db);
    const strangerCounty = stranger.homeCountyId!;
    await expect(createApiKey(db, { partnerId: partner.id, label: "x", actorUserId: stranger.id, countyIds: [strangerCounty] })).rejects.toMatchObject({ code: "PARTNER_NOT_FOUND" });
    await expect(revokeApiKey(db, { keyId: key.id, actorUserId: stranger.id, countyIds: [strangerCounty] })).rejects.toMatchObject({ code: "KEY_NOT_FOUND" });
  });

  it("are rate-limited per key in the database: 429 with Retry-After past the limit, other keys unaffected", async () => {
    const db = testDb();
    const { partner, key } = await makeApiWorld(db, { ratePerMinute: 3 });
    const other = await createApiKey(db, { partnerId: partner.id, label: "other", ratePerMinute: 3, actorUserId: null, countyIds: "any" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(ordersRoute.loader, apiGet("/api/v1/orders", key.key))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(ordersRoute.loader, apiGet("/api/v1/orders?lng=en", key.key));
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await limited.json()).error).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining("Too many requests") });
    expect((await call(ordersRoute.loader, apiGet("/api/v1/orders", other.key))).status).toBe(200);
  });
});

describe("placing orders", () => {
  it("refuses a delivery date before today with 422 and a message that says so, writing nothing", async () => {
    const db = testDb();
    const { station, partner, key } = await makeApiWorld(db);
    const yesterday = addDays(chinaToday(), -1);
    const res = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, { ...orderBody(station.code), deliveryDate: yesterday }, { "Idempotency-Key": "po-past-1" }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toEqual({ code: "UNPROCESSABLE", message: `交货日期不能早于今天（${chinaToday()}）。` });
    expect(await countOrders(partner.id)).toBe(0);
    // Today itself is fine.
    const today = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, { ...orderBody(station.code), deliveryDate: chinaToday() }, { "Idempotency-Key": "po-today-1" }));
    expect(today.status).toBe(201);
  });

  it("replays the same key and body: one order, the same answer; a different body under the key is 409 and writes nothing", async () => {
    const db = testDb();
    const { station, partner, key } = await makeApiWorld(db);
    const first = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, orderBody(station.code), { "Idempotency-Key": "po-2026-001" }));
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({ status: "placed", stationCode: station.code, total: { amount: "9600.00", currency: "CNY" } });
    expect(first.headers.get("Location")).toBe(`/api/v1/orders/${firstBody.id}`);

    // Same meaning, different key order and whitespace: the same request.
    const reordered = `{ "lines": [{"unitPrice":"32.00","quantity":"300","productKey":"金银花"}], "deliveryDate":"${DELIVERY_DATE}", "stationCode":"${station.code}" }`;
    for (let i = 0; i < 3; i++) {
      const again = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, reordered, { "Idempotency-Key": "po-2026-001" }));
      expect(again.status).toBe(201);
      expect(again.headers.get("Idempotent-Replayed")).toBe("true");
      expect(await again.json()).toEqual(firstBody);
    }
    expect(await countOrders(partner.id)).toBe(1);

    const changed = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, orderBody(station.code, "301"), { "Idempotency-Key": "po-2026-001" }));
    expect(changed.status).toBe(409);
    expect((await changed.json()).error.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(await countOrders(partner.id)).toBe(1);

    const next = await call(ordersRoute.action, apiPost("/api/v1/orders", key.key, orderBody(station.code, "301"), { "Idempotency-Key": "po-2026-002" }));
    expect(next.status).toBe(201);
    expect(await countOrders(partner.id)).toBe(2);
  });

  it("refuses bad input with 400 naming the field path, and rules broken with 422, writing nothing", async () => {
    const db = testDb();
    const { station, partner, key } = await makeApiWorld(db);
    const post = (body: string | object, headers: Record<string, string> = { "Idempotency-Key": `k-${Math.random()}` }) =>
      call(ordersRoute.action, apiPost("/api/v1/orders", key.key, body, headers));

    const malformed = await post('{"stationCode": "x", ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("MALFORMED_JSON");

    const badField = await post({ ...orderBody(station.code), lines: [{ productKey: "金银花", quantity: "-3", unitPrice: "32.00" }] });
    expect(badField.status).toBe(400);
    const badBody = await badField.json();
    expect(badBody.error.code).toBe("INVALID_REQUEST");
    expect(badBody.error.issues).toEqual([{ path: "lines.0.quantity", message: "请填大于 0 的数量，最多 3 位小数" }]);

    const english = await call(
      ordersRoute.action,
      apiPost("/api/v1/orders", key.key, { ...orderBody(station.code), deliveryDate: "20/12/2026" }, { "Idempotency-Key": "en-1", "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5" }),
    );
    expect((await english.json()).error.issues).toEqual([{ path: "deliveryDate", message: "Enter a date as 2026-12-20" }]);

    const noKey = await post(orderBody(station.code), {});
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).error.code).toBe("IDEMPOTENCY_KEY_REQUIRED");

    const unknown = await post({ ...orderBody(station.code), lines: [{ productKey: "天麻", quantity: "1", unitPrice: "1.00" }] });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error).toMatchObject({ code: "UNPROCESSABLE", message: "这个服务站没有农户在卖这种货品。" });

    const otherCounty = await makeStation(db);
    const elsewhere = await post(orderBody(otherCounty.code));
    expect(elsewhere.status).toBe(422);
    expect(await countOrders(partner.id)).toBe(0);
    const [claims] = await rows<{ n: number }>(db, sql`select count(*)::int as n from partner_api_idempotency`);
    expect(claims!.n).toBe(0);
  });

  it("never shows one partner another partner's order (404), and lists only the partner's own", async () => {
    const db = testDb();
    const world = await makeApiWorld(db);
    const station2 = await makeStation(db, { villageId: (await makeVillage(db, { townshipId: (await rows<{ id: string }>(db, sql`select v.township_id as id from stations s join villages v on v.id = s.village_id where s.id = ${world.station.id}`))[0]!.id })).id });
    expect(await countyOfStation(db, station2)).toBe(world.partner.countyId);
    const rival = await makePartnerAt(db, world.station);
    const rivalKey = await createApiKey(db, { partnerId: rival.id, label: "rival", actorUserId: null, countyIds: "any" });
    const placed = await call(ordersRoute.action, apiPost("/api/v1/orders", world.key.key, orderBody(world.station.code), { "Idempotency-Key": "mine" }));
    const { id } = await placed.json();

    const mine = await call(orderRoute.loader, apiGet(`/api/v1/orders/${id}`, world.key.key), { id });
    expect(mine.status).toBe(200);
    expect((await mine.json()).id).toBe(id);
    const theirs = await call(orderRoute.loader, apiGet(`/api/v1/orders/${id}`, rivalKey.key), { id });
    expect(theirs.status).toBe(404);
    expect((await theirs.json()).error.code).toBe("NOT_FOUND");
    const garbage = await call(orderRoute.loader, apiGet("/api/v1/orders/not-an-id", world.key.key), { id: "not-an-id" });
    expect(garbage.status).toBe(404);

    expect((await (await call(ordersRoute.loader, apiGet("/api/v1/orders", world.key.key))).json()).orders.map((o: { id: string }) => o.id)).toEqual([id]);
    expect((await (await call(ordersRoute.loader, apiGet("/api/v1/orders", rivalKey.key))).json()).orders).toEqual([]);
    // The same Idempotency-Key is per partner: the rival's "mine" is a new order of its own.
    const rivalPlaced = await call(ordersRoute.action, apiPost("/api/v1/orders", rivalKey.key, orderBody(world.station.code), { "Idempotency-Key": "mine" }));
    expect(rivalPlaced.status).toBe(201);
    expect((await rivalPlaced.json()).id).not.toBe(id);
  });
});

/** Real concurrency needs real connections: PostgreSQL only (ADR 003). */
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) {
  console.info("partner-api: the 10-at-once Idempotency-Key test is not run on PGlite (one connection); set DATABASE_URL to run it on PostgreSQL.");
}

describe.runIf(onPostgres)("the same order request 10 times at once on PostgreSQL", () => {
  it("places one order and answers all ten alike", { timeout: 60_000 }, async () => {
    const db = testDb();
    const { station, partner, key } = await makeApiWorld(db);
    for (let round = 0; round < 5; round++) {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          call(ordersRoute.action, apiPost("/api/v1/orders", key.key, orderBody(station.code, "100"), { "Idempotency-Key": `burst-${round}` })),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const bodies = await Promise.all(responses.map((r) => r.json()));
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(responses.filter((r) => r.headers.get("Idempotent-Replayed") === null)).toHaveLength(1);
    }
    expect(await countOrders(partner.id)).toBe(5);
  });
});

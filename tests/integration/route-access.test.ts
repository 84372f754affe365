import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppLoadContext } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { landingPath } from "../../app/domain/permissions";
import { landingGrants, listGrants } from "../../app/models/identity/access.server";
import { createBulkOrder } from "../../app/models/partners/bulk-orders.server";
import { setAccountStatus } from "../../app/models/identity/users.server";
import type { AccessPolicy } from "../../app/utils/access";
import { makeCounty, makeStation, makeTownship, makeVillage } from "../factories/geography";
import { makeAccountant, makeBuyer, makeCommitteeMember, makeCountyAdmin, makeOperator, type MadeUser } from "../factories/identity";
import { DELIVERY_DATE } from "../factories/partners";
import { makeApiWorld, makePartnerAt, makePartnerUser } from "../factories/partner-portal";
import { testContext, testDb } from "../support/db";
import { get, type Outcome, outcome, post, sessionCookieFor } from "../support/http";

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");
const routeFiles = readdirSync(ROUTES_DIR).filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));

interface RouteModule {
  handle?: { access?: AccessPolicy };
  loader?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;
}

async function importRoute(file: string): Promise<RouteModule> {
  return import(path.join(ROUTES_DIR, file));
}

/** The URL path and params a flat-routes file name stands for, with sample values for its params. */
function pathFor(file: string, samples: Record<string, string>): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = file
    .replace(/\.(ts|tsx)$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (!s.startsWith("$")) return s;
      const name = s.slice(1);
      params[name] = samples[name] ?? "x";
      return params[name];
    });
  return { url: `/${segments.join("/")}`.replace(/\/_index$/, ""), params };
}

describe("every route declares its access policy", () => {
  it.each(routeFiles)("%s", async (file) => {
    const mod = await importRoute(file);
    const access = mod.handle?.access;
    expect(access, `${file} must export handle.access (public, signedIn, station, countyAdmin, partner or apiKey)`).toBeDefined();
    expect(["public", "signedIn", "station", "countyAdmin", "partner", "apiKey"]).toContain(access!.kind);
  });
});

describe("protected routes refuse strangers, whatever they declare", () => {
  let context: AppLoadContext;
  let samples: Record<string, string>;
  let buyerCookie: string;

  beforeEach(async () => {
    const db = testDb();
    context = testContext();
    const station = await makeStation(db);
    const operator = await makeOperator(db, station);
    const buyer = await makeBuyer(db);
    samples = { code: station.code, id: operator.id };
    buyerCookie = await sessionCookieFor(context, buyer.id);
  });

  it.each(routeFiles)("%s", async (file) => {
    const mod = await importRoute(file);
    const access = mod.handle!.access!;
    if (access.kind === "public") return;
    const { url, params } = pathFor(file, samples);
    // Signed out: sent to sign in, by the loader and by the action (an API route answers 401: no key).
    const signedOut = access.kind === "apiKey" ? 401 : "login";
    if (mod.loader) expect(await outcome(() => mod.loader!({ request: get(url), params, context }))).toBe(signedOut);
    if (mod.action) expect(await outcome(() => mod.action!({ request: post(url, {}), params, context }))).toBe(signedOut);
    // Signed in as a buyer: a station route is none of their business (404), an admin or partner route is
    // forbidden (403), an API route takes no cookie at all (401).
    const stranger =
      access.kind === "station" ? 404 : access.kind === "countyAdmin" || access.kind === "partner" ? 403 : access.kind === "apiKey" ? 401 : "ok";
    if (mod.loader) expect(await outcome(() => mod.loader!({ request: get(url, buyerCookie), params, context }))).toBe(stranger);
    if (mod.action && access.kind !== "signedIn") {
      expect(await outcome(() => mod.action!({ request: post(url, {}, buyerCookie), params, context }))).toBe(stranger);
    }
  });
});

describe("the authorization matrix", () => {
  type Who = "anonymous" | "buyer" | "operatorA" | "operatorB" | "committeeA" | "accountant" | "admin" | "otherAdmin" | "deactivated";
  const WHO: Who[] = ["anonymous", "buyer", "operatorA", "operatorB", "committeeA", "accountant", "admin", "otherAdmin", "deactivated"];

  /**
   * Stations A and B are in one township, D in another, all in one county. The accountant keeps
   * the books of A's township. otherAdmin runs a different county.
   */
  const MATRIX: { name: string; route: string; method?: "POST"; expect: Record<Who, Outcome> }[] = [
    {
      name: "GET /account",
      route: "account",
      expect: { anonymous: "login", buyer: "ok", operatorA: "ok", operatorB: "ok", committeeA: "ok", accountant: "ok", admin: "ok", otherAdmin: "ok", deactivated: "login" },
    },
    {
      name: "GET /admin",
      route: "admin._index",
      expect: { anonymous: "login", buyer: 403, operatorA: 403, operatorB: 403, committeeA: 403, accountant: 403, admin: "ok", otherAdmin: "ok", deactivated: "login" },
    },
    {
      name: "GET /admin/stations",
      route: "admin.stations",
      expect: { anonymous: "login", buyer: 403, operatorA: 403, operatorB: 403, committeeA: 403, accountant: 403, admin: "ok", otherAdmin: "ok", deactivated: "login" },
    },
    {
      name: "GET /admin/accounts",
      route: "admin.accounts._index",
      expect: { anonymous: "login", buyer: 403, operatorA: 403, operatorB: 403, committeeA: 403, accountant: 403, admin: "ok", otherAdmin: "ok", deactivated: "login" },
    },
    {
      name: "GET /admin/accounts/<operator A> (an account by id)",
      route: "admin.accounts.$id",
      expect: { anonymous: "login", buyer: 403, operatorA: 403, operatorB: 403, committeeA: 403, accountant: 403, admin: "ok", otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "GET /stations/A/manage",
      route: "stations.$code.manage@A",
      expect: { anonymous: "login", buyer: 404, operatorA: "ok", operatorB: 404, committeeA: "ok", accountant: "ok", admin: "ok", otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "GET /stations/B/manage",
      route: "stations.$code.manage@B",
      expect: { anonymous: "login", buyer: 404, operatorA: 404, operatorB: "ok", committeeA: 404, accountant: "ok", admin: "ok", otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "GET /stations/D/manage (another township)",
      route: "stations.$code.manage@D",
      expect: { anonymous: "login", buyer: 404, operatorA: 404, operatorB: 404, committeeA: 404, accountant: 404, admin: "ok", otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "GET /stations/nowhere/manage (no such station)",
      route: "stations.$code.manage@nowhere",
      expect: { anonymous: "login", buyer: 404, operatorA: 404, operatorB: 404, committeeA: 404, accountant: 404, admin: 404, otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "POST /stations/A/manage (edit the station)",
      route: "stations.$code.manage@A",
      method: "POST",
      expect: { anonymous: "login", buyer: 404, operatorA: "ok", operatorB: 404, committeeA: 403, accountant: 403, admin: 403, otherAdmin: 404, deactivated: "login" },
    },
    {
      name: "POST /admin/accounts/<operator A> (deactivate)",
      route: "admin.accounts.$id",
      method: "POST",
      expect: { anonymous: "login", buyer: 403, operatorA: 403, operatorB: 403, committeeA: 403, accountant: 403, admin: "ok", otherAdmin: 404, deactivated: "login" },
    },
  ];

  it("answers every role as the table says", async () => {
    const db = testDb();
    const context = testContext();
    const county = await makeCounty(db);
    const townshipA = await makeTownship(db, { countyId: county.id });
    const townshipD = await makeTownship(db, { countyId: county.id });
    const stationA = await makeStation(db, { villageId: (await makeVillage(db, { townshipId: townshipA.id })).id, code: "alpha" });
    const stationB = await makeStation(db, { villageId: (await makeVillage(db, { townshipId: townshipA.id })).id, code: "bravo" });
    const stationD = await makeStation(db, { villageId: (await makeVillage(db, { townshipId: townshipD.id })).id, code: "delta" });
    void stationD;
    const people: Record<Exclude<Who, "anonymous">, MadeUser> = {
      buyer: await makeBuyer(db),
      operatorA: await makeOperator(db, stationA),
      operatorB: await makeOperator(db, stationB),
      committeeA: await makeCommitteeMember(db, stationA),
      accountant: await makeAccountant(db, stationA),
      admin: await makeCountyAdmin(db, county.id),
      otherAdmin: await makeCountyAdmin(db),
      deactivated: await makeOperator(db, stationA),
    };
    const cookies = new Map<Who, string | undefined>([["anonymous", undefined]]);
    for (const [who, user] of Object.entries(people)) cookies.set(who as Who, await sessionCookieFor(context, user.id));
    // Deactivated after signing in: the session in hand must stop working at once.
    await setAccountStatus(db, { actorUserId: people.admin.id, userId: people.deactivated.id, status: "inactive", countyIds: [county.id] });

    const codes: Record<string, string> = { A: "alpha", B: "bravo", D: "delta", nowhere: "nowhere" };
    const failures: string[] = [];
    for (const row of MATRIX) {
      const [file, stationKey] = row.route.split("@") as [string, string | undefined];
      const mod = await importRoute(`${file}.tsx`);
      const params: Record<string, string> = {};
      if (stationKey) params.code = codes[stationKey]!;
      if (file.includes("$id")) params.id = people.operatorA.id;
      const { url } = pathFor(`${file}.tsx`, params);
      for (const who of WHO) {
        const cookie = cookies.get(who);
        // The admin POST deactivates someone else's account; give it a harmless intent instead.
        const body: Record<string, string> = file.includes("$id") ? { intent: "issue-code" } : { openingHoursZh: "每天 9:00–17:00" };
        const got = await outcome(() =>
          row.method === "POST"
            ? mod.action!({ request: post(url, body, cookie), params, context })
            : mod.loader!({ request: get(url, cookie), params, context }),
        );
        if (got !== row.expect[who]) failures.push(`${row.name} as ${who}: expected ${row.expect[who]}, got ${got}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("partner routes (issue 8)", () => {
  it("open to their own company's users only: others are sent to sign in (anonymous) or refused (403); another company's order is 404", async () => {
    const db = testDb();
    const context = testContext();
    const { station, partner } = await makeApiWorld(db);
    const rival = await makePartnerAt(db, station);
    const order = await createBulkOrder(db, {
      partnerId: partner.id,
      stationId: station.id,
      deliveryDate: DELIVERY_DATE,
      lines: [{ productKey: "金银花", quantity: "10", unitPrice: "30.00" }],
      placedByUserId: null,
      idempotencyKey: "route-access-1",
    });
    const who = {
      anonymous: undefined,
      buyer: await sessionCookieFor(context, (await makeBuyer(db)).id),
      operator: await sessionCookieFor(context, (await makeOperator(db, station)).id),
      admin: await sessionCookieFor(context, (await makeCountyAdmin(db, partner.countyId)).id),
      partnerUser: await sessionCookieFor(context, (await makePartnerUser(db, partner)).id),
      rivalUser: await sessionCookieFor(context, (await makePartnerUser(db, rival)).id),
    };
    type Who = keyof typeof who;
    const table: { route: string; params?: Record<string, string>; expect: Record<Who, Outcome> }[] = [
      { route: "partner._index", expect: { anonymous: "login", buyer: 403, operator: 403, admin: 403, partnerUser: "ok", rivalUser: "ok" } },
      { route: "partner.orders.new", expect: { anonymous: "login", buyer: 403, operator: 403, admin: 403, partnerUser: "ok", rivalUser: "ok" } },
      { route: "partner.orders.$id", params: { id: order.id }, expect: { anonymous: "login", buyer: 403, operator: 403, admin: 403, partnerUser: "ok", rivalUser: 404 } },
      { route: "partner.statements", expect: { anonymous: "login", buyer: 403, operator: 403, admin: 403, partnerUser: "ok", rivalUser: "ok" } },
      { route: "admin.partner-keys", expect: { anonymous: "login", buyer: 403, operator: 403, admin: "ok", partnerUser: 403, rivalUser: 403 } },
      // The API takes a key, never a session: a signed-in partner user's cookie is no key.
      { route: "api.v1.orders", expect: { anonymous: 401, buyer: 401, operator: 401, admin: 401, partnerUser: 401, rivalUser: 401 } },
    ];
    const failures: string[] = [];
    for (const row of table) {
      const file = routeFiles.find((f) => f.replace(/\.(ts|tsx)$/, "") === row.route)!;
      const mod = await importRoute(file);
      const { url } = pathFor(file, row.params ?? {});
      for (const [name, cookie] of Object.entries(who)) {
        const got = await outcome(() => mod.loader!({ request: get(url, cookie), params: row.params ?? {}, context }));
        if (got !== row.expect[name as Who]) failures.push(`${row.route} as ${name}: expected ${row.expect[name as Who]}, got ${got}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("land a partner user at /partner after sign-in", async () => {
    const db = testDb();
    const { partner } = await makeApiWorld(db);
    const user = await makePartnerUser(db, partner);
    const grants = await listGrants(db, { userId: user.id });
    expect(grants).toEqual([expect.objectContaining({ role: "partner_user", scope: "partner", partnerId: partner.id, placeNameZh: partner.nameZh })]);
    expect(landingPath(landingGrants(grants))).toBe("/partner");
  });
});

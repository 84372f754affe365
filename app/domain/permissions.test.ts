import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countiesWith, type Grant, grantCovers, landingPath, partnersWith, PERMISSIONS, permissionsAt, ROLE_NAMES, ROLES, roleFitsScope } from "./permissions";

const place = { stationId: "s1", townshipId: "t1", countyId: "c1" };
const grant = (role: string, scope: Grant["scope"], id: string | null): Grant => ({
  role,
  scope,
  countyId: scope === "county" ? id : null,
  townshipId: scope === "township" ? id : null,
  stationId: scope === "station" ? id : null,
});

describe("roles as data", () => {
  it("grant only known permissions, and every role names a scope it fits", () => {
    for (const role of ROLE_NAMES) {
      for (const p of ROLES[role].permissions) expect(PERMISSIONS).toContain(p);
      expect(roleFitsScope(role, ROLES[role].scope)).toBe(true);
    }
  });

  it("keep the committee member and the accountant away from every write", () => {
    for (const role of ["committee_member", "township_accountant"] as const) {
      const held: readonly string[] = ROLES[role].permissions;
      expect(held.filter((p) => p.endsWith(":write") || p === "station:update")).toEqual([]);
    }
  });
});

describe("permissionsAt", () => {
  it("gives an operator their station and nothing of the next one", () => {
    expect(permissionsAt([grant("station_operator", "station", "s1")], place).has("sales:write")).toBe(true);
    expect(permissionsAt([grant("station_operator", "station", "s2")], place).size).toBe(0);
  });

  it("gives a township accountant every station of the township, read and sign only", () => {
    const held = permissionsAt([grant("township_accountant", "township", "t1")], place);
    expect([...held].sort()).toEqual(["audit:read", "ledger:approve", "ledger:read", "notice:print", "period:sign", "station:read"]);
    expect(permissionsAt([grant("township_accountant", "township", "t2")], place).size).toBe(0);
  });

  it("gives a county admin read access in their county only", () => {
    expect(permissionsAt([grant("county_admin", "county", "c1")], place).has("station:read")).toBe(true);
    expect(permissionsAt([grant("county_admin", "county", "c1")], place).has("sales:write")).toBe(false);
    // The station's audit trail is its own people's: operator, committee, accountant — not the county's.
    expect(permissionsAt([grant("county_admin", "county", "c1")], place).has("audit:read")).toBe(false);
    expect(permissionsAt([grant("station_operator", "station", "s1")], place).has("audit:read")).toBe(true);
    expect(permissionsAt([grant("county_admin", "county", "c2")], place).size).toBe(0);
  });

  it("denies by default: unknown roles, mismatched scopes and buyers reach no station", () => {
    expect(grantCovers(grant("partner", "station", "s1"), place)).toBe(false);
    expect(grantCovers(grant("station_operator", "township", "t1"), place)).toBe(false);
    expect(grantCovers(grant("buyer", "global", null), place)).toBe(false);
  });

  it("is the union of what each covering grant gives, for any set of grants", () => {
    const arbGrant = fc.record({
      role: fc.constantFrom(...ROLE_NAMES, "partner"),
      scope: fc.constantFrom("global", "county", "township", "station" as const),
      id: fc.constantFrom("s1", "s2", "t1", "t2", "c1", "c2", null),
    });
    fc.assert(
      fc.property(fc.array(arbGrant, { maxLength: 6 }), (raw) => {
        const grants = raw.map((g) => grant(g.role, g.scope, g.id));
        const union = new Set(grants.filter((g) => grantCovers(g, place)).flatMap((g) => [...ROLES[g.role as keyof typeof ROLES].permissions]));
        expect(permissionsAt(grants, place)).toEqual(union);
      }),
    );
  });
});

describe("countiesWith", () => {
  it("lists the counties where a county role grants the permission", () => {
    const grants = [grant("county_admin", "county", "c1"), grant("station_operator", "station", "s1")];
    expect(countiesWith(grants, "admin:accounts")).toEqual(["c1"]);
    expect(countiesWith([grant("station_operator", "station", "s1")], "admin:accounts")).toEqual([]);
  });
});

describe("landingPath", () => {
  it("sends each role where its work is, the most senior role winning", () => {
    expect(landingPath([{ role: "county_admin", stationCode: null }])).toBe("/admin");
    expect(landingPath([{ role: "station_operator", stationCode: "huawu" }])).toBe("/stations/huawu/manage");
    expect(landingPath([{ role: "committee_member", stationCode: "weizhai" }])).toBe("/stations/weizhai/manage");
    expect(landingPath([{ role: "township_accountant", stationCode: "gaojin" }])).toBe("/stations/gaojin/manage");
    expect(landingPath([{ role: "buyer", stationCode: null }])).toBe("/account");
    expect(landingPath([])).toBe("/account");
    expect(landingPath([{ role: "buyer", stationCode: null }, { role: "station_operator", stationCode: "bajiao" }])).toBe("/stations/bajiao/manage");
    expect(landingPath([{ role: "station_operator", stationCode: null }])).toBe("/account"); // its station was closed
  });
});

describe("partner users (issue 8)", () => {
  const partnerGrant = (partnerId: string, role = "partner_user"): Grant => ({ role, scope: "partner", countyId: null, townshipId: null, stationId: null, partnerId });

  it("act for their own company only, and reach no station", () => {
    expect(partnersWith([partnerGrant("p1")], "partner:order")).toEqual(["p1"]);
    expect(partnersWith([partnerGrant("p1")], "ledger:read")).toEqual([]);
    expect(partnersWith([partnerGrant("p1", "station_operator")], "partner:read")).toEqual([]);
    expect(partnersWith([grant("county_admin", "county", "c1")], "partner:read")).toEqual([]);
    expect(permissionsAt([partnerGrant("p1")], place).size).toBe(0);
    expect(countiesWith([partnerGrant("p1")], "admin:accounts")).toEqual([]);
  });

  it("land at /partner, below staff of a station or the county", () => {
    expect(landingPath([{ role: "partner_user", stationCode: null }])).toBe("/partner");
    expect(landingPath([{ role: "partner_user", stationCode: null }, { role: "buyer", stationCode: null }])).toBe("/partner");
    expect(landingPath([{ role: "partner_user", stationCode: null }, { role: "station_operator", stationCode: "huawu" }])).toBe("/stations/huawu/manage");
  });
});

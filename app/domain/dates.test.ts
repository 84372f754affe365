import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, chinaToday, firstOfMonth, lastOfMonth, monthStartOnOrAfter, nextMonthStart, parseMonth } from "./dates";

describe("business dates", () => {
  test("move by days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(lastOfMonth("2024-02-10")).toBe("2024-02-29");
    expect(nextMonthStart("2025-12-31")).toBe("2026-01-01");
    expect(firstOfMonth("2025-07-19")).toBe("2025-07-01");
    expect(monthStartOnOrAfter("2025-07-01")).toBe("2025-07-01");
    expect(monthStartOnOrAfter("2025-07-02")).toBe("2025-08-01");
  });

  test("addDays there and back is the identity", () => {
    const day = fc.integer({ min: 0, max: 50_000 }).map((n) => addDays("1950-01-01", n));
    fc.assert(fc.property(day, fc.integer({ min: -1000, max: 1000 }), (d, n) => addDays(addDays(d, n), -n) === d));
  });

  test("read months written YYYY-MM only", () => {
    expect(parseMonth("2025-03")).toBe("2025-03");
    expect(parseMonth("2025-13")).toBeNull();
    expect(parseMonth("2025-3")).toBeNull();
    expect(parseMonth("1899-12")).toBeNull();
  });

  test("today at the stations is the UTC+8 calendar day", () => {
    expect(chinaToday(new Date("2025-12-31T15:59:59Z"))).toBe("2025-12-31");
    expect(chinaToday(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
  });
});

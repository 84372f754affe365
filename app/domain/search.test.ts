import { expect, test } from "vitest";
import { escapeLike, searchTerms } from "./search";

test("a query becomes lower-case, de-duplicated terms, full-width folded", () => {
  expect(searchTerms("  金银花  Honeysuckle ")).toEqual(["金银花", "honeysuckle"]);
  expect(searchTerms("ＨＯＮＥＹ，腊肉、腊肉")).toEqual(["honey", "腊肉"]);
  expect(searchTerms("")).toEqual([]);
  expect(searchTerms(null)).toEqual([]);
  expect(searchTerms("a b c d e f g")).toHaveLength(5);
});

test("LIKE wildcards are escaped", () => {
  expect(escapeLike("100%_off\\")).toBe("100\\%\\_off\\\\");
});

import { describe, expect, it } from "vitest";
import { checkEmail } from "./email";

describe("checkEmail", () => {
  it.each([
    ["anna@example.no"],
    ["anna+mall@example.no"],
    ["first.last@sub.domain.example.com"],
    ["UPPER@EXAMPLE.NO"],
    ["bjørn@eksempel.no"],
    ["kari@xn--eksmpel-exa.no"],
    ["user@bücher.de"],
    ["o'brien@example.ie"],
    ["a_b-c@example-mall.no"],
  ])("accepts %s", (email) => {
    expect(checkEmail(email)).toEqual({ ok: true, email });
  });

  it("trims the ends and keeps the case as typed", () => {
    expect(checkEmail("  Ola.Nordmann@Example.no \n")).toEqual({
      ok: true,
      email: "Ola.Nordmann@Example.no",
    });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["anna.example.no", "noAt"],
    ["anna @example.no", "spaces"],
    ["anna@exa mple.no", "spaces"],
    ["anna\t@example.no", "spaces"],
    ["@example.no", "badLocalPart"],
    ["Anna <anna@example.no>", "spaces"],
    ['"anna"@example.no', "badLocalPart"],
    ["anna@@example.no", "badLocalPart"],
    ["anna@example", "badDomain"],
    ["anna@", "badDomain"],
    ["anna@.example.no", "badDomain"],
    ["anna@example..no", "badDomain"],
    ["anna@example.no.", "badDomain"],
    ["anna@-example.no", "badDomain"],
    ["anna@127.0.0.1", "badDomain"],
    [
      `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(4)}.no`,
      "tooLong",
    ],
    [`anna@${"b".repeat(64)}.no`, "badDomain"],
    [`${"a".repeat(65)}@example.no`, "badLocalPart"],
  ])("refuses %j (%s)", (email, problem) => {
    expect(checkEmail(email)).toEqual({ ok: false, problem });
  });

  it("accepts exactly 254 characters", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.${"e".repeat(3)}.no`;
    expect(email).toHaveLength(254);
    expect(checkEmail(email).ok).toBe(true);
  });
});
